// Shared by every command that changes a complaint: decide inside the store's transaction, then
// print the complaint as it now stands.
import type { Complaint, ComplaintEvent } from '../../workflow/complaint.js';
import type { Sentence } from '../../workflow/errors.js';
import { decide, type ChangeCommand } from '../../workflow/transitions.js';
import { LOCAL_ZONE } from '../clock.js';
import type { CliContext } from '../context.js';
import { renderComplaint } from '../render/complaint.js';
import { complaintJson, toJsonText } from '../render/json.js';

/** A change command before its time and its actor are known (each variant without `at` and `by`). */
type UnsignedCommand = WithoutTimeAndActor<ChangeCommand>;
type WithoutTimeAndActor<C> = C extends unknown ? Omit<C, 'at' | 'by'> : never;

/** When it happened and who did it, as given with `--at` and `--by`. */
export interface WhenAndWho {
  readonly at?: string;
  readonly by?: string;
}

/** What a change did, for the one sentence some commands print before the record. */
export interface ChangeDone {
  readonly before: Complaint;
  readonly complaint: Complaint;
  readonly events: readonly ComplaintEvent[];
}

export async function changeComplaint(
  context: CliContext,
  id: number,
  command: UnsignedCommand,
  stamp: WhenAndWho,
  saying?: (done: ChangeDone) => Sentence,
): Promise<string> {
  // --at is read before the store is opened, so that a bad one fails without touching anything.
  const given = stamp.at === undefined ? null : context.at(stamp.at);
  const store = await context.store('change');
  let before: Complaint | null = null;
  const { complaint, events } = await store.transact(id, (complaint, settings) => {
    before = complaint;
    // Without --at, the command happens when it gets its turn to write, not when it started
    // waiting for another kesu process: else a writer that waited would find a later entry
    // already there and be refused as out of order.
    const now = given === null ? context.clock() : context.now;
    const by = context.actor(stamp.by, settings);
    return decide(complaint, { ...command, at: given ?? now, by } as ChangeCommand, { now, settings, zone: LOCAL_ZONE });
  });
  const record = renderRecord(context, complaint, events);
  if (saying === undefined || context.json) return record;
  return `${saying({ before: before!, complaint, events })[context.lang]}\n${record}`;
}

export function renderRecord(context: CliContext, complaint: Complaint, events: readonly ComplaintEvent[]): string {
  return context.json ? toJsonText(complaintJson(complaint, context.now, events)) : renderComplaint(complaint, events, context);
}
