// Shared by every command that changes a complaint: decide inside the store's transaction, then
// print the complaint as it now stands.
import type { Complaint, ComplaintEvent } from '../../workflow/complaint.js';
import { decide, type ChangeCommand } from '../../workflow/transitions.js';
import { currentTime } from '../clock.js';
import type { CliContext } from '../context.js';
import { renderComplaint } from '../render/complaint.js';
import { complaintJson, toJsonText } from '../render/json.js';

export async function changeComplaint(context: CliContext, id: number, command: ChangeCommand): Promise<string> {
  const store = await context.store();
  store.transact(id, (complaint, settings) => {
    // Without --at, the command happens when it gets its turn to write, not when it started
    // waiting for another kesu process: else a writer that waited would find a later entry
    // already there and be refused as out of order.
    if (!context.atIsNow) return decide(complaint, command, { now: context.now, settings });
    const now = currentTime();
    return decide(complaint, { ...command, at: now }, { now, settings });
  });
  const { complaint, events } = store.find(id);
  return renderRecord(context, complaint, events);
}

export function renderRecord(context: CliContext, complaint: Complaint, events: readonly ComplaintEvent[]): string {
  return context.json ? toJsonText(complaintJson(complaint, context.now, events)) : renderComplaint(complaint, events, context);
}
