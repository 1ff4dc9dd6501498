// The store's check and repair on a real database file: what the events say against what the store
// keeps beside them, read a few complaints at a time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { complaintRow, factRows } from '../../src/store/bulk.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { compareFacts, FACT_COLUMNS, ROW_COLUMNS, type CheckProblem } from '../../src/store/sqlite/consistency.js';
import { openDatabase } from '../../src/store/sqlite/db.js';
import { fold } from '../../src/workflow/complaint.js';
import { decide } from '../../src/workflow/transitions.js';
import { assign, at, context, log, NOW, openCommand, resolve } from '../workflow/builders.js';

const dir = mkdtempSync(join(tmpdir(), 'kesu-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/**
 * A store of seven complaints received on 1 to 7 October 2026, the odd ones Wang Fang's and the even
 * ones Li Si's (so each has customer links); 1 assigned and resolved, 3 with a timeline entry. With
 * a second connection to damage it behind the store's back.
 */
async function shop(): Promise<{ store: SqliteStore; raw: Database.Database; file: string }> {
  const file = join(dir, `shop-${++files}.db`);
  const store = new SqliteStore(openDatabase(file));
  const ctx = context(NOW);
  for (let n = 1; n <= 7; n++) {
    const customer = n % 2 === 1 ? 'Wang Fang' : 'Li Si';
    await store.create(() => decide(null, openCommand({ at: at(`2026-10-0${n}T09:00`), uuid: `uuid-${n}`, customer }), ctx));
  }
  await store.transact(1, (c) => decide(c, assign(at('2026-10-02T10:00')), ctx));
  await store.transact(1, (c) => decide(c, resolve(at('2026-10-03T10:00')), ctx));
  await store.transact(3, (c) => decide(c, log(at('2026-10-04T10:00')), ctx));
  return { store, raw: new Database(file), file };
}

/** The problems of a report without their wording: complaint, kind and, where there is one, column or seq. */
const brief = (problems: readonly CheckProblem[]) =>
  problems.map((p) => [p.complaint, p.kind, 'column' in p ? p.column : 'seq' in p ? p.seq : null] as const);

describe('what the check compares', () => {
  test('every column of a complaint row the store derives (complaintRow, but the id) and every column of the report facts', () => {
    const events = decide(null, openCommand(), context(NOW));
    const row = complaintRow(fold(1, events));
    expect([...ROW_COLUMNS].sort()).toEqual(Object.keys(row).filter((key) => key !== 'id').sort());
    const db = openDatabase(':memory:');
    const columns = (table: string) => db.prepare<[], string>(`SELECT name FROM pragma_table_info('${table}')`).pluck().all();
    expect(columns('event_facts')).toEqual(['complaint_id', 'seq', ...FACT_COLUMNS]);
    expect(FACT_COLUMNS).toHaveLength(factRows(events)[0]!.length);
    expect(columns('complaints')).toEqual(expect.arrayContaining([...ROW_COLUMNS, 'previous_on', 'previous2_on']));
    db.close();
  });

  test('facts missing, differing (one problem per column) and extra, in that order', () => {
    const expected = [
      ['opened', 'a', 1],
      ['logged', 'b', 2],
    ];
    const stored = [
      { seq: 2, values: ['logged', 'x', 3] },
      { seq: 5, values: ['logged', 'b', 2] },
    ];
    expect(brief(compareFacts(9, stored, expected))).toEqual([
      [9, 'fact-missing', 1],
      [9, 'fact', 'on_date'],
      [9, 'fact', 'through'],
      [9, 'fact-extra', 5],
    ]);
  });
});

describe('SqliteStore.check', () => {
  test('a sound store is sound, whatever the number of complaints read at a time', async () => {
    const { store, raw } = await shop();
    for (const chunk of [1, 2, 3, 100]) {
      expect(await store.check({ chunk })).toEqual({ complaints: 7, events: 10, problems: [], problemCount: 0, damaged: false, repairable: true, searchIndexSound: true });
    }
    raw.close();
    store.close();
  });

  test('finds what is wrong in every chunk, and a repair in chunks rebuilds it', async () => {
    // given damage to complaints in three different chunks of three, and facts of a complaint that does not exist
    const { store, raw } = await shop();
    raw.exec(`
      UPDATE complaints SET status = 'closed', next_due_ms = NULL WHERE id = 2;
      DELETE FROM event_facts WHERE complaint_id = 5 AND seq = 1;
      INSERT INTO event_facts SELECT complaint_id, 9, type, on_date, through, status, due_ms, department, responsibility, substantiated, root_cause, corrective_action, on_time, solution_on_time, satisfaction, compensation_cents, compensation_kind, voided, received_on, category, channel, severity, customer_key, waiting, waited_workdays, above_standard, approved_by, escalation_reason FROM event_facts WHERE complaint_id = 7 AND seq = 1;
      INSERT INTO event_facts SELECT 99, seq, type, on_date, through, status, due_ms, department, responsibility, substantiated, root_cause, corrective_action, on_time, solution_on_time, satisfaction, compensation_cents, compensation_kind, voided, received_on, category, channel, severity, customer_key, waiting, waited_workdays, above_standard, approved_by, escalation_reason FROM event_facts WHERE complaint_id = 1;
      UPDATE event_facts SET on_time = 0 WHERE complaint_id = 1 AND seq = 3;
    `);
    // when checked three complaints at a time
    const report = await store.check({ chunk: 3 });
    // then each is named, in the order of the complaints
    expect(brief(report.problems)).toEqual([
      [1, 'fact', 'on_time'],
      [2, 'row', 'status'],
      [2, 'row', 'next_due_ms'],
      [5, 'fact-missing', 1],
      [7, 'fact-extra', 9],
      [99, 'fact-extra', 1],
      [99, 'fact-extra', 2],
      [99, 'fact-extra', 3],
    ]);
    expect(report).toMatchObject({ complaints: 7, events: 10, problemCount: 8, damaged: false, repairable: true });
    // and a repair rebuilds them, in one go
    expect((await store.repair({ chunk: 3 })).repaired).toEqual({ rows: 1, facts: 6, links: 0, search: 0, index: false });
    expect((await store.check()).problems).toEqual([]);
    raw.close();
    store.close();
  });

  test('works on a read-only connection (a database on read-only media)', async () => {
    const { store, raw, file } = await shop();
    raw.exec("UPDATE complaints SET status = 'closed' WHERE id = 4");
    raw.close();
    store.close();
    const readOnly = new SqliteStore(new Database(file, { readonly: true }));
    expect(brief((await readOnly.check()).problems)).toEqual([[4, 'row', 'status']]);
    readOnly.close();
  });

  test('keeps the first problems and counts the rest', async () => {
    const { store, raw } = await shop();
    raw.exec("UPDATE complaints SET customer = 'Nobody'");
    const report = await store.check({ keep: 3 });
    expect(report.problems.map((p) => p.complaint)).toEqual([1, 2, 3]);
    expect(report.problemCount).toBe(7);
    raw.close();
    store.close();
  });

  test("a row whose customer or day received is wrong is named once, not again as a wrong link of its customer's other complaints", async () => {
    const { store, raw } = await shop();
    raw.exec("UPDATE complaints SET customer_key = 'someone else' WHERE id = 3; UPDATE complaints SET received_on = '2026-10-30' WHERE id = 4");
    expect(brief((await store.check()).problems)).toEqual([
      [3, 'row', 'customer_key'],
      [4, 'row', 'received_on'],
    ]);
    // a wrong link is named as one
    raw.exec("UPDATE complaints SET previous2_on = NULL WHERE id = 5");
    expect((await store.check()).problems.at(-1)).toEqual({ complaint: 5, kind: 'link', column: 'previous2_on', stored: null, expected: '2026-10-01' });
    expect((await store.repair()).repaired).toEqual({ rows: 2, facts: 0, links: 1, search: 0, index: false });
    expect((await store.check()).problemCount).toBe(0);
    raw.close();
    store.close();
  });

  test("a missing row is named, rebuilt from the events, and linked to its customer's complaints", async () => {
    // given the row of complaint 3 gone (its events stay)
    const { store, raw } = await shop();
    const rowOf = (id: number) => raw.prepare('SELECT * FROM complaints WHERE id = ?').get(id);
    const before = rowOf(3);
    raw.pragma('foreign_keys = OFF');
    raw.exec('DELETE FROM complaints WHERE id = 3');
    // then it alone is named: the links of Wang Fang's later complaints count it still
    expect(brief((await store.check()).problems)).toEqual([[3, 'no-row', null]]);
    // and a repair puts it back as it was
    expect((await store.repair()).repaired).toEqual({ rows: 1, facts: 0, links: 1, search: 0, index: false });
    expect(rowOf(3)).toEqual(before);
    expect((await store.check()).problemCount).toBe(0);
    expect((await store.find(3)).complaint.customer.name).toBe('Wang Fang');
    raw.close();
    store.close();
  });

  test('events that cannot be read, of an unknown type or numbered with a gap are named, and a repair leaves them as they are', async () => {
    const { store, raw } = await shop();
    raw.exec(`
      UPDATE events SET data = '{' WHERE complaint_id = 2 AND seq = 1;
      UPDATE events SET type = 'teleported' WHERE complaint_id = 1 AND seq = 2;
      UPDATE events SET seq = 5 WHERE complaint_id = 3 AND seq = 2;
      UPDATE events SET type = 'logged' WHERE complaint_id = 4 AND seq = 1;
      UPDATE complaints SET status = 'closed' WHERE id = 6;
    `);
    raw.pragma('foreign_keys = OFF');
    raw.exec('DELETE FROM events WHERE complaint_id = 7');
    const report = await store.check();
    expect(brief(report.problems)).toEqual([
      [1, 'unknown-event', 2],
      [2, 'unreadable-events', null],
      [3, 'numbering', null],
      [4, 'not-opened-first', null],
      [6, 'row', 'status'],
      [7, 'no-events', null],
    ]);
    expect(report.problems[2]).toMatchObject({ expected: 2, found: 5 });
    expect(report.repairable).toBe(false);
    const dataBefore = raw.prepare('SELECT * FROM events ORDER BY complaint_id, seq').all();
    const { repaired, report: after } = await store.repair();
    expect(repaired).toEqual({ rows: 1, facts: 0, links: 0, search: 0, index: false });
    expect(brief(after.problems)).toEqual(brief(report.problems).filter(([id]) => id !== 6));
    expect(raw.prepare('SELECT * FROM events ORDER BY complaint_id, seq').all()).toEqual(dataBefore);
    raw.close();
    store.close();
  });

  test('a search text missing, differing or left without its complaint is named, and a repair rewrites it with its index', async () => {
    // given complaint 2's text gone, 4's changed behind the store's back (its index as it was), and a text of a complaint 99 that does not exist
    const { store, raw } = await shop();
    raw.exec(`
      INSERT INTO search_index (search_index, rowid, text) SELECT 'delete', id, text FROM search WHERE id IN (2, 4);
      DELETE FROM search WHERE id = 2;
      UPDATE search SET text = 'nothing like it' WHERE id = 4;
      INSERT INTO search_index (rowid, text) VALUES (4, 'nothing like it');
      INSERT INTO search (id, text) VALUES (99, 'a stray text');
      INSERT INTO search_index (rowid, text) VALUES (99, 'a stray text');
    `);
    // then each is named; the index still holds the texts, so it is sound
    const report = await store.check({ chunk: 3 });
    expect(brief(report.problems)).toEqual([
      [2, 'search-missing', null],
      [4, 'search', null],
      [99, 'search-extra', null],
    ]);
    expect(report).toMatchObject({ repairable: true, searchIndexSound: true });
    // and a repair writes the texts and their index again
    expect((await store.repair({ chunk: 3 })).repaired).toEqual({ rows: 0, facts: 0, links: 0, search: 3, index: false });
    expect(await store.check()).toMatchObject({ problemCount: 0, searchIndexSound: true });
    const found = async (text: string) => (await store.search({ terms: [text], statuses: null, limit: 10 })).map(({ complaint }) => complaint.id);
    expect(await found('li si')).toEqual([]);
    expect(await found('lisi')).toEqual([6, 4, 2]);
    expect(await found('stray')).toEqual([]);
    raw.close();
    store.close();
  });

  test('a search index that does not hold the texts is named, and a repair makes it anew', async () => {
    // given texts changed without their index (as another program would change them)
    const { store, raw } = await shop();
    raw.exec("UPDATE search SET text = 'wangfang' || char(10) || char(10) WHERE id = 1; DELETE FROM search WHERE id = 3");
    const report = await store.check();
    expect(brief(report.problems)).toEqual([
      [1, 'search', null],
      [3, 'search-missing', null],
      [null, 'search-index', null],
    ]);
    expect(report.searchIndexSound).toBe(false);
    expect((await store.repair()).repaired).toEqual({ rows: 0, facts: 0, links: 0, search: 2, index: true });
    expect(await store.check()).toMatchObject({ problemCount: 0, searchIndexSound: true });
    const found = await store.search({ terms: ['wangfang'], statuses: null, limit: 10 });
    expect(found.map(({ complaint }) => complaint.id)).toEqual([7, 5, 3, 1]);
    raw.close();
    store.close();
  });

  test('a repair is one transaction: a failure half-way leaves the database as it was', async () => {
    // given two complaints damaged, the second so that rebuilding its row breaks a constraint (its form number is the first's)
    const { store, raw } = await shop();
    raw.exec(`
      UPDATE complaints SET status = 'closed' WHERE id = 1;
      UPDATE events SET data = json_set(data, '$.ref', 'F-1') WHERE complaint_id IN (2, 3) AND seq = 1;
      UPDATE complaints SET ref = 'F-1', ref_key = 'f-1' WHERE id = 2;
    `);
    const before = raw.prepare('SELECT * FROM complaints ORDER BY id').all();
    await expect(store.repair()).rejects.toThrow(/cannot be repaired .*UNIQUE.*; it is left as it was, so restore your last backup\./);
    expect(raw.prepare('SELECT * FROM complaints ORDER BY id').all()).toEqual(before);
    raw.close();
    store.close();
  });
});
