// The deadline policy (per severity, in working days or clock hours) and the deadlines it gives,
// each with what is needed to explain how its date was reached.
import { addWorkingDays, missingOfficialYears, type Calendar, type MissingYear, type NotableDay } from './calendar.js';
import type { Sentence } from './errors.js';
import { addDays, addHours, endOfLocalDay, localDateOf, type IsoTime, type Zone } from './time.js';
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
