// A kill in the middle of a large import leaves the database as it was: intact, and with none of
// the file's rows (or, had the import finished first, all of them).
import { spawn } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { BIN, makeTempDir, on, removeTempDirs, ROOT, testEnv } from '../helpers/kesu.js';

afterAll(removeTempDirs);

const ROWS = 200_000;

function writeLargeFile(path: string): void {
  const lines = ['ref,receivedAt,customer,phone,category,description,assignee,solution,resolvedAt'];
  for (let i = 1; i <= ROWS; i++) {
    const minute = String(i % 60).padStart(2, '0');
    lines.push(`K-${i},2026-10-05 09:${minute},Customer ${i},138${String(i).padStart(8, '0')},quality,"Kettle ${i} leaks, water everywhere",Zhao Lei,Replaced it,2026-10-06`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

function walSize(db: string): number {
  return existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0;
}

it('SIGKILL part-way through a 200,000-row import: integrity ok, none or all of the rows', async () => {
  // given a database with one complaint already in it, and a large file
  const dir = makeTempDir();
  const db = join(dir, 'kesu.db');
  const file = join(dir, 'large.csv');
  writeLargeFile(file);
  const run = on(db);
  await run.ok('open', '--customer', 'Before', '--category', 'service', '--desc', 'Here before the import', '--received', '2026-10-01 09:00');
  const walBefore = walSize(db);

  // when the import has begun writing (its uncommitted pages spill into the WAL) and is killed
  const child = spawn(process.execPath, [BIN, '--db', db, 'import', file], { cwd: ROOT, env: testEnv(), stdio: 'ignore' });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let finished = false;
  void exited.then(() => (finished = true));
  while (!finished && walSize(db) < walBefore + 4_000_000) await sleep(20);
  const killedWhileWriting = !finished;
  child.kill('SIGKILL');
  const end = await exited;

  // then the database opens, is intact, and holds the complaint from before and none (or all) of the file
  const sqlite = new Database(db);
  try {
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const imported = (sqlite.prepare("SELECT count(*) AS n FROM complaints WHERE ref LIKE 'K-%'").get() as { n: number }).n;
    const events = (sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    const before = (sqlite.prepare("SELECT count(*) AS n FROM complaints WHERE customer = 'Before'").get() as { n: number }).n;
    expect(before).toBe(1);
    expect([0, ROWS]).toContain(imported);
    // Each imported form is opened, assigned and resolved: three events; the one before has one.
    expect(events).toBe(1 + imported * 3);
    if (killedWhileWriting) {
      expect(end.signal).toBe('SIGKILL');
      expect(imported).toBe(0);
    }
  } finally {
    sqlite.close();
  }
  // The import was killed part-way, not allowed to finish: otherwise this test proved nothing.
  expect(killedWhileWriting).toBe(true);

  // and the database takes the next write at once.
  await run.ok('open', '--customer', 'After', '--category', 'service', '--desc', 'Recorded after the kill', '--received', '2026-10-02 09:00');
  expect(await run.json<unknown[]>('list', '--status', 'all')).toHaveLength(2);
});
