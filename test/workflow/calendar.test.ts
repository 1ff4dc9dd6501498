import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  calendarProblems,
  countWorkingDays,
  dayKind,
  DEFAULT_CALENDAR,
  isWorkingDay,
  type Calendar,
} from '../../src/workflow/calendar.js';
import {
  deadlineFrom,
  DEFAULT_POLICY,
  durationProblems,
  formatDuration,
  parseDuration,
  policyDeadline,
  type Duration,
} from '../../src/workflow/deadlines.js';
import { DEFAULT_SETTINGS, settingsProblems, withDefaults, type Settings } from '../../src/workflow/settings.js';
import { formatInOffset, instant, type LocalDate, type Zone } from '../../src/workflow/time.js';
import { FRI, SHANGHAI } from './builders.js';

const days = (amount: number): Duration => ({ amount, unit: 'workdays' });
const hours = (amount: number): Duration => ({ amount, unit: 'hours' });
const calendar = (fields: Partial<Calendar>): Calendar => ({ ...DEFAULT_CALENDAR, ...fields });

describe('the spec examples (default calendar, Monday to Friday)', () => {
  it('received Friday 30 Oct at 10:00 with 5 working days is due at the end of Friday 6 Nov', () => {
    const deadline = deadlineFrom(DEFAULT_CALENDAR, '2026-10-30T10:00:00+08:00', days(5), SHANGHAI);

    expect(deadline.due).toBe('2026-11-06T23:59:59+08:00');
    expect(deadline.from).toBe('2026-10-30T10:00:00+08:00');
    expect(deadline.duration).toEqual(days(5));
  });

  it('explains the Friday deadline: skipped Sat 31 Oct and Sun 1 Nov', () => {
    const deadline = deadlineFrom(DEFAULT_CALENDAR, '2026-10-30T10:00:00+08:00', days(5), SHANGHAI);

    expect(deadline.notable).toEqual([
      { date: '2026-10-31', kind: 'weekend' },
      { date: '2026-11-01', kind: 'weekend' },
    ]);
  });

  it('received Saturday 31 Oct with 5 working days is due then too', () => {
    const deadline = deadlineFrom(DEFAULT_CALENDAR, '2026-10-31T16:30:00+08:00', days(5), SHANGHAI);

    expect(deadline.due).toBe('2026-11-06T23:59:59+08:00');
    expect(deadline.notable).toEqual([{ date: '2026-11-01', kind: 'weekend' }]);
  });

  it('24 hours from Friday 10:00 is Saturday 10:00, whatever the calendar', () => {
    const deadline = deadlineFrom(DEFAULT_CALENDAR, '2026-10-30T10:00:00+08:00', hours(24), SHANGHAI);

    expect(deadline.due).toBe('2026-10-31T10:00:00+08:00');
    expect(deadline.notable).toEqual([]);
    expect(deadlineFrom(calendar({ holidays: ['2026-10-31'] }), FRI, hours(24), SHANGHAI).due).toBe('2026-10-31T10:00:00+08:00');
  });

  it('a day received late in the evening still counts from the next working day', () => {
    expect(deadlineFrom(DEFAULT_CALENDAR, '2026-11-02T23:59:00+08:00', days(1), SHANGHAI).due).toBe('2026-11-03T23:59:59+08:00');
  });

});

describe('where the clocks change (daylight saving ends in New York on Sun 1 Nov 2026 at 02:00 EDT)', () => {
  const CHANGE = instant('2026-11-01T02:00:00-04:00');
  const offsetAt = (ms: number): string => (ms < CHANGE ? '-04:00' : '-05:00');
  const newYork: Zone = {
    wallToIso: (wall) => `${wall.date}T${wall.time ?? '00:00:00'}${wall.date < '2026-11-01' ? '-04:00' : '-05:00'}`,
    toLocal: (time) => formatInOffset(instant(time), offsetAt(instant(time))),
  };

  it('a deadline in days ends at the last second of its last day on the clock of that day', () => {
    expect(deadlineFrom(DEFAULT_CALENDAR, '2026-10-30T10:00:00-04:00', days(5), newYork).due).toBe('2026-11-06T23:59:59-05:00');
  });

  it('a deadline in hours is that many hours later, written in the offset of its own moment', () => {
    // 24 hours after 10:00 EDT on Saturday is 09:00 EST on Sunday: the clocks went back an hour.
    expect(deadlineFrom(DEFAULT_CALENDAR, '2026-10-31T10:00:00-04:00', hours(24), newYork).due).toBe('2026-11-01T09:00:00-05:00');
  });
});

describe('holidays and make-up workdays', () => {
  it('a holiday in the span pushes the deadline a day and is listed as a holiday', () => {
    // given Monday 2 November, 3 working days, and Wednesday 4 November a holiday
    const withHoliday = calendar({ holidays: ['2026-11-04'] });

    // when
    const plain = deadlineFrom(DEFAULT_CALENDAR, '2026-11-02T10:00:00+08:00', days(3), SHANGHAI);
    const pushed = deadlineFrom(withHoliday, '2026-11-02T10:00:00+08:00', days(3), SHANGHAI);

    // then
    expect(plain.due).toBe('2026-11-05T23:59:59+08:00');
    expect(pushed.due).toBe('2026-11-06T23:59:59+08:00');
    expect(pushed.notable).toEqual([{ date: '2026-11-04', kind: 'holiday' }]);
  });

  it('a holiday in the Friday example lists weekend and holiday in date order', () => {
    const deadline = deadlineFrom(calendar({ holidays: ['2026-11-04'] }), FRI, days(5), SHANGHAI);

    expect(deadline.due).toBe('2026-11-09T23:59:59+08:00');
    expect(deadline.notable).toEqual([
      { date: '2026-10-31', kind: 'weekend' },
      { date: '2026-11-01', kind: 'weekend' },
      { date: '2026-11-04', kind: 'holiday' },
      { date: '2026-11-07', kind: 'weekend' },
      { date: '2026-11-08', kind: 'weekend' },
    ]);
  });

  it('a holiday on a weekend day is listed as a holiday and changes nothing else', () => {
    const deadline = deadlineFrom(calendar({ holidays: ['2026-10-31'] }), FRI, days(5), SHANGHAI);

    expect(deadline.due).toBe('2026-11-06T23:59:59+08:00');
    expect(deadline.notable).toEqual([
      { date: '2026-10-31', kind: 'holiday' },
      { date: '2026-11-01', kind: 'weekend' },
    ]);
  });

  it('a make-up workday (an extra working Saturday) is counted and listed as extra-workday', () => {
    // given Saturday 31 October is a working day this year
    const makeUp = calendar({ extraWorkdays: ['2026-10-31'] });

    // when
    const deadline = deadlineFrom(makeUp, FRI, days(5), SHANGHAI);

    // then Sat 31, Mon 2, Tue 3, Wed 4, Thu 5 are the five days
    expect(deadline.due).toBe('2026-11-05T23:59:59+08:00');
    expect(deadline.notable).toEqual([
      { date: '2026-10-31', kind: 'extra-workday' },
      { date: '2026-11-01', kind: 'weekend' },
    ]);
  });

  it('China-style: a holiday week with make-up days around it', () => {
    // given National Day 2026: 1–7 October closed, Sunday 27 September and Saturday 10 October worked
    const china = calendar({
      holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
      extraWorkdays: ['2026-09-27', '2026-10-10'],
    });

    // when received Wednesday 30 September, 3 working days
    const deadline = deadlineFrom(china, '2026-09-30T15:00:00+08:00', days(3), SHANGHAI);

    // then Thu 8, Fri 9, Sat 10 (make-up)
    expect(deadline.due).toBe('2026-10-10T23:59:59+08:00');
    expect(deadline.notable.map((d) => `${d.date} ${d.kind}`)).toEqual([
      '2026-10-01 holiday',
      '2026-10-02 holiday',
      '2026-10-03 weekend',
      '2026-10-04 weekend',
      '2026-10-05 holiday',
      '2026-10-06 holiday',
      '2026-10-07 holiday',
      '2026-10-10 extra-workday',
    ]);
  });

  it('a six-day workweek counts Saturdays and skips only Sundays', () => {
    const sixDays = calendar({ workweek: [1, 2, 3, 4, 5, 6] });

    const deadline = deadlineFrom(sixDays, FRI, days(5), SHANGHAI);

    expect(deadline.due).toBe('2026-11-05T23:59:59+08:00');
    expect(deadline.notable).toEqual([{ date: '2026-11-01', kind: 'weekend' }]);
  });

  it('a shop open at weekends and closed Mondays skips Mondays', () => {
    const closedMondays = calendar({ workweek: [0, 2, 3, 4, 5, 6] });

    expect(addWorkingDays(closedMondays, '2026-10-30', 2)).toEqual({
      date: '2026-11-01',
      notable: [],
    });
    expect(addWorkingDays(closedMondays, '2026-10-30', 3)).toEqual({
      date: '2026-11-03',
      notable: [{ date: '2026-11-02', kind: 'weekend' }],
    });
  });

  it('a working day across the year end', () => {
    expect(addWorkingDays(calendar({ holidays: ['2027-01-01'] }), '2026-12-31', 1)).toEqual({
      date: '2027-01-04',
      notable: [
        { date: '2027-01-01', kind: 'holiday' },
        { date: '2027-01-02', kind: 'weekend' },
        { date: '2027-01-03', kind: 'weekend' },
      ],
    });
  });

  it('a calendar without any working day is refused, not looped over', () => {
    const never = calendar({ workweek: [], extraWorkdays: ['2020-01-04'] });

    expect(() => addWorkingDays(never, '2026-10-30', 1)).toThrow(/no working day for years after 2026-10-30/);
  });
});

describe('dayKind, isWorkingDay and countWorkingDays', () => {
  const cal = calendar({ holidays: ['2026-11-04'], extraWorkdays: ['2026-10-31'] });

  it('names each kind of day', () => {
    expect(dayKind(cal, '2026-10-30')).toBe('workday');
    expect(dayKind(cal, '2026-10-31')).toBe('extra-workday');
    expect(dayKind(cal, '2026-11-01')).toBe('weekend');
    expect(dayKind(cal, '2026-11-04')).toBe('holiday');
    expect(isWorkingDay(cal, '2026-10-31')).toBe(true);
    expect(isWorkingDay(cal, '2026-11-04')).toBe(false);
    expect(isWorkingDay(cal, '2026-11-01')).toBe(false);
  });

  it('a day that is both a holiday and a make-up day is a holiday', () => {
    expect(dayKind(calendar({ holidays: ['2026-10-31'], extraWorkdays: ['2026-10-31'] }), '2026-10-31')).toBe('holiday');
  });

  it.each([
    ['2026-10-30', '2026-11-06', 5],
    ['2026-10-31', '2026-11-06', 5],
    ['2026-10-30', '2026-11-02', 1],
    ['2026-10-30', '2026-11-01', 0],
    ['2026-10-30', '2026-10-30', 0],
    ['2026-11-06', '2026-10-30', 0],
    ['2026-12-28', '2027-01-08', 9],
  ] as const)('default calendar: working days after %s up to %s: %i', (from, to, expected) => {
    expect(countWorkingDays(DEFAULT_CALENDAR, from, to)).toBe(expected);
  });

  it('counts a make-up day and leaves out a holiday', () => {
    expect(countWorkingDays(cal, '2026-10-30', '2026-11-06')).toBe(5);
    expect(countWorkingDays(calendar({ holidays: ['2026-11-04'] }), '2026-10-30', '2026-11-06')).toBe(4);
    expect(countWorkingDays(calendar({ extraWorkdays: ['2026-10-31'] }), '2026-10-30', '2026-11-06')).toBe(6);
  });

  it('is the inverse of addWorkingDays', () => {
    for (let n = 1; n <= 15; n++) {
      const { date } = addWorkingDays(cal, '2026-10-29', n);
      expect(countWorkingDays(cal, '2026-10-29', date), `n = ${n}`).toBe(n);
    }
  });
});

describe('the default policy, per severity', () => {
  const cases = [
    ['answer', 'normal', '2026-11-06T23:59:59+08:00'],
    ['answer', 'urgent', '2026-11-02T23:59:59+08:00'],
    ['answer', 'major', '2026-10-31T10:00:00+08:00'],
    ['solution', 'normal', '2026-11-04T23:59:59+08:00'],
    ['solution', 'urgent', '2026-11-02T23:59:59+08:00'],
    ['solution', 'major', '2026-11-02T23:59:59+08:00'],
    ['followup', 'normal', '2026-11-06T23:59:59+08:00'],
    ['followup', 'urgent', '2026-10-31T10:00:00+08:00'],
    ['followup', 'major', '2026-10-31T10:00:00+08:00'],
  ] as const;

  it.each(cases)('%s, %s, from Friday 10:00: %s', (kind, severity, due) => {
    expect(policyDeadline(DEFAULT_POLICY, DEFAULT_CALENDAR, kind, severity, FRI, SHANGHAI).due).toBe(due);
  });

  it('a further follow-up is due 5 working days after the previous one', () => {
    expect(DEFAULT_POLICY.nextFollowup).toEqual(days(5));
  });
});

describe('parseDuration and formatDuration', () => {
  it.each([
    ['5d', days(5)],
    ['5 d', days(5)],
    ['5 days', days(5)],
    ['1 day', days(1)],
    ['5 workdays', days(5)],
    ['5 working days', days(5)],
    ['5D', days(5)],
    ['3个工作日', days(3)],
    ['3工作日', days(3)],
    ['３个工作日', days(3)],
    ['24h', hours(24)],
    ['24 hours', hours(24)],
    ['1 hour', hours(1)],
    ['24H', hours(24)],
    ['24小时', hours(24)],
    ['２４ｈ', hours(24)],
  ] as const)('"%s" is %o', (text, duration) => {
    expect(parseDuration(text)).toEqual(duration);
  });

  it.each(['', '5', 'd', '5x', '-5d', '5.5d', 'five days', '5 weeks', '24 minutes'])('"%s" is not a duration', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('formats as it reads', () => {
    expect(formatDuration(days(5))).toBe('5d');
    expect(formatDuration(hours(24))).toBe('24h');
    expect(parseDuration(formatDuration(hours(48)))).toEqual(hours(48));
  });

  it('durationProblems accepts 1 to 365 and known units only', () => {
    expect(durationProblems(days(1))).toEqual([]);
    expect(durationProblems(hours(365))).toEqual([]);
    expect(durationProblems(days(0))).toHaveLength(1);
    expect(durationProblems(days(366))).toHaveLength(1);
    expect(durationProblems(days(1.5))).toHaveLength(1);
    expect(durationProblems({ amount: 5, unit: 'weeks' } as unknown as Duration)).toEqual([{ en: 'unknown unit weeks', zh: '未知的期限单位 weeks' }]);
  });
});

describe('calendarProblems', () => {
  it('finds nothing wrong with the default calendar or a Chinese one', () => {
    expect(calendarProblems(DEFAULT_CALENDAR)).toEqual([]);
    expect(calendarProblems(calendar({ holidays: ['2026-10-01'], extraWorkdays: ['2026-10-10'] }))).toEqual([]);
  });

  it.each([
    [{ workweek: [7] }, /0 \(Sunday\) to 6 \(Saturday\)/],
    [{ workweek: [-1, 1] }, /0 \(Sunday\) to 6 \(Saturday\)/],
    [{ workweek: [1.5] }, /0 \(Sunday\) to 6 \(Saturday\)/],
    [{ workweek: [] }, /at least one weekday/],
    [{ holidays: ['2026-02-30'] }, /"2026-02-30" is not a date/],
    [{ holidays: ['1 Oct'] }, /"1 Oct" is not a date/],
    [{ extraWorkdays: ['2026/10/10'] }, /"2026\/10\/10" is not a date/],
  ] as const)('%o has one problem', (fields, message) => {
    const problems = calendarProblems(calendar(fields as Partial<Calendar>));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.en).toMatch(message);
  });

  it('lists every problem at once', () => {
    expect(calendarProblems({ workweek: [9], holidays: ['x' as LocalDate], extraWorkdays: ['y' as LocalDate], official: [] })).toHaveLength(3);
  });
});

describe('settingsProblems and withDefaults', () => {
  const withPolicy = (policy: Partial<Settings['policy']>): Settings => ({
    ...DEFAULT_SETTINGS,
    policy: { ...DEFAULT_SETTINGS.policy, ...policy },
  });

  it('finds nothing wrong with the defaults', () => {
    expect(settingsProblems(DEFAULT_SETTINGS)).toEqual([]);
  });

  it('the defaults are those of the spec', () => {
    expect(DEFAULT_SETTINGS.followupsRequired.quality).toBe(2);
    expect(Object.entries(DEFAULT_SETTINGS.followupsRequired).filter(([c]) => c !== 'quality').every(([, n]) => n === 1)).toBe(true);
    expect(DEFAULT_SETTINGS.departments['wrong-item']).toBe('warehouse');
    expect(DEFAULT_SETTINGS.departments.quality).toBe('QC');
    expect(DEFAULT_SETTINGS.departments.delivery).toBe('logistics');
    expect(DEFAULT_SETTINGS.departments.service).toBe('front desk');
  });

  it.each([
    ['an answer deadline of 0 days', withPolicy({ answer: { ...DEFAULT_POLICY.answer, normal: days(0) } }), /1 to 365, not 0/],
    ['a solution deadline of 400 hours', withPolicy({ solution: { ...DEFAULT_POLICY.solution, major: hours(400) } }), /not 400/],
    ['a follow-up deadline of 2.5 days', withPolicy({ followup: { ...DEFAULT_POLICY.followup, urgent: days(2.5) } }), /not 2.5/],
    ['a next follow-up of 0 days', withPolicy({ nextFollowup: days(0) }), /not 0/],
    ['no open weekday', { ...DEFAULT_SETTINGS, calendar: calendar({ workweek: [] }) }, /at least one weekday/],
    ['0 follow-ups for quality', { ...DEFAULT_SETTINGS, followupsRequired: { ...DEFAULT_SETTINGS.followupsRequired, quality: 0 } }, /quality must be a whole number from 1 to 10/],
    ['11 follow-ups for service', { ...DEFAULT_SETTINGS, followupsRequired: { ...DEFAULT_SETTINGS.followupsRequired, service: 11 } }, /service must be/],
    ['an empty department for billing', { ...DEFAULT_SETTINGS, departments: { ...DEFAULT_SETTINGS.departments, billing: '  ' } }, /department for billing must not be empty/],
  ] as const)('refuses %s', (_, settings, message) => {
    const problems = settingsProblems(settings as Settings);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.en).toMatch(message);
  });

  it('withDefaults fills what the stored settings leave out', () => {
    // given settings stored by an older version, with one answer deadline and one department changed
    const stored = {
      calendar: { workweek: [1, 2, 3, 4, 5, 6], holidays: ['2026-10-01'], extraWorkdays: [] },
      policy: { answer: { normal: days(3) } },
      departments: { quality: 'Quality Control' },
    } as unknown as Partial<Settings>;

    // when
    const settings = withDefaults(stored);

    // then
    expect(settings.calendar.workweek).toEqual([1, 2, 3, 4, 5, 6]);
    expect(settings.policy.answer).toEqual({ normal: days(3), urgent: days(1), major: hours(24) });
    expect(settings.policy.solution).toEqual(DEFAULT_POLICY.solution);
    expect(settings.policy.nextFollowup).toEqual(days(5));
    expect(settings.departments.quality).toBe('Quality Control');
    expect(settings.departments.delivery).toBe('logistics');
    expect(settings.followupsRequired).toEqual(DEFAULT_SETTINGS.followupsRequired);
    expect(settings.defaultActor).toBeNull();
    expect(settingsProblems(settings)).toEqual([]);
  });

  it('withDefaults of nothing is the defaults', () => {
    expect(withDefaults({})).toEqual(DEFAULT_SETTINGS);
  });
});
