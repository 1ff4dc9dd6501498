// `kesu report --week`: one ISO week (Monday to Sunday) of complaints built through the command line,
// reported on the Monday morning after it, as a cron job would, with every figure worked out by
// hand below; the week before beside it; the current week to date; the turn of an ISO year; every
// format; and the refusals.
//
// The shop keeps the default calendar (Monday to Friday, no holidays) and policy: normal answer 5
// working days from received, solution 3 from assign, follow-up 5 from resolve; urgent 1 / 1 / 24 h;
// a deadline in days ends at 23:59:59 of its last day; quality needs 2 satisfied follow-ups, the
// rest 1. Week 2026-W47 is Mon 16 – Sun 22 Nov 2026, W48 Mon 23 – Sun 29 Nov, W49 begins Mon 30 Nov.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFailure, expectSentence, kesu, makeDb, on, removeTempDirs, type ComplaintJson } from '../helpers/kesu.js';

afterAll(removeTempDirs);

/** Monday 30 Nov 2026, 08:00: the morning after week 48, when the weekly report is made. */
const MONDAY_MORNING = '2026-11-30T08:00:00+08:00';
const db = makeDb();
const run = on(db, { now: MONDAY_MORNING });

const act = (...args: string[]): Promise<ComplaintJson> => run.json<ComplaintJson>(...args, '--by', 'Alice');
const open = (received: string, fields: Record<string, string>): Promise<ComplaintJson> =>
  act('open', '--received', received, ...Object.entries(fields).flatMap(([flag, value]) => [`--${flag}`, value]));
const day = (date: string): string => `${date}T23:59:59+08:00`;

async function buildWeeks(): Promise<void> {
  // #1 Qian Yu, Mon 16 Nov 09:00 (W47), billing by phone, urgent: answer due 1 working day, Tue 17
  // Nov. Never answered: overdue at the end of W47. Resolved Tue 24 Nov 10:00 (W48) without an
  // assignee: the resolution is the answer, late; 6 working days (17, 18, 19, 20, 23, 24); refund
  // 30.00. Follow-up due in 24 hours, Wed 25 Nov 10:00; made Wed 25 Nov 11:00 (late), 4 → closed.
  expect((await open('2026-11-16 09:00', { customer: 'Qian Yu', phone: '139 1111 0001', channel: 'phone', category: 'billing', severity: 'urgent', desc: 'Charged for two' })).deadlines.answer).toBe(day('2026-11-17'));
  const r1 = await act(
    'resolve', '1', '--solution', 'Refunded', '--compensation', '30', '--compensation-kind', 'refund',
    '--root-cause', 'Price tag out of date', '--action', 'Check price tags every Monday', '--at', '2026-11-24 10:00',
  );
  expect(r1.deadlines.followup).toBe('2026-11-25T10:00:00+08:00');
  expect((await act('followup', '1', '--satisfaction', '4', '--at', '2026-11-25 11:00')).status).toBe('closed');

  // #2 Feng Lan, Tue 17 Nov 09:00 (W47), wrong item by phone: answer due 18, 19, 20, 23, 24 → Tue
  // 24 Nov. Assigned 10:00 → solution due 18, 19, 20 → Fri 20 Nov. Resolved Fri 20 Nov 15:00 (W47):
  // answer and solution on time; 3 working days; a replacement without an amount. Follow-up due 23,
  // 24, 25, 26, 27 → Fri 27 Nov; made Mon 23 Nov (W48, on time), 4 → closed in W48.
  await open('2026-11-17 09:00', { customer: 'Feng Lan', phone: '139 1111 0002', channel: 'phone', category: 'wrong-item', desc: 'Got the wrong size' });
  expect((await act('assign', '2', '--to', 'Zhao Gang', '--at', '2026-11-17 10:00')).deadlines.solution).toBe(day('2026-11-20'));
  const r2 = await act(
    'resolve', '2', '--solution', 'Sent the right size', '--compensation-kind', 'replacement',
    '--root-cause', 'Picked from the wrong shelf', '--action', 'Label the shelves', '--at', '2026-11-20 15:00',
  );
  expect(r2.deadlines.followup).toBe(day('2026-11-27'));
  expect((await act('followup', '2', '--satisfaction', '4', '--at', '2026-11-23 10:00')).status).toBe('closed');

  // #3 Tang Ning, Thu 19 Nov 10:00 (W47), service by phone: answer due 20, 23, 24, 25, 26 → Thu 26
  // Nov; answered Fri 20 Nov (W47, on time). Resolved Mon 23 Nov 10:00 (W48), not an answer (one was
  // given); 2 working days (20, 23); voucher 20.00. Follow-up due 24, 25, 26, 27, 30 → Mon 30 Nov;
  // made Fri 27 Nov (on time), 5 → closed.
  await open('2026-11-19 10:00', { customer: 'Tang Ning', phone: '139 1111 0003', channel: 'phone', category: 'service', desc: 'Kept waiting an hour' });
  await act('answer', '3', 'We', 'will', 'call', 'you', 'back', '--at', '2026-11-20 11:00');
  expect((await act('resolve', '3', '--solution', 'Apologised', '--compensation', '20', '--compensation-kind', 'voucher', '--at', '2026-11-23 10:00')).deadlines.followup).toBe(day('2026-11-30'));
  expect((await act('followup', '3', '--satisfaction', '5', '--at', '2026-11-27 16:00')).status).toBe('closed');

  // #4 Deng Hui, Sun 22 Nov 20:00 (W47's last evening), delivery by chat: answer due 23, 24, 25, 26,
  // 27 → Fri 27 Nov. Assigned Mon 23 Nov 09:00 → solution due 24, 25, 26 → Thu 26 Nov. Answered Mon
  // 23 Nov 09:30 (W48, on time). Resolved Fri 27 Nov 16:00: solution late; 5 working days (23–27);
  // refund 50.50. Follow-up Sun 29 Nov 10:00 (due 4 Dec, on time), 2 → reopened in W48, assigned
  // again; answer re-armed 30 Nov, 1, 2, 3, 4 → Fri 4 Dec, solution 30, 1, 2 → Wed 2 Dec: open at
  // the end of W48, not overdue.
  expect((await open('2026-11-22 20:00', { customer: 'Deng Hui', phone: '139 1111 0004', channel: 'chat', category: 'delivery', desc: 'Parcel left in the rain' })).deadlines.answer).toBe(day('2026-11-27'));
  expect((await act('assign', '4', '--to', 'Liu Yang', '--at', '2026-11-23 09:00')).deadlines.solution).toBe(day('2026-11-26'));
  await act('answer', '4', 'Looking', 'into', 'it', '--at', '2026-11-23 09:30');
  await act(
    'resolve', '4', '--solution', 'Refunded the goods', '--compensation', '50.50', '--compensation-kind', 'refund',
    '--root-cause', 'Courier lost the parcel', '--at', '2026-11-27 16:00',
  );
  const f4 = await act('followup', '4', '--satisfaction', '2', '--at', '2026-11-29 10:00');
  expect(f4).toMatchObject({ status: 'assigned', deadlines: { answer: day('2026-12-04'), solution: day('2026-12-02') } });

  // #5 Peng Bo, Mon 23 Nov 08:00 (W48), quality in person, urgent: answer due Tue 24 Nov; found
  // substantiated, the supplier's, on Tue 24 Nov; nothing more: open and overdue at the end of W48.
  expect((await open('2026-11-23 08:00', { customer: 'Peng Bo', phone: '139 1111 0005', category: 'quality', severity: 'urgent', desc: 'Kettle sparks' })).deadlines.answer).toBe(day('2026-11-24'));
  await act('log', '5', 'Faulty', 'batch', '--kind', 'finding', '--substantiated', 'yes', '--responsibility', 'supplier', '--at', '2026-11-24 09:00');

  // #6 Tang Ning again (same phone as #3), Sun 29 Nov 22:00 (W48's last evening), other by email:
  // open, answer due 4 Dec. With #3 she has two complaints in the 12 months to 29 Nov (a repeat
  // customer in W48), only one in those to 22 Nov.
  await open('2026-11-29 22:00', { customer: 'Tang Ning', phone: '139 1111 0003', channel: 'email', category: 'other', desc: 'Still no call back' });

  // #7 Jiang Tao, Mon 30 Nov 07:30 (W49): after week 48, in none of its figures.
  await open('2026-11-30 07:30', { customer: 'Jiang Tao', category: 'facility', desc: 'Door stuck' });
}

const zeroCategories = { quality: 0, service: 0, delivery: 0, 'wrong-item': 0, 'after-sales': 0, billing: 0, facility: 0, other: 0 };
const zeroChannels = { 'in-person': 0, phone: 0, email: 0, letter: 0, chat: 0, social: 0, 'third-party': 0 };
const zeroResponsibilities = { customer: 0, store: 0, supplier: 0, 'third-party': 0, unknown: 0 };
const zeroMoney = { refund: '0.00', replacement: '0.00', repair: '0.00', voucher: '0.00', gift: '0.00', none: '0.00' };

/** The 12 months ending November 2026, received 0 and no satisfaction but in November. */
function trendToNovember(received: number, meanSatisfaction: number | null): { month: string; received: number; meanSatisfaction: number | null }[] {
  const months = ['2025-12', ...Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)];
  return months.map((month) => (month === '2026-11' ? { month, received, meanSatisfaction } : { month, received: 0, meanSatisfaction: null }));
}

// ---------------------------------------------------------------------------------------------
// Week 2026-W48 (Mon 23 – Sun 29 Nov), worked out by hand from the story above:
// received #5 (23rd), #6 (29th) → 2; #4 came on Sunday the 22nd, #7 on Monday the 30th.
// resolved #3 (23rd), #1 (24th), #4 (27th) → 3. closed #2 (23rd), #1 (25th), #3 (27th) → 3.
// reopened #4 (29th) → 1. openAtEnd #4, #5, #6 → 3; overdueAtEnd #5 (answer due 24th) → 1.
// byCategory quality #5, other #6; byChannel in-person #5, email #6; bySeverity urgent #5, normal
// #6; byDepartment QC #5, front desk #6 (other's default); byResponsibility supplier #5, unknown #6.
// substantiatedShare: #5 yes, #6 not known → 1/1 = 1.
// answeredOnTimeShare: answers given in W48: #4's (23rd, due 27th) on time; #1's resolution (24th,
//   due 17th, no answer before it) late; #3's resolution is not one (answered on the 20th) → 1/2.
// solutionOnTimeShare: resolutions of an assigned complaint: #4 (due 26th, on the 27th) late → 0/1.
// followupOnTimeShare: #2 (23rd, due 27th) on time, #1 (25th 11:00, due 10:00) late, #3 (27th, due
//   30th) on time, #4 (29th, due 4 Dec) on time → 3/4 = 0.75.
// daysToResolve: #3 2, #1 6, #4 5 → sorted 2 5 6: median 5; p90, the ceil(0.9 × 3) = 3rd → 6.
// followups 4; meanSatisfaction (4 + 4 + 5 + 2) / 4 = 3.75; satisfiedShare 3/4 = 0.75.
// compensation: refund 30.00 (#1) + 50.50 (#4) = 80.50, voucher 20.00 (#3) → total 100.50.
// repeatCustomers: Tang Ning (#3, #6) in the 12 months to 29 Nov → 1.
// topRootCauses of #1, #3, #4: "Courier lost the parcel", "Price tag out of date" (by text; #3 has
//   none); topCorrectiveActions: "Check price tags every Monday".
// trend, Dec 2025 – Nov 2026: November received #1–#6 by the 29th → 6, follow-ups 4, 4, 5, 2 → 3.75.
//
// Week 2026-W47 (Mon 16 – Sun 22 Nov), beside it, as it stood at the end of the 22nd:
// received #1, #2, #3, #4 → 4; resolved #2 → 1; closed 0; reopened 0; openAtEnd #1–#4 → 4 (#2
// resolved, awaiting its follow-up); overdueAtEnd #1 (answer due 17th) → 1.
// byCategory billing, wrong-item, service, delivery 1 each; byChannel phone #1 #2 #3 → 3, chat #4
// → 1; bySeverity urgent 1, normal 3; byDepartment accounts, warehouse, front desk, logistics 1
// each; byResponsibility unknown 4; substantiatedShare null.
// answeredOnTimeShare: #3's answer (20th, due 26th), #2's resolution (20th, due 24th) → 2/2 = 1;
// solutionOnTimeShare #2 (due 20th, 15:00 that day) → 1; followupOnTimeShare none → null.
// daysToResolve [3] → 3, 3; followups 0, no satisfaction; compensation: a replacement without an
// amount → all 0.00; repeatCustomers 0 (Tang Ning had only #3 by the 22nd).
// topRootCauses "Picked from the wrong shelf", topCorrectiveActions "Label the shelves".
// trend: November by the 22nd: #1–#4 received → 4, no follow-up → null.
// ---------------------------------------------------------------------------------------------

const WEEK_48 = {
  period: { from: '2026-11-23', to: '2026-11-29', label: 'week' },
  received: 2,
  resolved: 3,
  closed: 3,
  reopened: 1,
  openAtEnd: 3,
  overdueAtEnd: 1,
  waitingAtEnd: 0,
  waitsEnded: { count: 0, workdays: 0 },
  byCategory: { ...zeroCategories, quality: 1, other: 1 },
  byChannel: { ...zeroChannels, 'in-person': 1, email: 1 },
  bySeverity: { normal: 1, urgent: 1, major: 0 },
  byDepartment: { 'front desk': 1, QC: 1 },
  byResponsibility: { ...zeroResponsibilities, supplier: 1, unknown: 1 },
  substantiatedShare: 1,
  answeredOnTimeShare: 0.5,
  solutionOnTimeShare: 0,
  followupOnTimeShare: 0.75,
  daysToResolve: { median: 5, p90: 6 },
  followups: 4,
  meanSatisfaction: 3.75,
  satisfiedShare: 0.75,
  escalated: { total: 0, byReason: { major: 0, 'reopened-again': 0, 'deadline-passed': 0, 'by-hand': 0 } },
  compensation: { total: '100.50', byKind: { ...zeroMoney, refund: '80.50', voucher: '20.00' }, aboveStandard: { count: 0, amount: '0.00' }, byApprover: {} },
  repeatCustomers: 1,
  topRootCauses: [
    { cause: 'Courier lost the parcel', count: 1 },
    { cause: 'Price tag out of date', count: 1 },
  ],
  topCorrectiveActions: [{ action: 'Check price tags every Monday', count: 1 }],
  trend: trendToNovember(6, 3.75),
};

const WEEK_47 = {
  period: { from: '2026-11-16', to: '2026-11-22', label: 'week' },
  received: 4,
  resolved: 1,
  closed: 0,
  reopened: 0,
  openAtEnd: 4,
  overdueAtEnd: 1,
  waitingAtEnd: 0,
  waitsEnded: { count: 0, workdays: 0 },
  byCategory: { ...zeroCategories, billing: 1, 'wrong-item': 1, service: 1, delivery: 1 },
  byChannel: { ...zeroChannels, phone: 3, chat: 1 },
  bySeverity: { normal: 3, urgent: 1, major: 0 },
  byDepartment: { accounts: 1, 'front desk': 1, logistics: 1, warehouse: 1 },
  byResponsibility: { ...zeroResponsibilities, unknown: 4 },
  substantiatedShare: null,
  answeredOnTimeShare: 1,
  solutionOnTimeShare: 1,
  followupOnTimeShare: null,
  daysToResolve: { median: 3, p90: 3 },
  followups: 0,
  meanSatisfaction: null,
  satisfiedShare: null,
  escalated: { total: 0, byReason: { major: 0, 'reopened-again': 0, 'deadline-passed': 0, 'by-hand': 0 } },
  compensation: { total: '0.00', byKind: zeroMoney, aboveStandard: { count: 0, amount: '0.00' }, byApprover: {} },
  repeatCustomers: 0,
  topRootCauses: [{ cause: 'Picked from the wrong shelf', count: 1 }],
  topCorrectiveActions: [{ action: 'Label the shelves', count: 1 }],
  trend: trendToNovember(4, null),
};

beforeAll(buildWeeks, 120_000);

describe('kesu report --week on the Monday morning after the week', () => {
  it('gives every figure of 2026-W48 worked out by hand, with W47 beside it', async () => {
    expect(await run.json('report', '--week', '2026-W48')).toStrictEqual({ ...WEEK_48, previous: WEEK_47 });
  });

  it('takes last to be that week, and --from/--to of its seven days to be the same week', async () => {
    const expected = { ...WEEK_48, previous: WEEK_47 };
    expect(await run.json('report', '--week', 'last')).toStrictEqual(expected);
    expect(await run.json('report', '--from', '2026-11-23', '--to', '2026-11-29')).toStrictEqual(expected);
  });

  it('makes this week the week to date, beside the same days of the week before', async () => {
    // Mon 30 Nov 08:00: W49 so far is Monday, with #7; Mon 23 Nov beside it, with #5.
    const report = await run.json<{ period: unknown; received: number; previous: { period: unknown; received: number; resolved: number } }>('report', '--week', '2026-W49');
    expect(report).toMatchObject({
      period: { from: '2026-11-30', to: '2026-11-30', label: 'week-to-date' },
      received: 1,
      previous: { period: { from: '2026-11-23', to: '2026-11-23', label: 'week-to-date' }, received: 1, resolved: 1 },
    });
    expect((await run.ok('report', '--week', '2026-W49')).split('\n')[0]).toBe('Complaints report — Week 2026-W49 to date (Mon 30 Nov – Mon 30 Nov)');
  });
});

describe('the week in every format', () => {
  it('table: the title says the week and its days, in English and Chinese', async () => {
    const en = await run.ok('report', '--week', 'last');
    expect(en.split('\n').slice(0, 3)).toEqual([
      'Complaints report — Week 2026-W48 (Mon 23 Nov – Sun 29 Nov)',
      '',
      'Period: 2026-11-23 – 2026-11-29 · Previous period: 2026-11-16 – 2026-11-22',
    ]);
    expect(en).toMatch(/│ +Received +│ +2 │ +4 │/);
    const zh = await run.ok('--lang', 'zh', 'report', '--week', 'last');
    expect(zh.split('\n')[0]).toBe('客诉报告 — 2026年第48周（11月23日 周一 – 11月29日 周日）');
    expect(zh).toMatch(/│ +受理 +│ +2 │ +4 │/);
  });

  it('md', async () => {
    const md = await run.ok('report', '--week', 'last', '--format', 'md');
    expect(md.split('\n')[0]).toBe('# Complaints report — Week 2026-W48 (Mon 23 Nov – Sun 29 Nov)');
    for (const line of ['| Received | 2 | 4 |', '| Reopened | 1 | 0 |', '| Answered on time | 50% | 100% |', '| Total | 100.50 | 0.00 |', '| Courier lost the parcel | 1 |']) {
      expect(md).toContain(`${line}\n`);
    }
    expect((await run.ok('--lang', 'zh', 'report', '--week', 'last', '--format', 'md')).split('\n')[0]).toBe('# 客诉报告 — 2026年第48周（11月23日 周一 – 11月29日 周日）');
  });

  it('csv: the same rows as any period, this week and the week before', async () => {
    const csv = await run.ok('report', '--week', 'last', '--format', 'csv');
    expect(csv.split('\n')[0]).toBe('section,figure,label,unit,current,previous');
    for (const row of ['overview,received,Received,count,2,4', 'overview,overdueAtEnd,Overdue at the end,count,1,1', 'timeliness,daysToResolve.median,"Working days to resolve, median",days,5,3', 'compensation,compensation.byKind.refund,refund,money,80.50,0.00']) {
      expect(csv).toContain(`\n${row}\n`);
    }
  });

  it('json: period.label week, as with --json', async () => {
    expect(JSON.parse(await run.ok('--lang', 'zh', 'report', '--week', 'last', '--format', 'json'))).toStrictEqual({ ...WEEK_48, previous: WEEK_47 });
  });

  it('html: the title in the head and the heading, in both languages', async () => {
    const html = await run.ok('report', '--week', 'last', '--format', 'html');
    expect(html).toContain('<title>Complaints report — Week 2026-W48 (Mon 23 Nov – Sun 29 Nov)</title>');
    expect(html).toContain('<h1>Complaints report — Week 2026-W48 (Mon 23 Nov – Sun 29 Nov)</h1>');
    const zh = await run.ok('--lang', 'zh', 'report', '--week', 'last', '--format', 'html');
    expect(zh).toContain('<h1>客诉报告 — 2026年第48周（11月23日 周一 – 11月29日 周日）</h1>');
  });
});

describe('weeks at the turn of an ISO year', () => {
  it('2026-W53 runs into January 2027, and 2027-W01 begins on Mon 4 Jan', async () => {
    const january = on(db, { now: '2027-01-11T08:00:00+08:00' });
    expect((await january.ok('report', '--week', '2026-W53')).split('\n')[0]).toBe('Complaints report — Week 2026-W53 (Mon 28 Dec – Sun 3 Jan 2027)');
    expect((await january.ok('--lang', 'zh', 'report', '--week', '2027-W01')).split('\n')[0]).toBe('客诉报告 — 2027年第1周（1月4日 周一 – 1月10日 周日）');
    expect(await january.json('report', '--week', 'last')).toMatchObject({
      period: { from: '2027-01-04', to: '2027-01-10', label: 'week' },
      previous: { period: { from: '2026-12-28', to: '2027-01-03', label: 'week' } },
    });
  });
});

describe('what --week refuses, exit 1 like a bad --month', () => {
  it('a week the year does not have', async () => {
    const message = expectFailure(await kesu(['--db', db, 'report', '--week', '2025-W53'], { now: MONDAY_MORNING }), 1);
    expectSentence(message);
    expect(message).toBe('--week "2025-W53" does not exist: 2025 has 52 ISO weeks; give one from 2025-W01 to 2025-W52.');
    const zh = expectFailure(await kesu(['--db', db, '--lang', 'zh', 'report', '--week', '2025-W53'], { now: MONDAY_MORNING }), 1);
    expect(zh).toBe('--week “2025-W53”不存在：2025年只有52个ISO周；请给出 2025-W01 至 2025-W52 之间的周。');
  });

  it('what is not a week, and a week that has not begun', async () => {
    expect(expectFailure(await kesu(['--db', db, 'report', '--week', '2026-48'], { now: MONDAY_MORNING }), 1)).toBe('--week "2026-48" is not a week; write it like 2026-W49, or "last" for last week.');
    expect(expectFailure(await kesu(['--db', db, 'report', '--week', '2026-W50'], { now: MONDAY_MORNING }), 1)).toBe(
      '--week "2026-W50" has not begun yet (today is Mon 30 Nov); give this week or an earlier one.',
    );
  });

  it('--week with --month or --from/--to', async () => {
    const with_ = async (...args: string[]): Promise<string> => expectFailure(await kesu(['--db', db, 'report', '--week', 'last', ...args], { now: MONDAY_MORNING }), 1);
    expect(await with_('--month', 'last')).toBe('Give either --month or --week, not both.');
    expect(await with_('--from', '2026-11-01')).toBe('Give either --week or --from/--to, not both.');
    expect(await with_('--to', '2026-11-01')).toBe('Give either --week or --from/--to, not both.');
  });
});
