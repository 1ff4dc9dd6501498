// The database file: owner-only from its first byte, and several kesu processes writing at once lose nothing.
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/sqlite/db.js';
import { MIGRATIONS } from '../../src/store/sqlite/migrations/index.js';
import { BIN, expectOk, kesu, makeDb, makeTempDir, on, removeTempDirs, ROOT, testEnv, type ComplaintJson } from '../helpers/kesu.js';

afterAll(removeTempDirs);

describe('the database file', () => {
  it('is created with mode 0600, and a missing directory with 0700', async () => {
    // given a path in a directory that does not exist yet
    const db = join(makeTempDir(), 'data', 'kesu', 'kesu.db');
    // when kesu first writes to it
    expectOk(await kesu(['--db', db, 'config', 'set', 'by', 'Li']));
    // then only the owner can read or write it
    expect((statSync(db).mode & 0o777).toString(8)).toBe('600');
    expect((statSync(dirname(db)).mode & 0o777).toString(8)).toBe('700');
  });

  it('stays 0600 after complaints are written, whatever the umask', async () => {
    const db = makeDb();
    const result = await kesu(['--db', db, 'open', '--customer', 'Li', '--category', 'quality', '--desc', 'x', '--received', '2026-11-02 09:00']);
    expectOk(result);
    expect((statSync(db).mode & 0o777).toString(8)).toBe('600');
  });

  it('comes from KESU_DB when --db is not given', async () => {
    const db = makeDb();
    expectOk(await kesu(['config'], { env: { KESU_DB: db } }));
    expect((statSync(db).mode & 0o777).toString(8)).toBe('600');
  });
});

describe('a database written by an older kesu', () => {
  it('is brought up to date on first use, saying so on stderr once', async () => {
    // given a store at the first schema (migrations keep records: test/store/report-counts.test.ts)
    const db = makeDb();
    openDatabase(db, { migrations: MIGRATIONS.slice(0, 1) }).close();
    // when this kesu first opens it
    const first = await kesu(['--db', db, '--json', 'list']);
    // then it says why the command may take a while, in one JSON warning, and works as usual
    expect(first.code).toBe(0);
    const warning = JSON.parse(first.stderr.trim()) as { warning: { code: string; message: string } };
    expect(warning.warning.code).toBe('upgrading');
    expect(warning.warning.message).toMatch(/^Updating the database .* \(schema 1 to \d+\); .*leaves the database as it was\.$/);
    expect(JSON.parse(first.stdout)).toEqual([]);
    // and only once
    expectOk(await kesu(['--db', db, 'list']));
  });

  it('is left as it was when bringing it up to date fails, with the error after the warning', async () => {
    // given a store at the first schema that already holds a table the next schema would create
    const db = makeDb();
    const old = openDatabase(db, { migrations: MIGRATIONS.slice(0, 1) });
    old.exec('CREATE TABLE event_facts (x)');
    old.close();
    // when this kesu first opens it
    const result = await kesu(['--db', db, '--json', 'list']);
    // then the warning said before the work is followed by the error, and nothing is printed on stdout
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const [warning, error, ...rest] = result.stderr.trim().split('\n').map((line) => JSON.parse(line) as Record<string, { code: string; message: string }>);
    expect(rest).toEqual([]);
    expect(warning!.warning!.code).toBe('upgrading');
    expect(error!.error!.code).toBe('unwritable');
    expect(error!.error!.message).toMatch(/^Cannot bring the database .* up to date \(table event_facts already exists\); it is left as it was/);
    // and the file is still at the first schema
    const after = openDatabase(db, { migrations: MIGRATIONS.slice(0, 1) });
    expect(after.pragma('user_version', { simple: true })).toBe(1);
    after.close();
  });
});

describe('several processes writing at once', () => {
  const WRITERS = 4;
  const ENTRIES = 12;

  /** A process that runs `kesu log 1 "writer W entry N"` ENTRIES times in sequence; prints the failures as JSON. */
  const writer = (db: string, w: number): Promise<{ code: number | null; out: string }> => {
    const script = `
      const { spawnSync } = require('node:child_process');
      const failures = [];
      for (let n = 1; n <= ${ENTRIES}; n++) {
        const r = spawnSync(process.execPath, [${JSON.stringify(BIN)}, '--db', ${JSON.stringify(db)}, 'log', '1', 'writer ${w} entry ' + n], { encoding: 'utf8' });
        if (r.status !== 0) failures.push({ n, status: r.status, stderr: r.stderr });
      }
      process.stdout.write(JSON.stringify(failures));
      process.exitCode = failures.length ? 1 : 0;
    `;
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', script], { cwd: ROOT, env: testEnv(), stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out }));
    });
  };

  it(`${WRITERS} processes × ${ENTRIES} log entries on one complaint: all succeed, none lost, seq without gaps`, async () => {
    // given one complaint
    const db = makeDb();
    const run = on(db);
    await run.ok('open', '--customer', 'Li', '--category', 'quality', '--desc', 'Cracked cup', '--received', '2026-11-02 09:00');
    // when four writers start at the same moment
    const results = await Promise.all(Array.from({ length: WRITERS }, (_, i) => writer(db, i + 1)));
    // then every command succeeded
    expect(results.map((r) => JSON.parse(r.out) as unknown[])).toEqual(Array.from({ length: WRITERS }, () => []));
    expect(results.map((r) => r.code)).toEqual(Array.from({ length: WRITERS }, () => 0));
    // and the timeline has the opening and every entry, numbered from 1 without gaps
    const c = await run.json<ComplaintJson>('show', '1');
    const events = c.events!;
    expect(events).toHaveLength(1 + WRITERS * ENTRIES);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 1 + WRITERS * ENTRIES }, (_, i) => i + 1));
    expect(events.filter((e) => e.type === 'logged')).toHaveLength(WRITERS * ENTRIES);
    const expected = Array.from({ length: WRITERS }, (_, w) => Array.from({ length: ENTRIES }, (_, n) => `writer ${w + 1} entry ${n + 1}`)).flat();
    expect(events.slice(1).map((e) => e.note).sort()).toEqual(expected.sort());
    // each writer's entries are in its own order
    for (let w = 1; w <= WRITERS; w++) {
      const mine = events.map((e) => e.note).filter((note) => note?.startsWith(`writer ${w} `));
      expect(mine).toEqual(Array.from({ length: ENTRIES }, (_, n) => `writer ${w} entry ${n + 1}`));
    }
  }, 180_000);
});
