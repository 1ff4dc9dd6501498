// Notifications by the shop's own command (notify.command). After a change commits, the
// notifications are queued in the store (the log's rows, outcome pending, with the JSON each command
// reads) and a detached runner (notify-runner.ts) is started to send them; the kesu command returns
// without waiting for it. The runner runs the command with `sh -c`, the JSON on stdin, KESU_EVENT and
// KESU_ID in its environment, within a time limit, and records each outcome in the log.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fold, type Complaint, type ComplaintEvent } from '../../workflow/complaint.js';
import { decide } from '../../workflow/transitions.js';
import { LOCAL_ZONE } from '../clock.js';
import type { AgendaItem } from '../../workflow/notify.js';
import type { Settings } from '../../workflow/settings.js';
import type { IsoTime } from '../../workflow/time.js';
import type { NotificationResult, NotificationToSend, QueuedNotification, Store } from '../../store/index.js';
import { warn, type CliContext } from '../context.js';
import { redactComplaintJson } from '../render/export.js';
import { complaintJson } from '../render/json.js';

/** How long a notification command may run: then its process group is killed. */
const DEFAULT_TIMEOUT_MS = 10_000;
/** What is kept of the command's stderr: its first line, cut. */
const STDERR_LINE_MAX = 200;

/** The limit, which only tests shorten (KESU_NOTIFY_TIMEOUT_MS). */
export function notifyTimeout(env: NodeJS.ProcessEnv): number {
  const given = Number(env.KESU_NOTIFY_TIMEOUT_MS);
  return Number.isInteger(given) && given > 0 ? given : DEFAULT_TIMEOUT_MS;
}

interface PayloadEvent {
  readonly seq: number | null;
  readonly type: string;
  readonly at: IsoTime;
  readonly by: string;
  readonly note: string | null;
  /** For `overdue` and `due`: the deadline and when it ends; null for an event. */
  readonly deadline: { readonly kind: string; readonly due: IsoTime } | null;
}

/** The JSON a notification command reads on stdin; `test` is true only for kesu notify test. */
function payload(event: PayloadEvent, complaint: object, settings: Settings): string {
  return JSON.stringify({ test: false, event, complaint, shop: { name: settings.shop.name } });
}

/** The complaint as its JSON shape, masked unless notify.phones is yes; with a function for each event's masked note. */
async function complaintPayload(store: Store, settings: Settings, complaint: Complaint, events: readonly ComplaintEvent[], now: IsoTime) {
  const shown = complaintJson(complaint, now, events);
  const json = settings.notify.phones ? shown : redactComplaintJson(complaint, { ...shown, events: shown.events! }, { shortPhones: await store.shortPhones() });
  const eventOf = (seq: number) => json.events!.find((event) => event.seq === seq)!;
  return { json, eventOf };
}

/** After a change committed: the added events the shop is notified of, sent in the background. */
export async function notifyEvents(context: CliContext, settings: Settings, complaint: Complaint, events: readonly ComplaintEvent[], notified: readonly ComplaintEvent[]): Promise<void> {
  await guarded(context, async () => {
    const store = await context.store();
    const { json, eventOf } = await complaintPayload(store, settings, complaint, events, context.now);
    const items = notified.map((event): NotificationToSend => {
      const shown = eventOf(event.seq);
      const sent: PayloadEvent = { seq: event.seq, type: event.type, at: event.at, by: shown.by, note: shown.note, deadline: null };
      return { type: event.type, complaintId: complaint.id, eventSeq: event.seq, payload: payload(sent, json, settings) };
    });
    await startRunner(context, settings.notify.command!, await store.queueNotifications(context.now, items));
  });
}

/** `due --notify`: the agenda items never sent before, sent in the background; how many were. */
export async function notifyAgenda(context: CliContext, store: Store, settings: Settings, items: readonly AgendaItem[]): Promise<number> {
  const toSend: NotificationToSend[] = [];
  for (const item of items) {
    const found = await store.find(item.complaint.id);
    const { json } = await complaintPayload(store, settings, found.complaint, found.events, context.now);
    const event: PayloadEvent = { seq: null, type: item.notice, at: context.now, by: 'kesu', note: null, deadline: { kind: item.deadline, due: item.due } };
    toSend.push({ type: item.notice, complaintId: item.complaint.id, eventSeq: null, payload: payload(event, json, settings), once: { deadline: item.deadline, dueOn: item.dueOn } });
  }
  // Sending them is this command's whole job: a store it cannot record them in fails it (unwritable),
  // never "sent"; only the runner, once they are recorded, is a warning when it cannot start.
  const ids = await store.queueNotifications(context.now, toSend);
  await guarded(context, () => startRunner(context, settings.notify.command!, ids));
  return ids.length;
}

/** A notification must never fail the kesu command: what goes wrong is a warning. */
async function guarded(context: CliContext, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    warnFailed(context, error instanceof Error ? error.message : String(error));
  }
}

function warnFailed(context: CliContext, why: string): void {
  warn(context, 'notify-failed', {
    en: `The notification could not be sent (${why}); kesu notify log keeps it, and kesu notify test tries the command.`,
    zh: `通知未能发出（${why}）；kesu notify log 中有记录，可用 kesu notify test 检查通知命令。`,
  });
}

/**
 * Starts the runner for the queued notifications, detached, and returns once it has started (not
 * when it ends). A runner that cannot start is known at once: its notifications are recorded as
 * failed, and said in a warning.
 */
async function startRunner(context: CliContext, command: string, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const runner = fileURLToPath(new URL('./notify-runner.js', import.meta.url));
  // The command as the change found it: a notify.command changed a moment later does not change what was sent.
  const child = spawn(process.execPath, [runner, resolve(context.dbPath), command, ...ids.map(String)], { detached: true, stdio: 'ignore', env: context.env });
  const started = await new Promise<Error | null>((done) => {
    child.once('spawn', () => done(null));
    child.once('error', done);
  });
  if (started === null) {
    child.unref();
    return;
  }
  const store = await context.store();
  for (const id of ids) await store.recordNotification(id, { outcome: 'failed', exitCode: null, stderr: `kesu could not start its notification runner: ${started.message}` });
  throw started;
}

/** Sends the queued notifications one after the other, recording each outcome as it comes. */
export async function sendQueued(store: Store, command: string, queued: readonly QueuedNotification[], env: NodeJS.ProcessEnv): Promise<void> {
  for (const notification of queued) {
    let result: NotificationResult;
    try {
      result = await runCommand(command, notification, env);
    } catch (error) {
      result = { outcome: 'failed', exitCode: null, stderr: firstLine(error instanceof Error ? error.message : String(error)) };
    }
    await store.recordNotification(notification.id, result);
  }
}

/**
 * Runs the shop's command once: `sh -c COMMAND` in a process group of its own, the payload on its
 * stdin, what it is about in KESU_EVENT and KESU_ID (never in the command line). At the time limit
 * the whole group is killed (a pipeline, or what the command started).
 */
function runCommand(command: string, notification: Pick<QueuedNotification, 'type' | 'complaintId' | 'payload'>, env: NodeJS.ProcessEnv): Promise<NotificationResult> {
  const child = spawn('sh', ['-c', command], {
    detached: true,
    stdio: ['pipe', 'ignore', 'pipe'],
    env: { ...env, KESU_EVENT: notification.type, KESU_ID: notification.complaintId === null ? '' : String(notification.complaintId) },
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    if (stderr.length < 64 * 1024) stderr += chunk;
  });
  // A command that does not read its stdin closes it early: not a failure of the notification.
  child.stdin!.on('error', () => {});
  child.stdin!.end(notification.payload);
  return new Promise((done) => {
    let exitCode: number | null = null;
    let grace: NodeJS.Timeout | undefined;
    // Once: the stderr pipe let go, so that nothing the command left running (a child in a session
    // of its own holding the pipe) keeps this runner past the limit.
    const finish = (result: NotificationResult): void => {
      clearTimeout(timer);
      clearTimeout(grace);
      child.stderr!.destroy();
      done(result);
    };
    const timer = setTimeout(() => {
      killGroup(child.pid);
      finish(exitCode === null ? { outcome: 'timed-out', exitCode: null, stderr: firstLine(stderr) } : outcomeOf(exitCode, stderr));
    }, notifyTimeout(env));
    child.once('exit', (code, signal) => {
      // Killed by a signal: the code a shell gives it (128 + its number).
      exitCode = code ?? 128 + (signal === null ? 0 : (constants.signals[signal] ?? 0));
      // The command has ended: what it wrote to stderr is read for a moment more, not waited for.
      grace = setTimeout(() => finish(outcomeOf(exitCode!, stderr)), STDERR_GRACE_MS);
    });
    child.once('close', () => finish(outcomeOf(exitCode ?? 1, stderr)));
    child.once('error', (error) => finish({ outcome: 'failed', exitCode: null, stderr: firstLine(error.message) }));
  });
}

/** How long stderr is read after the command has exited, for what a child it left still writes. */
const STDERR_GRACE_MS = 500;

function outcomeOf(exitCode: number, stderr: string): NotificationResult {
  return { outcome: exitCode === 0 ? 'sent' : 'failed', exitCode, stderr: firstLine(stderr) };
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group has ended already.
  }
}

/** The first line with anything on it, cut; null for none. */
function firstLine(text: string): string | null {
  const line = text.split(/\r?\n/).find((candidate) => candidate.trim() !== '');
  return line === undefined ? null : [...line.trim()].slice(0, STDERR_LINE_MAX).join('');
}

/**
 * `kesu notify test`: a made-up complaint, clearly a test (`test: true`, KESU_EVENT=test, KESU_ID=0),
 * sent now and waited for; recorded in the log as any other.
 */
export async function sendTest(context: CliContext, store: Store, settings: Settings, command: string): Promise<NotificationResult> {
  const complaint = sampleComplaint(settings, context.now);
  const event: PayloadEvent = { seq: 1, type: 'test', at: context.now, by: 'kesu', note: 'kesu notify test', deadline: null };
  const json = complaintJson(complaint.complaint, context.now, complaint.events);
  const shown = settings.notify.phones ? json : redactComplaintJson(complaint.complaint, { ...json, events: json.events! }, { shortPhones: [] });
  const text = JSON.stringify({ test: true, event, complaint: shown, shop: { name: settings.shop.name } });
  const [id] = await store.queueNotifications(context.now, [{ type: 'test', complaintId: null, eventSeq: null, payload: text }]);
  const result = await runCommand(command, { type: 'test', complaintId: 0, payload: text }, context.env);
  await store.recordNotification(id!, result);
  return result;
}

function sampleComplaint(settings: Settings, now: IsoTime) {
  const events = decide(
    null,
    {
      type: 'open',
      uuid: '00000000-0000-4000-8000-000000000000',
      at: now,
      by: 'kesu',
      dateOnly: false,
      ref: null,
      customer: 'TEST 测试',
      phone: '13800000000',
      channel: 'phone',
      category: 'quality',
      severity: 'major',
      description: 'A test of the notification command (kesu notify test); no customer complained. 通知命令测试，并无真实投诉。',
      request: null,
      order: null,
    },
    { now, settings, zone: LOCAL_ZONE },
  );
  const numbered = events.map((event, index) => ({ ...event, seq: index + 1 }));
  return { complaint: fold(0, events), events: numbered };
}
