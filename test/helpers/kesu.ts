// Running the real kesu (bin/kesu.js on the built dist/) as a user would, on a temp database.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { currentTime } from '../../src/cli/clock.js';
import type { runCli } from '../../src/cli/program.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The launcher under test; KESU_TEST_BIN runs the same tests against another build (to show a test fails on an older one). */
export const BIN = process.env.KESU_TEST_BIN ?? join(ROOT, 'bin', 'kesu.js');
/** The built modules the in-process runs load (KESU_TEST_BIN's build, when it is given). */
const DIST = join(process.env.KESU_TEST_BIN === undefined ? ROOT : join(process.env.KESU_TEST_BIN, '..', '..'), 'dist');

export interface KesuResult {
  readonly stdout: string;
  readonly stderr: string;
  /** The exit code; null only when the process was killed (e.g. by the timeout). */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface KesuOptions {
  /** Added to the test environment; `undefined` removes a variable. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Written to stdin, which is then closed (stdin is never a terminal here). */
  readonly input?: string;
  /** A guard against a process that waits forever; not an assertion on speed. */
  readonly timeout?: number;
  /** Another copy of the launcher to run (default: this repository's bin/kesu.js); processes only. */
  readonly bin?: string;
  /** A fixed clock for an in-process run (an ISO time with its offset). */
  readonly now?: string;
  /** An in-process run whose stdout is a terminal this many columns wide (stdin and stderr still are not). */
  readonly columns?: number;
}

/** The environment every e2e run starts from: no colour, Shanghai time, English, no KESU_DB. */
export function testEnv(extra: KesuOptions['env'] = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', TZ: 'Asia/Shanghai', LANG: 'en_US.UTF-8' };
  for (const name of ['KESU_DB', 'KESU_DEBUG', 'LC_ALL', 'LC_MESSAGES', 'LANGUAGE', 'FORCE_COLOR']) delete env[name];
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/**
 * Runs kesu in this process, through its Io seam (src/cli/io.ts), as the built CLI (dist/, which
 * `npm test` builds first: the import's reading thread runs from there), with the output captured.
 * The clock is the real one unless `now` is given; stdin, stdout (unless `terminal`) and stderr are not terminals. What
 * is about processes (the launcher, a TTY, a kill, parallel writers, another time zone) runs
 * `kesuProcess` instead.
 */
export async function kesu(args: readonly string[], options: KesuOptions = {}): Promise<KesuResult> {
  const env = testEnv(options.env);
  if (options.bin !== undefined || (env.TZ ?? '') !== (process.env.TZ ?? '')) {
    throw new Error('kesu in-process runs in this process\'s time zone and build; use kesuProcess for another');
  }
  const cli = await inProcessCli();
  let stdout = '';
  let stderr = '';
  const code = await cli.runCli(args, {
    out: (text) => (stdout += text),
    err: (text) => (stderr += text),
    env,
    now: options.now === undefined ? cli.currentTime : () => options.now as ReturnType<typeof cli.currentTime>,
    terminal: { stdin: () => false, stdout: () => options.columns !== undefined, stderr: () => false, columns: () => options.columns },
  });
  return { stdout, stderr, code, signal: null };
}

let loaded: Promise<{ runCli: typeof runCli; currentTime: typeof currentTime }> | null = null;

/** The built CLI's program (typed as its source), loaded once. */
function inProcessCli() {
  loaded ??= Promise.all([import(`${DIST}/cli/program.js`), import(`${DIST}/cli/clock.js`)]).then(([program, clock]) => ({ ...program, ...clock }));
  return loaded;
}

/** Runs `node bin/kesu.js ...args` as a process, to completion. */
export function kesuProcess(args: readonly string[], options: KesuOptions = {}): KesuResult {
  const result = spawnSync(process.execPath, [options.bin ?? BIN, ...args], {
    cwd: ROOT,
    env: testEnv(options.env),
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeout ?? 30_000,
  });
  if (result.error && (result.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, code: result.status, signal: result.signal };
}

/** Runs kesu as a process without blocking, so that several can run at once; stdin stays open unless `input` is given. */
export function kesuAsync(args: readonly string[], options: KesuOptions = {}): Promise<KesuResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: testEnv(options.env), timeout: options.timeout ?? 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ stdout, stderr, code, signal }));
    if (options.input !== undefined) child.stdin.end(options.input);
  });
}

/** kesu on one database, in-process: `const run = on(db); await run('show', '1')`. */
export function on(db: string, options: KesuOptions = {}) {
  const run = (...args: string[]): Promise<KesuResult> => kesu(['--db', db, ...args], options);
  /** Runs with `--json`, expects success and returns the parsed stdout. */
  run.json = async <T = Record<string, unknown>>(...args: string[]): Promise<T> => {
    const result = await kesu(['--db', db, '--json', ...args], options);
    expectOk(result);
    return JSON.parse(result.stdout) as T;
  };
  /** Runs and expects success, returning stdout. */
  run.ok = async (...args: string[]): Promise<string> => {
    const result = await kesu(['--db', db, ...args], options);
    expectOk(result);
    return result.stdout;
  };
  return run;
}

/** kesu on one database as a process (for what is about processes): `const run = onProcess(db); run('show', '1')`. */
export function onProcess(db: string, options: KesuOptions = {}) {
  const run = (...args: string[]): KesuResult => kesuProcess(['--db', db, ...args], options);
  run.json = <T = Record<string, unknown>>(...args: string[]): T => {
    const result = kesuProcess(['--db', db, '--json', ...args], options);
    expectOk(result);
    return JSON.parse(result.stdout) as T;
  };
  run.ok = (...args: string[]): string => {
    const result = kesuProcess(['--db', db, ...args], options);
    expectOk(result);
    return result.stdout;
  };
  return run;
}

export type Kesu = ReturnType<typeof on>;

const tempDirs: string[] = [];

/** A fresh temporary directory. */
export function makeTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kesu-e2e-'));
  tempDirs.push(dir);
  return dir;
}

/** A database path in a fresh temporary directory (the file itself does not exist yet). */
export function makeDb(name = 'kesu.db'): string {
  return join(makeTempDir(), name);
}

/** Removes every directory made by makeTempDir in this test file; call it from afterAll. */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function expectOk(result: KesuResult): void {
  expect(result.stderr, `stderr of a command that should succeed (stdout: ${result.stdout})`).toBe('');
  expect(result.code).toBe(0);
}

/** Lines that look like a JavaScript stack frame. */
export const STACK_LINE = /^\s{4}at /m;

/** A failed command: the exit code, nothing on stdout, one line on stderr, no stack trace. Returns the message. */
export function expectFailure(result: KesuResult, code: 1 | 2): string {
  expect(result.signal, 'the process must end by itself').toBeNull();
  expect({ code: result.code, stdout: result.stdout }).toEqual({ code, stdout: '' });
  expect(result.stderr).not.toMatch(STACK_LINE);
  expect(result.stderr).toMatch(/^kesu: .+\n$/);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  return result.stderr.slice('kesu: '.length).trimEnd();
}

/** A failed command run with --json: `{"error":{"code","message"}}` on stderr. Returns the error. */
export function expectJsonFailure(result: KesuResult, code: 1 | 2): { code: string; message: string } {
  expect(result.signal).toBeNull();
  expect({ code: result.code, stdout: result.stdout }).toEqual({ code, stdout: '' });
  expect(result.stderr).not.toMatch(STACK_LINE);
  const parsed = JSON.parse(result.stderr) as { error: { code: string; message: string } };
  expect(Object.keys(parsed)).toEqual(['error']);
  expect(Object.keys(parsed.error).sort()).toEqual(['code', 'message']);
  expect(typeof parsed.error.code).toBe('string');
  expect(typeof parsed.error.message).toBe('string');
  return parsed.error;
}

/** One clear sentence: starts with a capital (or a flag, a quote, Chinese), ends with a full stop. */
export function expectSentence(message: string): void {
  expect(message).toMatch(/^[A-Z"“\-\u4e00-\u9fff]/);
  expect(message).toMatch(/[.。]$/);
  expect(message).not.toMatch(/\n/);
  expect(message).not.toMatch(/undefined|null|\[object/);
}

/** ISO 8601 with an explicit offset (Shanghai: +08:00). */
export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2})$/;

const COMPLAINT_KEYS = [
  'id',
  'uuid',
  'ref',
  'status',
  'outcome',
  'severity',
  'category',
  'channel',
  'customer',
  'description',
  'request',
  'order',
  'receivedAt',
  'receivedBy',
  'assignee',
  'department',
  'substantiated',
  'responsibility',
  'finding',
  'rootCause',
  'correctiveAction',
  'solution',
  'compensation',
  'approvedBy',
  'deadlines',
  'overdue',
  'reopenCount',
  'answeredAt',
  'resolvedAt',
  'closedAt',
  'voided',
  'waiting',
  'majorCriterion',
  'escalation',
  'followups',
] as const;

export interface ComplaintJson {
  id: number;
  uuid: string;
  ref: string | null;
  status: string;
  outcome: string | null;
  severity: string;
  category: string;
  channel: string;
  customer: { name: string; phone: string | null };
  description: string;
  request: string | null;
  order: string | null;
  receivedAt: string;
  receivedBy: string;
  assignee: string | null;
  department: string | null;
  substantiated: boolean | null;
  responsibility: string | null;
  finding: string | null;
  rootCause: string | null;
  correctiveAction: string | null;
  solution: string | null;
  compensation: { kind: string | null; amount: string | null };
  approvedBy: string | null;
  deadlines: { answer: string | null; solution: string | null; followup: string | null };
  overdue: string[];
  reopenCount: number;
  answeredAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  voided: { at: string; by: string; reason: string } | null;
  waiting: { since: string; on: string; by: string; note: string | null } | null;
  majorCriterion: string | null;
  escalation: { at: string; by: string; to: string | null; reason: string; note: string | null } | null;
  followups: { at: string; method: string; satisfaction: number; note: string | null }[];
  sameCustomer?: { count: number; newest: { id: number; status: string; receivedAt: string }[] };
  events?: {
    seq: number;
    type: string;
    at: string;
    by: string;
    note: string | null;
    changes: { field: string; before: string | null; after: string | null }[] | null;
    details?: Record<string, unknown> | null;
  }[];
}

/**
 * The documented complaint shape: every key present (absent values are null, never missing),
 * camelCase, ids numbers, times ISO with offset, money a decimal string; `show` adds the same
 * customer's other complaints.
 */
export function expectComplaintShape(
  value: unknown,
  { events, details = false, show = false, agenda = false }: { events: boolean; details?: boolean; show?: boolean; agenda?: boolean },
): asserts value is ComplaintJson {
  const c = value as ComplaintJson;
  const keys = [...COMPLAINT_KEYS, ...(events ? ['events'] : []), ...(show ? ['sameCustomer'] : []), ...(agenda ? ['agenda'] : [])];
  expect(Object.keys(c).sort()).toEqual([...keys].sort());
  for (const key of Object.keys(c)) expect(key).toMatch(/^[a-z][a-zA-Z]*$/);
  expect(Number.isInteger(c.id)).toBe(true);
  expect(c.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(Object.keys(c.customer).sort()).toEqual(['name', 'phone']);
  expect(Object.keys(c.compensation).sort()).toEqual(['amount', 'kind']);
  if (c.compensation.amount !== null) expect(c.compensation.amount).toMatch(/^\d+\.\d{2}$/);
  expect(Object.keys(c.deadlines).sort()).toEqual(['answer', 'followup', 'solution']);
  for (const due of Object.values(c.deadlines)) if (due !== null) expect(due).toMatch(ISO_WITH_OFFSET);
  for (const time of [c.receivedAt, c.answeredAt, c.resolvedAt, c.closedAt]) if (time !== null) expect(time).toMatch(ISO_WITH_OFFSET);
  if (c.voided !== null) {
    expect(Object.keys(c.voided).sort()).toEqual(['at', 'by', 'reason']);
    expect(c.voided.at).toMatch(ISO_WITH_OFFSET);
  }
  expect(c.receivedAt).not.toBeNull();
  expect(Array.isArray(c.overdue)).toBe(true);
  expect(Number.isInteger(c.reopenCount)).toBe(true);
  for (const f of c.followups) {
    expect(Object.keys(f).sort()).toEqual(['at', 'method', 'note', 'satisfaction']);
    expect(f.at).toMatch(ISO_WITH_OFFSET);
    expect(Number.isInteger(f.satisfaction)).toBe(true);
  }
  if (events) {
    c.events!.forEach((e, index) => {
      expect(Object.keys(e).sort()).toEqual(details ? ['at', 'by', 'changes', 'details', 'note', 'seq', 'type'] : ['at', 'by', 'changes', 'note', 'seq', 'type']);
      expect(e.seq).toBe(index + 1);
      if (e.type === 'corrected') {
        expect(e.changes!.length).toBeGreaterThan(0);
        for (const change of e.changes!) expect(Object.keys(change).sort()).toEqual(['after', 'before', 'field']);
      } else expect(e.changes).toBeNull();
      expect(e.at).toMatch(ISO_WITH_OFFSET);
    });
  }
  if (show) {
    expect(Object.keys(c.sameCustomer!).sort()).toEqual(['count', 'newest']);
    expect(Number.isInteger(c.sameCustomer!.count)).toBe(true);
    for (const other of c.sameCustomer!.newest) {
      expect(Object.keys(other).sort()).toEqual(['id', 'receivedAt', 'status']);
      expect(other.receivedAt).toMatch(ISO_WITH_OFFSET);
    }
  }
}
