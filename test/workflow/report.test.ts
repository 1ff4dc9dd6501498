import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/workflow/errors.js';
import { countsWindow, previousPeriod, reportPeriod, type Report, type ReportPeriod } from '../../src/workflow/report.js';
import { computeReport, type ReportEvent } from '../helpers/report-oracle.js';
import { DEFAULT_SETTINGS } from '../../src/workflow/settings.js';
import type { IsoTime } from '../../src/workflow/time.js';
import { assign, at, close, followup, log, reopen, resolve, SHANGHAI, thrownBy } from './builders.js';
import { Shop } from './shop.js';

const OCTOBER: ReportPeriod = { from: '2026-10-01', to: '2026-10-31', label: 'month' };
/** Long after every event: October and September are reported as history. */
const LATER = at('2026-12-31T18:00');

function report(events: readonly ReportEvent[], period: ReportPeriod = OCTOBER, now: IsoTime = LATER): Report {
  return computeReport({ events, period, settings: DEFAULT_SETTINGS, now, zone: SHANGHAI });
}

// The default calendar works Monday to Friday. 1 October 2026 is a Thursday; Mondays in October
// are the 5th, 12th, 19th and 26th; 2 November is a Monday.
function autumn(): Shop {
  const shop = new Shop();

  // C1, quality (two satisfied follow-ups needed), received Mon 5 Oct 09:00.
  // Answer due: 5 working days (6, 7, 8, 9, 12 Oct) → end of 12 Oct. Assigned Tue 6 Oct → solution
  // due 3 working days (7, 8, 9) → end of 9 Oct. Resolved Thu 8 Oct: both on time; 3 working days
  // (6, 7, 8). Follow-up due 5 working days after 8 Oct → end of 15 Oct; the follow-up on 12 Oct
  // is on time and sets the next due 5 working days later → end of 19 Oct; met on 16 Oct: closed.
  const c1 = shop.open({
    at: at('2026-10-05T09:00'),
    customer: '张三',
    phone: '13800138000',
    channel: 'phone',
    category: 'quality',
  });
  shop.act(
    c1,
    assign(at('2026-10-06T10:00')),
    log(at('2026-10-06T11:00'), { substantiated: true, responsibility: 'supplier', rootCause: 'Supplier batch defect' }),
    resolve(at('2026-10-08T15:00'), { compensation: { kind: 'refund', cents: 2550 }, correctiveAction: 'Inspect incoming batches' }),
    followup(at('2026-10-12T10:00'), 5),
    followup(at('2026-10-16T10:00'), 4),
  );

  // C2, service, received Fri 16 Oct, never assigned. Answer due end of 23 Oct (19–23 Oct);
  // resolved Mon 26 Oct: late, 6 working days (19–23, 26). Follow-up due end of 2 Nov; the one on
  // 29 Oct is on time but dissatisfied (2): reopened, the answer deadline re-armed to end of 5 Nov.
  const c2 = shop.open({ at: at('2026-10-16T10:00'), customer: '李四', phone: null, category: 'service' });
  shop.act(
    c2,
    resolve(at('2026-10-26T10:00'), { compensation: { kind: 'voucher', cents: 1000 }, rootCause: 'supplier  batch DEFECT' }),
    followup(at('2026-10-29T10:00'), 2),
  );

  // C3, delivery, urgent, received Tue 20 Oct: answer due end of 21 Oct; found unfounded on 21 Oct
  // (answered on time, 1 working day), which closes it.
  const c3 = shop.open({
    at: at('2026-10-20T09:00'),
    customer: '王五',
    phone: '13900001111',
    channel: 'email',
    category: 'delivery',
    severity: 'urgent',
  });
  shop.act(c3, resolve(at('2026-10-21T16:00'), { unfounded: true, finding: 'Delivered on the promised day', compensation: null, rootCause: 'Courier delay' }));

  // C4, wrong-item, the same customer as C1 (a repeat customer), received Wed 28 Oct. Answer due
  // end of 4 Nov (29, 30 Oct, 2, 3, 4 Nov); assigned the same day → solution due end of 2 Nov.
  // Resolved Tue 3 Nov: answer on time, solution late; 4 working days (29, 30 Oct, 2, 3 Nov).
  // Closed by a satisfied follow-up on 5 Nov: open at the end of October.
  const c4 = shop.open({
    at: at('2026-10-28T09:00'),
    customer: '张三',
    phone: '138 0013 8000',
    channel: 'phone',
    category: 'wrong-item',
  });
  shop.act(
    c4,
    assign(at('2026-10-28T10:00'), { department: 'Warehouse B' }),
    resolve(at('2026-11-03T11:00'), { compensation: null }),
    followup(at('2026-11-05T10:00'), 5),
  );

  // C5, billing, major, received Fri 25 Sep 10:00: answer due 24 hours later, never answered;
  // overdue at the end of September and of October; withdrawn on 2 Nov.
  const c5 = shop.open({ at: at('2026-09-25T10:00'), customer: '赵六', phone: '13700002222', channel: 'chat', category: 'billing', severity: 'major' });
  shop.act(c5, close(at('2026-11-02T09:00'), 'withdrawn'));

  // C6, facility, received Mon 28 Sep; resolved Wed 30 Sep with a gift of no stated amount
  // (answer due end of 5 Oct: on time; 2 working days). Follow-up due end of 7 Oct (1, 2, 5, 6,
  // 7 Oct); made on 9 Oct: late, satisfied (4), which closes it. Reopened 14 Oct, closed as
  // unresolved 22 Oct.
  const c6 = shop.open({ at: at('2026-09-28T09:00'), customer: '钱七', phone: null, channel: 'letter', category: 'facility' });
  shop.act(
    c6,
    resolve(at('2026-09-30T15:00'), { compensation: { kind: 'gift', cents: null } }),
    followup(at('2026-10-09T10:00'), 4),
    reopen(at('2026-10-14T09:00')),
    close(at('2026-10-22T09:00'), 'unresolved'),
  );
  return shop;
}

describe('the figures of a month, worked out by hand', () => {
  const october = report(autumn().events);

  it('counts what happened in the month: received, resolved, closed, reopened', () => {
    expect(october.period).toEqual(OCTOBER);
    // received C1–C4; resolved C1, C2, C3 (C6 was resolved in September, C4 in November);
    // closed C1 (satisfied), C3 (unfounded), C6 twice (satisfied 9 Oct, unresolved 22 Oct);
    // reopened C6 (14 Oct) and C2 (29 Oct).
    expect(october.received).toBe(4);
    expect(october.resolved).toBe(3);
    expect(october.closed).toBe(4);
    expect(october.reopened).toBe(2);
  });

  it('counts open and overdue as they stood at the end of the month', () => {
    // Open at the end of October: C2 (reopened), C4 (closed only in November), C5 (from September).
    // Overdue then: only C5 (C2's answer is due 5 Nov, C4's deadlines 2 and 4 Nov).
    expect(october.openAtEnd).toBe(3);
    expect(october.overdueAtEnd).toBe(1);
  });

  it('counts the complaints received by category, channel, severity, department and responsibility', () => {
    expect(october.byCategory).toEqual({
      quality: 1,
      service: 1,
      delivery: 1,
      'wrong-item': 1,
      'after-sales': 0,
      billing: 0,
      facility: 0,
      other: 0,
    });
    expect(october.byChannel).toEqual({ 'in-person': 1, phone: 2, email: 1, letter: 0, chat: 0, social: 0, 'third-party': 0 });
    expect(october.bySeverity).toEqual({ normal: 3, urgent: 1, major: 0 });
    // Departments: the category's default unless the assignment named one.
    expect(october.byDepartment).toEqual({ QC: 1, 'front desk': 1, logistics: 1, 'Warehouse B': 1 });
    // Only C1 has a responsibility recorded; the others count as unknown.
    expect(october.byResponsibility).toEqual({ customer: 0, store: 0, supplier: 1, 'third-party': 0, unknown: 3 });
  });

  it('computes the shares: substantiated, answered on time, solutions on time, follow-ups on time', () => {
    // Substantiated known for C1 (yes) and C3 (no, found unfounded): 1/2.
    expect(october.substantiatedShare).toBe(0.5);
    // Answers: C1 on time, C2 late, C3 (unfounded) on time: 2/3.
    expect(october.answeredOnTimeShare).toBe(0.6667);
    // Solutions of assigned complaints: only C1, on time.
    expect(october.solutionOnTimeShare).toBe(1);
    // Follow-ups: C1 12 Oct and 16 Oct on time, C2 29 Oct on time, C6 9 Oct late: 3/4.
    expect(october.followupOnTimeShare).toBe(0.75);
  });

  it('counts working days to resolve and the follow-ups', () => {
    // C1 3, C2 6, C3 1 → median 3; 90th percentile by nearest rank: the 3rd of 3 → 6.
    expect(october.daysToResolve).toEqual({ median: 3, p90: 6 });
    // Satisfaction 5, 4 (C1), 2 (C2), 4 (C6): mean 3.75, satisfied 3 of 4.
    expect(october.followups).toBe(4);
    expect(october.meanSatisfaction).toBe(3.75);
    expect(october.satisfiedShare).toBe(0.75);
  });

  it('adds up the compensation given in the month, by kind', () => {
    expect(october.compensation).toEqual({
      total: '35.50',
      byKind: { refund: '25.50', replacement: '0.00', repair: '0.00', voucher: '10.00', gift: '0.00', none: '0.00' },
      // No standard was in force: nothing above one.
      aboveStandard: { count: 0, amount: '0.00' },
      byApprover: {},
    });
  });

  it('finds the repeat customer by name and phone, whatever the phone spacing', () => {
    expect(october.repeatCustomers).toBe(1);
  });

  it('ranks root causes and corrective actions of the complaints resolved in the month', () => {
    // C1 and C2 share a root cause written two ways; C3 has its own.
    expect(october.topRootCauses).toEqual([
      { cause: 'Supplier batch defect', count: 2 },
      { cause: 'Courier delay', count: 1 },
    ]);
    expect(october.topCorrectiveActions).toEqual([{ action: 'Inspect incoming batches', count: 1 }]);
  });

  it('gives a 12-month trend ending with the month', () => {
    expect(october.trend.map((m) => m.month)).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
    ]);
    expect(october.trend.at(-2)).toEqual({ month: '2026-09', received: 2, meanSatisfaction: null });
    expect(october.trend.at(-1)).toEqual({ month: '2026-10', received: 4, meanSatisfaction: 3.75 });
    expect(october.trend.slice(0, 10).every((m) => m.received === 0 && m.meanSatisfaction === null)).toBe(true);
  });

  it('puts September beside it, as it stood at the end of September', () => {
    const september = october.previous;
    expect(september.period).toEqual({ from: '2026-09-01', to: '2026-09-30', label: 'month' });
    // Received C5, C6; C6 resolved 30 Sep on time (due end of 5 Oct) in 2 working days (29, 30 Sep).
    expect(september.received).toBe(2);
    expect(september.resolved).toBe(1);
    expect(september.closed).toBe(0);
    expect(september.reopened).toBe(0);
    // Open then: C5 (overdue) and C6 (resolved, follow-up not yet due).
    expect(september.openAtEnd).toBe(2);
    expect(september.overdueAtEnd).toBe(1);
    expect(september.answeredOnTimeShare).toBe(1);
    expect(september.solutionOnTimeShare).toBeNull();
    expect(september.daysToResolve).toEqual({ median: 2, p90: 2 });
    expect(september.compensation.total).toBe('0.00');
    expect(september.followups).toBe(0);
    expect(september.meanSatisfaction).toBeNull();
  });
});

describe('a month that is still running', () => {
  it('measures November to date at the moment of the report, with 1–10 October beside it', () => {
    const shop = autumn();
    // C7, major, received Mon 9 Nov 14:00: answer due 24 hours later, Tue 10 Nov 14:00.
    shop.open({ at: at('2026-11-09T14:00'), customer: '孙八', phone: null, category: 'other', severity: 'major' });
    const now = at('2026-11-10T12:00');
    const period = reportPeriod({}, '2026-11-10');
    const november = report(shop.events, period, now);

    expect(november.period).toEqual({ from: '2026-11-01', to: '2026-11-10', label: 'month-to-date' });
    expect(november.received).toBe(1);
    // Resolved in November: C4 on 3 Nov, answer on time (due 4 Nov), solution late (due 2 Nov), 4 working days.
    expect(november.resolved).toBe(1);
    expect(november.answeredOnTimeShare).toBe(1);
    expect(november.solutionOnTimeShare).toBe(0);
    expect(november.daysToResolve).toEqual({ median: 4, p90: 4 });
    // Closed: C5 withdrawn 2 Nov, C4 satisfied 5 Nov.
    expect(november.closed).toBe(2);
    // Open now: C2 (answer due end of 5 Nov: overdue) and C7 (due at 14:00 today: not yet).
    expect(november.openAtEnd).toBe(2);
    expect(november.overdueAtEnd).toBe(1);

    // 1–10 October: received C1; open at the end of 10 Oct: C1 (resolved), C5; C6 closed on 9 Oct.
    expect(november.previous.period).toEqual({ from: '2026-10-01', to: '2026-10-10', label: 'month-to-date' });
    expect(november.previous.received).toBe(1);
    expect(november.previous.openAtEnd).toBe(2);
    expect(november.previous.closed).toBe(1);
  });
});

describe('an empty period', () => {
  it('gives zeros and nulls, never an error', () => {
    const empty = report([]);
    expect(empty.received).toBe(0);
    expect(empty.openAtEnd).toBe(0);
    expect(empty.overdueAtEnd).toBe(0);
    expect(empty.byCategory.quality).toBe(0);
    expect(empty.byDepartment).toEqual({});
    expect(empty.substantiatedShare).toBeNull();
    expect(empty.answeredOnTimeShare).toBeNull();
    expect(empty.solutionOnTimeShare).toBeNull();
    expect(empty.followupOnTimeShare).toBeNull();
    expect(empty.daysToResolve).toEqual({ median: null, p90: null });
    expect(empty.meanSatisfaction).toBeNull();
    expect(empty.satisfiedShare).toBeNull();
    expect(empty.compensation.total).toBe('0.00');
    expect(empty.repeatCustomers).toBe(0);
    expect(empty.topRootCauses).toEqual([]);
    expect(empty.trend).toHaveLength(12);
    expect(empty.previous.received).toBe(0);
  });

  it('never leaves a key missing: every value is present, absent ones as null', () => {
    const text = JSON.stringify(report([]));
    expect(text).not.toContain('undefined');
    expect(Object.keys(report([]))).toEqual(Object.keys(report(autumn().events)));
  });
});

describe('one customer, one cause, however spaced', () => {
  it('counts 黄 磊, 黄　磊 and 黄磊 as one customer, and 员工 培训不足 and 员工培训不足 as one cause', () => {
    const shop = new Shop();
    const causes = ['员工 培训不足', '员工培训不足', '员工　培训 不足'];
    ['黄 磊', '黄磊', '黄　磊'].forEach((customer, index) => {
      const id = shop.open({ at: at(`2026-10-0${index + 5}T09:00`), customer, phone: '13800138000' });
      shop.act(id, resolve(at(`2026-10-0${index + 5}T15:00`), { rootCause: causes[index]!, correctiveAction: index === 0 ? '每月 培训' : '每月培训' }));
    });
    const figures = report(shop.events);
    expect(figures.repeatCustomers).toBe(1);
    // shown as the lowest-numbered complaint wrote it
    expect(figures.topRootCauses).toEqual([{ cause: '员工 培训不足', count: 3 }]);
    expect(figures.topCorrectiveActions).toEqual([{ action: '每月 培训', count: 3 }]);
  });
});

describe('complaints outside the period', () => {
  it('count for the twelve months and for what was open at the end, whenever they were received', () => {
    const shop = autumn();
    // Long ago: one closed and forgotten, one still open (and overdue) today.
    const forgotten = shop.open({ at: at('2024-03-04T09:00'), customer: '周九' });
    shop.act(forgotten, close(at('2024-03-05T09:00'), 'withdrawn'));
    shop.open({ at: at('2024-06-03T09:00'), customer: '吴十' });
    // In the twelve months but closed before September: only the counts know of it (and it makes
    // 张三 a repeat customer).
    const spring = shop.open({ at: at('2026-03-02T09:00'), customer: '张三', phone: '13800138000' });
    shop.act(spring, resolve(at('2026-03-03T09:00')), followup(at('2026-03-04T09:00'), 5));
    // Open all through September and October with nothing happening, closed in November.
    const quiet = shop.open({ at: at('2026-08-20T09:00'), customer: '郑十一' });
    shop.act(quiet, close(at('2026-11-05T09:00'), 'withdrawn'));

    const whole = report(shop.events);
    expect(whole.trend.find((m) => m.month === '2026-03')).toEqual({ month: '2026-03', received: 1, meanSatisfaction: 5 });
    // The old open complaint and the quiet one count as open and overdue at the end of October.
    expect(whole.openAtEnd).toBe(5);
    expect(whole.overdueAtEnd).toBe(3);
  });

  it('ignores events after the period, in whatever order they come', () => {
    const events = [...autumn().events].reverse();
    expect(report(events)).toEqual(report(autumn().events));
  });

  it('refuses a history that does not start with the opening', () => {
    const events = autumn().events.filter((e) => !(e.complaintId === 1 && e.type === 'opened'));
    expect(() => report(events)).toThrow(/complaint 1/);
  });
});

describe('no phone number in the report', () => {
  it('masks phone numbers typed into free text, and every known customer phone', () => {
    const shop = new Shop();
    const id = shop.open({ at: at('2026-10-05T09:00'), phone: '12345', customer: '张三' });
    shop.act(
      id,
      assign(at('2026-10-05T10:00'), { department: 'Desk 12345' }),
      resolve(at('2026-10-06T10:00'), { rootCause: 'Call 138-0013-8000 back', correctiveAction: 'Order 2026 noted' }),
    );
    const figures = report(shop.events);
    const text = JSON.stringify(figures);
    expect(text).not.toContain('12345');
    expect(text).not.toMatch(/138.?0013.?8000/);
    expect(figures.topRootCauses).toEqual([{ cause: 'Call *** back', count: 1 }]);
    expect(figures.byDepartment).toEqual({ 'Desk ***': 1 });
    // Short numbers that are not a known phone stay.
    expect(figures.topCorrectiveActions).toEqual([{ action: 'Order 2026 noted', count: 1 }]);
  });
});

describe('the period asked for', () => {
  const today = '2026-11-10';

  it('is the current month to date by default', () => {
    expect(reportPeriod({}, today)).toEqual({ from: '2026-11-01', to: '2026-11-10', label: 'month-to-date' });
  });

  it('is a whole month with --month YYYY-MM or last', () => {
    expect(reportPeriod({ month: '2026-02' }, today)).toEqual({ from: '2026-02-01', to: '2026-02-28', label: 'month' });
    expect(reportPeriod({ month: 'last' }, today)).toEqual({ from: '2026-10-01', to: '2026-10-31', label: 'month' });
    expect(reportPeriod({ month: 'last' }, '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31', label: 'month' });
    expect(reportPeriod({ month: '２０２６年９月' }, today).from).toBe('2026-09-01');
  });

  it('is the days given with --from and --to (to today without --to)', () => {
    expect(reportPeriod({ from: '2026-10-05', to: '2026/10/18' }, today)).toEqual({ from: '2026-10-05', to: '2026-10-18', label: 'range' });
    expect(reportPeriod({ from: '2026年11月3日' }, today)).toEqual({ from: '2026-11-03', to: today, label: 'range' });
    expect(reportPeriod({ from: '2026-10-01', to: '2026-10-31' }, today).label).toBe('month');
  });

  it('never reaches past today: the current month by name is that month to date, a later --to ends today', () => {
    expect(reportPeriod({ month: '2026-11' }, today)).toEqual({ from: '2026-11-01', to: '2026-11-10', label: 'month-to-date' });
    expect(reportPeriod({ month: '2026-11' }, '2026-11-30')).toEqual({ from: '2026-11-01', to: '2026-11-30', label: 'month' });
    expect(reportPeriod({ from: '2026-11-01', to: '2026-11-30' }, today)).toEqual({ from: '2026-11-01', to: '2026-11-10', label: 'month-to-date' });
    expect(reportPeriod({ from: '2026-10-20', to: '2026-12-31' }, today)).toEqual({ from: '2026-10-20', to: '2026-11-10', label: 'range' });
    // So the current month is compared with the same days of the month before, as by default.
    expect(previousPeriod(reportPeriod({ month: '2026-11' }, today))).toEqual({ from: '2026-10-01', to: '2026-10-10', label: 'month-to-date' });
  });

  it('refuses a period that has not begun, rather than report it empty', () => {
    const month = thrownBy(() => reportPeriod({ month: '2026-12' }, today));
    expect(month).toBeInstanceOf(DomainError);
    expect((month as DomainError).sentence.en).toBe('--month "2026-12" has not begun yet (today is Tue 10 Nov); give this month or an earlier one.');
    const range = thrownBy(() => reportPeriod({ from: '2026-11-11', to: '2026-11-20' }, today));
    expect((range as DomainError).sentence.en).toBe('--from Wed 11 Nov is after today (Tue 10 Nov); give a period that has begun.');
  });

  it('refuses what cannot be a period, saying why', () => {
    for (const request of [
      { month: '2026-13' },
      { month: 'october' },
      { month: '2026-10', from: '2026-10-01' },
      { to: '2026-10-01' },
      { from: '2026-10-10', to: '2026-10-01' },
      { from: '05/10/2026' },
      { from: '2026-10-05 09:00' },
    ]) {
      const error = thrownBy(() => reportPeriod(request, today));
      expect(error, JSON.stringify(request)).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('invalid');
    }
  });

  it('is an ISO week, Monday to Sunday, with --week YYYY-Www or last', () => {
    expect(reportPeriod({ week: '2026-W44' }, today)).toEqual({ from: '2026-10-26', to: '2026-11-01', label: 'week' });
    // Tue 10 Nov 2026 is in week 46; last week is 45.
    expect(reportPeriod({ week: 'last' }, today)).toEqual({ from: '2026-11-02', to: '2026-11-08', label: 'week' });
    expect(reportPeriod({ week: '上周' }, today).from).toBe('2026-11-02');
    for (const written of ['2026w44', '２０２６－Ｗ４４', '2026年第44周', '2026 - W 44']) expect(reportPeriod({ week: written }, today).from, written).toBe('2026-10-26');
  });

  it('takes the week of the ISO year, which may begin in December or end in January', () => {
    const later = '2027-02-01';
    expect(reportPeriod({ week: '2026-W53' }, later)).toEqual({ from: '2026-12-28', to: '2027-01-03', label: 'week' });
    expect(reportPeriod({ week: '2027-W01' }, later)).toEqual({ from: '2027-01-04', to: '2027-01-10', label: 'week' });
    expect(reportPeriod({ week: '2026-W1' }, later)).toEqual({ from: '2025-12-29', to: '2026-01-04', label: 'week' });
    // "last" on Mon 4 Jan 2027 is 2026-W53; on Sun 10 Jan 2027 it is still 2026-W53.
    expect(reportPeriod({ week: 'last' }, '2027-01-04').from).toBe('2026-12-28');
    expect(reportPeriod({ week: 'last' }, '2027-01-10').from).toBe('2026-12-28');
    expect(reportPeriod({ week: 'last' }, '2027-01-11').from).toBe('2027-01-04');
    expect(previousPeriod(reportPeriod({ week: '2027-W01' }, later))).toEqual({ from: '2026-12-28', to: '2027-01-03', label: 'week' });
  });

  it('makes the current week the week to date, beside the same days of the week before', () => {
    // Tue 10 Nov: week 46 from Mon 9 Nov.
    const week = reportPeriod({ week: '2026-W46' }, today);
    expect(week).toEqual({ from: '2026-11-09', to: '2026-11-10', label: 'week-to-date' });
    expect(previousPeriod(week)).toEqual({ from: '2026-11-02', to: '2026-11-03', label: 'week-to-date' });
    // On its Sunday the week is whole.
    expect(reportPeriod({ week: '2026-W46' }, '2026-11-15')).toEqual({ from: '2026-11-09', to: '2026-11-15', label: 'week' });
  });

  it('names a span of --from/--to that is a week, or a week begun, as --week would', () => {
    expect(reportPeriod({ from: '2026-10-26', to: '2026-11-01' }, today).label).toBe('week');
    expect(reportPeriod({ from: '2026-11-09' }, today).label).toBe('week-to-date');
    expect(reportPeriod({ from: '2026-11-02', to: '2026-11-09' }, today).label).toBe('range');
    // A month's 1st that is a Monday: the whole week is a week, the days after it a month to date.
    expect(reportPeriod({ from: '2027-02-01', to: '2027-02-07' }, '2027-03-01').label).toBe('week');
    expect(reportPeriod({ from: '2027-02-01', to: '2027-02-03' }, '2027-03-01').label).toBe('month-to-date');
  });

  it('refuses a week that does not exist, has not begun, or comes with another period', () => {
    const sentence = (request: object): string => (thrownBy(() => reportPeriod(request, today)) as DomainError).sentence.en;
    expect(sentence({ week: '2025-W53' })).toBe('--week "2025-W53" does not exist: 2025 has 52 ISO weeks; give one from 2025-W01 to 2025-W52.');
    expect(sentence({ week: '2026-W00' })).toBe('--week "2026-W00" is not a week; write it like 2026-W49, or "last" for last week.');
    expect(sentence({ week: '2026-11' })).toBe('--week "2026-11" is not a week; write it like 2026-W49, or "last" for last week.');
    expect(sentence({ week: '2026-W47' })).toBe('--week "2026-W47" has not begun yet (today is Tue 10 Nov); give this week or an earlier one.');
    expect(sentence({ week: 'last', month: '2026-10' })).toBe('Give either --month or --week, not both.');
    expect(sentence({ week: 'last', from: '2026-10-01' })).toBe('Give either --week or --from/--to, not both.');
    expect(sentence({ week: 'last', month: 'last', to: '2026-10-01' })).toBe('Give only one of --month, --week or --from/--to.');
    expect((thrownBy(() => reportPeriod({ week: '2025-W53' }, today)) as DomainError).code).toBe('invalid');
    // A pasted page is not echoed back whole, for --week nor --month.
    expect(sentence({ week: `2026-W${'4'.repeat(100_000)}` })).toBe(`--week "2026-W${'4'.repeat(54)}…" is not a week; write it like 2026-W49, or "last" for last week.`);
    expect(sentence({ month: `2026-${'1'.repeat(100_000)}` })).toBe(`--month "2026-${'1'.repeat(55)}…" is not a month; write it like 2026-10, or "last" for last month.`);
  });

  it('has a previous period of the same length', () => {
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31', label: 'month' })).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
      label: 'month',
    });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31', label: 'month-to-date' })).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
      label: 'month-to-date',
    });
    expect(previousPeriod({ from: '2026-10-05', to: '2026-10-18', label: 'range' })).toEqual({
      from: '2026-09-21',
      to: '2026-10-04',
      label: 'range',
    });
  });

  it('tells which days the twelve-month counts reach over: back to the previous period’s twelve months', () => {
    // Previous of October is September; its 12 months start on 1 Oct 2025, its trend in Oct 2025.
    expect(countsWindow(OCTOBER)).toEqual({ from: '2025-10-01', to: '2026-10-31' });
    // 1–10 Nov: previous 1–10 Oct, whose 12 months start on 11 Oct 2025; its trend on 1 Nov 2025.
    expect(countsWindow({ from: '2026-11-01', to: '2026-11-10', label: 'month-to-date' })).toEqual({
      from: '2025-10-11',
      to: '2026-11-10',
    });
  });
});
