// What the store keeps beside each complaint's events, derived from them, and how new complaints
// travel to it in bulk. Each kind of row is one table of columns (its name in the store, whether it
// is a text or a number, and how its value follows from the complaint or the event): the rows the
// store writes, the packing of an import's forms and the reading of it back all come from these
// tables, so that no list of positions is written twice. An import reads and decides its forms in a
// worker thread and hands them to the thread that holds the write transaction packed as one string
// and two typed arrays, which cross between threads almost for free (a structured clone of objects
// cost as much as the inserts). No database access here.
import { eventDetails, nextDue, type Complaint, type NewEvent } from '../workflow/complaint.js';
import { customerKey, formKey, refKey, shortPhoneOf } from '../workflow/identity.js';
import { factsOf, type EventFacts } from '../workflow/report-facts.js';
import { searchText } from '../workflow/search.js';
import { instant, localDateOf } from '../workflow/time.js';

/**
 * The version of what the store derives from the events: a complaint's row (ROW_COLUMNS), its
 * report facts (FACT_COLUMNS, from report-facts.ts factsOf), its search text (SEARCH_COLUMNS) and its
 * customer links. Raise it with any change to them: a store written under another version has them
 * rebuilt from the events when it is next opened (sqlite/db.ts), as `kesu check --repair` rebuilds
 * them by hand. 2: customers told apart without regard to any space; search texts. 3: corrections
 * and voids (the voided flag, and the facts as they stood after each event); 4: customers and search
 * texts without the characters drawn as nothing (zero-width spaces and joiners…); 5: waits (the
 * time a complaint waits since, and whether it waited and how long after each event); 6: compensation
 * above the standard, and who approved it; 7: escalations (the escalation that stands, and why each
 * escalated event was made).
 */
export const DERIVED_VERSION = 7;

export type Value = string | number | null;

/** A column: its name in the store, whether it holds a text or a number, and its value. */
interface Column<From, Name extends string = string> {
  readonly name: Name;
  readonly kind: 'text' | 'number';
  readonly of: (from: From) => Value;
}

/** The columns of a table whose values follow from a `From`. */
function columnsOf<From>() {
  return {
    text: <Name extends string>(name: Name, of: (from: From) => string | null): Column<From, Name> => ({ name, kind: 'text', of }),
    number: <Name extends string>(name: Name, of: (from: From) => number | null): Column<From, Name> => ({ name, kind: 'number', of }),
  };
}
const flag = (value: boolean | null): number | null => (value === null ? null : value ? 1 : 0);

/** A complaint with its form key (identity.ts formKey), worked out once. */
interface KeyedComplaint {
  readonly complaint: Complaint;
  readonly key: string;
}

const row = columnsOf<KeyedComplaint>();

/** The form number a complaint holds in the store: none while it is voided, so that the number can be given anew. */
const heldRef = (complaint: Complaint): string | null => (complaint.voided === null ? complaint.ref : null);

/**
 * The columns of a complaint's row that follow from its state, in the order the store keeps them
 * (its id and customer links aside). A voided complaint keeps its row, marked `voided`, which every
 * query but show's and `list --status voided` leaves out; it holds no form number (its events keep it).
 */
export const ROW_COLUMNS = [
  row.text('uuid', ({ complaint }) => complaint.uuid),
  row.text('ref', ({ complaint }) => heldRef(complaint)),
  row.text('ref_key', ({ complaint }) => {
    const ref = heldRef(complaint);
    return ref === null ? null : refKey(ref);
  }),
  row.text('status', ({ complaint }) => complaint.status),
  row.text('severity', ({ complaint }) => complaint.severity),
  row.text('category', ({ complaint }) => complaint.category),
  row.text('channel', ({ complaint }) => complaint.channel),
  row.text('customer', ({ complaint }) => complaint.customer.name),
  row.text('short_phone', ({ complaint }) => shortPhoneOf(complaint.customer.phone)),
  row.text('assignee', ({ complaint }) => complaint.assignee),
  row.text('received_on', ({ complaint }) => localDateOf(complaint.receivedAt)),
  row.text('customer_key', ({ complaint }) => customerKey(complaint.customer.name, complaint.customer.phone)),
  row.number('received_ms', ({ complaint }) => instant(complaint.receivedAt)),
  row.number('closed_ms', ({ complaint }) => (complaint.closedAt === null ? null : instant(complaint.closedAt))),
  row.number('next_due_ms', ({ complaint }) => dueMs(complaint)),
  row.number('form_key', ({ key }) => formKeyHash(key)),
  row.number('voided', ({ complaint }) => flag(complaint.voided !== null)),
  row.number('waiting_ms', ({ complaint }) => (complaint.waiting === null ? null : instant(complaint.waiting.since))),
  row.number('escalated_ms', ({ complaint }) => (complaint.escalation === null ? null : instant(complaint.escalation.at))),
] as const;

/** The columns of a complaint's row that a change of it may change: every one but its uuid (a correction may change what the opening set). */
export const CHANGING_COLUMNS = ROW_COLUMNS.map((column) => column.name).filter((name) => name !== 'uuid');

/** A complaint and its events: what its search text follows from. */
interface ComplaintAndEvents {
  readonly complaint: Complaint;
  readonly events: readonly NewEvent[];
}

const search = columnsOf<ComplaintAndEvents>();

/**
 * A complaint's search text as the store keeps it: workflow/search.ts searchText, with two line
 * breaks after it so that every character of it has two more after it: the trigram index finds a
 * query of one or two characters by the trigrams that begin with it (sqlite/search.ts).
 */
export function storedSearchText(complaint: Complaint, events: readonly NewEvent[]): string {
  return `${searchText(complaint, events)}\n\n`;
}

/** The columns of a complaint's row in the search table (after its id). */
export const SEARCH_COLUMNS = [search.text('text', ({ complaint, events }) => storedSearchText(complaint, events))] as const;

/** An event, its report facts and their place: what a row of event_facts follows from. */
interface FactsOfEvent {
  readonly event: NewEvent;
  readonly facts: EventFacts;
}

const fact = columnsOf<FactsOfEvent>();

/** The columns of an event's report facts (report-facts.ts), in the order the store keeps them (after the complaint and seq). */
export const FACT_COLUMNS = [
  fact.text('type', ({ event }) => event.type),
  fact.text('on_date', ({ facts }) => facts.on),
  fact.text('through', ({ facts }) => facts.through),
  fact.text('status', ({ facts }) => facts.status),
  fact.number('due_ms', ({ facts }) => facts.dueMs),
  fact.text('department', ({ facts }) => facts.department),
  fact.text('responsibility', ({ facts }) => facts.responsibility),
  fact.number('substantiated', ({ facts }) => flag(facts.substantiated)),
  fact.text('root_cause', ({ facts }) => facts.rootCause),
  fact.text('corrective_action', ({ facts }) => facts.correctiveAction),
  fact.number('on_time', ({ facts }) => flag(facts.onTime)),
  fact.number('solution_on_time', ({ facts }) => flag(facts.solutionOnTime)),
  fact.number('satisfaction', ({ facts }) => facts.satisfaction),
  fact.number('compensation_cents', ({ facts }) => facts.compensationCents),
  fact.text('compensation_kind', ({ facts }) => facts.compensationKind),
  fact.number('voided', ({ facts }) => flag(facts.voided)),
  fact.text('received_on', ({ facts }) => facts.receivedOn),
  fact.text('category', ({ facts }) => facts.category),
  fact.text('channel', ({ facts }) => facts.channel),
  fact.text('severity', ({ facts }) => facts.severity),
  fact.text('customer_key', ({ facts }) => facts.customerKey),
  fact.number('waiting', ({ facts }) => flag(facts.waiting)),
  fact.number('waited_workdays', ({ facts }) => facts.waitedWorkdays),
  fact.number('above_standard', ({ facts }) => flag(facts.aboveStandard)),
  fact.text('approved_by', ({ facts }) => facts.approvedBy),
  fact.text('escalation_reason', ({ event }) => (event.type === 'escalated' ? event.reason : null)),
] as const;

const event = columnsOf<NewEvent>();

/** The columns of an event as stored (after the complaint and seq). */
export const EVENT_COLUMNS = [
  event.text('type', (event) => event.type),
  event.text('at', (event) => event.at),
  event.number('at_ms', (event) => instant(event.at)),
  event.text('actor', (event) => event.by),
  event.text('note', (event) => event.note),
  event.text('data', (event) => JSON.stringify(eventDetails(event))),
] as const;

export type RowColumn = (typeof ROW_COLUMNS)[number]['name'];
export type FactColumn = (typeof FACT_COLUMNS)[number]['name'];

/** The due time of the complaint's nearest pending deadline (ms), or null when none is. */
function dueMs(complaint: Complaint): number | null {
  const due = nextDue(complaint);
  return due === null ? null : instant(due.due);
}

/** A complaint's row, by column, with its id: what the store keeps (and checks) beside its events. */
export function complaintRow(complaint: Complaint): { readonly id: number } & { readonly [C in RowColumn]: Value } {
  const keyed = { complaint, key: formKey(complaint) };
  return Object.fromEntries([['id', complaint.id], ...ROW_COLUMNS.map((column) => [column.name, column.of(keyed)])]) as { id: number } & Record<RowColumn, Value>;
}

/** The values of a complaint's row, in ROW_COLUMNS order. */
export function rowValues(complaint: Complaint): Value[] {
  const keyed = { complaint, key: formKey(complaint) };
  return ROW_COLUMNS.map((column) => column.of(keyed));
}


/** The report facts of each of a complaint's events, in FACT_COLUMNS order. */
export function factRows(events: readonly NewEvent[]): Value[][] {
  return factsOf(events).map((facts, index) => FACT_COLUMNS.map((column) => column.of({ event: events[index]!, facts })));
}

/** The values of an event as stored, in EVENT_COLUMNS order. */
export function eventValues(event: NewEvent): Value[] {
  return EVENT_COLUMNS.map((column) => column.of(event));
}

/**
 * The form key of identity.ts as stored: hashed to a 53-bit integer (cyrb53), so that the index on
 * it is small and fixed-width whatever the length of the description. Two keys may share a hash;
 * the store compares the full keys of the complaints found before it calls a form already present.
 */
function formKeyHash(key: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A form read for a bulk write: its complaint and events, the row it came from and, where kept, that row's cells. */
export interface FormToWrite {
  readonly complaint: Complaint;
  readonly events: readonly NewEvent[];
  readonly row: number;
  /** The row's cells as the file had them, for a rejects file; null when not kept. */
  readonly cells: readonly string[] | null;
  /**
   * A complaint restored from an export: recognised by its uuid (not its content), and kept under
   * this id where it is free (0: any id). Absent for a form.
   */
  readonly restoreId?: number;
}

const form = columnsOf<FormToWrite & { key: string }>();

/** What travels with each form besides its row: how to recognise it, and how to answer about it. */
export const FORM_COLUMNS = [
  form.text('key', ({ key }) => key),
  form.text('cells', ({ cells }) => (cells === null ? null : JSON.stringify(cells))),
  form.number('row', ({ row }) => row),
  form.number('restore_id', ({ restoreId }) => restoreId ?? null),
  form.number('events', ({ events }) => events.length),
] as const;

/** New complaints, each with its events, packed for a bulk write; see `packForms`. */
export interface PackedForms {
  readonly count: number;
  /** Every text value, one after the other. */
  readonly text: string;
  /** The length of each text value in `text`, in order; -1 for null. */
  readonly lengths: Int32Array;
  /** Every number, in order; NaN for null. */
  readonly numbers: Float64Array;
}

/**
 * Packs new complaints (numbered 0) with their events: per form, FORM_COLUMNS, ROW_COLUMNS and
 * SEARCH_COLUMNS; then per event, EVENT_COLUMNS then FACT_COLUMNS. Texts go into one string (with their lengths),
 * numbers into one array; `PackReader.read` takes them back, column table by column table.
 */
export function packForms(forms: readonly FormToWrite[]): PackedForms {
  const texts: string[] = [];
  const lengths: number[] = [];
  const numbers: number[] = [];
  const put = <From>(columns: readonly Column<From>[], from: From): void => {
    for (const column of columns) {
      const value = column.of(from);
      if (column.kind === 'number') numbers.push((value as number | null) ?? Number.NaN);
      else if (value === null) lengths.push(-1);
      else {
        texts.push(value as string);
        lengths.push((value as string).length);
      }
    }
  };
  for (const form of forms) {
    const { complaint, events } = form;
    if (complaint.id !== 0) throw new Error('packForms takes complaints numbered 0');
    const key = formKey(complaint);
    put(FORM_COLUMNS, { ...form, key });
    put(ROW_COLUMNS, { complaint, key });
    put(SEARCH_COLUMNS, { complaint, events });
    const facts = factsOf(events);
    events.forEach((event, index) => {
      put(EVENT_COLUMNS, event);
      put(FACT_COLUMNS, { event, facts: facts[index]! });
    });
  }
  return { count: forms.length, text: texts.join(''), lengths: Int32Array.from(lengths), numbers: Float64Array.from(numbers) };
}

/** Reads a pack back in order, a column table at a time (the store's side of `packForms`). */
export class PackReader {
  private textAt = 0;
  private lengthAt = 0;
  private numberAt = 0;

  constructor(private readonly pack: PackedForms) {}

  /**
   * The values of `columns`, in their order, into `into` from `offset` on (an array kept from one
   * record to the next: a million forms make no garbage of arrays).
   */
  read(columns: readonly Column<never, string>[], into: Value[], offset = 0): Value[] {
    for (let at = 0; at < columns.length; at++) into[offset + at] = columns[at]!.kind === 'number' ? this.number() : this.text();
    return into;
  }

  /** Passes over `count` events (EVENT_COLUMNS and FACT_COLUMNS each). */
  skipEvents(count: number): void {
    const scratch: Value[] = [];
    for (let event = 0; event < count; event++) {
      this.read(EVENT_COLUMNS, scratch);
      this.read(FACT_COLUMNS, scratch);
    }
  }

  private text(): string | null {
    const length = this.pack.lengths[this.lengthAt++]!;
    if (length < 0) return null;
    const value = this.pack.text.slice(this.textAt, this.textAt + length);
    this.textAt += length;
    return value;
  }

  private number(): number | null {
    const value = this.pack.numbers[this.numberAt++]!;
    return Number.isNaN(value) ? null : value;
  }
}
