// Shared by every command that changes a complaint: decide inside the store's transaction, then
// print the complaint as it now stands.
import type { Complaint, ComplaintEvent } from '../../workflow/complaint.js';
import { decide, type ChangeCommand } from '../../workflow/transitions.js';
import type { CliContext } from '../context.js';
import { renderComplaint } from '../render/complaint.js';
import { complaintJson, toJsonText } from '../render/json.js';

export async function changeComplaint(context: CliContext, id: number, command: ChangeCommand): Promise<string> {
  const store = await context.store();
  store.transact(id, (complaint, settings) => decide(complaint, command, { now: context.now, settings }));
  const { complaint, events } = store.find(id);
  return renderRecord(context, complaint, events);
}

export function renderRecord(context: CliContext, complaint: Complaint, events: readonly ComplaintEvent[]): string {
  return context.json ? toJsonText(complaintJson(complaint, context.now, events)) : renderComplaint(complaint, events, context);
}
