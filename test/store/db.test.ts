import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { listQuery, LOOKUP_SQL, REPORT_COUNTS_SQL, REPORT_EVENTS_SQL, SqliteStore } from '../../src/store/complaints.js';
import { openDatabase } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';

const dir = mkdtempSync(join(tmpdir(), 'kesu-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const path = (name: string) => join(dir, name);

describe('opening the database', () => {
  test('a new file is created owner-only (0600), in a new folder, with WAL and foreign keys', () => {
    const file = path('nested/folder/kesu.db');
    const db = openDatabase(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(10_000);
    db.close();
  });

  test('every migration is applied in order and user_version is the last', () => {
    const db = openDatabase(path('fresh.db'));
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['complaints', 'events', 'followups', 'settings']);
    db.close();
  });

  test('opening again keeps every record', () => {
    const file = path('kept.db');
    const store = new SqliteStore(openDatabase(file));
    store.saveSettings({ ...store.settings(), defaultActor: 'Amy' });
    store.close();
    const again = new SqliteStore(openDatabase(file));
    expect(again.settings().defaultActor).toBe('Amy');
    again.close();
  });

  test('a database from a newer kesu is refused with a clear sentence, and left untouched', () => {
    const file = path('newer.db');
    openDatabase(file).close();
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openDatabase(file)).toThrow(/written by a newer kesu \(schema 99.*upgrade kesu/);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(99);
    check.close();
  });

  test('a file that is not a database is refused with a sentence naming it', () => {
    const file = path('notes.txt');
    writeFileSync(file, 'this is not sqlite, just some text that is long enough to have a header'.repeat(20));
    expect(() => openDatabase(file)).toThrow(/is not a kesu database/);
  });
});

describe('query plans of the hot queries use an index, never a scan of the table', () => {
  const db = openDatabase(path('plans.db'));
  const plan = (sql: string, params: unknown[] = []) =>
    db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params).map((row) => (row as { detail: string }).detail).join(' | ');
  afterAll(() => db.close());

  test.each([
    ['list (not closed)', { statuses: null }],
    ['list --overdue / due', { statuses: null, dueBefore: 1 }],
    ['list --category --severity', { statuses: null, categories: ['quality'], severities: ['major'] }],
    ['list --since --until --status all', { statuses: ['open', 'assigned', 'resolved', 'closed'], receivedFrom: 1, receivedBefore: 2 }],
    ['list --assignee --status all', { statuses: ['open', 'assigned', 'resolved', 'closed'], assignees: ['Li'] }],
  ] as const)('%s', (_name, filter) => {
    const { sql, params } = listQuery(filter as never);
    const detail = plan(sql, params);
    expect(detail).toMatch(/USING (INDEX|COVERING INDEX|INTEGER PRIMARY KEY)/);
    expect(detail).not.toMatch(/SCAN complaints(?! USING)/);
  });

  test('report reads the events of its window by their time index, the open complaints by the agenda index and those closed since by the closed index, already in order', () => {
    const detail = plan(REPORT_EVENTS_SQL, [{ from: 1, to: 2 }]);
    expect(detail).toMatch(/SEARCH events USING COVERING INDEX events_at \(at_ms>\? AND at_ms<\?\)/);
    expect(detail).toMatch(/SCAN complaints USING (COVERING )?INDEX complaints_agenda/);
    expect(detail).toMatch(/SEARCH complaints USING COVERING INDEX complaints_closed \(closed_ms>\?\)/);
    expect(detail).not.toMatch(/SCAN (complaints|events|c|e)\b(?! USING)/);
    // Only the complaint ids are sorted (to merge the two lists); the events come out of the
    // primary key in order: sorting every event of the window is what made the report slow.
    // The complaints closed since are found from their index alone (the open ones, few, are read
    // through the agenda index for their received time).
    expect(detail).toMatch(/^SEARCH e USING PRIMARY KEY \(complaint_id=\?\) \| LIST SUBQUERY/);
    expect(detail).not.toMatch(/SEARCH (c|complaints) USING INTEGER PRIMARY KEY/);
  });

  test('report counts received per day and repeat customers from the received_on index alone', () => {
    const params = [{ from: '2025-10-01', to: '2026-10-31' }];
    expect(plan(REPORT_COUNTS_SQL.received, params)).toBe(
      'SEARCH complaints USING COVERING INDEX complaints_received_on (received_on>? AND received_on<?)',
    );
    const repeat = plan(REPORT_COUNTS_SQL.repeatCustomers, params);
    expect(repeat).toMatch(/SEARCH complaints USING COVERING INDEX complaints_received_on \(received_on>\? AND received_on<\?\)/);
    expect(repeat).not.toMatch(/SCAN complaints/);
  });

  test('report counts follow-ups per day with their satisfaction from the follow-ups table, in its key order', () => {
    const detail = plan(REPORT_COUNTS_SQL.followups, [{ from: '2025-10-01', to: '2026-10-31' }]);
    expect(detail).toBe('SEARCH followups USING PRIMARY KEY (followed_on>? AND followed_on<?)');
  });

  test('open and import find a form already present by its key (its number, when it has one), by index', () => {
    expect(plan(LOOKUP_SQL.idsByFormKey, ['k'])).toMatch(/SEARCH complaints USING (COVERING )?INDEX complaints_form_key/);
  });

  test('show reads one complaint by its key and its events by the primary key', () => {
    expect(plan(LOOKUP_SQL.events, [1])).toMatch(/SEARCH events USING PRIMARY KEY/);
  });

  test('list and due read the events of the complaints listed by the primary key, already in order', () => {
    expect(plan(LOOKUP_SQL.eventsOf, ['[1, 2]'])).toBe('SEARCH events USING PRIMARY KEY (complaint_id=?) | LIST SUBQUERY 1 | SCAN json_each VIRTUAL TABLE INDEX 1:');
  });
});
