// The deadline policy (per severity, in working days or clock hours) and the deadlines it gives,
// each with what is needed to explain how its date was reached.
import { addWorkingDays, countWorkingDays, missingOfficialYears, type Calendar, type MissingYear, type NotableDay } from './calendar.js';
import type { Sentence } from './errors.js';
import { addDays, addHours, compareTimes, endOfLocalDay, instant, localDateOf, type IsoTime, type Zone } from './time.js';
import type { Severity } from './vocab.js';

export const DEADLINE_KINDS = ['answer', 'solution', 'followup'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export interface Duration {
  readonly amount: number;
  readonly unit: 'workdays' | 'hours';
}

export type DeadlinePolicy = {
  readonly [K in DeadlineKind]: { readonly [S in Severity]: Duration };
} & {
  /** After a follow-up that leaves the complaint open for another, the next one is due in this. */
  readonly nextFollowup: Duration;
};

const days = (amount: number): Duration => ({ amount, unit: 'workdays' });
const hours = (amount: number): Duration => ({ amount, unit: 'hours' });

export const DEFAULT_POLICY: DeadlinePolicy = {
  answer: { normal: days(5), urgent: days(1), major: hours(24) },
  solution: { normal: days(3), urgent: days(1), major: days(1) },
  followup: { normal: days(5), urgent: hours(24), major: hours(24) },
  nextFollowup: days(5),
};

/** A deadline and how it was reached; stored in the event that set it. */
export interface Deadline {
  readonly due: IsoTime;
  readonly from: IsoTime;
  readonly duration: Duration;
  readonly notable: readonly NotableDay[];
  /**
   * How far it was pushed back for the time the complaint waited on someone (`kesu wait`), in all:
   * working days for a deadline in days, minutes for one in hours. Absent when it never was.
   */
  readonly pushedBack?: number;
}

/**
 * The deadline `duration` after `from`, written in the offset in force when it falls (`zone`): a
 * deadline in days ends at the last second of its last day on the shop's clock, even when the clocks
 * changed in between.
 */
export function deadlineFrom(calendar: Calendar, from: IsoTime, duration: Duration, zone: Zone): Deadline {
  if (duration.unit === 'hours') {
    return { due: zone.toLocal(addHours(from, duration.amount)), from, duration, notable: [] };
  }
  const counted = addWorkingDays(calendar, localDateOf(from), duration.amount);
  return { due: endOfLocalDay(counted.date, zone), from, duration, notable: counted.notable };
}

export function policyDeadline(
  policy: DeadlinePolicy,
  calendar: Calendar,
  kind: DeadlineKind,
  severity: Severity,
  from: IsoTime,
  zone: Zone,
): Deadline {
  return deadlineFrom(calendar, from, policy[kind][severity], zone);
}

/** The time a wait lasted, as deadlines count it: working days on the shop's calendar, and minutes on the clock. */
export interface WaitedTime {
  /** Working days after the day the wait began, up to and including the day it ended. */
  readonly workdays: number;
  readonly minutes: number;
}

/** The time waited from `since` until `until`. */
export function waitedTime(calendar: Calendar, since: IsoTime, until: IsoTime): WaitedTime {
  if (compareTimes(until, since) <= 0) return { workdays: 0, minutes: 0 };
  return {
    workdays: countWorkingDays(calendar, localDateOf(since), localDateOf(until)),
    minutes: Math.round((instant(until) - instant(since)) / 60_000),
  };
}

/**
 * The deadline pushed back by the time waited from `since` until `until`, counted from when the
 * deadline was set if that came later (a deadline re-armed during the wait owes nothing for the time
 * before it): a deadline in days by the working days waited, counted on from its day; one in hours by
 * the clock time waited. The same deadline when no time counts.
 */
export function pushedBack(calendar: Calendar, deadline: Deadline, since: IsoTime, until: IsoTime, zone: Zone): Deadline {
  const waited = waitedTime(calendar, compareTimes(deadline.from, since) > 0 ? deadline.from : since, until);
  if (deadline.duration.unit === 'hours') {
    if (waited.minutes === 0) return deadline;
    // The exact clock time (to the second), not the rounded minutes.
    const start = compareTimes(deadline.from, since) > 0 ? deadline.from : since;
    const ms = instant(until) - instant(start);
    return { ...deadline, due: zone.toLocal(addHours(deadline.due, ms / 3_600_000)), pushedBack: (deadline.pushedBack ?? 0) + waited.minutes };
  }
  if (waited.workdays === 0) return deadline;
  const counted = addWorkingDays(calendar, localDateOf(deadline.due), waited.workdays);
  return {
    ...deadline,
    due: endOfLocalDay(counted.date, zone),
    notable: [...deadline.notable, ...counted.notable],
    pushedBack: (deadline.pushedBack ?? 0) + waited.workdays,
  };
}

/**
 * The years of the shop's official calendar that these deadlines were counted into without the
 * calendar having them (their holidays and make-up days were not counted), each once. Deadlines in
 * hours are counted on the clock, not the calendar.
 */
export function deadlinesMissingYears(calendar: Calendar, deadlines: readonly Deadline[]): MissingYear[] {
  const missing = new Map<string, MissingYear>();
  for (const deadline of deadlines) {
    if (deadline.duration.unit !== 'workdays') continue;
    // Counting starts the day after `from`.
    const counted = missingOfficialYears(calendar, addDays(localDateOf(deadline.from), 1), localDateOf(deadline.due));
    for (const year of counted) missing.set(`${year.name} ${year.year}`, year);
  }
  return [...missing.values()];
}

export function durationProblems(duration: Duration): Sentence[] {
  if (!Number.isInteger(duration.amount) || duration.amount < 1 || duration.amount > 365) {
    return [{ en: `a deadline must be a whole number from 1 to 365, not ${duration.amount}`, zh: `期限须为 1 到 365 的整数，而不是 ${duration.amount}` }];
  }
  if (duration.unit === 'workdays' || duration.unit === 'hours') return [];
  return [{ en: `unknown unit ${String(duration.unit)}`, zh: `未知的期限单位 ${String(duration.unit)}` }];
}

/** Reads "5d", "5 workdays", "24h", "24 hours", "5个工作日", "24小时". */
export function parseDuration(text: string): Duration | undefined {
  const match = /^(\d+)\s*(d|days?|workdays?|working days?|个?工作日|天|h|hours?|小时)$/i.exec(text.normalize('NFKC').trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = /^(h|hours?|小时)$/i.test(match[2]!) ? 'hours' : 'workdays';
  return { amount, unit };
}

export function formatDuration(duration: Duration): string {
  return `${duration.amount}${duration.unit === 'hours' ? 'h' : 'd'}`;
}
