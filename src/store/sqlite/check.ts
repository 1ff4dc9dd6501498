// kesu check: is the file sound (SQLite's integrity and foreign-key checks), and does what the store
// derives from the events (each complaint's row, its customer links, the report facts) agree with
// them? And kesu check --repair: rebuild what is derived from the events, in one write transaction.
// A store of years is read a few thousand complaints at a time (better-sqlite3 runs no other
// statement while a cursor is open, and the store does not fit in memory at once); the comparisons
// themselves are pure (consistency.ts).
import type { ComplaintEvent } from '../../workflow/complaint.js';
import { DomainError } from '../../workflow/errors.js';
import {
  examine,
  FACT_COLUMNS,
  isDamage,
  isRepairable,
  ROW_COLUMNS,
  type CheckProblem,
  type Expected,
  type StoredComplaint,
  type StoredRow,
  type Value,
} from './consistency.js';
import type { Db } from './db.js';
import type { EventRow } from './rows.js';
import { SearchIndex } from './search.js';

export interface CheckReport {
  /** Complaints (rows in the complaints table) and events checked. */
  readonly complaints: number;
  readonly events: number;
  /** The first problems found, at most `keep` of them (CheckOptions). */
  readonly problems: readonly CheckProblem[];
  /** How many problems were found in all. */
  readonly problemCount: number;
  /** The file itself is damaged (its integrity check failed, or it could not be read): nothing else was checked. */
  readonly damaged: boolean;
  /** kesu check --repair can mend every problem found (they are all in what is derived from the events). */
  readonly repairable: boolean;
  /** The search index holds exactly the search texts (false: --repair makes it anew). */
  readonly searchIndexSound: boolean;
}

/**
 * What kesu check --repair rewrote: complaints' rows, rows of report facts (written or removed),
 * complaints' customer links, search texts (written or removed), and whether the search index was
 * made anew.
 */
export interface RepairCounts {
  readonly rows: number;
  readonly facts: number;
  readonly links: number;
  readonly search: number;
  readonly index: boolean;
}

export interface CheckOptions {
  /** Complaint ids read at a time. */
  readonly chunk?: number;
  /** Problems kept for the report (the rest are counted). */
  readonly keep?: number;
}

export type ParseEvent = (row: EventRow) => ComplaintEvent;

/** 2,000 complaints, about 10,000 events: a few MB at a time. */
const CHUNK = 2_000;
const KEEP = 1_000;
/** Lines of SQLite's integrity check: past the first hundred, a damaged file has told what it can. */
const INTEGRITY_LINES = 100;

/** The problems found: the first `keep` of them, and how many in all. */
class Findings {
  readonly kept: CheckProblem[] = [];
  count = 0;
  damaged = false;
  repairable = true;
  searchIndexSound = true;

  constructor(private readonly keep: number) {}

  add(problem: CheckProblem): void {
    this.count++;
    if (this.kept.length < this.keep) this.kept.push(problem);
    if (isDamage(problem)) this.damaged = true;
    if (!isRepairable(problem)) this.repairable = false;
    if (problem.kind === 'search-index') this.searchIndexSound = false;
  }

  report(complaints: number, events: number): CheckReport {
    const { kept: problems, count: problemCount, damaged, repairable, searchIndexSound } = this;
    return { complaints, events, problems, problemCount, damaged, repairable, searchIndexSound };
  }
}

/** Checks the whole store, in one read transaction: a check made while another kesu writes is of one state. */
export function checkDatabase(db: Db, parse: ParseEvent, options: CheckOptions = {}): CheckReport {
  return scan(db, parse, options, null);
}

/**
 * Checks the whole store; `mend`, when given, is told the id of every complaint with something a
 * repair rebuilds in its row or report facts (its customer links are rebuilt for every complaint).
 */
function scan(db: Db, parse: ParseEvent, { chunk = CHUNK, keep = KEEP }: CheckOptions, mend: number[] | null): CheckReport {
  const findings = new Findings(keep);
  let complaints = 0;
  let events = 0;
  const keys = linkKeys(db);
  try {
    db.transaction(() => {
      if (!integrity(db, findings)) return;
      for (const { table, parent } of db.prepare<[], { table: string; parent: string }>('PRAGMA foreign_key_check').all()) {
        // An event without its complaint's row is named, complaint by complaint, below.
        if (table !== 'events') findings.add({ complaint: null, kind: 'foreign-key', table, parent });
      }
      for (const stored of storedComplaints(db, chunk)) {
        if (stored.row !== null) complaints++;
        events += stored.events.length;
        const { problems, expected } = examine(stored, parse);
        for (const problem of problems) findings.add(problem);
        if (mend && problems.some(isRepairable)) mend.push(stored.id);
        if (expected !== null) keys.note(stored, expected);
      }
      for (const problem of keys.wrongLinks()) findings.add(problem);
    }).deferred();
    if (!findings.damaged && !indexSound(db)) findings.add({ complaint: null, kind: 'search-index' });
  } catch (error) {
    if (!unreadable(error)) throw error;
    findings.add({ complaint: null, kind: 'unreadable', message: (error as Error).message });
  } finally {
    keys.drop();
  }
  return findings.report(complaints, events);
}

/**
 * Whether the search index holds exactly the search texts: FTS5's own check, after the rest, in a
 * transaction of its own, since SQLite runs it as a write (other writers wait for it: about 6 s on a
 * million complaints). A store kesu may not write cannot run it, and is taken as sound.
 */
function indexSound(db: Db): boolean {
  return db.readonly || new SearchIndex(db).sound();
}

/**
 * Checks the store, then rebuilds from the events, in one write transaction (a kill leaves the
 * database as it was), every complaint's row and report facts that disagree with them, and the
 * customer links; then checks the whole store again. The write lock is held only to rebuild the
 * complaints the first check named (each read again inside it), so that other kesu commands wait
 * seconds, not the minutes a check of a large store takes. A damaged file (its integrity check
 * fails) is left alone: writing into it could only make it worse. Complaints whose events
 * themselves are damaged are left as they are.
 */
export function repairDatabase(db: Db, parse: ParseEvent, options: CheckOptions = {}): { repaired: RepairCounts | null; report: CheckReport } {
  const mend: number[] = [];
  const first = scan(db, parse, options, mend);
  if (first.damaged) return { repaired: null, report: first };
  if (first.problemCount === 0) return { repaired: { rows: 0, facts: 0, links: 0, search: 0, index: false }, report: first };
  const repaired = rebuild(db, parse, options.chunk ?? CHUNK, mend, !first.searchIndexSound);
  return { repaired, report: checkDatabase(db, parse, options) };
}

/**
 * Rebuilds, where it disagrees with the events, what derives from them for every complaint: rows,
 * report facts, customer links. Run when the store opens and what derives from the events has been
 * defined anew since it was written (bulk.ts DERIVED_VERSION), inside the caller's transaction.
 */
export function rebuildDerived(db: Db, parse: ParseEvent): RepairCounts {
  return rebuild(db, parse, CHUNK, undefined, false);
}

/** The writes of a repair: a complaint's row, an event's facts, and the customer links of every complaint. */
function repairStatements(db: Db) {
  const named = (columns: readonly string[]) => columns.map((column) => `@${column}`).join(', ');
  const updateRow = db.prepare(`UPDATE complaints SET ${ROW_COLUMNS.map((column) => `${column} = @${column}`).join(', ')} WHERE id = @id`);
  const insertRow = db.prepare(`INSERT INTO complaints (id, ${ROW_COLUMNS.join(', ')}) VALUES (@id, ${named(ROW_COLUMNS)})`);
  const putFacts = db.prepare(`INSERT OR REPLACE INTO event_facts (complaint_id, seq, ${FACT_COLUMNS.join(', ')}) VALUES (${new Array(FACT_COLUMNS.length + 2).fill('?').join(', ')})`);
  const deleteFacts = db.prepare('DELETE FROM event_facts WHERE complaint_id = ? AND seq = ?');
  // Migration 002's links, written only where they differ; a voided complaint has none, and is none's.
  const relink = db.prepare(`
    UPDATE complaints SET previous_on = linked.p1, previous2_on = linked.p2
    FROM (
      SELECT id, lag(received_on) OVER customer AS p1, lag(received_on, 2) OVER customer AS p2
      FROM complaints WHERE voided = 0 WINDOW customer AS (PARTITION BY customer_key ORDER BY received_on, id)
      UNION ALL
      SELECT id, NULL, NULL FROM complaints WHERE voided = 1
    ) AS linked
    WHERE linked.id = complaints.id AND (complaints.previous_on IS NOT linked.p1 OR complaints.previous2_on IS NOT linked.p2)`);
  return { updateRow, insertRow, putFacts, deleteFacts, relink };
}

/**
 * Rebuilds the rows, report facts and search texts of the complaints `ids` (in id order; every
 * complaint when undefined) where they disagree with the events, and every customer link. `reindex`:
 * the search index disagrees with the texts, so it is made anew from them afterwards rather than
 * told of each text that changes.
 */
function rebuild(db: Db, parse: ParseEvent, chunk: number, ids: readonly number[] | undefined, reindex: boolean): RepairCounts {
  const { updateRow, insertRow, putFacts, deleteFacts, relink } = repairStatements(db);
  const searchIndex = new SearchIndex(db);
  const indexed = !reindex;
  try {
    return db
      .transaction((): RepairCounts => {
        let rows = 0;
        let facts = 0;
        let search = 0;
        for (const stored of storedComplaints(db, chunk, ids)) {
          const { problems, expected } = examine(stored, parse);
          const kinds = new Set(problems.map((problem) => problem.kind));
          if (expected !== null && (kinds.has('no-row') || kinds.has('row'))) {
            (kinds.has('no-row') ? insertRow : updateRow).run(expected.row);
            rows++;
          }
          if (expected !== null && (kinds.has('search') || kinds.has('search-missing'))) search += Number(searchIndex.put(stored.id, expected.search, { indexed }));
          if (kinds.has('search-extra')) {
            searchIndex.remove(stored.id, { indexed });
            search++;
          }
          // One write per event whose facts are missing or differ, however many of their columns do
          // (there are such problems only where the events say what the facts are: expected).
          const rewrite = new Set<number>();
          for (const problem of problems) {
            if (problem.kind === 'fact-extra') {
              deleteFacts.run(stored.id, problem.seq);
              facts++;
            } else if (problem.kind === 'fact' || problem.kind === 'fact-missing') rewrite.add(problem.seq);
          }
          for (const seq of rewrite) {
            putFacts.run(stored.id, seq, ...expected!.facts[seq - 1]!);
            facts++;
          }
        }
        if (reindex) searchIndex.rebuild();
        return { rows, facts, links: relink.run().changes, search, index: reindex };
      })
      .immediate();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('SQLITE_CONSTRAINT')) throw error;
    // Two complaints whose events give them one form number: the events themselves disagree.
    throw new DomainError('conflict', {
      en: `The database ${db.name} cannot be repaired (${(error as Error).message}); it is left as it was, so restore your last backup.`,
      zh: `数据库 ${db.name} 无法修复（${(error as Error).message}）；数据库保持原样，请恢复最近的备份。`,
    });
  }
}

/** SQLite's integrity check; false (and the problems added) when the file is damaged. */
function integrity(db: Db, findings: Findings): boolean {
  const lines = damageLines(db.prepare<[], string>(`PRAGMA integrity_check(${INTEGRITY_LINES})`).pluck().all());
  for (const message of lines) findings.add({ complaint: null, kind: 'integrity', message });
  return lines.length === 0;
}

/**
 * The problems in the rows of PRAGMA integrity_check or quick_check, one a line; none for "ok". A row
 * may hold several lines, the first naming the schema ("*** in database main ***").
 */
export function damageLines(rows: readonly string[]): string[] {
  if (rows.length === 1 && rows[0] === 'ok') return [];
  const lines = rows.flatMap((row) => row.split('\n')).filter((line) => line.trim() !== '' && !line.startsWith('*** in database'));
  return lines.length > 0 ? lines : [...rows];
}

/** A failure to read the file itself: it is damaged (or the disk is). */
function unreadable(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_IOERR'));
}

/**
 * What is stored of every complaint id (in the complaints table, the events or the facts), or of the
 * ids given (in id order), in id order, read `chunk` ids at a time: each chunk is read whole (no
 * cursor stays open) before it is handed over, so that the caller may write between chunks.
 */
function* storedComplaints(db: Db, chunk: number, ids?: readonly number[]): Generator<StoredComplaint> {
  const next = db
    .prepare<{ after: number }, number | null>(
      `SELECT min(n) FROM (
         SELECT min(id) AS n FROM complaints WHERE id > @after
         UNION ALL SELECT min(complaint_id) FROM events WHERE complaint_id > @after
         UNION ALL SELECT min(complaint_id) FROM event_facts WHERE complaint_id > @after
         UNION ALL SELECT min(id) FROM search WHERE id > @after)`,
    )
    .pluck();
  const range = { first: 0, last: 0 };
  const rows = db.prepare<typeof range, StoredRow & { id: number }>(`SELECT id, ${ROW_COLUMNS.join(', ')} FROM complaints WHERE id BETWEEN @first AND @last ORDER BY id`);
  const events = db.prepare<typeof range, EventRow>('SELECT complaint_id, seq, type, at, actor, note, data FROM events WHERE complaint_id BETWEEN @first AND @last ORDER BY complaint_id, seq');
  const facts = db
    .prepare<typeof range, Value[]>(`SELECT complaint_id, seq, ${FACT_COLUMNS.join(', ')} FROM event_facts WHERE complaint_id BETWEEN @first AND @last ORDER BY complaint_id, seq`)
    .raw(true);
  const texts = db.prepare<typeof range, [number, string]>('SELECT id, text FROM search WHERE id BETWEEN @first AND @last ORDER BY id').raw(true);
  /** The ids in the range, all of them or those of `ids`. */
  const read = function* (wanted: ReadonlySet<number> | null): Generator<StoredComplaint> {
    const byId = new Map<number, { row: StoredRow | null; events: EventRow[]; facts: { seq: number; values: Value[] }[]; search: string | null }>();
    const entry = (id: number) => {
      let found = byId.get(id);
      if (!found) byId.set(id, (found = { row: null, events: [], facts: [], search: null }));
      return found;
    };
    for (const row of rows.all(range)) if (!wanted || wanted.has(row.id)) entry(row.id).row = row;
    for (const event of events.all(range)) if (!wanted || wanted.has(event.complaint_id)) entry(event.complaint_id).events.push(event);
    for (const [id, seq, ...values] of facts.all(range)) if (!wanted || wanted.has(id as number)) entry(id as number).facts.push({ seq: seq as number, values });
    for (const [id, text] of texts.all(range)) if (!wanted || wanted.has(id)) entry(id).search = text;
    for (const id of [...byId.keys()].sort((a, b) => a - b)) yield { id, ...byId.get(id)! };
  };
  if (ids) {
    for (let at = 0; at < ids.length; at += chunk) {
      const some = ids.slice(at, at + chunk);
      range.first = some[0]!;
      range.last = some.at(-1)!;
      // A range of ids no wider than the chunk is read whole; a wider one, id by id.
      if (range.last - range.first < chunk) yield* read(new Set(some));
      else {
        for (const id of some) {
          range.first = range.last = id;
          yield* read(null);
        }
      }
    }
    return;
  }
  let first = next.get({ after: Number.MIN_SAFE_INTEGER });
  while (first !== null && first !== undefined) {
    range.first = first;
    range.last = first + chunk - 1;
    yield* read(null);
    first = next.get({ after: range.last });
  }
}

/**
 * The customer links (previous_on, previous2_on; migration 002) as the events say they should be:
 * each complaint's two before it among its customer's, by day received, then id. Computed by SQL
 * over every complaint; where a row's customer or day received is not what its events say (or the
 * row is missing), what the events say is put in a temporary table and used instead, so that a
 * damaged row is named once, not again as a wrong link of each of its customer's other complaints.
 */
function linkKeys(db: Db) {
  db.exec(
    'CREATE TEMP TABLE IF NOT EXISTS kesu_check_keys (id INTEGER PRIMARY KEY, customer_key TEXT NOT NULL, received_on TEXT NOT NULL, voided INTEGER NOT NULL, missing INTEGER NOT NULL)',
  );
  db.exec('DELETE FROM temp.kesu_check_keys');
  const put = db.prepare('INSERT INTO temp.kesu_check_keys VALUES (?, ?, ?, ?, ?)');
  // A voided complaint has no links and is no other complaint's previous.
  const wrong = db.prepare<[], { id: number; previous_on: string | null; previous2_on: string | null; p1: string | null; p2: string | null }>(`
    WITH keyed AS (
      SELECT c.id, 1 AS stored, coalesce(k.customer_key, c.customer_key) AS customer_key, coalesce(k.received_on, c.received_on) AS received_on,
        coalesce(k.voided, c.voided) AS voided, c.previous_on, c.previous2_on
      FROM complaints c LEFT JOIN temp.kesu_check_keys k ON k.id = c.id
      UNION ALL
      SELECT id, 0, customer_key, received_on, voided, NULL, NULL FROM temp.kesu_check_keys WHERE missing = 1
    )
    SELECT id, previous_on, previous2_on, p1, p2 FROM (
      SELECT id, stored, previous_on, previous2_on, lag(received_on) OVER customer AS p1, lag(received_on, 2) OVER customer AS p2
      FROM keyed WHERE voided = 0
      WINDOW customer AS (PARTITION BY customer_key ORDER BY received_on, id)
      UNION ALL
      SELECT id, stored, previous_on, previous2_on, NULL, NULL FROM keyed WHERE voided <> 0
    )
    WHERE stored = 1 AND (previous_on IS NOT p1 OR previous2_on IS NOT p2)
    ORDER BY id`);
  return {
    note(stored: StoredComplaint, expected: Expected): void {
      const { customer_key, received_on, voided } = expected.row;
      if (stored.row === null) put.run(stored.id, customer_key, received_on, voided, 1);
      else if (stored.row.customer_key !== customer_key || stored.row.received_on !== received_on || stored.row.voided !== voided) {
        put.run(stored.id, customer_key, received_on, voided, 0);
      }
    },
    *wrongLinks(): Generator<CheckProblem> {
      for (const { id, previous_on, previous2_on, p1, p2 } of wrong.iterate()) {
        if (previous_on !== p1) yield { complaint: id, kind: 'link', column: 'previous_on', stored: previous_on, expected: p1 };
        if (previous2_on !== p2) yield { complaint: id, kind: 'link', column: 'previous2_on', stored: previous2_on, expected: p2 };
      }
    },
    drop(): void {
      db.exec('DROP TABLE IF EXISTS temp.kesu_check_keys');
    },
  };
}
