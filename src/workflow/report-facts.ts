// What the report reads of each event, kept by the store beside the event (one row each), so that a
// report over a large store is a few indexed SQL reads instead of a fold of every event in its
// window. Defined here from the fold; report.ts computes the same figures from the events
// themselves, and a property test holds the two ways equal.
import { apply, nextDue, type Complaint, type NewEvent } from './complaint.js';
import type { Deadline } from './deadlines.js';
import { customerKey } from './identity.js';
import { isAboveStandard } from './standards.js';
import { compareTimes, instant, localDateOf, type IsoTime, type LocalDate } from './time.js';
import type { Category, Channel, CompensationKind, Responsibility, Severity, Status } from './vocab.js';

export interface EventFacts {
  /** The event's own local date. */
  readonly on: LocalDate;
  /**
   * The latest local date of this event and of every one before it: at the end of this date, and
   * of every date until the next event's `through`, the complaint stood as the facts below say.
   */
  readonly through: LocalDate;
  // The complaint after the event: what the figures read of it as it stood at a period's end (a
  // correction or a void after the end changes none of them).
  readonly status: Status;
  /** Voided: it counts in no figure of a period at whose end it stood so. */
  readonly voided: boolean;
  /** The local date it was received, as recorded then. */
  readonly receivedOn: LocalDate;
  readonly category: Category;
  readonly channel: Channel;
  readonly severity: Severity;
  /** The customer as repeat customers are told apart (identity.ts customerKey). */
  readonly customerKey: string;
  /** The due time of its nearest pending deadline (ms), or null when none is pending. */
  readonly dueMs: number | null;
  readonly department: string | null;
  readonly responsibility: Responsibility | null;
  readonly substantiated: boolean | null;
  readonly rootCause: string | null;
  readonly correctiveAction: string | null;
  // The step itself, for the figures that count steps.
  /**
   * The first answer since the answer deadline was armed (an answer, or a resolve when none came
   * before it): met the answer deadline; a follow-up: met the follow-up deadline; else null.
   */
  readonly onTime: boolean | null;
  /** A resolve of an assigned complaint: met the solution deadline; else null. */
  readonly solutionOnTime: boolean | null;
  /** A follow-up's satisfaction. */
  readonly satisfaction: number | null;
  /** What a resolve recorded as compensation: the amount (0 when none) and its kind. */
  readonly compensationCents: number | null;
  readonly compensationKind: CompensationKind | null;
  /** A resolve: whether its compensation was above the standard its event kept (standards.ts); else null. */
  readonly aboveStandard: boolean | null;
  /** A resolve: who approved its compensation, when someone was named; else null. */
  readonly approvedBy: string | null;
  /** The complaint waited on someone after the event (its deadlines paused). */
  readonly waiting: boolean;
  /** The end of a wait: the working days it lasted; else null. */
  readonly waitedWorkdays: number | null;
}

/** A deadline is met by a step taken no later than its due time; without one it cannot be missed. */
function met(at: IsoTime, deadline: Deadline | null | undefined): boolean {
  return !deadline || compareTimes(at, deadline.due) <= 0;
}

/** The facts of each of a complaint's events, from its opening on, in order. */
export function factsOf(events: readonly NewEvent[]): EventFacts[] {
  const facts: EventFacts[] = [];
  let state: Complaint | null = null;
  let through: LocalDate | null = null;
  for (const event of events) {
    const on = localDateOf(event.at);
    if (through === null || on > through) through = on;
    const after = apply(state, event);
    facts.push(factsOfStep(state, event, after, on, through));
    state = after;
  }
  return facts;
}

export function factsOfStep(before: Complaint | null, event: NewEvent, after: Complaint, on: LocalDate, through: LocalDate): EventFacts {
  const due = nextDue(after);
  const resolved = event.type === 'resolved';
  const answers = (resolved || event.type === 'answered') && before?.answeredAt === null;
  return {
    on,
    through,
    status: after.status,
    voided: after.voided !== null,
    receivedOn: localDateOf(after.receivedAt),
    category: after.category,
    channel: after.channel,
    severity: after.severity,
    customerKey: customerKey(after.customer.name, after.customer.phone),
    dueMs: due === null ? null : instant(due.due),
    department: after.department,
    responsibility: after.responsibility,
    substantiated: after.substantiated,
    rootCause: after.rootCause,
    correctiveAction: after.correctiveAction,
    onTime: answers ? met(event.at, before.deadlines.answer) : event.type === 'followed-up' ? met(event.at, before?.deadlines.followup) : null,
    solutionOnTime: resolved && before?.status === 'assigned' ? met(event.at, before.deadlines.solution) : null,
    satisfaction: event.type === 'followed-up' ? event.satisfaction : null,
    compensationCents: resolved ? (event.compensation?.cents ?? 0) : null,
    compensationKind: resolved ? (event.compensation?.kind ?? null) : null,
    aboveStandard: resolved ? isAboveStandard(event.compensation, event.standard ?? null) : null,
    approvedBy: resolved ? (event.approvedBy ?? null) : null,
    waiting: after.waiting !== null,
    waitedWorkdays: event.type === 'resumed' ? event.workdays : null,
  };
}
