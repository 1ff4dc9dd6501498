// The shop's own working-day calendar: which weekdays it is open, the days it is closed
// (holidays), and extra working days (China's make-up workdays on a weekend); beside the dates
// typed by hand, the years of an official calendar copied in by `kesu config holidays`.
import { invalid, type Sentence } from './errors.js';
import { dateOfDay, dayNumberOf, isLocalDate, weekdayOfDay, type LocalDate } from './time.js';

export interface Calendar {
  /** Open weekdays, 0 = Sunday … 6 = Saturday. */
  readonly workweek: readonly number[];
  readonly holidays: readonly LocalDate[];
  /** Days the shop works although the weekday is normally closed. */
  readonly extraWorkdays: readonly LocalDate[];
  /** Years of an official calendar, as loaded: kept, so that a package's upgrade never moves a deadline. */
  readonly official: readonly OfficialYear[];
}

/** One year of an official calendar, copied from the package that published it. */
export interface OfficialYear {
  /** The calendar's name as `kesu config holidays` takes it: cn, or a country code with its region (US-CA). */
  readonly name: string;
  readonly year: number;
  /** The package and its version the dates were copied from, e.g. chinese-days 1.5.7. */
  readonly source: string;
  readonly holidays: readonly LocalDate[];
  /** Make-up working days (调休上班); none in calendars of public holidays only. */
  readonly workdays: readonly LocalDate[];
}

export const DEFAULT_CALENDAR: Calendar = { workweek: [1, 2, 3, 4, 5], holidays: [], extraWorkdays: [], official: [] };

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
  const open = calendar.workweek.includes(weekdayOfDay(day));
  if (calendar.holidays.length > 0 || calendar.extraWorkdays.length > 0 || calendar.official.length > 0) {
    const date = dateOfDay(day);
    // The dates typed by hand first: a shop's own choice stands over the official calendar.
    if (calendar.holidays.includes(date)) return 'holiday';
    if (calendar.extraWorkdays.includes(date)) return 'extra-workday';
    const year = Number(date.slice(0, 4));
    for (const official of calendar.official) {
      if (official.year !== year) continue;
      if (official.holidays.includes(date)) return 'holiday';
      // A make-up working day on a day the shop opens anyway is an ordinary working day to it.
      if (!open && official.workdays.includes(date)) return 'extra-workday';
    }
  }
  return open ? 'workday' : 'weekend';
}

/** An official calendar's year that a deadline was counted into but the shop has not loaded. */
export interface MissingYear {
  readonly name: string;
  readonly year: number;
}

/**
 * The years from `from` to `to` that the shop's official calendar lacks: their holidays were not
 * counted. Empty for a shop with no official calendar loaded (it keeps its dates by hand).
 */
export function missingOfficialYears(calendar: Calendar, from: LocalDate, to: LocalDate): MissingYear[] {
  const missing: MissingYear[] = [];
  const names = [...new Set(calendar.official.map((official) => official.name))];
  for (const name of names) {
    for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
      if (!calendar.official.some((official) => official.name === name && official.year === year)) missing.push({ name, year });
    }
  }
  return missing;
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

/**
 * A calendar closed this many days in a row has no working day within a year: a typo (a holiday
 * range typed too long), refused when it is set (calendarProblems).
 */
const CLOSED_FOR_A_YEAR = 365;
/** Where counting stops on a calendar stored before that check: no deadline reaches this far. */
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
    if (step > SEARCH_LIMIT_DAYS) {
      throw invalid(
        `The shop's calendar has no working day for years after ${from}, so no deadline can be counted; remove the holidays that close it (kesu config remove holiday …).`,
        `营业日历在 ${from} 之后多年没有工作日，无法计算期限；请删除造成停业的节假日（kesu config remove holiday …）。`,
      );
    }
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
  const officialDates = calendar.official.flatMap((official) => [...official.holidays, ...official.workdays]);
  for (const date of [...calendar.holidays, ...calendar.extraWorkdays, ...officialDates]) {
    if (!isLocalDate(date)) problems.push({ en: `"${date}" is not a date like 2026-10-01`, zh: `“${date}”不是 2026-10-01 这样的日期` });
  }
  if (problems.length === 0) {
    const closed = longestClosedRun(calendar);
    if (closed !== null && closed.days >= CLOSED_FOR_A_YEAR) {
      problems.push({
        en: `the shop would be closed for ${closed.days} days in a row from ${closed.from}, with no working day to count a deadline in`,
        zh: `从 ${closed.from} 起将连续停业 ${closed.days} 天，没有可计算期限的工作日`,
      });
    }
  }
  return problems;
}

/** The longest run of closed days around the listed holidays, or null when there are none (the workweek alone). */
function longestClosedRun(calendar: Calendar): { from: LocalDate; days: number } | null {
  if (calendar.holidays.length === 0 || calendar.workweek.length === 0) return null;
  const days = calendar.holidays.map(dayNumberOf);
  const first = Math.min(...days) - 7;
  const last = Math.max(...days) + 7;
  let longest: { from: LocalDate; days: number } | null = null;
  let runStart = -1;
  for (let day = first; day <= last + 1; day++) {
    const closed = day <= last && !isWorking(kindOfDay(calendar, day));
    if (closed && runStart < 0) runStart = day;
    if (!closed && runStart >= 0) {
      if (longest === null || day - runStart > longest.days) longest = { from: dateOfDay(runStart), days: day - runStart };
      runStart = -1;
    }
  }
  return longest;
}
