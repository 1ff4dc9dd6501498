// An event as the events table stores it: its columns, and its details as JSON.
import type { ComplaintEvent } from '../../workflow/complaint.js';

export interface EventRow {
  readonly complaint_id: number;
  readonly seq: number;
  readonly type: string;
  readonly at: string;
  readonly actor: string;
  readonly note: string | null;
  readonly data: string;
}

/** The event of a row: the parsed details are a fresh object, so the columns are set on it, not copied twice. */
export function eventFromRow(row: EventRow): ComplaintEvent {
  const event = JSON.parse(row.data) as Record<string, unknown>;
  event.type = row.type;
  event.seq = row.seq;
  event.at = row.at;
  event.by = row.actor;
  event.note = row.note;
  return event as unknown as ComplaintEvent;
}
