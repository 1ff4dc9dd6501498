// Official calendars copied into the shop's policy: counting deadlines across China's 2026 Spring
// Festival and National Day (worked out by hand on a paper calendar), the years a deadline runs
// into without data, and loading, reloading and removing years. The 2026 dates are written out here
// as the State Council's notice gives them
// (https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm, quoted in chinese-days'
// src/holidays/generate.ts), not read from the package.
import { describe, expect, it } from 'vitest';
import { addWorkingDays, DEFAULT_CALENDAR, missingOfficialYears, type Calendar, type OfficialYear } from '../../src/workflow/calendar.js';
import { loadOfficialYears, removeOfficialYears } from '../../src/workflow/config.js';
import { deadlineFrom, deadlinesMissingYears } from '../../src/workflow/deadlines.js';
import { DEFAULT_SETTINGS, withDefaults, type Settings } from '../../src/workflow/settings.js';
import type { LocalDate } from '../../src/workflow/time.js';
import { SHANGHAI } from './builders.js';

const range = (month: string, first: number, last: number): LocalDate[] =>
  Array.from({ length: last - first + 1 }, (_, i) => `2026-${month}-${String(first + i).padStart(2, '0')}` as LocalDate);

const CN_2026: OfficialYear = {
  name: 'cn',
  year: 2026,
  source: 'chinese-days 1.5.7',
  holidays: [...range('01', 1, 3), ...range('02', 15, 23), ...range('04', 4, 6), ...range('05', 1, 5), ...range('06', 19, 21), ...range('09', 25, 27), ...range('10', 1, 7)],
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};
const china: Calendar = { ...DEFAULT_CALENDAR, official: [CN_2026] };
const withChina: Settings = { ...DEFAULT_SETTINGS, calendar: china };

describe('deadlines on the official 2026 calendar', () => {
  it('5 working days from Fri 13 Feb: Sat 14 Feb is a make-up day, Spring Festival 15–23 Feb is skipped, due Fri 27 Feb', () => {
    const deadline = deadlineFrom(china, '2026-02-13T10:00:00+08:00', { amount: 5, unit: 'workdays' }, SHANGHAI);
    expect(deadline.due).toBe('2026-02-27T23:59:59+08:00');
    expect(deadline.notable[0]).toEqual({ date: '2026-02-14', kind: 'extra-workday' });
    expect(deadline.notable.slice(1).map((day) => day.date)).toEqual(range('02', 15, 23));
    expect(deadline.notable.slice(1).every((day) => day.kind === 'holiday')).toBe(true);
  });

  it('5 working days from Tue 29 Sep: Wed 30 Sep, National Day 1–7 Oct skipped, Thu 8, Fri 9, Sat 10 Oct (make-up), Mon 12 Oct', () => {
    const counted = addWorkingDays(china, '2026-09-29', 5);
    expect(counted.date).toBe('2026-10-12');
    expect(counted.notable).toContainEqual({ date: '2026-10-10', kind: 'extra-workday' });
    expect(counted.notable).toContainEqual({ date: '2026-10-11', kind: 'weekend' });
  });

  it('Sun 20 Sep 2026 is a make-up working day: 1 working day from Sat 19 Sep is due that Sunday', () => {
    expect(addWorkingDays(china, '2026-09-19', 1).date).toBe('2026-09-20');
  });

  it('a shop open on Saturdays counts Sat 10 Oct as an ordinary working day, not a make-up one', () => {
    const counted = addWorkingDays({ ...china, workweek: [1, 2, 3, 4, 5, 6] }, '2026-10-09', 1);
    expect(counted).toEqual({ date: '2026-10-10', notable: [] });
  });

  it('dates added by hand stand over the official ones: a shop closed on the make-up Saturday skips it', () => {
    expect(addWorkingDays({ ...china, holidays: ['2026-10-10'] }, '2026-10-09', 1).date).toBe('2026-10-12');
  });

  it('holidays of a year not loaded are not counted', () => {
    const onlyOther: Calendar = { ...DEFAULT_CALENDAR, official: [{ ...CN_2026, year: 2025 }] };
    expect(addWorkingDays(onlyOther, '2026-09-30', 1).date).toBe('2026-10-01');
  });
});

describe('the years a deadline is counted into without the official calendar', () => {
  const days = { amount: 5, unit: 'workdays' } as const;

  it('a deadline from 28 Dec 2026 into January 2027 with only 2026 loaded lacks cn 2027', () => {
    expect(missingOfficialYears(china, '2026-12-28', '2027-01-04')).toEqual([{ name: 'cn', year: 2027 }]);
    const deadline = deadlineFrom(china, '2026-12-28T10:00:00+08:00', days, SHANGHAI);
    expect(deadlinesMissingYears(china, [deadline, deadline])).toEqual([{ name: 'cn', year: 2027 }]);
  });

  it('a deadline from 31 Dec 2025 is counted from 1 Jan 2026: 2025 is not missing', () => {
    const deadline = deadlineFrom(china, '2025-12-31T10:00:00+08:00', days, SHANGHAI);
    expect(deadlinesMissingYears(china, [deadline])).toEqual([]);
    const fromThe30th = deadlineFrom(china, '2025-12-30T10:00:00+08:00', days, SHANGHAI);
    expect(deadlinesMissingYears(china, [fromThe30th])).toEqual([{ name: 'cn', year: 2025 }]);
  });

  it('nothing is missing within a loaded year, for a deadline in hours, or for a shop without an official calendar', () => {
    expect(missingOfficialYears(china, '2026-02-13', '2026-02-27')).toEqual([]);
    const hours = deadlineFrom(china, '2026-12-31T10:00:00+08:00', { amount: 24, unit: 'hours' }, SHANGHAI);
    expect(deadlinesMissingYears(china, [hours])).toEqual([]);
    expect(missingOfficialYears(DEFAULT_CALENDAR, '2026-12-28', '2027-01-04')).toEqual([]);
  });
});

describe('loading and removing official years', () => {
  it('a year loaded again replaces the one before, the others stay', () => {
    const twoYears = loadOfficialYears(withChina, [{ ...CN_2026, year: 2025, holidays: ['2025-01-01'], workdays: [] }]);
    const reloaded = loadOfficialYears(twoYears, [{ ...CN_2026, source: 'chinese-days 1.6.0' }]);
    expect(reloaded.calendar.official.map((entry) => [entry.year, entry.source])).toEqual([
      [2025, 'chinese-days 1.5.7'],
      [2026, 'chinese-days 1.6.0'],
    ]);
  });

  it('another country is refused while one is loaded', () => {
    expect(() => loadOfficialYears(withChina, [{ ...CN_2026, name: 'DE', holidays: ['2026-10-03'], workdays: [] }])).toThrow(/follows the cn calendar/);
  });

  it('removing the calendar leaves the dates typed by hand', () => {
    const mixed: Settings = { ...withChina, calendar: { ...china, holidays: ['2026-12-24'], extraWorkdays: ['2026-12-27'] } };
    const removed = removeOfficialYears(mixed, 'cn', []);
    expect(removed.calendar).toEqual({ ...DEFAULT_CALENDAR, holidays: ['2026-12-24'], extraWorkdays: ['2026-12-27'] });
  });

  it('removing a year that is not loaded is refused', () => {
    expect(() => removeOfficialYears(withChina, 'cn', [2027])).toThrow(/cn 2027 calendar is not loaded/);
    expect(() => removeOfficialYears(DEFAULT_SETTINGS, 'cn', [])).toThrow(/not loaded/);
  });

  it('an official year with a date that is not one is refused', () => {
    expect(() => loadOfficialYears(DEFAULT_SETTINGS, [{ ...CN_2026, holidays: ['2026-02-30'] }])).toThrow(/"2026-02-30" is not a date/);
  });

  it('settings stored before official calendars read with none loaded', () => {
    const stored = { calendar: { workweek: [1, 2, 3, 4, 5, 6], holidays: ['2026-10-01'], extraWorkdays: [] } } as unknown as Partial<Settings>;
    expect(withDefaults(stored).calendar).toEqual({ workweek: [1, 2, 3, 4, 5, 6], holidays: ['2026-10-01'], extraWorkdays: [], official: [] });
  });

  it('settings stored before the shop details read with none set, and one set keeps the others unset', () => {
    const stored = { defaultActor: '小李' } as unknown as Partial<Settings>;
    expect(withDefaults(stored).shop).toEqual({ name: null, address: null, phone: null });
    const named = { shop: { name: '好运电器' } } as unknown as Partial<Settings>;
    expect(withDefaults(named).shop).toEqual({ name: '好运电器', address: null, phone: null });
  });
});
