// Shared by every command that changes a complaint: decide inside the store's transaction, then
// print the complaint as it now stands.
import type { Complaint, ComplaintEvent } from '../../workflow/complaint.js';
import { decide, type ChangeCommand } from '../../workflow/transitions.js';
import { currentTime } from '../clock.js';
import type { CliContext } from '../context.js';
import { renderComplaint } from '../render/complaint.js';
import { complaintJson, toJsonText } from '../render/json.js';

/** A change command before its time is known (each variant without `at`). */
export type UntimedCommand = WithoutTime<ChangeCommand>;
type WithoutTime<C> = C extends unknown ? Omit<C, 'at'> : never;

export async function changeComplaint(context: CliContext, id: number, command: UntimedCommand, atOption: string | undefined): Promise<string> {
  const given = atOption === undefined ? null : context.at(atOption);
  const store = await context.store();
  const { complaint, events } = store.transact(id, (complaint, settings) => {
    // Without --at, the command happens when it gets its turn to write, not when it started
    // waiting for another kesu process: else a writer that waited would find a later entry
    // already there and be refused as out of order.
    const now = given === null ? currentTime() : context.now;
    return decide(complaint, { ...command, at: given ?? now } as ChangeCommand, { now, settings });
  });
  return renderRecord(context, complaint, events);
}

export function renderRecord(context: CliContext, complaint: Complaint, events: readonly ComplaintEvent[]): string {
  return context.json ? toJsonText(complaintJson(complaint, context.now, events)) : renderComplaint(complaint, events, context);
}
