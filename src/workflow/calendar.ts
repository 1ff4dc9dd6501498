// The shop's own working-day calendar: which weekdays it is open, the days it is closed
// (holidays), and extra working days (China's make-up workdays on a weekend).
import type { Sentence } from './errors.js';
import { dateOfDay, dayNumberOf, isLocalDate, weekdayOfDay, type LocalDate } from './time.js';

export interface Calendar {
  /** Open weekdays, 0 = Sunday … 6 = Saturday. */
  readonly workweek: readonly number[];
  readonly holidays: readonly LocalDate[];
  /** Days the shop works although the weekday is normally closed. */
  readonly extraWorkdays: readonly LocalDate[];
}

export const DEFAULT_CALENDAR: Calendar = { workweek: [1, 2, 3, 4, 5], holidays: [], extraWorkdays: [] };

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'extra-workday';

export function dayKind(calendar: Calendar, date: LocalDate): DayKind {
  return kindOfDay(calendar, dayNumberOf(date));
}

export function isWorkingDay(calendar: Calendar, date: LocalDate): boolean {
  return isWorking(kindOfDay(calendar, dayNumberOf(date)));
}

const isWorking = (kind: DayKind): boolean => kind === 'workday' || kind === 'extra-workday';

/** The kind of a day given by its number; its date is formatted only when the calendar lists dates. */
function kindOfDay(calendar: Calendar, day: number): DayKind {
  if (calendar.holidays.length > 0 || calendar.extraWorkdays.length > 0) {
    const date = dateOfDay(day);
    if (calendar.holidays.includes(date)) return 'holiday';
    if (calendar.extraWorkdays.includes(date)) return 'extra-workday';
  }
  return calendar.workweek.includes(weekdayOfDay(day)) ? 'workday' : 'weekend';
}

/** A day passed over or counted specially while counting working days, for explanations. */
export interface NotableDay {
  readonly date: LocalDate;
  readonly kind: Exclude<DayKind, 'workday'>;
}

export interface WorkingDayCount {
  readonly date: LocalDate;
  /** Closed days skipped and make-up days counted on the way, in order. */
  readonly notable: readonly NotableDay[];
}

// A calendar without a single working day in a year would loop forever; it is refused instead.
const SEARCH_LIMIT_DAYS = 3660;

/**
 * The date `count` working days after `from`: counting starts on the next working day after
 * `from`, so a Friday and the Saturday after it both give the same result.
 */
export function addWorkingDays(calendar: Calendar, from: LocalDate, count: number): WorkingDayCount {
  const notable: NotableDay[] = [];
  let day = dayNumberOf(from);
  let counted = 0;
  for (let step = 0; counted < count; step++) {
    if (step > SEARCH_LIMIT_DAYS) throw new Error('the calendar has no working days');
    day++;
    const kind = kindOfDay(calendar, day);
    if (kind === 'workday') counted++;
    else if (kind === 'extra-workday') {
      counted++;
      notable.push({ date: dateOfDay(day), kind });
    } else notable.push({ date: dateOfDay(day), kind });
  }
  return { date: dateOfDay(day), notable };
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function countWorkingDays(calendar: Calendar, from: LocalDate, to: LocalDate): number {
  let count = 0;
  const last = dayNumberOf(to);
  for (let day = dayNumberOf(from) + 1; day <= last; day++) {
    if (isWorking(kindOfDay(calendar, day))) count++;
  }
  return count;
}

/** Problems with a calendar as a user might set it, as sentences; empty when it is fine. */
export function calendarProblems(calendar: Calendar): Sentence[] {
  const problems: Sentence[] = [];
  if (calendar.workweek.some((day) => !Number.isInteger(day) || day < 0 || day > 6)) {
    problems.push({ en: 'open weekdays must be numbers 0 (Sunday) to 6 (Saturday)', zh: '营业日须为 0（周日）到 6（周六）的数字' });
  }
  if (calendar.workweek.length === 0 && calendar.extraWorkdays.length === 0) {
    problems.push({ en: 'the shop must be open on at least one weekday', zh: '每周至少要有一个营业日' });
  }
  for (const date of [...calendar.holidays, ...calendar.extraWorkdays]) {
    if (!isLocalDate(date)) problems.push({ en: `"${date}" is not a date like 2026-10-01`, zh: `“${date}”不是 2026-10-01 这样的日期` });
  }
  return problems;
}
