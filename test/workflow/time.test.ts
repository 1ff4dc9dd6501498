import { describe, expect, it } from 'vitest';
import {
  addDays,
  addHours,
  addMonths,
  compareTimes,
  daysBetween,
  endOfDay,
  firstDayOfWeek,
  formatIsoWeek,
  isIsoTime,
  isoWeekOf,
  isoWeeksIn,
  isLocalDate,
  lastDayOfMonth,
  localDateOf,
  mondayOf,
  offsetOf,
  readDateTime,
  startOfDay,
  weekdayOf,
} from '../../src/workflow/time.js';

describe('readDateTime: dates', () => {
  it.each(['2026-10-05', '2026/10/5', '2026/10/05', '2026.10.05', '2026.10.5', '2026年10月5日', '2026年10月05日', '2026年10月5号', '2026 - 10 - 05'])(
    '"%s" is 5 October 2026 without a time',
    (text) => {
      expect(readDateTime(text)).toEqual({ ok: true, wall: { date: '2026-10-05', time: null }, iso: null });
    },
  );

  it.each(['２０２６－１０－０５', '２０２６／１０／５', '２０２６年１０月５日', '  2026-10-05  '])('"%s" (full-width or padded) is 5 October 2026', (text) => {
    expect(readDateTime(text)).toEqual({ ok: true, wall: { date: '2026-10-05', time: null }, iso: null });
  });
});

describe('readDateTime: dates with a time', () => {
  const dates = ['2026-10-05', '2026/10/5', '2026.10.05', '2026年10月5日'];
  const times: [string, string][] = [
    ['09:00', '09:00:00'],
    ['9:00', '09:00:00'],
    ['9:00:30', '09:00:30'],
    ['9点30分', '09:30:00'],
    ['9点', '09:00:00'],
    ['9时30分15秒', '09:30:15'],
    ['下午3点', '15:00:00'],
    ['晚上8:15', '20:15:00'],
    ['上午11点', '11:00:00'],
    ['23:59:59', '23:59:59'],
  ];
  const cases = dates.flatMap((date) => times.map(([time, wall]) => ({ date, time, wall })));

  it.each(cases)('"$date $time" is 2026-10-05 at $wall', ({ date, time, wall }) => {
    expect(readDateTime(`${date} ${time}`)).toEqual({ ok: true, wall: { date: '2026-10-05', time: wall }, iso: null });
  });

  it.each([
    ['2026年10月5日9点30分', '09:30:00'],
    ['2026-10-05T09:00', '09:00:00'],
    ['2026-10-05T09:00:30', '09:00:30'],
    ['２０２６－１０－０５　０９：００', '09:00:00'],
    ['２０２６年１０月５日　９点３０分', '09:30:00'],
    ['2026-10-05 09：00', '09:00:00'],
  ])('"%s" is 2026-10-05 at %s', (text, wall) => {
    expect(readDateTime(text)).toEqual({ ok: true, wall: { date: '2026-10-05', time: wall }, iso: null });
  });

  it('reads an ISO time with its offset as given, keeping the ISO text', () => {
    expect(readDateTime('2026-10-05T09:00:00+08:00')).toEqual({
      ok: true,
      wall: { date: '2026-10-05', time: '09:00:00' },
      iso: '2026-10-05T09:00:00+08:00',
    });
    expect(readDateTime('2026-10-05T09:00-05:00')).toEqual({
      ok: true,
      wall: { date: '2026-10-05', time: '09:00:00' },
      iso: '2026-10-05T09:00-05:00',
    });
    expect(readDateTime('2026-10-05T23:30:00Z')).toEqual({
      ok: true,
      wall: { date: '2026-10-05', time: '23:30:00' },
      iso: '2026-10-05T23:30:00Z',
    });
  });
});

describe('readDateTime: refusals', () => {
  it.each(['05/10/2026', '5/10/2026', '10/05/2026', '05.10.2026', '05-10-2026', '5/10/26'])('"%s" is ambiguous', (text) => {
    expect(readDateTime(text)).toEqual({ ok: false, reason: 'ambiguous' });
  });

  it.each([
    '2026-02-30',
    '2026-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026年2月30日',
    '2026/10/05 25:00',
    '2026-10-05 09:60',
    '2026-10-05 9',
    '2026-10-05 soon',
    'yesterday',
    '',
    '20261005',
    '2026-02-30T10:00:00+08:00',
    '2026-04-31T10:00+08:00',
    '2026-10-05T24:00:00+08:00',
  ])('"%s" is invalid', (text) => {
    expect(readDateTime(text)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('accepts 29 February in a leap year', () => {
    expect(readDateTime('2028-02-29')).toMatchObject({ ok: true, wall: { date: '2028-02-29' } });
  });
});

describe('readDateTime: dates as people say them, given today', () => {
  // Sunday 6 December 2026.
  const today = '2026-12-06';

  it.each([
    ['today', '2026-12-06', null],
    ['Today 15:00', '2026-12-06', '15:00:00'],
    ['today 3pm', '2026-12-06', '15:00:00'],
    ['yesterday', '2026-12-05', null],
    ['YESTERDAY 9:30 am', '2026-12-05', '09:30:00'],
    ['今天 15:00', '2026-12-06', '15:00:00'],
    ['今天下午3点', '2026-12-06', '15:00:00'],
    ['今日', '2026-12-06', null],
    ['昨天', '2026-12-05', null],
    ['昨天 9点30分', '2026-12-05', '09:30:00'],
    ['前天', '2026-12-04', null],
    ['１２－０６　０９：００', '2026-12-06', '09:00:00'],
    ['12-06 09:00', '2026-12-06', '09:00:00'],
    ['3-5', '2026-03-05', null],
    ['12月6日', '2026-12-06', null],
    ['12月6号 上午9点', '2026-12-06', '09:00:00'],
    ['12月6日9点', '2026-12-06', '09:00:00'],
    ['15:00', '2026-12-06', '15:00:00'],
    ['下午3点', '2026-12-06', '15:00:00'],
    ['12am', '2026-12-06', '00:00:00'],
    ['12 pm', '2026-12-06', '12:00:00'],
    ['2026-11-02 3:30 PM', '2026-11-02', '15:30:00'],
  ])('"%s" is %s at %s', (text, date, time) => {
    expect(readDateTime(text, today)).toEqual({ ok: true, wall: { date, time }, iso: null });
  });

  it('counts back across the turn of a month and a year', () => {
    expect(readDateTime('yesterday', '2027-01-01')).toEqual({ ok: true, wall: { date: '2026-12-31', time: null }, iso: null });
    expect(readDateTime('前天', '2028-03-01')).toEqual({ ok: true, wall: { date: '2028-02-28', time: null }, iso: null });
  });

  it.each(['tomorrow', 'today soon', '昨天 25:00', '13pm', '0am', '下午3pm', '12/06', '2-30', '12-06 9', '15', 'last week'])('"%s" is invalid', (text) => {
    expect(readDateTime(text, today)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('reads none of these without today: a paper form says its dates in full', () => {
    for (const text of ['today', '昨天', '12-06 09:00', '12月6日', '15:00']) expect(readDateTime(text)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('ISO times', () => {
  it('isIsoTime needs an offset and a real date and time', () => {
    expect(isIsoTime('2026-10-30T10:00:00+08:00')).toBe(true);
    expect(isIsoTime('2026-10-30T10:00+08:00')).toBe(true);
    expect(isIsoTime('2026-10-30T10:00:00.123Z')).toBe(true);
    expect(isIsoTime('2026-10-30T10:00:00')).toBe(false);
    expect(isIsoTime('2026-10-30 10:00:00+08:00')).toBe(false);
    expect(isIsoTime('2026-02-30T10:00:00+08:00')).toBe(false);
    expect(isIsoTime('2026-10-30T24:00:00+08:00')).toBe(false);
  });

  it('reads the local date and offset from the text, not the machine', () => {
    expect(localDateOf('2026-10-30T23:30:00-05:00')).toBe('2026-10-30');
    expect(offsetOf('2026-10-30T23:30:00-05:00')).toBe('-05:00');
    expect(offsetOf('2026-10-30T23:30:00Z')).toBe('+00:00');
  });

  it('compares instants, whatever their offsets', () => {
    expect(compareTimes('2026-10-30T10:00:00+08:00', '2026-10-30T02:00:00Z')).toBe(0);
    expect(compareTimes('2026-10-30T10:00:00+08:00', '2026-10-30T03:00:00Z')).toBeLessThan(0);
    expect(compareTimes('2026-10-31T00:00:00+08:00', '2026-10-30T23:59:59+08:00')).toBeGreaterThan(0);
  });
});

describe('addHours', () => {
  it('adds clock hours in the same offset', () => {
    expect(addHours('2026-10-30T10:00:00+08:00', 24)).toBe('2026-10-31T10:00:00+08:00');
    expect(addHours('2026-10-30T10:00:00+08:00', 1)).toBe('2026-10-30T11:00:00+08:00');
  });

  it('crosses the end of a month and of a year', () => {
    expect(addHours('2026-10-31T20:00:00+08:00', 5)).toBe('2026-11-01T01:00:00+08:00');
    expect(addHours('2026-12-31T23:30:00+08:00', 24)).toBe('2027-01-01T23:30:00+08:00');
    expect(addHours('2028-02-28T12:00:00+08:00', 24)).toBe('2028-02-29T12:00:00+08:00');
  });

  it('keeps a negative offset and a Z as +00:00', () => {
    expect(addHours('2026-10-30T22:00:00-05:00', 3)).toBe('2026-10-31T01:00:00-05:00');
    expect(addHours('2026-10-30T22:00:00Z', 3)).toBe('2026-10-31T01:00:00+00:00');
  });
});

describe('dates', () => {
  it('endOfDay and startOfDay are the first and last second of the date in the offset', () => {
    expect(endOfDay('2026-11-06', '+08:00')).toBe('2026-11-06T23:59:59+08:00');
    expect(startOfDay('2026-11-06', '+08:00')).toBe('2026-11-06T00:00:00+08:00');
  });

  it.each([
    ['2026-10-31', 1, '2026-11-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-10-30', 7, '2026-11-06'],
    ['2026-10-30', 0, '2026-10-30'],
    ['2026-03-01', -1, '2026-02-28'],
  ] as const)('addDays(%s, %i) is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('weekdayOf counts from Sunday', () => {
    expect(weekdayOf('2026-10-30')).toBe(5);
    expect(weekdayOf('2026-10-31')).toBe(6);
    expect(weekdayOf('2026-11-01')).toBe(0);
  });

  it('isLocalDate accepts only real dates written YYYY-MM-DD', () => {
    expect(isLocalDate('2026-10-05')).toBe(true);
    expect(isLocalDate('2026-10-5')).toBe(false);
    expect(isLocalDate('2026-02-29')).toBe(false);
  });

  it('counts months and days between', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(lastDayOfMonth('2026-02')).toBe('2026-02-28');
    expect(lastDayOfMonth('2028-02')).toBe('2028-02-29');
    expect(lastDayOfMonth('2026-12')).toBe('2026-12-31');
    expect(daysBetween('2026-10-30', '2026-11-06')).toBe(7);
    expect(daysBetween('2026-11-06', '2026-10-30')).toBe(-7);
  });
});

describe('ISO weeks: Monday to Sunday, week 1 holds 4 January', () => {
  it.each([
    ['2026-11-30', 2026, 49], // a Monday
    ['2026-12-06', 2026, 49], // the Sunday of the same week
    ['2026-12-28', 2026, 53], // 2026 begins on a Thursday: it has a week 53
    ['2027-01-03', 2026, 53], // a Sunday of 2027 in the last week of 2026
    ['2027-01-04', 2027, 1],
    ['2025-12-29', 2026, 1], // a Monday of 2025 in the first week of 2026
    ['2026-01-01', 2026, 1],
    ['2025-12-28', 2025, 52],
    ['2021-01-03', 2020, 53], // a leap year that begins on a Wednesday has 53 too
    ['2024-12-30', 2025, 1],
  ] as const)('%s is in %i week %i', (date, year, week) => {
    expect(isoWeekOf(date)).toEqual({ year, week });
  });

  it('counts 52 or 53 weeks in a year', () => {
    expect([2020, 2021, 2025, 2026, 2027, 2032].map(isoWeeksIn)).toEqual([53, 52, 52, 53, 52, 53]);
  });

  it('finds the Monday a week begins on, across the turn of a year', () => {
    expect(firstDayOfWeek({ year: 2026, week: 49 })).toBe('2026-11-30');
    expect(firstDayOfWeek({ year: 2026, week: 53 })).toBe('2026-12-28');
    expect(firstDayOfWeek({ year: 2027, week: 1 })).toBe('2027-01-04');
    expect(firstDayOfWeek({ year: 2026, week: 1 })).toBe('2025-12-29');
    expect(mondayOf('2027-01-03')).toBe('2026-12-28');
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
  });

  it('writes a week as ISO 8601 does', () => {
    expect(formatIsoWeek({ year: 2026, week: 49 })).toBe('2026-W49');
    expect(formatIsoWeek({ year: 2027, week: 1 })).toBe('2027-W01');
  });
});
