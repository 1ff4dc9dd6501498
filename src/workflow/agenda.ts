// Today's agenda: the complaints that need the manager first, then overdue, the waits past the shop's
// limit, due today, the next working days, and the complaints waiting on someone last; major first in each.
import type { Calendar } from './calendar.js';
import { nextDue, type Complaint } from './complaint.js';
import { deadlineFrom, type Duration } from './deadlines.js';
import { compareTimes, instant, localDateOf, type IsoTime, type LocalDate, type Zone } from './time.js';

export interface AgendaGroup {
  /**
   * `decide`: waiting on someone longer than the shop allows (wait.max), to be resumed or closed;
   * `waiting`: waiting within it, deadlines paused.
   */
  readonly kind: 'manager' | 'overdue' | 'decide' | 'today' | 'day' | 'waiting';
  /** The day of a 'day' group; today for the others. */
  readonly date: LocalDate;
  readonly complaints: readonly Complaint[];
}

/** The end of the agenda's horizon: the end of the `days`-th working day after today. */
export function agendaHorizon(calendar: Calendar, now: IsoTime, days: number, zone: Zone): IsoTime {
  return deadlineFrom(calendar, now, { amount: days, unit: 'workdays' }, zone).due;
}

/** When a wait that began at `since` passes the shop's limit. */
function waitLimit(calendar: Calendar, since: IsoTime, waitMax: Duration, zone: Zone): IsoTime {
  return deadlineFrom(calendar, since, waitMax, zone).due;
}

/** The rules a wait is judged by: the shop's calendar, its limit and clock. */
interface WaitPolicy {
  readonly calendar: Calendar;
  readonly waitMax: Duration;
  readonly zone: Zone;
}

/** What the agenda shows besides the running deadlines: the waiting complaints (and the shop's limit), the escalated ones. */
export interface AgendaExtras {
  readonly waiting?: readonly Complaint[];
  readonly policy?: WaitPolicy;
  /** Escalated to the manager and not closed: a group of their own, first, whatever their deadlines. */
  readonly escalated?: readonly Complaint[];
}

/**
 * The agenda of the complaints with a running deadline in the horizon, those escalated to the
 * manager first, and of those waiting on someone: those past the limit a group of their own, the
 * others last. A complaint is listed once, in the first group it belongs to.
 */
export function buildAgenda(complaints: readonly Complaint[], now: IsoTime, { waiting = [], policy, escalated = [] }: AgendaExtras = {}): AgendaGroup[] {
  const today = localDateOf(now);
  const groups = new Map<string, { kind: AgendaGroup['kind']; date: LocalDate; complaints: Complaint[] }>();
  const add = (kind: AgendaGroup['kind'], date: LocalDate, complaint: Complaint): void => {
    const key = kind === 'day' ? date : kind;
    const group = groups.get(key) ?? { kind, date, complaints: [] };
    group.complaints.push(complaint);
    groups.set(key, group);
  };
  const needManager = new Set(escalated.map((complaint) => complaint.id));
  // The nearest running deadline first (the most overdue at the top), those with none last.
  const dueMs = (complaint: Complaint): number => {
    const due = nextDue(complaint);
    return due === null ? Number.POSITIVE_INFINITY : instant(due.due);
  };
  for (const complaint of [...escalated].sort((a, b) => majorFirst(a, b) || dueMs(a) - dueMs(b) || compareTimes(a.escalation!.at, b.escalation!.at))) add('manager', today, complaint);
  const byDue = [...complaints]
    .filter((complaint) => !needManager.has(complaint.id))
    .map((complaint) => ({ complaint, due: nextDue(complaint) }))
    .filter((entry) => entry.due !== null)
    .sort((a, b) => majorFirst(a.complaint, b.complaint) || compareTimes(a.due!.due, b.due!.due));
  for (const { complaint, due } of byDue) {
    const dueDate = localDateOf(due!.due);
    const kind = compareTimes(due!.due, now) < 0 ? 'overdue' : dueDate === today ? 'today' : 'day';
    add(kind, kind === 'day' ? dueDate : today, complaint);
  }
  const longestFirst = [...waiting].filter((c) => c.waiting !== null && !needManager.has(c.id)).sort((a, b) => majorFirst(a, b) || compareTimes(a.waiting!.since, b.waiting!.since));
  for (const complaint of longestFirst) {
    const past = policy !== undefined && compareTimes(waitLimit(policy.calendar, complaint.waiting!.since, policy.waitMax, policy.zone), now) < 0;
    add(past ? 'decide' : 'waiting', today, complaint);
  }
  const rank = (group: AgendaGroup): string => ({ manager: '0', overdue: '1', decide: '2', today: '3', day: `4${group.date}`, waiting: '5' })[group.kind];
  // Ranks are ASCII: compared by code unit (localeCompare would load ICU's collator for nothing).
  return [...groups.values()].sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
}

function majorFirst(a: Complaint, b: Complaint): number {
  return Number(b.severity === 'major') - Number(a.severity === 'major');
}
