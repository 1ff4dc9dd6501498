// Notifications by the shop's own command (issue 16, item 3): a real command (a script writing what
// it got to a file) run after a change, in a detached runner the kesu command does not wait for; a
// hanging one killed at the limit, a failing one logged with its stderr line; phones masked unless
// notify.phones yes; due --notify sends each item once; kesu notify test and log. The runner is a
// process of its own, so these tests wait for what it writes (polling, with a guard, never a timing
// assertion). Dates: Mon 7 Dec 2026 is today; Fri 4 Dec the last working day before it.
import { existsSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectFailure, kesuAsync, makeDb, makeTempDir, on, removeTempDirs, type Kesu } from '../helpers/kesu.js';

afterAll(removeTempDirs);

const NOW = '2026-12-07T10:00:00+08:00';

interface LogEntry {
  readonly type: string;
  readonly complaintId: number | null;
  readonly eventSeq: number | null;
  readonly outcome: string;
  readonly exitCode: number | null;
  readonly stderr: string | null;
}

/** A notifier that appends what it got, one JSON line per run: its KESU_EVENT, KESU_ID and stdin. */
function recordingNotifier(dir: string): { command: string; received: () => { event: string; id: string; stdin: Record<string, unknown> }[] } {
  const script = join(dir, 'notifier.sh');
  const out = join(dir, 'received.txt');
  writeFileSync(script, `#!/bin/sh\nprintf '%s\\t%s\\t' "$KESU_EVENT" "$KESU_ID" >> "${out}"\ntr -d '\\n' >> "${out}"\necho >> "${out}"\n`);
  chmodSync(script, 0o755);
  return {
    command: script,
    received: () =>
      existsSync(out)
        ? readFileSync(out, 'utf8')
            .trimEnd()
            .split('\n')
            .map((line) => {
              const [event, id, stdin] = line.split('\t');
              return { event: event!, id: id!, stdin: JSON.parse(stdin!) as Record<string, unknown> };
            })
        : [],
  };
}

/** Waits until `done` holds, or fails after a guard of 20 s (a guard against a hang, not a measure of speed). */
async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean): Promise<T> {
  for (let tries = 0; tries < 400; tries++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('waited 20 s for the notification runner');
}

function groupAlive(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
}

const log = (run: Kesu): Promise<LogEntry[]> => run.json<LogEntry[]>('notify', 'log');
const settled = (entries: LogEntry[]): boolean => entries.length > 0 && entries.every((entry) => entry.outcome !== 'pending');

/** A store with complaint 1 (王芳, her phone also in the description), closed as withdrawn, and the notifier set. */
async function closedComplaint(command: string, env: Record<string, string> = {}): Promise<Kesu & { db: string }> {
  const db = makeDb();
  const run = Object.assign(on(db, { now: NOW, env }), { db });
  await run.ok('open', '--customer', '王芳', '--phone', '13800138000', '--category', 'quality', '--desc', '水壶漏水，回电 13800138000', '--received', '2026-12-04 09:00');
  await run.ok('close', '1', '--reason', 'withdrawn');
  await run.ok('config', 'set', 'notify.command', command);
  await run.ok('config', 'set', 'shop.name', '好运电器');
  return run;
}

describe('notifications after a change', () => {
  it('reopen runs the command once, with the event and the complaint as JSON on stdin and KESU_EVENT/KESU_ID, phones masked', async () => {
    const notifier = recordingNotifier(makeTempDir());
    const run = await closedComplaint(notifier.command);
    await run.ok('reopen', '1', '--note', '客户又来电', '--by', '小李');
    const [entry] = await until(() => log(run), settled);
    expect(entry).toEqual({ id: 1, at: NOW, type: 'reopened', complaintId: 1, eventSeq: 3, outcome: 'sent', exitCode: 0, stderr: null });
    const received = notifier.received();
    expect(received).toHaveLength(1);
    expect(received[0]!.event).toBe('reopened');
    expect(received[0]!.id).toBe('1');
    const { test, event, complaint, shop } = received[0]!.stdin as { test: boolean; event: unknown; complaint: Record<string, unknown>; shop: unknown };
    expect(test).toBe(false);
    expect(event).toEqual({ seq: 3, type: 'reopened', at: NOW, by: '小李', note: '客户又来电', deadline: null });
    expect(shop).toEqual({ name: '好运电器' });
    expect(complaint).toMatchObject({ id: 1, status: 'open', reopenCount: 1, customer: { name: '王芳', phone: '*******8000' }, description: '水壶漏水，回电 ***' });
    expect(JSON.stringify(complaint)).not.toContain('13800138000');
    // the default notify.on does not include closed or opened: nothing else was sent
    expect(await log(run)).toHaveLength(1);
  });

  it('a major complaint escalated as it is recorded, and its passed deadline escalated by escalate --overdue: each one sent', async () => {
    const notifier = recordingNotifier(makeTempDir());
    const run = on(makeDb(), { now: NOW });
    await run.ok('config', 'set', 'notify.command', notifier.command);
    await run.ok('config', 'set', 'escalate.to', '王店长');
    // major: answered within 24 hours, by Sat 5 Dec 09:00, passed by now
    await run.ok('open', '--customer', '王芳', '--category', 'quality', '--severity', 'major', '--desc', '烫伤', '--received', '2026-12-04 09:00');
    await run.ok('escalate', '--overdue');
    const entries = await until(() => log(run), (found) => found.length === 2 && settled(found));
    expect(entries.map((entry) => [entry.type, entry.eventSeq, entry.outcome])).toEqual([
      ['escalated', 3, 'sent'],
      ['escalated', 2, 'sent'],
    ]);
    // Two runners, one per command: in the order they ran, which need not be the order they were started.
    const received = notifier
      .received()
      .map(({ event, id, stdin }) => [event, id, (stdin.event as { note: string | null }).note, (stdin.complaint as { escalation: { reason: string; to: string } }).escalation] as const)
      .sort((a, b) => (a[3].reason === 'major' ? -1 : b[3].reason === 'major' ? 1 : 0));
    expect(received).toEqual([
      ['escalated', '1', null, { at: '2026-12-04T09:00:00+08:00', by: 'root', to: '王店长', reason: 'major', note: null }],
      ['escalated', '1', null, { at: NOW, by: 'root', to: '王店长', reason: 'deadline-passed', note: null }],
    ]);
  });

  it('notify.phones yes sends the phone as typed', async () => {
    const notifier = recordingNotifier(makeTempDir());
    const run = await closedComplaint(notifier.command);
    expect(await run.ok('config', 'set', 'notify.phones', 'yes')).toBe('notify.phones is now yes (phones in full) (was no (phones masked)).\n');
    await run.ok('reopen', '1');
    await until(() => log(run), settled);
    const complaint = notifier.received()[0]!.stdin.complaint as { customer: { phone: string }; description: string };
    expect(complaint.customer.phone).toBe('13800138000');
    expect(complaint.description).toBe('水壶漏水，回电 13800138000');
  });

  it('a failing command (exit 3) is logged as failed with the first line of its stderr; the kesu command succeeds', async () => {
    const run = await closedComplaint(`echo 'smtp: connection refused' >&2; echo 'second line' >&2; exit 3`);
    const result = await run('reopen', '1');
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    const [entry] = await until(() => log(run), settled);
    expect(entry).toMatchObject({ type: 'reopened', outcome: 'failed', exitCode: 3, stderr: 'smtp: connection refused' });
    const table = await run.ok('notify', 'log');
    expect(table).toMatch(/│ reopened │ 1 +│ 3 +│ failed +│ 3 +│ smtp: connection refused │/);
  });

  it('a hanging command: kesu has exited while it still runs, and the log later says timed out, its process group killed', async () => {
    const dir = makeTempDir();
    const pidFile = join(dir, 'pid');
    const limit = { KESU_NOTIFY_TIMEOUT_MS: '2000' };
    const run = await closedComplaint(`echo $$ > '${pidFile}'; sleep 60`, limit);
    // a real kesu process: it must exit without waiting for its runner
    const reopened = await kesuAsync(['--db', run.db, 'reopen', '1'], { env: { ...limit, KESU_NOW: NOW } });
    expect({ code: reopened.code, stderr: reopened.stderr }).toEqual({ code: 0, stderr: '' });
    // kesu has exited; the notification has no outcome yet: its command still runs (or is starting)
    expect((await log(run)).map((entry) => entry.outcome)).toEqual(['pending']);
    const group = Number(await until(() => (existsSync(pidFile) ? readFileSync(pidFile, 'utf8') : ''), (text) => text.trim() !== ''));
    const [entry] = await until(() => log(run), settled);
    expect(entry).toMatchObject({ type: 'reopened', outcome: 'timed-out', exitCode: null });
    // killed, the group is gone once its processes are reaped (the sleep of 60 s would keep it)
    await until(() => groupAlive(group), (alive) => !alive);
  });
});

describe('kesu due --notify', () => {
  it('sends each overdue item and each due today once: a second run the same day sends nothing', async () => {
    const notifier = recordingNotifier(makeTempDir());
    const run = on(makeDb(), { now: NOW });
    // 1: normal, received Fri 20 Nov: answer due Fri 27 Nov, overdue. 2: urgent, received Fri 4 Dec: answer due today.
    await run.ok('open', '--customer', '李四', '--category', 'service', '--desc', 'rude', '--received', '2026-11-20 09:00');
    await run.ok('open', '--customer', '张三', '--category', 'delivery', '--desc', 'late', '--severity', 'urgent', '--received', '2026-12-04 09:00');
    await run.ok('config', 'set', 'notify.command', notifier.command);
    await run.ok('config', 'set', 'notify.on', 'overdue,due');
    const first = await run.ok('due', '--notify');
    expect(first).toContain('Sent 2 notifications; kesu notify log says how each went.\n');
    expect(first).toContain('Overdue (1)');
    await until(() => log(run), (entries) => settled(entries) && entries.length === 2);
    const second = await run.ok('due', '--notify');
    expect(second).toContain('Sent 0 notifications (2 sent before, not again); kesu notify log says how each went.\n');
    const received = notifier.received();
    expect(received.map(({ event, id }) => `${event} ${id}`).sort()).toEqual(['due 2', 'overdue 1']);
    const overdue = received.find(({ event }) => event === 'overdue')!.stdin as { event: unknown };
    expect(overdue.event).toEqual({ seq: null, type: 'overdue', at: NOW, by: 'kesu', note: null, deadline: { kind: 'answer', due: '2026-11-27T23:59:59+08:00' } });
    expect(await log(run)).toHaveLength(2);
  });

  it('in Chinese, and without a command it sends nothing and says how to set one', async () => {
    const run = on(makeDb(), { now: NOW });
    await run.ok('open', '--customer', '李四', '--category', 'service', '--desc', 'rude', '--received', '2026-11-20 09:00');
    expect(await run.ok('--lang', 'zh', 'due', '--notify')).toContain('未设置 notify.command，未发送通知；用 kesu config set notify.command 命令 设置。\n');
    expect(await run.json('notify', 'log')).toEqual([]);
  });
});

describe('kesu notify test and the settings', () => {
  it('a command that leaves a child holding its stderr is done when it exits, not when the child does', async () => {
    const dir = makeTempDir();
    const late = join(dir, 'late');
    const pidFile = join(dir, 'pid');
    const run = on(makeDb(), { now: NOW });
    await run.ok('config', 'set', 'notify.command', `setsid sh -c 'echo $$ > "${pidFile}"; sleep 30; touch "${late}"' & echo started >&2; exit 0`);
    expect(await run.ok('notify', 'test')).toBe('The test notification was sent: the command exited with 0.\n');
    // the child it left is still there, 30 s from done: kesu did not wait for it
    expect(existsSync(late)).toBe(false);
    const child = Number(readFileSync(pidFile, 'utf8'));
    process.kill(-child, 'SIGKILL');
  });

  it('notify test on a database that is not there says so and makes none', async () => {
    const missing = join(makeTempDir(), 'typo.db');
    expect(expectFailure(await on(missing, { now: NOW })('notify', 'test'), 1)).toBe(`There is no kesu database at ${missing}; check --db or KESU_DB, or record a complaint with kesu open to start one there.`);
    expect(existsSync(missing)).toBe(false);
  });

  it('notify test sends a sample marked as a test and waits for it; a failure exits 1 with its stderr line', async () => {
    const notifier = recordingNotifier(makeTempDir());
    const run = on(makeDb(), { now: NOW });
    await run.ok('config', 'set', 'notify.command', notifier.command);
    expect(await run.ok('notify', 'test')).toBe('The test notification was sent: the command exited with 0.\n');
    const [sample] = notifier.received();
    expect(sample!.event).toBe('test');
    expect(sample!.id).toBe('0');
    expect(sample!.stdin).toMatchObject({ test: true, event: { type: 'test' }, complaint: { customer: { name: 'TEST 测试', phone: '*******0000' } } });
    await run.ok('config', 'set', 'notify.command', 'echo "curl: (6) Could not resolve host" >&2; exit 6');
    expect(expectFailure(await run('notify', 'test'), 1)).toBe('The test notification failed (exit code 6): curl: (6) Could not resolve host; check notify.command (kesu config).');
    expect((await log(run)).map((entry) => `${entry.type} ${entry.outcome}`)).toEqual(['test failed', 'test sent']);
  });

  it('notify test without a command is refused; notify.on refuses a name it cannot notify, naming the choices', async () => {
    const run = on(makeDb(), { now: NOW });
    await run.ok('config', 'set', 'shop.name', '好运电器'); // a store, with no notify.command
    expect(expectFailure(await run('notify', 'test'), 1)).toBe("notify.command is not set, so there is nothing to test; set it with kesu config set notify.command 'CMD'.");
    const refused = expectFailure(await run('config', 'set', 'notify.on', 'reopened,bogus'), 1);
    expect(refused).toContain('"bogus" is not something kesu can notify; use a comma list of: opened, logged,');
    expect(refused).toContain('reopened, corrected, voided, unvoided, waiting, resumed, escalated, overdue, due.');
    // a pasted page is quoted by its start, as every other refusal quotes a value
    expect(expectFailure(await run('config', 'set', 'notify.on', 'x'.repeat(100_000)), 1).length).toBeLessThan(400);
    expect(expectFailure(await run('config', 'set', 'notify.phones', 'y'.repeat(100_000)), 1).length).toBeLessThan(200);
    // the default (escalated, when this build has it, reopened and overdue) replaced by the list given
    expect(await run.ok('config', 'set', 'notify.on', 'Reopened， due')).toMatch(/^notify\.on is now reopened,due \(was (escalated,)?reopened,overdue\)\.\n$/);
  });
});
