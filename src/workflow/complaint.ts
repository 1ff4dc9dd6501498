// The complaint record and the events that change it. The current state is a fold of the events.
import { DEADLINE_KINDS, type Deadline, type DeadlineKind } from './deadlines.js';
import { isAboveStandard, type AppliedStandard } from './standards.js';
import { compareTimes, type IsoTime } from './time.js';
import {
  SATISFIED_FROM,
  type Category,
  type Channel,
  type CompensationKind,
  type FollowupMethod,
  type LogKind,
  type Outcome,
  type Responsibility,
  type Severity,
  type EscalationReason,
  type Status,
  type WaitParty,
} from './vocab.js';

interface Compensation {
  readonly kind: CompensationKind | null;
  /** In cents of the shop's currency; null when no amount applies (a replacement, say). */
  readonly cents: number | null;
}

interface Followup {
  readonly at: IsoTime;
  readonly by: string;
  readonly method: FollowupMethod;
  readonly satisfaction: number;
  readonly note: string | null;
}

interface Deadlines {
  readonly answer: Deadline | null;
  readonly solution: Deadline | null;
  readonly followup: Deadline | null;
}

/** Why, when and by whom a complaint entered by mistake (a test, a double entry) was voided. */
interface Voiding {
  readonly at: IsoTime;
  readonly by: string;
  readonly reason: string;
}

/** A complaint waiting on someone (`kesu wait`): since when, on whom, who paused it and why. */
interface Waiting {
  readonly since: IsoTime;
  readonly on: WaitParty;
  readonly by: string;
  readonly note: string | null;
}

/** An escalation to the manager that still stands (until the complaint is resolved or closed). */
interface Escalation {
  readonly at: IsoTime;
  readonly by: string;
  /** Whom it was escalated to; null: the store manager. */
  readonly to: string | null;
  readonly reason: EscalationReason;
  readonly note: string | null;
}

/** A wait as the complaint's history keeps it: from when until when (null while it lasts), on whom. */
interface Wait {
  readonly since: IsoTime;
  readonly until: IsoTime | null;
  readonly on: WaitParty;
}

/** What `kesu edit` can correct: the complaint's fields as its opening recorded them, and its department. */
export const CORRECTABLE_FIELDS = ['customer', 'phone', 'channel', 'category', 'severity', 'description', 'request', 'order', 'ref', 'receivedAt', 'department'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** One field corrected: its value before and after (codes for the vocabularies, an ISO time for receivedAt; null for none). */
export interface Change {
  readonly field: CorrectableField;
  readonly before: string | null;
  readonly after: string | null;
}

export interface Complaint {
  readonly id: number;
  readonly uuid: string;
  readonly ref: string | null;
  readonly status: Status;
  readonly outcome: Outcome | null;
  readonly severity: Severity;
  readonly category: Category;
  readonly channel: Channel;
  readonly customer: { readonly name: string; readonly phone: string | null };
  readonly description: string;
  readonly request: string | null;
  readonly order: string | null;
  readonly receivedAt: IsoTime;
  /** Received on a date given without a time of day: shown as the date alone. */
  readonly receivedDateOnly: boolean;
  readonly receivedBy: string;
  readonly assignee: string | null;
  readonly department: string | null;
  readonly substantiated: boolean | null;
  readonly responsibility: Responsibility | null;
  readonly finding: string | null;
  readonly rootCause: string | null;
  readonly correctiveAction: string | null;
  readonly solution: string | null;
  readonly compensation: Compensation;
  /** Who approved the compensation (`resolve --approved-by`), null when no one was named. */
  readonly approvedBy: string | null;
  /** The standard the compensation was above when it was given (standards.ts), null when it was not. */
  readonly aboveStandard: AppliedStandard | null;
  readonly deadlines: Deadlines;
  readonly resolvedAt: IsoTime | null;
  readonly closedAt: IsoTime | null;
  readonly reopenCount: number;
  readonly followups: readonly Followup[];
  /**
   * When the customer was first answered since the answer deadline was last armed (by an answer, or
   * by the resolution when no answer came before it); null while the answer is still owed.
   */
  readonly answeredAt: IsoTime | null;
  /** Set while the complaint is voided (entered by mistake): it then counts nowhere until unvoided. */
  readonly voided: Voiding | null;
  /** Set while the complaint waits on the customer, a supplier or someone else: its deadlines are paused. */
  readonly waiting: Waiting | null;
  /** Every wait, in order, the last one still lasting while `waiting` is set. */
  readonly waits: readonly Wait[];
  /** What made it major when it was recorded (a code of vocab.ts MAJOR_CRITERIA, or the shop's words), or null. */
  readonly majorCriterion: string | null;
  /** The latest escalation to the manager, until the complaint is resolved or closed: it needs the manager. */
  readonly escalation: Escalation | null;
  /** The deadlines whose passing was escalated, as `kind@due`: each is escalated once. */
  readonly escalatedDeadlines: readonly string[];
  /** Satisfied follow-ups since the latest resolve; a reopen starts the count again. */
  readonly satisfiedThisRound: number;
  /** Time of the first event after the opening, if any: a corrected received time may not be later. */
  readonly firstStepAt: IsoTime | null;
  /** Time of the newest event: later events may not be recorded before it. */
  readonly lastEventAt: IsoTime;
}

/** What a resolution records, as the resolve command gives it and the resolved event keeps it. */
export interface Resolution {
  readonly unfounded: boolean;
  readonly solution: string | null;
  readonly finding: string | null;
  readonly compensation: Compensation | null;
  readonly rootCause: string | null;
  readonly correctiveAction: string | null;
}

/** What a timeline entry records besides its text (the event's note): a log entry's, or an answer's. */
interface Entry {
  readonly kind: LogKind;
  readonly substantiated: boolean | null;
  readonly responsibility: Responsibility | null;
  readonly rootCause: string | null;
}

/** What each kind of event carries besides its time, actor and note. */
export type EventPayload =
  | {
      readonly type: 'opened';
      readonly uuid: string;
      readonly ref: string | null;
      readonly channel: Channel;
      readonly category: Category;
      readonly severity: Severity;
      readonly customer: string;
      readonly phone: string | null;
      readonly description: string;
      readonly request: string | null;
      readonly order: string | null;
      readonly department: string | null;
      readonly answerDeadline: Deadline;
      /** Received on a date given without a time of day: `at` is the start of that day. Absent otherwise. */
      readonly dateOnly?: true;
      /** What made it major (a code of vocab.ts MAJOR_CRITERIA, or the shop's words); absent when none was said. */
      readonly majorCriterion?: string;
    }
  | ({ readonly type: 'logged' } & Entry)
  /** The reply given to the customer (how it will be handled, by when): meets the answer deadline. */
  | ({ readonly type: 'answered' } & Entry)
  | {
      readonly type: 'assigned';
      readonly assignee: string;
      readonly department: string | null;
      readonly solutionDeadline: Deadline;
    }
  | ({
      readonly type: 'resolved';
      readonly followupDeadline: Deadline | null;
      /** Who approved a compensation, when one was named; absent otherwise (and in every event before approvals). */
      readonly approvedBy?: string;
      /** The standard in force for the complaint when it was resolved, absent when none was: what the compensation was judged by. */
      readonly standard?: AppliedStandard;
    } & Resolution)
  | {
      readonly type: 'followed-up';
      readonly method: FollowupMethod;
      readonly satisfaction: number;
      readonly nextFollowupDeadline: Deadline | null;
    }
  | { readonly type: 'closed'; readonly outcome: Outcome }
  | {
      readonly type: 'reopened';
      readonly status: 'open' | 'assigned';
      readonly answerDeadline: Deadline;
      readonly solutionDeadline: Deadline | null;
    }
  | {
      readonly type: 'corrected';
      readonly changes: readonly Change[];
      /** The pending deadlines the correction re-armed (a new severity, a new received time); null: unchanged. */
      readonly answerDeadline: Deadline | null;
      readonly solutionDeadline: Deadline | null;
      readonly followupDeadline: Deadline | null;
      /** The corrected received time is a date alone, shown alone (as an opening's); absent otherwise. */
      readonly dateOnly?: true;
    }
  | { readonly type: 'voided'; readonly reason: string }
  | { readonly type: 'unvoided' }
  /**
   * Escalated to the manager: why, to whom (null: the store manager), and for a deadline that passed,
   * which one and its due time.
   */
  | {
      readonly type: 'escalated';
      readonly reason: EscalationReason;
      readonly to: string | null;
      readonly deadline: DeadlineKind | null;
      readonly due: IsoTime | null;
    }
  /** The complaint waits on someone: its pending deadlines stop running until it is resumed. */
  | { readonly type: 'waiting'; readonly on: WaitParty }
  | {
      /**
       * The wait ended (`kesu resume`, or a step the shop took for the complaint): the wait it ended,
       * the time it lasted, and the pending deadlines it pushed back (null: not pushed back).
       */
      readonly type: 'resumed';
      readonly since: IsoTime;
      readonly on: WaitParty;
      readonly workdays: number;
      readonly minutes: number;
      readonly answerDeadline: Deadline | null;
      readonly solutionDeadline: Deadline | null;
      readonly followupDeadline: Deadline | null;
    };

export type EventType = EventPayload['type'];

/** The deadlines an event set. */
export function deadlinesSetBy(event: EventPayload): Deadline[] {
  switch (event.type) {
    case 'opened':
      return [event.answerDeadline];
    case 'assigned':
      return [event.solutionDeadline];
    case 'resolved':
      return event.followupDeadline ? [event.followupDeadline] : [];
    case 'followed-up':
      return event.nextFollowupDeadline ? [event.nextFollowupDeadline] : [];
    case 'reopened':
    case 'corrected':
    case 'resumed':
      return [event.answerDeadline, event.solutionDeadline, event.type === 'reopened' ? null : event.followupDeadline].filter((d): d is Deadline => d !== null);
    default:
      return [];
  }
}
export const EVENT_TYPES: readonly EventType[] = [
  'opened',
  'logged',
  'answered',
  'assigned',
  'resolved',
  'followed-up',
  'closed',
  'reopened',
  'corrected',
  'voided',
  'unvoided',
  'waiting',
  'resumed',
  'escalated',
];

export type NewEvent = EventPayload & { readonly at: IsoTime; readonly by: string; readonly note: string | null };
/** An event as stored: numbered from 1 within its complaint. */
export type ComplaintEvent = NewEvent & { readonly seq: number };

/** What an event carries besides its type, time, actor, note and number: its details, as stored. */
export function eventDetails(event: NewEvent | ComplaintEvent): Omit<EventPayload, 'type'> {
  const { type: _type, at: _at, by: _by, note: _note, ...details } = event as ComplaintEvent;
  delete (details as { seq?: number }).seq;
  return details;
}

/** Who approved a resolution's compensation, and the standard it was above (null when it was not). */
function approvalOf(event: Extract<NewEvent, { type: 'resolved' }>): Pick<Complaint, 'approvedBy' | 'aboveStandard'> {
  const standard = event.standard ?? null;
  return { approvedBy: event.approvedBy ?? null, aboveStandard: isAboveStandard(event.compensation, standard) ? standard : null };
}

/** The complaint after one more event. Pure: the input is not changed. */
export function apply(complaint: Complaint | null, event: NewEvent, id = complaint?.id ?? 0): Complaint {
  if (event.type === 'opened') return opened(event, id);
  if (!complaint) throw new Error(`a ${event.type} event needs an opened complaint`);
  const base = { ...complaint, lastEventAt: event.at, firstStepAt: complaint.firstStepAt ?? event.at };
  switch (event.type) {
    case 'logged':
      return withEntry(base, event);
    case 'answered':
      return { ...withEntry(base, event), answeredAt: complaint.answeredAt ?? event.at };
    case 'assigned':
      return {
        ...base,
        status: 'assigned',
        assignee: event.assignee,
        department: event.department ?? complaint.department,
        deadlines: { ...complaint.deadlines, solution: event.solutionDeadline },
      };
    case 'resolved':
      return {
        ...base,
        status: 'resolved',
        solution: event.solution ?? complaint.solution,
        finding: event.finding ?? complaint.finding,
        substantiated: event.unfounded ? false : complaint.substantiated,
        compensation: event.compensation ?? complaint.compensation,
        ...(event.compensation ? approvalOf(event) : {}),
        rootCause: event.rootCause ?? complaint.rootCause,
        correctiveAction: event.correctiveAction ?? complaint.correctiveAction,
        deadlines: { ...complaint.deadlines, followup: event.followupDeadline },
        resolvedAt: event.at,
        // Resolved: what the manager was needed for is done (a reopening from the second on escalates again).
        escalation: null,
        // A resolution answers the customer when no answer came before it.
        answeredAt: complaint.answeredAt ?? event.at,
        satisfiedThisRound: 0,
      };
    case 'followed-up':
      return {
        ...base,
        followups: [
          ...complaint.followups,
          { at: event.at, by: event.by, method: event.method, satisfaction: event.satisfaction, note: event.note },
        ],
        satisfiedThisRound: complaint.satisfiedThisRound + (event.satisfaction >= SATISFIED_FROM ? 1 : 0),
        deadlines: { ...complaint.deadlines, followup: event.nextFollowupDeadline ?? complaint.deadlines.followup },
      };
    case 'closed':
      return { ...base, status: 'closed', outcome: event.outcome, closedAt: event.at, escalation: null };
    case 'reopened':
      return {
        ...base,
        status: event.status,
        outcome: null,
        closedAt: null,
        reopenCount: complaint.reopenCount + 1,
        satisfiedThisRound: 0,
        answeredAt: null,
        deadlines: {
          answer: event.answerDeadline,
          solution: event.solutionDeadline ?? complaint.deadlines.solution,
          followup: null,
        },
      };
    case 'corrected':
      return corrected(base, event);
    case 'voided':
      return { ...base, voided: { at: event.at, by: event.by, reason: event.reason } };
    case 'unvoided':
      return { ...base, voided: null };
    case 'escalated':
      return {
        ...base,
        escalation: { at: event.at, by: event.by, to: event.to, reason: event.reason, note: event.note },
        escalatedDeadlines: event.deadline === null ? complaint.escalatedDeadlines : [...complaint.escalatedDeadlines, `${event.deadline}@${event.due}`],
      };
    case 'waiting':
      return {
        ...base,
        waiting: { since: event.at, on: event.on, by: event.by, note: event.note },
        waits: [...complaint.waits, { since: event.at, until: null, on: event.on }],
      };
    case 'resumed': {
      const { answer, solution, followup } = complaint.deadlines;
      return {
        ...base,
        waiting: null,
        waits: complaint.waits.map((wait, index) => (index === complaint.waits.length - 1 ? { ...wait, until: event.at } : wait)),
        deadlines: { answer: event.answerDeadline ?? answer, solution: event.solutionDeadline ?? solution, followup: event.followupDeadline ?? followup },
      };
    }
  }
}

/** The complaint as its opening event makes it. */
function opened(event: Extract<NewEvent, { type: 'opened' }>, id: number): Complaint {
  return {
    id,
    uuid: event.uuid,
    ref: event.ref,
    status: 'open',
    outcome: null,
    severity: event.severity,
    category: event.category,
    channel: event.channel,
    customer: { name: event.customer, phone: event.phone },
    description: event.description,
    request: event.request,
    order: event.order,
    receivedAt: event.at,
    receivedDateOnly: event.dateOnly === true,
    receivedBy: event.by,
    assignee: null,
    department: event.department,
    substantiated: null,
    responsibility: null,
    finding: null,
    rootCause: null,
    correctiveAction: null,
    solution: null,
    compensation: { kind: null, cents: null },
    approvedBy: null,
    aboveStandard: null,
    deadlines: { answer: event.answerDeadline, solution: null, followup: null },
    resolvedAt: null,
    closedAt: null,
    reopenCount: 0,
    followups: [],
    answeredAt: null,
    voided: null,
    waiting: null,
    waits: [],
    majorCriterion: event.majorCriterion ?? null,
    escalation: null,
    escalatedDeadlines: [],
    satisfiedThisRound: 0,
    firstStepAt: null,
    lastEventAt: event.at,
  };
}

/** The complaint with a correction's values, and the deadlines it moved. */
function corrected(complaint: Complaint, event: Extract<NewEvent, { type: 'corrected' }>): Complaint {
  let result = complaint;
  for (const { field, after } of event.changes) result = withValue(result, field, after);
  if (event.changes.some(({ field }) => field === 'receivedAt')) result = { ...result, receivedDateOnly: event.dateOnly === true };
  const { answer, solution, followup } = complaint.deadlines;
  return {
    ...result,
    deadlines: { answer: event.answerDeadline ?? answer, solution: event.solutionDeadline ?? solution, followup: event.followupDeadline ?? followup },
  };
}

function withEntry(complaint: Complaint, entry: Entry & { readonly note: string | null }): Complaint {
  return {
    ...complaint,
    substantiated: entry.substantiated ?? complaint.substantiated,
    responsibility: entry.responsibility ?? complaint.responsibility,
    rootCause: entry.rootCause ?? complaint.rootCause,
    finding: entry.kind === 'finding' && entry.note ? entry.note : complaint.finding,
  };
}

/** The value of a correctable field as a correction records it. */
export function valueOf(complaint: Complaint, field: CorrectableField): string | null {
  switch (field) {
    case 'customer':
      return complaint.customer.name;
    case 'phone':
      return complaint.customer.phone;
    default:
      return complaint[field];
  }
}

/** The complaint with one correctable field set to a value a correction recorded (decide has checked it). */
function withValue(complaint: Complaint, field: CorrectableField, value: string | null): Complaint {
  switch (field) {
    case 'customer':
      return { ...complaint, customer: { ...complaint.customer, name: value! } };
    case 'phone':
      return { ...complaint, customer: { ...complaint.customer, phone: value } };
    default:
      return { ...complaint, [field]: value };
  }
}

/** The complaint as its events say. */
export function fold(id: number, events: readonly NewEvent[]): Complaint {
  let complaint: Complaint | null = null;
  for (const event of events) complaint = apply(complaint, event, id);
  if (!complaint) throw new Error(`complaint ${id} has no events`);
  return complaint;
}

/** What decides which deadlines are pending, and whether they run. */
type DeadlineState = Pick<Complaint, 'status' | 'deadlines' | 'answeredAt' | 'voided' | 'waiting'>;

/**
 * The deadlines still to be met in the complaint's status, by kind: the answer until the customer is
 * answered, the solution while assigned, the follow-up while resolved; none while it is voided.
 */
export function pendingDeadlines(complaint: DeadlineState): { kind: DeadlineKind; deadline: Deadline }[] {
  const pending: { kind: DeadlineKind; deadline: Deadline }[] = [];
  if (complaint.voided !== null) return pending;
  const { answer, solution, followup } = complaint.deadlines;
  if ((complaint.status === 'open' || complaint.status === 'assigned') && answer && complaint.answeredAt === null) pending.push({ kind: 'answer', deadline: answer });
  if (complaint.status === 'assigned' && solution) pending.push({ kind: 'solution', deadline: solution });
  if (complaint.status === 'resolved' && followup) pending.push({ kind: 'followup', deadline: followup });
  return pending;
}

/** The pending deadlines whose clock runs: none while the complaint waits on someone (they are paused). */
export function runningDeadlines(complaint: DeadlineState): { kind: DeadlineKind; deadline: Deadline }[] {
  return complaint.waiting === null ? pendingDeadlines(complaint) : [];
}

/** The nearest running deadline with its kind (the first named on a tie), or null when none runs. */
export function nearestPending(complaint: Complaint): { kind: DeadlineKind; deadline: Deadline } | null {
  let nearest: { kind: DeadlineKind; deadline: Deadline } | null = null;
  for (const pending of runningDeadlines(complaint)) {
    if (!nearest || compareTimes(pending.deadline.due, nearest.deadline.due) < 0) nearest = pending;
  }
  return nearest;
}

/** The nearest running deadline, or null when none runs (a closed complaint, one waiting on someone). */
export function nextDue(complaint: Complaint): Deadline | null {
  return nearestPending(complaint)?.deadline ?? null;
}

/** A major complaint not yet closed (nor voided): the one that must stand out wherever complaints are shown. */
export function isOpenMajor(complaint: Complaint): boolean {
  return complaint.severity === 'major' && complaint.status !== 'closed' && complaint.voided === null;
}

/** Names of the running deadlines that have passed at `now` (a paused one is never overdue). */
export function overdueAt(complaint: DeadlineState, now: IsoTime): DeadlineKind[] {
  return runningDeadlines(complaint)
    .filter(({ deadline }) => compareTimes(deadline.due, now) < 0)
    .map(({ kind }) => kind);
}

/** How a deadline the complaint holds was met: on time, late, or not yet (still pending). */
export type DeadlineEnd = 'met' | 'late' | null;

/**
 * For each deadline the complaint holds now, whether it was met in time or late: the answer by the
 * first answer given to the customer (or the resolve, when none came before it), the solution by the
 * resolve, the follow-up by the first follow-up made while it ran (it ends with the close that
 * follows). A deadline ended otherwise (the complaint closed or reopened without that step) has no
 * verdict; one pending again (a reopen, an unvoid) or replaced by a new one (a reassignment, a
 * corrected severity) counts from then on.
 */
export function deadlineEnds(events: readonly NewEvent[]): { readonly [K in DeadlineKind]: DeadlineEnd } {
  const ends: Record<DeadlineKind, DeadlineEnd> = { answer: null, solution: null, followup: null };
  let followedAt: IsoTime | null = null;
  let complaint: Complaint | null = null;
  for (const event of events) {
    const before = complaint ? pendingDeadlines(complaint) : [];
    const held = complaint?.deadlines;
    complaint = apply(complaint, event);
    const after = new Set(pendingDeadlines(complaint).map((p) => p.kind));
    for (const kind of DEADLINE_KINDS) {
      const deadline = complaint.deadlines[kind];
      const wasPending = before.some((p) => p.kind === kind);
      if (deadline !== held?.[kind] || after.has(kind)) {
        ends[kind] = null;
        if (kind === 'followup' && deadline !== held?.[kind]) followedAt = null;
        if (kind === 'followup' && wasPending && event.type === 'followed-up' && followedAt === null) followedAt = event.at;
        continue;
      }
      if (!wasPending) continue;
      const metAt = kind === 'followup' ? (event.type === 'followed-up' ? event.at : followedAt) : metBy(kind, event) ? event.at : null;
      ends[kind] = metAt === null ? null : compareTimes(metAt, deadline!.due) <= 0 ? 'met' : 'late';
    }
  }
  return ends;
}

/** Whether the event is the step that meets a pending answer or solution deadline. */
function metBy(kind: 'answer' | 'solution', event: NewEvent): boolean {
  return event.type === 'resolved' || (kind === 'answer' && event.type === 'answered');
}

/** Satisfied follow-ups (4 or 5) since the complaint was last resolved. */
export function satisfiedSinceResolved(complaint: Complaint): number {
  return complaint.satisfiedThisRound;
}

/** "25.50" for 2550 cents. */
export function formatMoney(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Cents of "25.5", "25.50", "¥25", "25元", or undefined when it is not an amount. */
export function parseMoney(text: string): number | undefined {
  const trimmed = text.normalize('NFKC').trim().replace(/^[¥$€£]|元$/g, '').trim();
  // A comma only separates thousands (1,234.56); "12,5" is refused rather than read as 125.
  if (trimmed.includes(',') && !/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(trimmed)) return undefined;
  const cleaned = trimmed.replace(/,/g, '');
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
