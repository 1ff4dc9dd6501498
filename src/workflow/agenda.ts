// Today's agenda: overdue first, then due today, then the next working days; major first in each.
import type { Calendar } from './calendar.js';
import { nextDue, type Complaint } from './complaint.js';
import { deadlineFrom } from './deadlines.js';
import { compareTimes, localDateOf, type IsoTime, type LocalDate, type Zone } from './time.js';

export interface AgendaGroup {
  readonly kind: 'overdue' | 'today' | 'day';
  /** The day of a 'day' group; today for the others. */
  readonly date: LocalDate;
  readonly complaints: readonly Complaint[];
}

/** The end of the agenda's horizon: the end of the `days`-th working day after today. */
export function agendaHorizon(calendar: Calendar, now: IsoTime, days: number, zone: Zone): IsoTime {
  return deadlineFrom(calendar, now, { amount: days, unit: 'workdays' }, zone).due;
}

export function buildAgenda(complaints: readonly Complaint[], now: IsoTime): AgendaGroup[] {
  const today = localDateOf(now);
  const groups = new Map<string, { kind: AgendaGroup['kind']; date: LocalDate; complaints: Complaint[] }>();
  const byDue = [...complaints]
    .map((complaint) => ({ complaint, due: nextDue(complaint) }))
    .filter((entry) => entry.due !== null)
    .sort((a, b) => majorFirst(a.complaint, b.complaint) || compareTimes(a.due!.due, b.due!.due));
  for (const { complaint, due } of byDue) {
    const dueDate = localDateOf(due!.due);
    const kind = compareTimes(due!.due, now) < 0 ? 'overdue' : dueDate === today ? 'today' : 'day';
    const key = kind === 'day' ? dueDate : kind;
    const group = groups.get(key) ?? { kind, date: kind === 'day' ? dueDate : today, complaints: [] };
    group.complaints.push(complaint);
    groups.set(key, group);
  }
  const rank = (group: AgendaGroup): string => (group.kind === 'overdue' ? '0' : group.kind === 'today' ? '1' : `2${group.date}`);
  // Ranks are ASCII: compared by code unit (localeCompare would load ICU's collator for nothing).
  return [...groups.values()].sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
}

function majorFirst(a: Complaint, b: Complaint): number {
  return Number(b.severity === 'major') - Number(a.severity === 'major');
}
