// Faults a shop's machine meets: a full disk, read-only files and media, a kill in the middle of a
// write. Every write that cannot be done says `unwritable` in one sentence and leaves what was there
// as it was; `kesu check` finds the store sound afterwards, with nothing lost.
// The full disk is a small tmpfs where the test may mount one (root), else a file-size limit (ulimit
// -f); read-only media are a tmpfs remounted read-only, else a folder the test user may not write.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, expectJsonFailure, expectOk, makeTempDir, removeTempDirs, ROOT, testEnv, type KesuResult } from '../helpers/kesu.js';

const mounted: string[] = [];
afterAll(() => {
  for (const dir of mounted.splice(0)) spawnSync('umount', ['-l', dir]);
  removeTempDirs();
});

const isRoot = process.getuid?.() === 0;
/** The unprivileged user a root test runs kesu as, where read-only must mean read-only. */
const NOBODY = 65534;

/** A tmpfs of `size` mounted at a new folder, or null where this test may not mount one (KESU_TEST_NO_MOUNT=1: as if so). */
function tmpfs(size: string): string | null {
  if (!isRoot || process.env.KESU_TEST_NO_MOUNT === '1') return null;
  const dir = makeTempDir();
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0777`, 'tmpfs', dir]);
  if (result.status !== 0) return null;
  mounted.push(dir);
  return dir;
}

interface RunOptions {
  /** Blocks of 512 bytes any file kesu writes may reach (ulimit -f), for a full disk without a mount. */
  readonly fileSizeLimit?: number;
  /** Run as this user (root tests of read-only files). */
  readonly uid?: number;
  readonly input?: string;
}

/** kesu as a shop runs it, with the fault given. */
function run(args: readonly string[], { fileSizeLimit, uid }: RunOptions = {}): KesuResult {
  const command = fileSizeLimit === undefined ? [process.execPath, BIN, ...args] : ['bash', '-c', `ulimit -f ${fileSizeLimit}; exec "$0" "$@"`, process.execPath, BIN, ...args];
  const result = spawnSync(command[0]!, command.slice(1), {
    cwd: ROOT,
    env: testEnv(),
    encoding: 'utf8',
    timeout: 60_000,
    ...(uid === undefined ? {} : { uid, gid: uid }),
  });
  return { stdout: result.stdout, stderr: result.stderr, code: result.status, signal: result.signal };
}

const ok = (args: readonly string[], options?: RunOptions): string => {
  const result = run(args, options);
  expectOk(result);
  return result.stdout;
};

/** Every complaint with its events, as export --format json has them: what must never change or be lost. */
const everything = (db: string, options?: RunOptions): string => ok(['--db', db, 'export', '--format', 'json'], options);

function expectSound(db: string, options?: RunOptions): void {
  const result = run(['--db', db, 'check'], options);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/is sound/);
}

/** A store with a few complaints in every state. */
function fillStore(db: string): void {
  const at = (id: string, ...args: string[]) => ok(['--db', db, ...args.slice(0, 1), id, ...args.slice(1)]);
  for (let n = 1; n <= 6; n++) {
    ok(['--db', db, 'open', '--customer', `Customer ${n}`, '--phone', `1380013800${n}`, '--category', 'quality', '--desc', `Complaint ${n}`, '--received', `2026-11-0${n} 09:00`]);
  }
  at('1', 'assign', '--to', 'Zhang', '--at', '2026-11-01 10:00');
  at('2', 'resolve', '--solution', 'Replaced', '--at', '2026-11-02 10:00');
  at('3', 'close', '--reason', 'withdrawn', '--at', '2026-11-03 10:00');
}

/** Forms enough to need several megabytes of database. */
function bigCsv(file: string, rows: number): void {
  const lines = ['receivedAt,customer,category,description'];
  for (let n = 0; n < rows; n++) lines.push(`2026-10-${String((n % 28) + 1).padStart(2, '0')},Customer ${n},quality,${'A complaint that takes some room. '.repeat(8)}${n}`);
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** Names in a folder that are kesu's temporary files (made beside a file before it is put in place). */
const leftovers = (dir: string): string[] => readdirSync(dir).filter((name) => /\.kesu-\d+-|\.importing-|\.new-\d+-/.test(name));

describe('a full disk', () => {
  let disk: string | null;
  let dir: string;
  let db: string;
  let before: string;
  /** On a tmpfs the disk is full; without one, each file kesu writes may not grow (ulimit -f). */
  let full: RunOptions;
  let holder: Database.Database | undefined;

  beforeAll(() => {
    disk = tmpfs('4m');
    dir = disk ?? makeTempDir();
    db = join(dir, 'k.db');
    fillStore(db);
    ok(['--db', db, 'export', '--out', join(dir, 'earlier-export.csv')]);
    ok(['--db', db, 'report', '--month', '2026-11', '--out', join(dir, 'earlier-report.txt')]);
    ok(['--db', db, 'backup', join(dir, 'earlier-backup.db')]);
    before = everything(db);
    if (disk) {
      // Another connection open, as in a shop where a report or a terminal has the store open: with
      // none, SQLite removes its -wal and -shm files at close and needs room to make them again.
      holder = new Database(db, { readonly: true });
      holder.prepare('SELECT count(*) FROM complaints').get();
      // every block of the disk taken
      spawnSync('dd', ['if=/dev/zero', `of=${join(disk, 'filler')}`, 'bs=64k'], { stdio: 'ignore' });
      full = {};
    } else {
      // No file kesu writes may grow past 8 KB: neither the store's WAL nor a new file.
      full = { fileSizeLimit: 16 };
    }
  });

  const afterwards = (): void => {
    if (disk) rmSync(join(disk, 'filler'), { force: true });
    holder?.close();
    expect(everything(db)).toBe(before);
    expectSound(db);
    expect(leftovers(dir)).toEqual([]);
  };

  it('a change to the store is one unwritable sentence, and the store is as it was', () => {
    // The WAL may have room left from earlier writes: complaints go in until the disk says no.
    let failed: KesuResult | null = null;
    for (let n = 0; n < 60 && failed === null; n++) {
      const snapshot = everything(db);
      const result = run(['--db', db, '--json', 'open', '--customer', 'Li', '--category', 'quality', '--desc', `${'x'.repeat(3000)} ${n}`], full);
      if (result.code === 0) continue;
      failed = result;
      expect(everything(db)).toBe(snapshot);
    }
    const error = expectJsonFailure(failed!, 1);
    expect(error.code).toBe('unwritable');
    expect(error.message).toMatch(/^Cannot write the database .*k\.db \(.*\); nothing was changed, so free disk space \(or check the disk\) and run the command again\.$/);
    before = everything(db);
  });

  it('an import into the store, and into a new database, imports nothing and leaves nothing behind', () => {
    const csv = join(makeTempDir(), 'forms.csv');
    bigCsv(csv, 2000);
    expect(expectJsonFailure(run(['--db', db, '--json', 'import', csv], full), 1).code).toBe('unwritable');
    const fresh = join(dir, 'fresh.db');
    expect(expectJsonFailure(run(['--db', fresh, '--json', 'import', csv], full), 1).code).toBe('unwritable');
    expect(existsSync(fresh)).toBe(false);
    expect(leftovers(dir)).toEqual([]);
  });

  it('a new database is not left empty or half made', () => {
    if (!disk) return; // a file-size limit leaves room for a new empty database
    const fresh = join(dir, 'new.db');
    expect(expectJsonFailure(run(['--db', fresh, '--json', 'open', '--customer', 'Li', '--category', 'quality', '--desc', 'x'], full), 1).code).toBe('unwritable');
    expect(existsSync(fresh)).toBe(false);
    expect(leftovers(dir)).toEqual([]);
  });

  it('export, report and backup leave the earlier file as it was', () => {
    const limit = disk ? full : { fileSizeLimit: 1 };
    const files = { export: join(dir, 'earlier-export.csv'), report: join(dir, 'earlier-report.txt'), backup: join(dir, 'earlier-backup.db') };
    const kept = Object.fromEntries(Object.entries(files).map(([name, file]) => [name, readFileSync(file)]));
    expect(expectJsonFailure(run(['--db', db, '--json', 'export', '--format', 'json', '--out', files.export], limit), 1).code).toBe('unwritable');
    expect(expectJsonFailure(run(['--db', db, '--json', 'report', '--month', '2026-11', '--format', 'html', '--out', files.report], limit), 1).code).toBe('unwritable');
    expect(expectJsonFailure(run(['--db', db, '--json', 'backup', files.backup], limit), 1).code).toBe('unwritable');
    for (const [name, file] of Object.entries(files)) expect(readFileSync(file)).toEqual(kept[name]);
    expect(leftovers(dir)).toEqual([]);
  });

  it('afterwards the store is sound, with nothing lost', () => {
    afterwards();
  });
});

describe('read-only files and media', () => {
  it('a new database in a folder kesu may not write is unwritable, and nothing is made', () => {
    const media = tmpfs('1m');
    let folder: string;
    let as: RunOptions = {};
    if (media) {
      folder = media;
      spawnSync('mount', ['-o', 'remount,ro', media]);
    } else {
      folder = makeTempDir();
      chmodSync(folder, 0o555);
      if (isRoot) as = { uid: NOBODY };
    }
    const db = join(folder, 'sub', 'k.db');
    const result = run(['--db', db, '--json', 'open', '--customer', 'Li', '--category', 'quality', '--desc', 'x'], as);
    const error = expectJsonFailure(result, 1);
    expect(error.code).toBe('unwritable');
    expect(error.message).toMatch(/^Cannot create the database .*k\.db \((permission denied|a read-only file system)\); give a writable place with --db or KESU_DB\.$/);
    expect(existsSync(join(folder, 'sub'))).toBe(false);
  });

  it('a read-only database (chmod 444) is read by list, show, due, report, export and backup; a change is refused', () => {
    const dir = makeTempDir();
    const db = join(dir, 'k.db');
    fillStore(db);
    expectOk(run(['--db', db, 'config', 'set', 'notify.command', 'cat >/dev/null']));
    const before = everything(db);
    chmodSync(db, 0o444);
    // root may write anything: the read-only file is read as an ordinary user
    const as: RunOptions = isRoot ? { uid: NOBODY } : {};
    if (isRoot) {
      chmodSync(dir, 0o777);
      for (const name of readdirSync(dir)) chownSync(join(dir, name), NOBODY, NOBODY);
    }
    for (const args of [['list', '--status', 'all'], ['show', '1'], ['due'], ['report', '--month', '2026-11'], ['export'], ['backup', join(dir, 'copy.db')]]) {
      expectOk(run(['--db', db, ...args], as));
    }
    expect(everything(db, as)).toBe(before);
    const refused = expectJsonFailure(run(['--db', db, '--json', 'log', '1', 'a note'], as), 1);
    expect(refused.code).toBe('unwritable');
    expect(refused.message).toMatch(/^Cannot write the database .*k\.db \(.*\); it is read-only here/);
    // due --notify records what it sends: refused as a change is, never "sent"
    expect(expectJsonFailure(run(['--db', db, '--json', 'due', '--notify'], as), 1).code).toBe('unwritable');
    expect(everything(db, as)).toBe(before);
  });

  it('a database on read-only media, or in a folder kesu may not write, is read from a private copy', () => {
    const media = tmpfs('8m');
    const folder = media ?? makeTempDir();
    const db = join(folder, 'k.db');
    fillStore(db);
    const before = everything(db);
    let as: RunOptions = {};
    if (media) spawnSync('mount', ['-o', 'remount,ro', media]);
    else {
      chmodSync(db, 0o444);
      chmodSync(folder, 0o555);
      if (isRoot) as = { uid: NOBODY };
    }
    expect(everything(db, as)).toBe(before);
    expect(ok(['--db', db, 'list', '--status', 'all'], as)).toMatch(/Customer 6/);
    expectSound(db, as);
    expect(expectJsonFailure(run(['--db', db, '--json', 'log', '1', 'a note'], as), 1).code).toBe('unwritable');
    // nothing is left in the temporary folder
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith('kesu-read-'))).toEqual([]);
  });

  it('a backup on read-only media is read as it is', () => {
    const media = tmpfs('8m');
    const dir = makeTempDir();
    const db = join(dir, 'k.db');
    fillStore(db);
    const target = media ?? makeTempDir();
    const backup = join(target, 'kesu-backup.db');
    ok(['--db', db, 'backup', backup]);
    let as: RunOptions = {};
    if (media) spawnSync('mount', ['-o', 'remount,ro', media]);
    else {
      chmodSync(backup, 0o444);
      chmodSync(target, 0o555);
      if (isRoot) as = { uid: NOBODY };
    }
    expect(everything(backup, as)).toBe(everything(db));
    expect(ok(['--db', backup, 'report', '--month', '2026-11', '--format', 'json'], as)).toBe(ok(['--db', db, 'report', '--month', '2026-11', '--format', 'json']));
    expectSound(backup, as);
    expect(expectJsonFailure(run(['--db', backup, '--json', 'close', '1', '--reason', 'duplicate'], as), 1).code).toBe('unwritable');
  });
});

describe('a kill in the middle of a write', () => {
  /** Starts kesu and kills it (SIGKILL) once it has run `ms`, or when it ends by itself. */
  const killedAfter = (args: readonly string[], ms: number): Promise<void> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: testEnv(), stdio: 'ignore' });
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      child.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });

  it('leaves the store sound, holding all or none of each write, and earlier output files whole', async () => {
    const dir = makeTempDir();
    const db = join(dir, 'k.db');
    fillStore(db);
    const out = join(dir, 'export.json');
    const backup = join(dir, 'backup.db');
    ok(['--db', db, 'export', '--format', 'json', '--out', out]);
    ok(['--db', db, 'backup', backup]);
    const csv = join(dir, 'forms.csv');
    bigCsv(csv, 20_000);
    const keptExport = readFileSync(out);
    const keptBackup = readFileSync(backup);
    for (const ms of [60, 150, 300, 600]) {
      await killedAfter(['--db', db, 'import', csv], ms);
      const count = (JSON.parse(everything(db)) as unknown[]).length;
      expect([6, 6 + 20_000]).toContain(count);
      await Promise.all([
        killedAfter(['--db', db, 'export', '--format', 'json', '--out', out], ms / 3),
        killedAfter(['--db', db, 'backup', backup], ms / 3),
        killedAfter(['--db', db, 'log', '1', 'a note', '--at', '2026-12-01 09:00'], ms / 3),
      ]);
      expectSound(db);
      // the earlier file, or a whole new one: never a piece
      const exported = readFileSync(out);
      if (!exported.equals(keptExport)) expect(() => JSON.parse(exported.toString('utf8'))).not.toThrow();
      const copy = readFileSync(backup);
      if (!copy.equals(keptBackup)) {
        const check = join(dir, 'copy-of-backup.db');
        copyFileSync(backup, check);
        expectSound(check);
        rmSync(check);
      }
      if (count > 6) break;
    }
  });
});
