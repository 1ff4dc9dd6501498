import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { LINK_SQL, listQuery, LOOKUP_SQL, REPORT_COUNTS_SQL, REPORT_FACTS_SQL, SqliteStore } from '../../src/store/sqlite/store.js';
import { databaseInPlace, openDatabase } from '../../src/store/sqlite/db.js';
import { searchSql } from '../../src/store/sqlite/search.js';
import { MIGRATIONS } from '../../src/store/sqlite/migrations/index.js';
import { decide } from '../../src/workflow/transitions.js';
import { ROOT } from '../helpers/kesu.js';
import { at, context, openCommand } from '../workflow/builders.js';

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
    expect(tables).toEqual(['agenda_notices', 'complaints', 'event_facts', 'events', 'notifications', 'search', 'search_index', 'search_index_config', 'search_index_data', 'search_index_idx', 'search_terms', 'settings']);
    db.close();
  });

  test('opening again keeps every record', async () => {
    const file = path('kept.db');
    const store = new SqliteStore(openDatabase(file));
    store.saveSettings({ ...await store.settings(), defaultActor: 'Amy' });
    store.close();
    const again = new SqliteStore(openDatabase(file));
    expect((await again.settings()).defaultActor).toBe('Amy');
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

  test('whoever waits is told once when a store written by an older kesu is brought up to date, not when a file is new', () => {
    const latest = MIGRATIONS.at(-1)!.version;
    const notices: [number, number][] = [];
    const notice = (from: number, to: number) => notices.push([from, to]);
    openDatabase(path('new-for-notice.db'), { onUpgrade: notice }).close();
    expect(notices).toEqual([]);
    const older = path('older.db');
    openDatabase(older, { migrations: MIGRATIONS.slice(0, 1) }).close();
    openDatabase(older, { onUpgrade: notice }).close();
    expect(notices).toEqual([[1, latest]]);
    openDatabase(older, { onUpgrade: notice }).close();
    expect(notices).toEqual([[1, latest]]);
  });

  test('a file that is not a database is refused with a sentence naming it', () => {
    const file = path('notes.txt');
    writeFileSync(file, 'this is not sqlite, just some text that is long enough to have a header'.repeat(20));
    expect(() => openDatabase(file)).toThrow(/is not a kesu database/);
  });
});

describe('what derives from the events is versioned, and migrations are SQL alone', () => {
  test('a store whose derived version differs has its rows, facts and links rebuilt from the events when opened', async () => {
    const file = path('derived.db');
    const store = SqliteStore.open(file);
    await seed(store);
    store.close();
    // as if written under another definition: wrong facts and rows, an older version
    const raw = new Database(file);
    raw.exec("UPDATE event_facts SET on_time = 1 - coalesce(on_time, 0), department = 'somewhere else'");
    raw.exec("UPDATE complaints SET customer_key = 'someone', previous_on = '1999-01-01'");
    raw.exec("UPDATE settings SET value = '0' WHERE key = 'derived-version'");
    raw.close();
    const notices: [number, number][] = [];
    const reopened = SqliteStore.open(file, { onUpgrade: (from, to) => notices.push([from, to]) });
    expect(notices).toEqual([[MIGRATIONS.at(-1)!.version, MIGRATIONS.at(-1)!.version]]);
    expect((await reopened.check()).problemCount).toBe(0);
    reopened.close();
    // and once rebuilt, not again
    SqliteStore.open(file, { onUpgrade: (from, to) => notices.push([from, to]) }).close();
    expect(notices).toHaveLength(1);
  });

  test('a store from before search and corrections (schema 3) gets the search texts of its complaints, and their index, when opened', async () => {
    const file = path('before-search.db');
    const store = SqliteStore.open(file);
    await seed(store);
    store.close();
    // as an older kesu left it: no search tables, no voided column nor facts as they stood, the
    // indexes of schema 3, derived version 1
    const raw = new Database(file);
    raw.exec(`
      DROP TABLE notifications; DROP TABLE agenda_notices;
      DROP INDEX complaints_escalated; ALTER TABLE complaints DROP COLUMN escalated_ms; ALTER TABLE event_facts DROP COLUMN escalation_reason;
      DROP TABLE search_terms; DROP TABLE search_index; DROP TABLE search;
      DROP INDEX complaints_waiting; ALTER TABLE complaints DROP COLUMN waiting_ms;
      ALTER TABLE event_facts DROP COLUMN waiting; ALTER TABLE event_facts DROP COLUMN waited_workdays;
      DROP INDEX event_facts_above_standard; ALTER TABLE event_facts DROP COLUMN above_standard; ALTER TABLE event_facts DROP COLUMN approved_by;
      DROP INDEX complaints_voided; DROP INDEX complaints_agenda; DROP INDEX complaints_received_on; DROP INDEX complaints_customer;
      ALTER TABLE complaints DROP COLUMN voided;
      CREATE INDEX complaints_agenda ON complaints (major DESC, next_due_ms) WHERE status <> 'closed';
      CREATE INDEX complaints_received_on ON complaints (received_on, previous_on, previous2_on);
      CREATE INDEX complaints_customer ON complaints (customer_key, received_on, id);
      ${['voided', 'received_on', 'category', 'channel', 'severity', 'customer_key'].map((column) => `ALTER TABLE event_facts DROP COLUMN ${column};`).join(' ')}
      PRAGMA user_version = 3; UPDATE settings SET value = '1' WHERE key = 'derived-version'`);
    raw.close();
    const reopened = SqliteStore.open(file);
    const found = await reopened.search({ terms: ['王芳'], statuses: null, limit: 10 });
    expect(found.map(({ complaint }) => complaint.id)).toEqual([3, 1]);
    expect(await reopened.check()).toMatchObject({ problemCount: 0, searchIndexSound: true });
    reopened.close();
  });

  test('no migration imports code whose later change would change what it did', () => {
    const folder = join(ROOT, 'src', 'store', 'sqlite', 'migrations');
    for (const name of readdirSync(folder).filter((file) => /^\d{3}-.*\.ts$/.test(file))) {
      const imports = [...readFileSync(join(folder, name), 'utf8').matchAll(/^import (type )?.* from '([^']+)';$/gm)].map(([, type, from]) => `${type ?? ''}${from}`);
      expect(imports, name).toEqual(['type ./index.js']);
    }
  });
});

/** A few complaints, two of one customer, through the store. */
async function seed(store: SqliteStore): Promise<void> {
  const decided = context('2026-11-19T12:00:00+08:00');
  for (const [index, customer] of ['王芳', 'Li', '王芳'].entries()) {
    const { complaint } = await store.create(() => decide(null, openCommand({ at: at(`2026-11-0${index + 1}T09:00`), uuid: `u-${index}`, customer }), decided));
    await store.transact(complaint.id, (current) => decide(current, { type: 'assign', assignee: 'Zhang', department: null, note: null, at: at(`2026-11-0${index + 1}T10:00`), by: 'Li' }, decided));
  }
}

describe('a new database for an import (openNew)', () => {
  test('is made beside its path and put there, owner-only, only when the bulk write commits', async () => {
    const folder = path('new-committed');
    const file = join(folder, 'kesu.db');
    const store = SqliteStore.openNew(file);
    expect(existsSync(file)).toBe(false);
    const bulk = store.beginBulk();
    // written in the bulk write's transaction, so it must reach the file put in place
    store.saveSettings({ ...await store.settings(), defaultActor: 'Bo' });
    bulk.commit();
    expect(readdirSync(folder)).toEqual(['kesu.db']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    store.close();
    const again = SqliteStore.open(file);
    expect((await again.settings()).defaultActor).toBe('Bo');
    again.close();
  });

  test('is removed at close when nothing committed (a dry run, a refusal), leaving nothing behind', () => {
    const folder = path('new-refused');
    mkdirSync(folder);
    const store = SqliteStore.openNew(join(folder, 'kesu.db'));
    store.beginBulk().rollback();
    store.close();
    expect(readdirSync(folder)).toEqual([]);
  });

  test('never takes the place of a database another kesu made at its path meanwhile', async () => {
    const folder = path('new-raced');
    const file = join(folder, 'kesu.db');
    const store = SqliteStore.openNew(file);
    const bulk = store.beginBulk();
    const other = SqliteStore.open(file);
    other.saveSettings({ ...await other.settings(), defaultActor: 'Amy' });
    other.close();
    expect(() => bulk.commit()).toThrow(`A database was made at ${file} while this import ran, so nothing was imported; import again to add the forms to it.`);
    store.close();
    expect(readdirSync(folder)).toEqual(['kesu.db']);
    const kept = SqliteStore.open(file);
    expect((await kept.settings()).defaultActor).toBe('Amy');
    kept.close();
  });
});

describe('putting a new database in place (databaseInPlace)', () => {
  test('refuses a file whose WAL is still beside it (its last pages not in it), and removes both', () => {
    const folder = path('in-place-wal');
    mkdirSync(folder);
    const made = join(folder, 'kesu.db.importing-1-ab');
    writeFileSync(made, 'database');
    writeFileSync(`${made}-wal`, 'pages');
    expect(() => databaseInPlace(made, join(folder, 'kesu.db'))).toThrow(/^The new database .*kesu\.db could not be finished \(its last pages were not written\); nothing was imported/);
    expect(readdirSync(folder)).toEqual([]);
  });

  test('says why when the link fails otherwise, and leaves nothing behind', () => {
    const folder = path('in-place-gone');
    mkdirSync(folder);
    const made = join(folder, 'kesu.db.importing-1-cd');
    writeFileSync(made, 'database');
    expect(() => databaseInPlace(made, join(folder, 'removed', 'kesu.db'))).toThrow(/^Cannot put the new database in place at .* \(ENOENT\); nothing was imported/);
    expect(readdirSync(folder)).toEqual([]);
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
    ['list --status voided', { statuses: [], voided: true }],
    ['list --waiting / due (the waiting ones)', { statuses: null, waiting: true }],
    ['list (those not waiting)', { statuses: null, waiting: false }],
    ['list --escalated / due (what needs the manager)', { statuses: null, escalated: true }],
  ] as const)('%s', (_name, filter) => {
    const { sql, params } = listQuery(filter as never);
    const detail = plan(sql, params);
    if ('waiting' in filter && filter.waiting) expect(detail).toContain('complaints_waiting');
    if ('escalated' in filter) expect(detail).toContain('complaints_escalated');
    expect(detail).toMatch(/USING (INDEX|COVERING INDEX|INTEGER PRIMARY KEY)/);
    expect(detail).not.toMatch(/SCAN complaints(?! USING)/);
  });

  describe('report reads the facts of a period by index, never scanning complaints, events or their facts', () => {
    const params = [{ from: '2026-10-01', to: '2026-10-31', last: '2026-10-31', toMs: 2, afterMs: 1, endMs: 3 }];
    const noScan = /SCAN (complaints|events|event_facts|c|f|g)\b(?! USING)/;

    test('received: the received_on index and the complaints corrected since, then each one’s fact at the end by the primary key', () => {
      const detail = plan(REPORT_FACTS_SQL.received, params);
      expect(detail).toMatch(/SEARCH complaints USING COVERING INDEX complaints_received_on \(received_on>\? AND received_on<\?\)/);
      expect(detail).toMatch(/SEARCH event_facts USING COVERING INDEX event_facts_steps \(type=\?\)/);
      expect(detail).toMatch(/SEARCH f USING PRIMARY KEY \(complaint_id=\? AND seq=\?\)/);
      expect(detail).toMatch(/SEARCH g USING PRIMARY KEY \(complaint_id=\?\)/);
      expect(detail).not.toMatch(noScan);
    });

    test('steps and resolve spans: the steps index (the spans read each one’s day received by its key), the voided by their index', () => {
      const steps = plan(REPORT_FACTS_SQL.steps, params);
      expect(steps).toMatch(/^SEARCH event_facts USING COVERING INDEX event_facts_steps \(type=\? AND on_date>\? AND on_date<\?\)/);
      expect(steps).toMatch(/SCAN complaints USING COVERING INDEX complaints_voided/);
      expect(steps).not.toMatch(noScan);
      const spans = plan(REPORT_FACTS_SQL.resolveSpans, params);
      expect(spans).toMatch(/^SEARCH f USING INDEX event_facts_steps \(type=\? AND on_date>\? AND on_date<\?\)/);
      expect(spans).toMatch(/SEARCH c USING INTEGER PRIMARY KEY \(rowid=\?\)/);
      expect(spans).toMatch(/SEARCH e USING PRIMARY KEY \(complaint_id=\? AND seq=\?\)/);
      expect(spans).not.toMatch(noScan);
    });

    test('causes: the complaints resolved, from the steps index', () => {
      const detail = plan(REPORT_FACTS_SQL.resolvedCauses, params);
      expect(detail).toMatch(/SEARCH event_facts USING COVERING INDEX event_facts_steps/);
      expect(detail).not.toMatch(noScan);
    });

    test('open at the end: the complaints open now by the agenda index, those closed since by the closed index', () => {
      const detail = plan(REPORT_FACTS_SQL.open, params);
      expect(detail).toMatch(/SCAN complaints USING (COVERING )?INDEX complaints_agenda/);
      expect(detail).toMatch(/SEARCH complaints USING COVERING INDEX complaints_closed \(closed_ms>\?\)/);
      expect(detail).not.toMatch(noScan);
    });

    test('short phones: their partial index', () => {
      expect(plan(REPORT_FACTS_SQL.shortPhones)).toMatch(/^SEARCH complaints USING COVERING INDEX complaints_short_phone/);
    });

    test('a new complaint finds its customer’s complaints before and after it by the customer index', () => {
      const before = plan(LINK_SQL.before, [{ key: 'k', on: '2026-10-05', id: 1 }]);
      expect(before.match(/SEARCH complaints USING COVERING INDEX complaints_customer \(customer_key=\? AND received_on<\?\)/g)).toHaveLength(2);
      expect(plan(LINK_SQL.after, ['k', '2026-10-05', 1])).toMatch(/^SEARCH complaints USING COVERING INDEX complaints_customer \(customer_key=\? AND received_on>\?\)$/);
    });
  });

  test('report counts received per day and repeat customers from the received_on index, and those corrected since by their facts', () => {
    const params = [{ from: '2025-10-01', to: '2026-10-31', last: '2026-10-31' }];
    const received = plan(REPORT_COUNTS_SQL.received, params);
    expect(received).toMatch(/^COMPOUND QUERY \| LEFT-MOST SUBQUERY \| SEARCH complaints USING COVERING INDEX complaints_received_on \(received_on>\? AND received_on<\?\)/);
    expect(received).toMatch(/SEARCH f USING PRIMARY KEY \(complaint_id=\?\)/);
    expect(received).not.toMatch(/SCAN (complaints|event_facts|f|g)\b(?! USING)/);
    const repeat = plan(REPORT_COUNTS_SQL.repeatCustomers, [{ from: '2025-10-01', to: '2026-10-31' }]);
    expect(repeat).toBe('SEARCH complaints USING COVERING INDEX complaints_received_on (received_on>? AND received_on<?)');
    const since = plan(REPORT_COUNTS_SQL.repeatCustomersSince, [{ from: '2025-10-01', to: '2026-10-31' }]);
    expect(since).toMatch(/SEARCH complaints USING COVERING INDEX complaints_customer \(customer_key=\? AND received_on>\? AND received_on<\?\)/);
    expect(since).not.toMatch(/SCAN (complaints|event_facts|f|g)\b(?! USING)/);
  });

  test('report counts follow-ups per day with their satisfaction from the steps index, the voided by their index', () => {
    const detail = plan(REPORT_COUNTS_SQL.followups, [{ from: '2025-10-01', to: '2026-10-31', last: '2026-10-31' }]);
    expect(detail).toMatch(/^SEARCH event_facts USING COVERING INDEX event_facts_steps \(type=\? AND on_date>\? AND on_date<\?\)/);
    expect(detail).not.toMatch(/SCAN (complaints|event_facts|f|g)\b(?! USING)/);
  });

  test('open and import find a form already present by its key (its number, when it has one), by index', () => {
    expect(plan(LOOKUP_SQL.idsByFormKey, ['k'])).toMatch(/SEARCH complaints USING (COVERING )?INDEX complaints_form_key/);
  });

  test('show reads one complaint by its key and its events by the primary key', () => {
    expect(plan(LOOKUP_SQL.events, [1])).toMatch(/SEARCH events USING PRIMARY KEY/);
  });

  describe('search: by the index when few complaints hold the query, else the complaints from the newest on', () => {
    const query = { terms: ['电饭煲'], statuses: null, voided: false, limit: 51, match: '"电饭煲"' };

    test('few: the index, then each complaint and its text by its key', () => {
      const { sql, params } = searchSql('index', query);
      expect(plan(sql, params)).toBe(
        'SCAN f VIRTUAL TABLE INDEX 0:M1 | SEARCH c USING INTEGER PRIMARY KEY (rowid=?) | SEARCH s USING INTEGER PRIMARY KEY (rowid=?) | USE TEMP B-TREE FOR ORDER BY',
      );
    });

    test('many: the received index backwards (no sort), each checked against the index once read', () => {
      const { sql, params } = searchSql('received', query);
      const detail = plan(sql, params);
      expect(detail).toMatch(/^SCAN c USING (COVERING )?INDEX complaints_received \| LIST SUBQUERY 1 \| SCAN search_index VIRTUAL TABLE/);
      expect(detail).not.toMatch(/TEMP B-TREE/);
      // too short and common for the index: the texts from the newest on
      const scan = searchSql('received', { ...query, match: null, statuses: ['closed'] });
      expect(plan(scan.sql, scan.params)).toBe('SCAN c USING INDEX complaints_received | SEARCH s USING INTEGER PRIMARY KEY (rowid=?)');
    });

    test('many, among those not closed: the agenda index', () => {
      const { sql, params } = searchSql('agenda', { ...query, statuses: ['open', 'assigned'] });
      expect(plan(sql, params)).toMatch(/^SCAN c USING INDEX complaints_agenda/);
    });
  });

  test.each([
    ['a customer (show, customer)', { statuses: null, customer: { name: '王芳', phone: null }, order: 'newest' }, /^SEARCH complaints USING INDEX complaints_customer \(customer_key=\?\)/],
    ['everyone of a name (customer NAME)', { statuses: ['open', 'closed'], customer: { name: '王芳' }, order: 'newest' }, /^SEARCH complaints USING INDEX complaints_customer \(customer_key>\? AND customer_key<\?\)/],
    ['everyone of a phone (customer PHONE)', { statuses: ['open', 'closed'], customer: { phone: '13800138000' }, order: 'newest' }, /^SEARCH complaints USING INTEGER PRIMARY KEY \(rowid=\?\) \| LIST SUBQUERY 1 \| SCAN search_index VIRTUAL TABLE/],
    ['list --phone', { statuses: null, phones: ['8000'] }, /SCAN search_index VIRTUAL TABLE/],
  ] as const)('%s: an index', (_name, filter, expected) => {
    const { sql, params } = listQuery(filter as never);
    const detail = plan(sql, params);
    expect(detail).toMatch(expected);
    expect(detail).not.toMatch(/SCAN complaints(?! USING)/);
  });

  test('list and due read the events of the complaints listed by the primary key, already in order', () => {
    expect(plan(LOOKUP_SQL.eventsOf, ['[1, 2]'])).toBe('SEARCH events USING PRIMARY KEY (complaint_id=?) | LIST SUBQUERY 1 | SCAN json_each VIRTUAL TABLE INDEX 1:');
  });
});
