// Today's agenda: overdue first, then the waits past the shop's limit, due today, the next working
// days, and the complaints waiting on someone last; major first in each.
import type { Calendar } from './calendar.js';
import { nextDue, type Complaint } from './complaint.js';
import { deadlineFrom, type Duration } from './deadlines.js';
import { compareTimes, localDateOf, type IsoTime, type LocalDate, type Zone } from './time.js';

export interface AgendaGroup {
  /**
   * `decide`: waiting on someone longer than the shop allows (wait.max), to be resumed or closed;
   * `waiting`: waiting within it, deadlines paused.
   */
  readonly kind: 'overdue' | 'decide' | 'today' | 'day' | 'waiting';
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
export interface WaitPolicy {
  readonly calendar: Calendar;
  readonly waitMax: Duration;
  readonly zone: Zone;
}

/**
 * The agenda of the complaints with a running deadline in the horizon, and of those waiting on
 * someone (`waiting`): those past the limit a group of their own, the others last.
 */
export function buildAgenda(complaints: readonly Complaint[], now: IsoTime, waiting: readonly Complaint[] = [], policy?: WaitPolicy): AgendaGroup[] {
  const today = localDateOf(now);
  const groups = new Map<string, { kind: AgendaGroup['kind']; date: LocalDate; complaints: Complaint[] }>();
  const add = (kind: AgendaGroup['kind'], date: LocalDate, complaint: Complaint): void => {
    const key = kind === 'day' ? date : kind;
    const group = groups.get(key) ?? { kind, date, complaints: [] };
    group.complaints.push(complaint);
    groups.set(key, group);
  };
  const byDue = [...complaints]
    .map((complaint) => ({ complaint, due: nextDue(complaint) }))
    .filter((entry) => entry.due !== null)
    .sort((a, b) => majorFirst(a.complaint, b.complaint) || compareTimes(a.due!.due, b.due!.due));
  for (const { complaint, due } of byDue) {
    const dueDate = localDateOf(due!.due);
    const kind = compareTimes(due!.due, now) < 0 ? 'overdue' : dueDate === today ? 'today' : 'day';
    add(kind, kind === 'day' ? dueDate : today, complaint);
  }
  const longestFirst = [...waiting].filter((c) => c.waiting !== null).sort((a, b) => majorFirst(a, b) || compareTimes(a.waiting!.since, b.waiting!.since));
  for (const complaint of longestFirst) {
    const past = policy !== undefined && compareTimes(waitLimit(policy.calendar, complaint.waiting!.since, policy.waitMax, policy.zone), now) < 0;
    add(past ? 'decide' : 'waiting', today, complaint);
  }
  const rank = (group: AgendaGroup): string => ({ overdue: '0', decide: '1', today: '2', day: `3${group.date}`, waiting: '4' })[group.kind];
  // Ranks are ASCII: compared by code unit (localeCompare would load ICU's collator for nothing).
  return [...groups.values()].sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
}

function majorFirst(a: Complaint, b: Complaint): number {
  return Number(b.severity === 'major') - Number(a.severity === 'major');
}
