// The rows a bulk write (an import) stores for each new complaint, prepared away from the database:
// an import reads and decides its forms in a worker thread and hands them to the thread that holds
// the write transaction packed as one string and two typed arrays, which cross between threads
// almost for free (a structured clone of objects cost as much as the inserts). The store reads the
// pack back in `SqliteStore.beginBulk().addPacked`. No database access here.
import { eventDetails, nextDue, type Complaint, type NewEvent } from '../workflow/complaint.js';
import { customerKey, formKey, refKey, shortPhoneOf } from '../workflow/identity.js';
import { factsOf, type EventFacts } from '../workflow/report-facts.js';
import { instant, localDateOf } from '../workflow/time.js';

/**
 * The version of what the store derives from the events: a complaint's row (complaintRow), its
 * report facts (report-facts.ts factsOf, factColumns) and its customer links. Raise it with any
 * change to them: a store written under another version has them rebuilt from the events when it
 * is next opened (sqlite/db.ts), as `kesu check --repair` rebuilds them by hand.
 */
export const DERIVED_VERSION = 1;

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

/** The columns of a complaint's row that follow from its state. */
export function projectionRow(complaint: Complaint) {
  const due = nextDue(complaint);
  return {
    id: complaint.id,
    status: complaint.status,
    assignee: complaint.assignee,
    closed_ms: complaint.closedAt === null ? null : instant(complaint.closedAt),
    next_due_ms: due === null ? null : instant(due.due),
  };
}

/** A complaint's whole row in the complaints table; `key` is its form key (identity.ts formKey). */
export function complaintRow(complaint: Complaint, key = formKey(complaint)) {
  // Written out, not spread: a spread object is slower to build and read, per form of an import.
  const { id, status, assignee, closed_ms, next_due_ms } = projectionRow(complaint);
  return {
    id,
    status,
    assignee,
    closed_ms,
    next_due_ms,
    uuid: complaint.uuid,
    ref: complaint.ref,
    ref_key: complaint.ref === null ? null : refKey(complaint.ref),
    severity: complaint.severity,
    category: complaint.category,
    channel: complaint.channel,
    customer: complaint.customer.name,
    short_phone: shortPhoneOf(complaint.customer.phone),
    received_on: localDateOf(complaint.receivedAt),
    customer_key: customerKey(complaint.customer.name, complaint.customer.phone),
    received_ms: instant(complaint.receivedAt),
    form_key: formKeyHash(key),
  };
}

/** Which of factColumns are numbers (the others are texts). */
const FACT_NUMBERS: ReadonlySet<number> = new Set([3, 6, 9, 10, 11, 12]);

/** The columns of event_facts after complaint_id, seq and type, in order. */
export function factColumns(facts: EventFacts): (string | number | null)[] {
  const flag = (value: boolean | null): number | null => (value === null ? null : value ? 1 : 0);
  return [
    facts.on,
    facts.through,
    facts.status,
    facts.dueMs,
    facts.department,
    facts.responsibility,
    flag(facts.substantiated),
    facts.rootCause,
    facts.correctiveAction,
    flag(facts.onTime),
    flag(facts.solutionOnTime),
    facts.satisfaction,
    facts.compensationCents,
    facts.compensationKind,
  ];
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

/**
 * Packs new complaints (numbered 0) with their events. Per complaint, texts: form key, uuid, ref,
 * ref key, status, severity, category, channel, customer, short phone, assignee, received on (local
 * date), customer key, the row's cells as JSON (or null); numbers: the row, the id to restore under
 * (NaN for a form), form key hash, received, closed, next due, event count. Then per event, texts: type, at, actor, note, payload JSON;
 * numbers: at; then its report facts (factColumns), each a text or a number as FACT_NUMBERS says.
 */
export function packForms(forms: readonly FormToWrite[]): PackedForms {
  const texts: string[] = [];
  const lengths: number[] = [];
  const numbers: number[] = [];
  const put = (value: string | null): void => {
    if (value === null) lengths.push(-1);
    else {
      texts.push(value);
      lengths.push(value.length);
    }
  };
  for (const { complaint, events, row: rowNumber, cells, restoreId } of forms) {
    if (complaint.id !== 0) throw new Error('packForms takes complaints numbered 0');
    const key = formKey(complaint);
    const row = complaintRow(complaint, key);
    put(key);
    put(row.uuid);
    put(row.ref);
    put(row.ref_key);
    put(row.status);
    put(row.severity);
    put(row.category);
    put(row.channel);
    put(row.customer);
    put(row.short_phone);
    put(row.assignee);
    put(row.received_on);
    put(row.customer_key);
    put(cells === null ? null : JSON.stringify(cells));
    numbers.push(rowNumber, restoreId ?? Number.NaN, row.form_key, row.received_ms, row.closed_ms ?? Number.NaN, row.next_due_ms ?? Number.NaN, events.length);
    const facts = factsOf(events);
    events.forEach((event, index) => {
      put(event.type);
      put(event.at);
      put(event.by);
      put(event.note);
      put(JSON.stringify(eventDetails(event)));
      numbers.push(instant(event.at));
      factColumns(facts[index]!).forEach((value, column) => {
        if (FACT_NUMBERS.has(column)) numbers.push((value as number | null) ?? Number.NaN);
        else put(value as string | null);
      });
    });
  }
  return { count: forms.length, text: texts.join(''), lengths: Int32Array.from(lengths), numbers: Float64Array.from(numbers) };
}

/** How many values factColumns gives per event. */
const FACT_COLUMNS = 14;

/** Reads a pack in order, value by value (the store's side of `packForms`). */
export class PackReader {
  private textAt = 0;
  private lengthAt = 0;
  private numberAt = 0;

  constructor(private readonly pack: PackedForms) {}

  string(): string | null {
    const length = this.pack.lengths[this.lengthAt++]!;
    if (length < 0) return null;
    const value = this.pack.text.slice(this.textAt, this.textAt + length);
    this.textAt += length;
    return value;
  }

  /** A text that is never null. */
  required(): string {
    const value = this.string();
    if (value === null) throw new Error('a packed value is missing');
    return value;
  }

  number(): number | null {
    const value = this.pack.numbers[this.numberAt++]!;
    return Number.isNaN(value) ? null : value;
  }

  count(): number {
    return this.pack.numbers[this.numberAt++]!;
  }

  /** Passes over the events of a form (see `packForms`). */
  skipEvents(count: number): void {
    for (let event = 0; event < count; event++) {
      for (let text = 0; text < 5; text++) this.string();
      this.numberAt += 1;
      for (let column = 0; column < FACT_COLUMNS; column++) {
        if (FACT_NUMBERS.has(column)) this.numberAt++;
        else this.string();
      }
    }
  }
}
