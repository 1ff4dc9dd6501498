// Whether what the store keeps beside a complaint's events agrees with them: its row in the complaints
// table (bulk.ts complaintRow), the report facts of each event (report-facts.ts factsOf, stored by
// bulk.ts factColumns) and its search text (bulk.ts storedSearchText). The events are the record; the rest is derived from them. Pure: the stored
// values come in, the problems (as data, worded by the shell) and what the events say come out.
// check.ts reads and writes the database.
import { EVENT_TYPES, fold, type ComplaintEvent } from '../../workflow/complaint.js';
import type { Sentence } from '../../workflow/errors.js';
import { storedEventProblems } from '../../workflow/restore.js';
import type { EventRow } from './rows.js';
import { complaintRow, FACT_COLUMNS as FACT_TABLE, factRows, ROW_COLUMNS as ROW_TABLE, storedSearchText, type FactColumn, type RowColumn, type Value } from '../bulk.js';

export type { Value };

/** A complaint's row as complaintRow gives it. */
type ComplaintRow = ReturnType<typeof complaintRow>;

/** The columns of a complaint's row that follow from its events (all of complaintRow's but the id, the key). */
export const ROW_COLUMNS: readonly RowColumn[] = ROW_TABLE.map((column) => column.name);

export type StoredRow = { readonly [C in RowColumn]: Value };

/** The columns of event_facts after complaint_id and seq, in order: the event's type, then its facts. */
export const FACT_COLUMNS: readonly FactColumn[] = FACT_TABLE.map((column) => column.name);

/** The customer links of a row (migration 002): the days the customer's two complaints before it were received. */
type LinkColumn = 'previous_on' | 'previous2_on';

/** A row of report facts: its seq and the values of FACT_COLUMNS, in order. */
export interface StoredFacts {
  readonly seq: number;
  readonly values: readonly Value[];
}

/** What is stored of one complaint id: its row and search text (null when there is none), its events and its facts, each in seq order. */
export interface StoredComplaint {
  readonly id: number;
  readonly row: StoredRow | null;
  readonly events: readonly EventRow[];
  readonly facts: readonly StoredFacts[];
  readonly search: string | null;
}

/** What is wrong, as data: the shell words it (cli/render/check.ts). */
export type Problem =
  /** A line of SQLite's integrity check: the file itself is damaged. */
  | { readonly kind: 'integrity'; readonly message: string }
  /** SQLite could not read the file at all (it is damaged where kesu had to read). */
  | { readonly kind: 'unreadable'; readonly message: string }
  /** A row whose parent row is missing (PRAGMA foreign_key_check). */
  | { readonly kind: 'foreign-key'; readonly table: string; readonly parent: string }
  /** A row in complaints without a single event: the record is lost. */
  | { readonly kind: 'no-events' }
  /** Events without their row in complaints. */
  | { readonly kind: 'no-row' }
  /** The events are not numbered 1, 2, 3…: `expected` is the seq that should come, `found` the one there. */
  | { readonly kind: 'numbering'; readonly expected: number; readonly found: number }
  /** The first event is not the opening. */
  | { readonly kind: 'not-opened-first'; readonly type: string }
  | { readonly kind: 'unknown-event'; readonly seq: number; readonly type: string }
  /** The events cannot be read or folded (a payload that is not JSON, say). */
  | { readonly kind: 'unreadable-events'; readonly message: string }
  /** An event holds what kesu never writes (a severity no vocabulary has, say): changed outside kesu. */
  | { readonly kind: 'invalid-event'; readonly seq: number; readonly field: string; readonly sentence: Sentence }
  | { readonly kind: 'row'; readonly column: RowColumn; readonly stored: Value; readonly expected: Value }
  | { readonly kind: 'link'; readonly column: LinkColumn; readonly stored: Value; readonly expected: Value }
  | { readonly kind: 'fact-missing'; readonly seq: number }
  /** Facts of an event that does not exist. */
  | { readonly kind: 'fact-extra'; readonly seq: number }
  | { readonly kind: 'fact'; readonly seq: number; readonly column: FactColumn; readonly stored: Value; readonly expected: Value }
  | { readonly kind: 'search-missing' }
  /** A search text that is not what the events give (a text may be long: not quoted). */
  | { readonly kind: 'search' }
  /** A search text of a complaint that has neither a row nor events. */
  | { readonly kind: 'search-extra' }
  /** The search index does not hold exactly the search texts (FTS5's integrity check). */
  | { readonly kind: 'search-index' };

/** A problem and the complaint it is about (null: the file, or a table as a whole). */
export type CheckProblem = Problem & { readonly complaint: number | null };

/** The kinds kesu check --repair mends: what is derived from the events. The others are in the record itself, or the file. */
const REPAIRABLE: ReadonlySet<Problem['kind']> = new Set(['no-row', 'row', 'link', 'fact-missing', 'fact-extra', 'fact', 'search-missing', 'search', 'search-extra', 'search-index']);

export function isRepairable(problem: Problem): boolean {
  return REPAIRABLE.has(problem.kind);
}

/** The file itself is damaged: nothing kesu reads of it can be trusted. */
export function isDamage(problem: Problem): boolean {
  return problem.kind === 'integrity' || problem.kind === 'unreadable';
}

/** What the events say the complaint's row, its facts and its search text are. */
export interface Expected {
  readonly row: ComplaintRow;
  /** Per event, in seq order: the values of FACT_COLUMNS. */
  readonly facts: readonly (readonly Value[])[];
  readonly search: string;
}

export interface Examined {
  readonly problems: readonly CheckProblem[];
  /** What the events say, or null when they cannot say it (none, or a damaged record). */
  readonly expected: Expected | null;
}

/**
 * Compares what is stored of one complaint with what its events say. `parse` turns an event's row
 * into the event (complaints.ts), and may throw on a payload that cannot be read.
 */
export function examine(stored: StoredComplaint, parse: (row: EventRow) => ComplaintEvent): Examined {
  const { id, row, events, facts, search } = stored;
  const problems: CheckProblem[] = [];
  const add = (problem: Problem): void => void problems.push({ ...problem, complaint: id });
  if (events.length === 0) {
    // A row without events has lost its record; its facts and text are left as they are, for a restore.
    if (row !== null) add({ kind: 'no-events' });
    else {
      for (const { seq } of facts) add({ kind: 'fact-extra', seq });
      if (search !== null) add({ kind: 'search-extra' });
    }
    return { problems, expected: null };
  }
  const expected = expectedOf(id, events, parse);
  if ('problem' in expected) {
    add(expected.problem);
    return { problems, expected: null };
  }
  if (row === null) add({ kind: 'no-row' });
  else problems.push(...compareRow(id, row, expected.row));
  problems.push(...compareFacts(id, facts, expected.facts));
  if (search !== expected.search) add({ kind: search === null ? 'search-missing' : 'search' });
  return { problems, expected };
}

/** What the events say, or the first reason they cannot say it. */
function expectedOf(id: number, rows: readonly EventRow[], parse: (row: EventRow) => ComplaintEvent): Expected | { problem: Problem } {
  const gap = rows.findIndex((event, index) => event.seq !== index + 1);
  if (gap !== -1) return { problem: { kind: 'numbering', expected: gap + 1, found: rows[gap]!.seq } };
  if (rows[0]!.type !== 'opened') return { problem: { kind: 'not-opened-first', type: rows[0]!.type } };
  const unknown = rows.find((event) => !(EVENT_TYPES as readonly string[]).includes(event.type));
  if (unknown) return { problem: { kind: 'unknown-event', seq: unknown.seq, type: unknown.type } };
  try {
    const events = rows.map(parse);
    for (const [index, event] of events.entries()) {
      const [invalid] = storedEventProblems(event, index + 1);
      if (invalid) return { problem: { kind: 'invalid-event', seq: index + 1, field: invalid.path.replace(/^\./, ''), sentence: invalid.sentence } };
    }
    const complaint = fold(id, events);
    return { row: complaintRow(complaint), facts: factRows(events), search: storedSearchText(complaint, events) };
  } catch (error) {
    return { problem: { kind: 'unreadable-events', message: error instanceof Error ? error.message : String(error) } };
  }
}

/** One problem per column of the stored row that is not what the events say. */
function compareRow(id: number, stored: StoredRow, expected: ComplaintRow): CheckProblem[] {
  const problems: CheckProblem[] = [];
  for (const column of ROW_COLUMNS) {
    if (stored[column] !== expected[column]) problems.push({ complaint: id, kind: 'row', column, stored: stored[column], expected: expected[column] });
  }
  return problems;
}

/** The facts missing, differing (one problem per column) and extra, in seq order. */
export function compareFacts(id: number, stored: readonly StoredFacts[], expected: readonly (readonly Value[])[]): CheckProblem[] {
  const problems: CheckProblem[] = [];
  const bySeq = new Map(stored.map((facts) => [facts.seq, facts.values]));
  expected.forEach((values, index) => {
    const seq = index + 1;
    const found = bySeq.get(seq);
    if (found === undefined) {
      problems.push({ complaint: id, kind: 'fact-missing', seq });
      return;
    }
    FACT_COLUMNS.forEach((column, at) => {
      if (found[at] !== values[at]) problems.push({ complaint: id, kind: 'fact', seq, column, stored: found[at] ?? null, expected: values[at] ?? null });
    });
  });
  for (const { seq } of stored) if (!(seq >= 1 && seq <= expected.length)) problems.push({ complaint: id, kind: 'fact-extra', seq });
  return problems;
}
