// A shop's whole event log for report tests: several complaints, each driven through `decide`
// and recorded as the store would hand the events over (with the complaint id and a sequence).
import { fold, type NewEvent } from '../../src/workflow/complaint.js';
import type { ReportEvent } from '../helpers/report-oracle.js';
import { decide, type ChangeCommand } from '../../src/workflow/transitions.js';
import { context, openCommand, type OpenCommand } from './builders.js';

/** A shop's event log: complaints numbered from 1, each event numbered within its complaint. */
export class Shop {
  readonly events: ReportEvent[] = [];
  private readonly byComplaint = new Map<number, NewEvent[]>();

  open(fields: Partial<Omit<OpenCommand, 'type'>>): number {
    const id = this.byComplaint.size + 1;
    this.byComplaint.set(id, []);
    this.record(id, decide(null, openCommand({ uuid: `uuid-${id}`, ...fields }), context()));
    return id;
  }

  act(id: number, ...commands: ChangeCommand[]): void {
    for (const command of commands) this.record(id, decide(fold(id, this.byComplaint.get(id)!), command, context()));
  }

  private record(id: number, events: NewEvent[]): void {
    const list = this.byComplaint.get(id)!;
    for (const event of events) {
      list.push(event);
      this.events.push({ ...event, complaintId: id, seq: list.length });
    }
  }
}
