// The definition of the report's facts: every complaint's events folded, as the report would read
// them if the store kept nothing beside the events. The store answers a report's request from facts
// it keeps beside each event (report-facts.ts), with a few indexed queries; the property tests hold
// the two answers equal on random histories (test/store/report-counts.test.ts), and the workflow
// tests compute reports this way. Not product code: it holds every event in memory.
import { apply, pendingDeadlines, type Complaint, type ComplaintEvent } from '../../src/workflow/complaint.js';
import { customerKey, shortPhoneOf } from '../../src/workflow/identity.js';
import type { EscalationReason } from '../../src/workflow/vocab.js';
import {
  reportFromFacts,
  reportRequest,
  type ApprovalGroup,
  type DayCount,
  type PeriodFacts,
  type Report,
  type ReportFactsData,
  type ReportFactsRequest,
  type ReportPeriod,
  type ResolvedCause,
  type ReceivedGroup,
  type ResolveSpan,
  type StepGroup,
} from '../../src/workflow/report.js';
import { factsOfStep, type EventFacts } from '../../src/workflow/report-facts.js';
import type { Settings } from '../../src/workflow/settings.js';
import { compareTimes, instant, localDateOf, type IsoTime, type LocalDate, type Zone } from '../../src/workflow/time.js';

/** One stored event with the complaint it belongs to, as a store hands them over. */
export type ReportEvent = { readonly complaintId: number } & ComplaintEvent;

interface Span {
  readonly from: LocalDate;
  readonly to: LocalDate;
}

export interface ReportInput {
  /** Every event, from `opened` on, of every complaint (events after the period's end are ignored), in any order. */
  readonly events: Iterable<ReportEvent>;
  readonly period: ReportPeriod;
  readonly settings: Settings;
  /** When the report is made: a period that ends today is measured at this moment. */
  readonly now: IsoTime;
  readonly zone: Zone;
}

/** The report for the period, with the previous period beside it, folded from the events. */
export function computeReport({ events, period, settings, now, zone }: ReportInput): Report {
  return reportFromFacts(factsFromEvents(events, reportRequest(period, now, zone), settings), period);
}

/** What a store should answer `request` with, folded from the events. */
function factsFromEvents(events: Iterable<ReportEvent>, request: ReportFactsRequest, settings: Settings): ReportFactsData {
  const lastDay = request.days.lastDay;
  const counted = new Set<ComplaintEvent['type']>(['answered', 'resolved', 'followed-up', 'closed', 'reopened', 'resumed', 'escalated']);
  const needs: HistoryNeeds = {
    ends: request.periods.map(({ span }) => span.to),
    // The follow-ups of every date, for the twelve-month counts; the other steps of the periods.
    keep: (type, date) => type === 'followed-up' || (counted.has(type) && request.periods.some(({ span }) => within(date, span))),
  };
  const shortPhones = new Set<string>();
  const all = histories(events, lastDay, needs, shortPhones);
  return {
    settings,
    periods: request.periods.map(({ span, endMs }) => periodFactsOf(all, span, endMs)),
    days: daysOf(all, request.days),
    repeatCustomers: request.repeatSpans.map((span) => repeatCustomers(all, span)),
    shortPhones: [...shortPhones],
  };
}

/**
 * The twelve-month counts, defined from the events (as SQL counts them in the store): received and
 * follow-ups per day as things stood at the end of `lastDay`, repeat customers as they stood at the
 * end of each span.
 */
export function countsOfEvents(events: readonly ReportEvent[], lastDay: LocalDate): { days: (from: LocalDate, to: LocalDate) => DayCount[]; repeatCustomers: (from: LocalDate, to: LocalDate) => number } {
  const keep = (type: ComplaintEvent['type']) => type === 'followed-up';
  const all = histories(events, lastDay, { ends: [], keep });
  return { days: (from, to) => daysOf(all, { from, to }), repeatCustomers: (from, to) => repeatCustomers(histories(events, lastDay, { ends: [to], keep }), { from, to }) };
}

const within = (date: LocalDate, span: Span): boolean => date >= span.from && date <= span.to;

// Histories: each complaint's events folded once, keeping only what the figures read: its opening,
// its state at the ends of the periods asked for, and the steps that a figure counts.

interface Step {
  readonly type: ComplaintEvent['type'];
  readonly date: LocalDate;
  readonly complaintId: number;
  /** The day received as it was recorded after the step. */
  readonly receivedOn: LocalDate;
  readonly facts: EventFacts;
  readonly event: ComplaintEvent;
}

/**
 * What the figures read of a complaint as it stood at a date: only this, not the whole complaint
 * (its description, its follow-ups, …), so that a report over years of complaints fits in memory.
 * A correction or a void later than the date changes none of it.
 */
type Standing = Pick<
  Complaint,
  | 'status'
  | 'deadlines'
  | 'answeredAt'
  | 'voided'
  | 'customer'
  | 'category'
  | 'channel'
  | 'severity'
  | 'department'
  | 'responsibility'
  | 'substantiated'
  | 'rootCause'
  | 'correctiveAction'
  | 'waiting'
> & { readonly receivedOn: LocalDate };

interface History {
  readonly id: number;
  /** The steps kept (see HistoryNeeds), in order. */
  readonly steps: readonly Step[];
  /** The complaint at the end of each date asked for (HistoryNeeds.ends), or null before it was received. */
  readonly ends: ReadonlyMap<LocalDate, Standing | null>;
  /** The complaint at the end of the last day (null before it was received). */
  readonly last: Standing | null;
}

/** What to keep of each complaint's fold: its state at the end of these dates, and the steps `keep` wants. */
interface HistoryNeeds {
  readonly ends: readonly LocalDate[];
  readonly keep: (type: ComplaintEvent['type'], date: LocalDate) => boolean;
}

/** Each complaint's events, in complaint order, from events given in any order (all held at once). */
function* groupsOf(events: Iterable<ReportEvent>): Generator<[number, ReportEvent[]]> {
  const byComplaint = new Map<number, ReportEvent[]>();
  for (const event of events) {
    const list = byComplaint.get(event.complaintId);
    if (list) list.push(event);
    else byComplaint.set(event.complaintId, [event]);
  }
  for (const id of [...byComplaint.keys()].sort((a, b) => a - b)) {
    const list = byComplaint.get(id)!;
    byComplaint.delete(id);
    yield [id, list.sort((a, b) => a.seq - b.seq)];
  }
}

/**
 * Each complaint's history up to `lastDay`; `shortPhones` gets the customer phones too short to be
 * masked as phone-like runs, of every complaint (received by then or not).
 */
function histories(events: Iterable<ReportEvent>, lastDay: LocalDate, needs: HistoryNeeds, shortPhones = new Set<string>()): History[] {
  const ends = [...needs.ends].sort();
  const result: History[] = [];
  // In complaint order, so that ties and the spelling shown for a grouped text never depend on
  // the order the store returned the events in.
  for (const [id, list] of groupsOf(events)) {
    const first = list[0];
    if (first?.type !== 'opened') {
      throw new Error(`the report needs every event of complaint ${id} from its opening, not a slice of them`);
    }
    // The phone the complaint has now, whatever the period: a report masks every customer's.
    const shortPhone = shortPhoneOf(phoneNow(list));
    if (shortPhone !== null) shortPhones.add(shortPhone);
    if (localDateOf(first.at) > lastDay) continue;
    const steps: Step[] = [];
    const states = new Map<LocalDate, Standing | null>();
    let end = 0;
    let state: Complaint | null = null;
    // One standing per state, however many of the dates it stood at.
    let standing: Standing | null = null;
    const standingNow = (): Standing | null => {
      if (standing === null && state !== null) standing = standingOf(state);
      return standing;
    };
    for (const event of list) {
      const date = localDateOf(event.at);
      if (date > lastDay) break;
      while (end < ends.length && ends[end]! < date) states.set(ends[end++]!, standingNow());
      const after = apply(state, event, id);
      // The step's `through` is not read: the fold has stopped at the first event after the last day.
      if (needs.keep(event.type, date)) {
        steps.push({ type: event.type, date, complaintId: id, receivedOn: localDateOf(after.receivedAt), facts: factsOfStep(state, event, after, date, date), event });
      }
      state = after;
      standing = null;
    }
    while (end < ends.length) states.set(ends[end++]!, standingNow());
    result.push({ id, steps, ends: states, last: standingNow() });
  }
  return result;
}

/** The customer's phone after all of a complaint's events: the opening's, or the last one a correction gave. */
function phoneNow(events: readonly ComplaintEvent[]): string | null {
  let phone: string | null = null;
  for (const event of events) {
    if (event.type === 'opened') phone = event.phone;
    if (event.type === 'corrected') for (const change of event.changes) if (change.field === 'phone') phone = change.after;
  }
  return phone;
}

function standingOf(complaint: Complaint): Standing {
  const { status, deadlines, answeredAt, voided, customer, category, channel, severity, department, responsibility, substantiated, rootCause, correctiveAction, waiting } = complaint;
  const receivedOn = localDateOf(complaint.receivedAt);
  return { status, deadlines, answeredAt, voided, customer, category, channel, severity, department, responsibility, substantiated, rootCause, correctiveAction, waiting, receivedOn };
}

/** Whether the complaint counted as it stood: received by then, and not voided. */
const counts = (standing: Standing | null): standing is Standing => standing !== null && standing.voided === null;

/** The complaint as it stood at the end of `date` (one of HistoryNeeds.ends), or null when it had not been received yet. */
function stateOn(history: History, date: LocalDate): Standing | null {
  const state = history.ends.get(date);
  if (state === undefined) throw new Error(`the report did not keep the state of complaint ${history.id} on ${date}`);
  return state;
}



function periodFactsOf(all: readonly History[], span: Span, endMs: number): PeriodFacts {
  const received = new Map<string, ReceivedGroup>();
  const steps = new Map<string, StepGroup>();
  const resolveSpans = new Map<string, ResolveSpan>();
  const resolvedCauses: ResolvedCause[] = [];
  let openAtEnd = 0;
  let overdueAtEnd = 0;
  let waitingAtEnd = 0;
  const waitsEnded = { count: 0, workdays: 0 };
  const approvals = new Map<string | null, ApprovalGroup>();
  const escalations = new Map<EscalationReason, number>();
  for (const history of all) {
    const atEnd = stateOn(history, span.to);
    // A complaint voided at the period's end counts in none of its figures.
    if (atEnd?.voided) continue;
    // The steps dated in the period count even for a complaint whose opening is dated after its end
    // (possible only when its events were written in different offsets).
    let resolved = false;
    for (const step of history.steps) {
      if (!within(step.date, span)) continue;
      if (step.type === 'escalated') {
        const { reason } = step.event as Extract<ComplaintEvent, { type: 'escalated' }>;
        escalations.set(reason, (escalations.get(reason) ?? 0) + 1);
        continue;
      }
      if (step.type === 'resumed') {
        // The event that ended a wait says how many working days it lasted.
        const { since, workdays } = step.event as Extract<ComplaintEvent, { type: 'resumed' }>;
        if (compareTimes(since, step.event.at) > 0) throw new Error('a wait that ended before it began');
        waitsEnded.count++;
        waitsEnded.workdays += workdays;
        continue;
      }
      const { onTime, solutionOnTime, satisfaction, compensationKind, compensationCents } = step.facts;
      const key = JSON.stringify([step.type, onTime, solutionOnTime, satisfaction, compensationKind]);
      const group = steps.get(key);
      steps.set(key, {
        type: step.type,
        onTime,
        solutionOnTime,
        satisfaction,
        compensationKind,
        compensationCents: (group?.compensationCents ?? 0) + (compensationCents ?? 0),
        count: (group?.count ?? 0) + 1,
      });
      if (step.type === 'resolved') {
        resolved = true;
        // Above the standard its own event kept, whatever the standards are now.
        const { compensation, standard, approvedBy = null } = step.event as Extract<ComplaintEvent, { type: 'resolved' }>;
        if (standard !== undefined && aboveIt(compensation, standard)) {
          const group = approvals.get(approvedBy);
          approvals.set(approvedBy, { approvedBy, count: (group?.count ?? 0) + 1, cents: (group?.cents ?? 0) + (compensation?.cents ?? 0) });
        }
        // The day received as it stood at the period's end (a correction since does not rewrite it);
        // the resolve's own when the complaint's opening is dated after the end.
        const receivedOn = atEnd?.receivedOn ?? step.receivedOn;
        const spanKey = `${receivedOn} ${step.date}`;
        resolveSpans.set(spanKey, { receivedOn, resolvedOn: step.date, count: (resolveSpans.get(spanKey)?.count ?? 0) + 1 });
      }
    }
    if (atEnd === null) continue;
    if (atEnd.status !== 'closed') {
      openAtEnd++;
      // A complaint waiting on someone has its deadlines paused: never overdue.
      if (atEnd.waiting !== null) waitingAtEnd++;
      else if (pendingDeadlines(atEnd).some(({ deadline }) => instant(deadline.due) < endMs)) overdueAtEnd++;
    }
    if (within(atEnd.receivedOn, span)) {
      const { category, channel, severity, department, responsibility, substantiated } = atEnd;
      const key = JSON.stringify([category, channel, severity, department, responsibility, substantiated]);
      const group = received.get(key);
      received.set(key, { category, channel, severity, department, responsibility, substantiated, count: (group?.count ?? 0) + 1 });
    }
    if (resolved) resolvedCauses.push({ id: history.id, rootCause: atEnd.rootCause, correctiveAction: atEnd.correctiveAction });
  }
  return { received: [...received.values()], steps: [...steps.values()], resolveSpans: [...resolveSpans.values()], resolvedCauses, openAtEnd, overdueAtEnd, waitingAtEnd, waitsEnded, approvals: [...approvals.values()], escalations: [...escalations].map(([reason, count]) => ({ reason, count })) };
}


/** The README's rule, said again: more money than the standard allows, or another kind of compensation than its (none is no kind). */
function aboveIt(compensation: { kind: string | null; cents: number | null } | null, standard: { kind: string; cents: number }): boolean {
  const kind = compensation?.kind === 'none' ? null : (compensation?.kind ?? null);
  return (compensation?.cents ?? 0) > standard.cents || (kind !== null && kind !== standard.kind);
}

function daysOf(all: readonly History[], span: Span): DayCount[] {
  {
    {
      const days = new Map<LocalDate, { date: LocalDate; received: number; followups: number; satisfaction: number }>();
      const dayOf = (date: LocalDate) => {
        let day = days.get(date);
        if (!day) days.set(date, (day = { date, received: 0, followups: 0, satisfaction: 0 }));
        return day;
      };
      for (const history of all) {
        // As things stood at the end of the last day: a complaint voided then counts on no day.
        if (history.last?.voided) continue;
        if (counts(history.last) && within(history.last.receivedOn, span)) dayOf(history.last.receivedOn).received += 1;
        for (const step of history.steps) {
          if (step.type === 'followed-up' && within(step.date, span)) {
            const day = dayOf(step.date);
            day.followups += 1;
            day.satisfaction += step.facts.satisfaction ?? 0;
          }
        }
      }
      return [...days.values()];
    }
  }
}


/**
 * Customers with two or more complaints received in the span, as things stood at its end. A
 * customer is the name (compared without regard to case, width and spacing) together with the
 * phone's digits when one was given.
 */
function repeatCustomers(all: readonly History[], span: Span): number {
  const complaints = new Map<string, number>();
  for (const history of all) {
    const atEnd = stateOn(history, span.to);
    if (!counts(atEnd) || !within(atEnd.receivedOn, span)) continue;
    const key = customerKey(atEnd.customer.name, atEnd.customer.phone);
    complaints.set(key, (complaints.get(key) ?? 0) + 1);
  }
  return [...complaints.values()].filter((count) => count >= 2).length;
}

