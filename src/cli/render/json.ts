// The documented --json shapes: camelCase keys, null for absent values, money as "25.50".
import { formatMoney, overdueAt, type Complaint, type ComplaintEvent } from '../../workflow/complaint.js';
import type { Deadline } from '../../workflow/deadlines.js';
import type { SearchMatch } from '../../workflow/search.js';
import type { IsoTime } from '../../workflow/time.js';
import { snippetOf } from './search.js';

export function complaintJson(complaint: Complaint, now: IsoTime, events?: readonly ComplaintEvent[]) {
  const due = (deadline: Deadline | null): IsoTime | null => deadline?.due ?? null;
  return {
    id: complaint.id,
    uuid: complaint.uuid,
    ref: complaint.ref,
    status: complaint.status,
    outcome: complaint.outcome,
    severity: complaint.severity,
    category: complaint.category,
    channel: complaint.channel,
    customer: { name: complaint.customer.name, phone: complaint.customer.phone },
    description: complaint.description,
    request: complaint.request,
    order: complaint.order,
    receivedAt: complaint.receivedAt,
    receivedBy: complaint.receivedBy,
    assignee: complaint.assignee,
    department: complaint.department,
    substantiated: complaint.substantiated,
    responsibility: complaint.responsibility,
    finding: complaint.finding,
    rootCause: complaint.rootCause,
    correctiveAction: complaint.correctiveAction,
    solution: complaint.solution,
    compensation: {
      kind: complaint.compensation.kind,
      amount: complaint.compensation.cents === null ? null : formatMoney(complaint.compensation.cents),
    },
    approvedBy: complaint.approvedBy,
    deadlines: {
      answer: due(complaint.deadlines.answer),
      solution: due(complaint.deadlines.solution),
      followup: due(complaint.deadlines.followup),
    },
    overdue: overdueAt(complaint, now),
    reopenCount: complaint.reopenCount,
    answeredAt: complaint.answeredAt,
    resolvedAt: complaint.resolvedAt,
    closedAt: complaint.closedAt,
    voided: complaint.voided === null ? null : { at: complaint.voided.at, by: complaint.voided.by, reason: complaint.voided.reason },
    waiting: complaint.waiting === null ? null : { since: complaint.waiting.since, on: complaint.waiting.on, by: complaint.waiting.by, note: complaint.waiting.note },
    majorCriterion: complaint.majorCriterion,
    escalation: complaint.escalation === null ? null : { at: complaint.escalation.at, by: complaint.escalation.by, to: complaint.escalation.to, reason: complaint.escalation.reason, note: complaint.escalation.note },
    followups: complaint.followups.map((f) => ({ at: f.at, method: f.method, satisfaction: f.satisfaction, note: f.note })),
    ...(events ? { events: events.map(eventJson) } : {}),
  };
}

/** Where a search matched: `{ field, before, text, after }` (the snippet around it, on one line), or null. */
export function searchMatchJson(match: SearchMatch | null) {
  return match === null ? null : snippetOf(match);
}

/** An event: its number, type, time, actor and note, and what a correction changed (null for other events). */
function eventJson(event: ComplaintEvent) {
  const changes = event.type === 'corrected' ? event.changes.map(({ field, before, after }) => ({ field, before, after })) : null;
  return { seq: event.seq, type: event.type, at: event.at, by: event.by, note: event.note, changes };
}

export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
