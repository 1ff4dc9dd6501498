// kesu check [--repair] end to end: a sound store; rows, customer links and report facts that
// disagree with the events, named and rebuilt; events themselves damaged; a damaged file.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJsonFailure, expectOk, expectSentence, kesu, makeDb, on, removeTempDirs, STACK_LINE } from '../helpers/kesu.js';
import { damageEventsPage, importForms, seedShop } from '../helpers/shop.js';

afterAll(removeTempDirs);

interface CheckJson {
  ok: boolean;
  complaints: number | null;
  events: number | null;
  problems: { complaint: number | null; what: string }[];
  problemCount: number;
  repaired: { rows: number; facts: number; links: number; search: number; index: boolean } | null;
}

/** Runs SQL on the database behind kesu's back (the write-ahead log is checkpointed when it closes). */
function tamper(db: string, sql: string): void {
  const raw = new Database(db);
  raw.exec(sql);
  raw.close();
}

/** A failure with lines on stdout and one sentence on stderr, no stack trace: returns both. */
function expectProblems(result: { stdout: string; stderr: string; code: number | null }): { lines: string[]; message: string } {
  expect(result.code).toBe(1);
  expect(result.stderr).not.toMatch(STACK_LINE);
  expect(result.stderr).toMatch(/^kesu: .+\n$/);
  const message = result.stderr.slice('kesu: '.length).trimEnd();
  expectSentence(message);
  return { lines: result.stdout.trimEnd().split('\n'), message };
}

const hashOf = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('kesu check', () => {
  it('on a sound store exits 0 with one line counting what it checked, in English, Chinese and JSON', async () => {
    const db = makeDb();
    const run = await seedShop(db);
    const result = await run('check');
    expectOk(result);
    expect(result.stdout).toBe(`The database ${db} is sound: 4 complaints, 12 events checked.\n`);
    expect(await run.ok('--lang', 'zh', 'check')).toBe(`数据库 ${db} 完好：已检查 4 条投诉、12 个事件。\n`);
    const json = await run.json<CheckJson>('check');
    expect(json).toEqual({ ok: true, complaints: 4, events: 12, problems: [], problemCount: 0, repaired: null });
    expect(Object.keys(json)).toEqual(['ok', 'complaints', 'events', 'problems', 'problemCount', 'repaired']);
  });

  it('on a store of imported forms is sound', async () => {
    const db = makeDb();
    const run = await importForms(db, 300);
    expect(await run.json<CheckJson>('check')).toMatchObject({ ok: true, complaints: 300 });
  });

  describe('rows and report facts that disagree with the events', () => {
    // given a store, what list and report say of it, and then four kinds of damage behind kesu's back
    const db = makeDb();
    const run = on(db);
    let before: { list: string; report: unknown };
    beforeAll(async () => {
      await seedShop(db);
      before = { list: await run.ok('list', '--status', 'all'), report: await run.json('report', '--month', '2026-10') };
      tamper(
        db,
        `UPDATE complaints SET status = 'closed' WHERE id = 2;
         DELETE FROM event_facts WHERE complaint_id = 1 AND seq = 3;
         UPDATE event_facts SET satisfaction = 5 WHERE complaint_id = 1 AND seq = 4;
         UPDATE complaints SET previous_on = '2026-10-01' WHERE id = 4;`,
      );
    });

    it('are named one a line, with the complaint, and the sentence says to run kesu check --repair (exit 1, invalid)', async () => {
      // the damage matters: complaint 2 is no longer listed, the report counts another satisfaction and no compensation of 50
      expect(await run.ok('list')).not.toMatch(/^ *2 /m);
      expect(await run.json('report', '--month', '2026-10')).not.toEqual(before.report);

      const { lines, message } = expectProblems(await run('check'));
      expect(lines).toEqual([
        'complaint 1: event 3 has no report facts',
        'complaint 1: the report facts of event 4 have satisfaction 5, but the event says 2',
        'complaint 2: its row has status "closed", but its events say "open"',
        `complaint 4: its row has previous_on "2026-10-01" (the day its customer's previous complaint was received), but it should be "2026-10-12"`,
      ]);
      expect(message).toBe(
        `The database ${db} has 4 problems (listed above): rows or report facts that disagree with the events; run kesu check --repair to rebuild them from the events, which are the record.`,
      );
    });

    it('are listed in JSON too, with the error on stderr', async () => {
      const result = await kesu(['--db', db, '--json', 'check']);
      expect(result.code).toBe(1);
      const json = JSON.parse(result.stdout) as CheckJson;
      expect(json).toMatchObject({ ok: false, complaints: 4, events: 12, problemCount: 4, repaired: null });
      expect(json.problems.map((p) => p.complaint)).toEqual([1, 1, 2, 4]);
      expect(json.problems[2]!.what).toBe('its row has status "closed", but its events say "open"');
      const error = (JSON.parse(result.stderr) as { error: { code: string; message: string } }).error;
      expect(error.code).toBe('invalid');
      expect(error.message).toMatch(/has 4 problems \(listed in problems\)/);
    });

    it('are named in Chinese with --lang zh', async () => {
      const { lines, message } = expectProblems(await run('--lang', 'zh', 'check'));
      expect(lines[2]).toBe('投诉 2：其记录行的 status 为 "closed"，但事件表明应为 "open"');
      expect(message).toMatch(/^数据库 .+ 有 4 个问题（见上）：记录行或报表数据与事件不一致；请运行 kesu check --repair/);
    });

    it('are rebuilt from the events by --repair, after which check finds the store sound and list and report say what they said before', async () => {
      const result = await run('check', '--repair');
      expectOk(result);
      expect(result.stdout).toBe(
        'Rebuilt from the events: 1 complaint row, 2 rows of report facts, 1 customer link, 0 search texts.\n' + `The database ${db} is sound: 4 complaints, 12 events checked.\n`,
      );
      expect(await run.ok('check')).toBe(`The database ${db} is sound: 4 complaints, 12 events checked.\n`);
      expect(await run.ok('list', '--status', 'all')).toBe(before.list);
      expect(await run.json('report', '--month', '2026-10')).toEqual(before.report);
      // and a second repair has nothing to do
      expect(await run.json<CheckJson>('check', '--repair')).toEqual({ ok: true, complaints: 4, events: 12, problems: [], problemCount: 0, repaired: { rows: 0, facts: 0, links: 0, search: 0, index: false } });
    });
  });

  it('lists at most 50 problems, then says how many more; JSON lists them all', async () => {
    const db = makeDb();
    const run = await importForms(db, 300);
    tamper(db, "UPDATE complaints SET assignee = 'Nobody'");
    const { lines } = expectProblems(await run('check'));
    expect(lines).toHaveLength(51);
    expect(lines[0]).toBe('complaint 1: its row has assignee "Nobody", but its events say "Li"');
    expect(lines[50]).toBe('… and 250 more problems (300 in all).');
    const json = JSON.parse((await run('--json', 'check')).stdout) as CheckJson;
    expect(json.problems).toHaveLength(300);
    expect(json.problemCount).toBe(300);
    expectOk(await run('check', '--repair'));
  });

  it('names events themselves damaged, which --repair cannot rebuild: it says to restore the last backup', async () => {
    // given an event taken out of the middle of a complaint's timeline, and a row damaged beside it
    const db = makeDb();
    const run = await seedShop(db);
    tamper(db, "DELETE FROM events WHERE complaint_id = 1 AND seq = 2; UPDATE complaints SET status = 'closed' WHERE id = 3");
    const { lines, message } = expectProblems(await run('check'));
    expect(lines).toEqual([
      'complaint 1: its events are not numbered 1, 2, 3… without gaps: event 3 stands where event 2 should',
      'complaint 3: its row has status "closed", but its events say "open"',
    ]);
    expect(message).toBe(
      `The database ${db} has 2 problems (listed above), some of them in the events themselves, which kesu check --repair cannot rebuild; restore your last backup (stop kesu, copy the backup over ${db}, delete ${db}-wal and ${db}-shm, then run kesu check).`,
    );
    // when repaired, what can be rebuilt is, and the rest is said again
    const repaired = expectProblems(await run('check', '--repair'));
    expect(repaired.lines).toEqual([
      'Rebuilt from the events: 1 complaint row, 0 rows of report facts, 0 customer links, 0 search texts.',
      'complaint 1: its events are not numbered 1, 2, 3… without gaps: event 3 stands where event 2 should',
    ]);
    expect(repaired.message).toMatch(/^The database .+ still has 1 problem after the repair \(listed above\), which kesu cannot rebuild from the events; restore your last backup/);
  });

  it('on a file with a damaged page reports the integrity problem and names the backup; --repair writes nothing', async () => {
    // given a store whose events b-tree has a page overwritten in its middle
    const db = makeDb();
    const run = await importForms(db, 300);
    damageEventsPage(db);
    const damaged = hashOf(db);
    // when it is checked
    const { lines, message } = expectProblems(await run('check'));
    // then SQLite's integrity check says what is wrong, and the sentence names the backup
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^SQLite's integrity check: \S/);
    expect(lines.join('\n')).toMatch(/page \d+/);
    expect(message).toBe(
      `The database ${db} is damaged (listed above); kesu check --repair cannot mend a damaged file, so restore your last backup (stop kesu, copy the backup over ${db}, delete ${db}-wal and ${db}-shm, then run kesu check).`,
    );
    const json = await kesu(['--db', db, '--json', 'check']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, complaints: null, events: null, repaired: null });
    expect(JSON.parse(json.stderr)).toMatchObject({ error: { code: 'unreadable' } });
    // and a repair refuses in the same words, leaving the file as it was
    const repair = expectProblems(await run('check', '--repair'));
    expect(repair.message).toBe(message);
    expect(hashOf(db)).toBe(damaged);
  });

  it('on a file damaged where every command reads it says so in one sentence naming the backup', async () => {
    // given a store whose schema page is overwritten
    const db = makeDb();
    await seedShop(db);
    const bytes = readFileSync(db);
    bytes.fill(0xff, 100 + 8, 4096);
    writeFileSync(db, bytes);
    const error = expectJsonFailure(await kesu(['--db', db, '--json', 'check']), 1);
    expect(error.code).toBe('unreadable');
    expect(error.message).toMatch(/^The database .+ is damaged where every command reads it \(.+\), so it cannot be checked or repaired; restore your last backup \(/);
  });
});
