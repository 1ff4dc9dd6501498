// The period report: what the complaints' events say about a period, as things stood at its end, so
// that a report for October made in December shows October as it was, not as it is now. The store
// answers a report's request (reportRequest) with facts it keeps beside each event (report-facts.ts);
// the figures are worked out from those here (reportFromFacts). A test folds the events themselves
// into the same facts (test/helpers/report-oracle.ts), the definition the store is held to.
// Membership in a period is by the local date written in each event's time (the shop's own day),
// never by the machine's time zone.
import { countWorkingDays, type Calendar } from './calendar.js';
import { formatMoney, type ComplaintEvent } from './complaint.js';
import { invalid, type DomainError } from './errors.js';
import { looseKey, phoneMasker } from './identity.js';
import type { Settings } from './settings.js';
import { quoted } from './text.js';
import {
  addDays,
  addMonths,
  firstDayOf,
  firstDayOfWeek,
  formatIsoWeek,
  isoWeekOf,
  isoWeeksIn,
  compareTimes,
  daysBetween,
  endOfLocalDay,
  instant,
  isValidDate,
  lastDayOfMonth,
  monthOf,
  readDateTime,
  weekdayOf,
  type IsoTime,
  type IsoWeek,
  type LocalDate,
  type Month,
  type Zone,
} from './time.js';
import {
  CATEGORIES,
  CHANNELS,
  COMPENSATION_KINDS,
  ESCALATION_REASONS,
  looseText,
  RESPONSIBILITIES,
  SATISFIED_FROM,
  SEVERITIES,
  type Category,
  type Channel,
  type CompensationKind,
  type EscalationReason,
  type Lang,
  type Responsibility,
  type Severity,
} from './vocab.js';
import { formatDate } from './time-words.js';

/**
 * `month`: a whole calendar month. `month-to-date`: from the 1st of a month to a day in it (the
 * default report, and the same days of the month before as its previous period). `week`: an ISO
 * week, Monday to Sunday. `week-to-date`: the current week from its Monday to today (the same days
 * of the week before as its previous period). `range`: any other span of days given with --from/--to.
 */
type PeriodLabel = 'month' | 'month-to-date' | 'week' | 'week-to-date' | 'range';

export interface ReportPeriod {
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly label: PeriodLabel;
}

interface RankedCause {
  readonly cause: string;
  readonly count: number;
}

interface RankedAction {
  readonly action: string;
  readonly count: number;
}

export interface TrendMonth {
  /** "2026-10" */
  readonly month: Month;
  readonly received: number;
  readonly meanSatisfaction: number | null;
}

/** The figures of one period. Shares are 0–1 (4 decimals), means have 2 decimals, money is "25.50". */
export interface ReportFigures {
  readonly period: ReportPeriod;
  readonly received: number;
  readonly resolved: number;
  readonly closed: number;
  readonly reopened: number;
  readonly openAtEnd: number;
  readonly overdueAtEnd: number;
  /** Of those open at the end, the ones waiting on someone then (their deadlines paused, never overdue). */
  readonly waitingAtEnd: number;
  /** The waits that ended in the period (kesu resume, or a step the shop took), and the working days they lasted. */
  readonly waitsEnded: { readonly count: number; readonly workdays: number };
  /** The escalations to the manager made in the period, and by reason. */
  readonly escalated: { readonly total: number; readonly byReason: { readonly [R in EscalationReason]: number } };
  readonly byCategory: { readonly [C in Category]: number };
  readonly byChannel: { readonly [C in Channel]: number };
  readonly bySeverity: { readonly [S in Severity]: number };
  readonly byDepartment: { readonly [department: string]: number };
  readonly byResponsibility: { readonly [R in Responsibility]: number };
  readonly substantiatedShare: number | null;
  readonly answeredOnTimeShare: number | null;
  readonly solutionOnTimeShare: number | null;
  readonly followupOnTimeShare: number | null;
  readonly daysToResolve: { readonly median: number | null; readonly p90: number | null };
  readonly followups: number;
  readonly meanSatisfaction: number | null;
  readonly satisfiedShare: number | null;
  readonly compensation: {
    readonly total: string;
    readonly byKind: { readonly [K in CompensationKind]: string };
    /** Resolutions whose compensation was above the shop's standard, and what they paid in all. */
    readonly aboveStandard: { readonly count: number; readonly amount: string };
    /** Those resolutions by who approved them (phones masked), largest first. */
    readonly byApprover: { readonly [name: string]: number };
  };
  readonly repeatCustomers: number;
  readonly topRootCauses: readonly RankedCause[];
  readonly topCorrectiveActions: readonly RankedAction[];
  readonly trend: readonly TrendMonth[];
}

export interface Report extends ReportFigures {
  readonly previous: ReportFigures;
}

/** What one local date holds for the trend: complaints received, follow-ups made and their satisfaction summed. */
export interface DayCount {
  readonly date: LocalDate;
  readonly received: number;
  readonly followups: number;
  readonly satisfaction: number;
}

/** How many root causes and corrective actions the report lists. */
const TOP_COUNT = 5;
const TREND_MONTHS = 12;

// ---------------------------------------------------------------------------------------------
// Periods

export interface PeriodRequest {
  /** "YYYY-MM" or "last". */
  readonly month?: string | undefined;
  /** "YYYY-Www" or "last". */
  readonly week?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/**
 * The period asked for with --month, --from/--to, or by default the current month to date. A
 * period cannot reach past today: the current month asked for by name is that month to date (and
 * compared with the same days of the month before, like the default), a --to in the future ends
 * today, and a period that has not begun yet is refused rather than reported as empty.
 */
export function reportPeriod(request: PeriodRequest, today: LocalDate): ReportPeriod {
  const asked = askedPeriod(request, today);
  if (asked.from > today) throw notBegun(request, asked, today);
  if (asked.to <= today) return asked;
  return { from: asked.from, to: today, label: asked.label === 'week' ? 'week-to-date' : labelOfSpan(asked.from, today) };
}

function notBegun(request: PeriodRequest, asked: ReportPeriod, today: LocalDate): DomainError {
  const day = (date: LocalDate, lang: Lang): string => formatDate(date, lang, today.slice(0, 4));
  if (request.week !== undefined) {
    return invalid(
      `--week "${quoted(request.week)}" has not begun yet (today is ${day(today, 'en')}); give this week or an earlier one.`,
      `--week “${quoted(request.week)}”还没有开始（今天是 ${day(today, 'zh')}）；请给出本周或更早的周。`,
    );
  }
  return request.month !== undefined
    ? invalid(
        `--month "${quoted(request.month)}" has not begun yet (today is ${day(today, 'en')}); give this month or an earlier one.`,
        `--month “${quoted(request.month)}”还没有开始（今天是 ${day(today, 'zh')}）；请给出本月或更早的月份。`,
      )
    : invalid(
        `--from ${day(asked.from, 'en')} is after today (${day(today, 'en')}); give a period that has begun.`,
        `--from ${day(asked.from, 'zh')} 晚于今天（${day(today, 'zh')}）；请给出已经开始的期间。`,
      );
}

function askedPeriod(request: PeriodRequest, today: LocalDate): ReportPeriod {
  const { month, week, from, to } = request;
  refuseTwoWays(request);
  if (month !== undefined) {
    const wanted = readMonth(month, today);
    return { from: firstDayOf(wanted), to: lastDayOfMonth(wanted), label: 'month' };
  }
  if (week !== undefined) {
    const monday = firstDayOfWeek(readWeek(week, today));
    return { from: monday, to: addDays(monday, 6), label: 'week' };
  }
  if (to !== undefined && from === undefined) {
    throw invalid('--to needs --from: give the first day of the period too.', '使用 --to 时还需要 --from：请同时给出起始日期。');
  }
  if (from !== undefined) {
    const first = readDay(from, '--from', today);
    const last = to === undefined ? today : readDay(to, '--to', today);
    if (last < first) {
      throw invalid(
        `The period ends (${last}) before it starts (${first}); give --to a date on or after --from.`,
        `结束日期 ${last} 早于开始日期 ${first}；--to 不能早于 --from。`,
      );
    }
    return { from: first, to: last, label: labelOfSpan(first, last) };
  }
  return { from: `${monthOf(today)}-01`, to: today, label: 'month-to-date' };
}

/** A period is asked for one way: --month, --week or --from/--to. */
function refuseTwoWays({ month, week, from, to }: PeriodRequest): void {
  const ways = [month !== undefined && '--month', week !== undefined && '--week', (from !== undefined || to !== undefined) && '--from/--to'].filter(
    (way): way is string => way !== false,
  );
  if (ways.length < 2) return;
  throw invalid(
    ways.length === 2 ? `Give either ${ways[0]} or ${ways[1]}, not both.` : `Give only one of ${ways.slice(0, -1).join(', ')} or ${ways.at(-1)}.`,
    `请只使用 ${ways.join('、')} 其中之一，不要同时使用。`,
  );
}

/**
 * The period before, of the same length: the month before a month; the same days of the month
 * before for a month to date (1–14 Oct → 1–14 Sep, clipped to that month's end); the week before a
 * week, and the same days of it for a week to date (Mon–Wed → Mon–Wed the week before); the same
 * number of days just before any other range.
 */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  const month = monthOf(period.from);
  if (period.label === 'month') {
    const before = addMonths(month, -1);
    return { from: `${before}-01`, to: lastDayOfMonth(before), label: 'month' };
  }
  if (period.label === 'month-to-date') {
    const before = addMonths(month, -1);
    return { from: `${before}-01`, to: sameDayIn(before, period.to), label: 'month-to-date' };
  }
  if (period.label === 'week' || period.label === 'week-to-date') {
    return { from: addDays(period.from, -7), to: addDays(period.to, -7), label: period.label };
  }
  const length = daysBetween(period.from, period.to) + 1;
  return { from: addDays(period.from, -length), to: addDays(period.from, -1), label: 'range' };
}

/** The days the twelve-month counts (the trend, repeat customers) of the period and the one before reach over. */
export function countsWindow(period: ReportPeriod): { from: LocalDate; to: LocalDate } {
  const previous = previousPeriod(period);
  const starts = [previous.from, firstDayOf(trendMonths(previous.to)[0]!), firstDayOfYearEnding(previous.to)];
  return { from: starts.reduce((a, b) => (a < b ? a : b)), to: period.to };
}

function readMonth(text: string, today: LocalDate): Month {
  const normal = looseText(text);
  if (normal === 'last' || normal === '上月' || normal === '上个月') return addMonths(monthOf(today), -1);
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(normal);
  if (!match || !isValidDate(Number(match[1]), Number(match[2]), 1)) {
    throw invalid(
      `--month "${quoted(text)}" is not a month; write it like 2026-10, or "last" for last month.`,
      `--month “${quoted(text)}”不是有效的月份；请写成 2026-10，或用 last 表示上个月。`,
    );
  }
  return `${match[1]}-${match[2]!.padStart(2, '0')}` as Month;
}

const LAST_WEEK_WORDS = ['last', '上周', '上一周', '上星期', '上个星期'];

/** "2026-W49" (also 2026W49, 2026-w9, 2026年第49周) or "last": an ISO week that exists. */
function readWeek(text: string, today: LocalDate): IsoWeek {
  const normal = looseText(text);
  if (LAST_WEEK_WORDS.includes(normal)) return isoWeekOf(addDays(today, -7));
  const match = /^(\d{4})\s*-?\s*w\s*(\d{1,2})$/.exec(normal) ?? /^(\d{4})\s*年\s*第?\s*(\d{1,2})\s*周$/.exec(normal);
  const [year, week] = [Number(match?.[1]), Number(match?.[2])];
  if (!match || !isValidDate(year, 1, 1) || week < 1) {
    throw invalid(
      `--week "${quoted(text)}" is not a week; write it like 2026-W49, or "last" for last week.`,
      `--week “${quoted(text)}”不是有效的周；请写成 2026-W49，或用 last 表示上周。`,
    );
  }
  const weeks = isoWeeksIn(year);
  if (week > weeks) {
    const lastWeek = formatIsoWeek({ year, week: weeks });
    throw invalid(
      `--week "${quoted(text)}" does not exist: ${year} has ${weeks} ISO weeks; give one from ${formatIsoWeek({ year, week: 1 })} to ${lastWeek}.`,
      `--week “${quoted(text)}”不存在：${year}年只有${weeks}个ISO周；请给出 ${formatIsoWeek({ year, week: 1 })} 至 ${lastWeek} 之间的周。`,
    );
  }
  return { year, week };
}

function readDay(text: string, flag: string, today: LocalDate): LocalDate {
  const reading = readDateTime(text, today);
  if (!reading.ok || reading.wall.time !== null) {
    const ambiguous = !reading.ok && reading.reason === 'ambiguous';
    throw invalid(
      ambiguous
        ? `${flag} "${quoted(text)}" could be read two ways; write the year first, like 2026-10-05.`
        : `${flag} "${quoted(text)}" is not a date; write it like 2026-10-05 or 2026年10月5日.`,
      ambiguous
        ? `${flag} “${quoted(text)}”有歧义；请把年份写在前面，例如 2026-10-05。`
        : `${flag} “${quoted(text)}”不是有效的日期；请写成 2026-10-05 或 2026年10月5日。`,
    );
  }
  return reading.wall.date;
}

/**
 * What a span of days given with --from/--to is, as --month and --week would name it: a whole
 * month, a whole ISO week, or the start of one (from the 1st, or from a Monday, to a later day of
 * the same month or week), else a range.
 */
function labelOfSpan(from: LocalDate, to: LocalDate): PeriodLabel {
  const fromFirst = from.endsWith('-01') && monthOf(from) === monthOf(to);
  if (fromFirst && to === lastDayOfMonth(monthOf(to))) return 'month';
  const fromMonday = weekdayOf(from) === 1 && daysBetween(from, to) < 7;
  if (fromMonday && daysBetween(from, to) === 6) return 'week';
  if (fromFirst) return 'month-to-date';
  return fromMonday ? 'week-to-date' : 'range';
}

/** The 12 months ending with the month of `to`, oldest first. */
function trendMonths(to: LocalDate): Month[] {
  const last = monthOf(to);
  return Array.from({ length: TREND_MONTHS }, (_, i) => addMonths(last, i - (TREND_MONTHS - 1)));
}

/**
 * The first day of the 12 months ending on `to` (2026-10-31 → 2025-11-01), over which repeat
 * customers are counted, and a customer's recent complaints (`kesu customer`).
 */
export function firstDayOfYearEnding(to: LocalDate): LocalDate {
  const month = addMonths(monthOf(to), -12);
  return addDays(sameDayIn(month, to), 1);
}

/** The day of `date`'s month in another month, or that month's last day if it is shorter (31 Mar → 28 Feb). */
function sameDayIn(month: Month, date: LocalDate): LocalDate {
  const lastDay = lastDayOfMonth(month);
  const sameDay = `${month}-${date.slice(8, 10)}` as LocalDate;
  return sameDay < lastDay ? sameDay : lastDay;
}

// ---------------------------------------------------------------------------------------------
// Period facts: what the figures of a period read, counted. A store reads them with SQL from the
// facts it keeps beside each event (report-facts.ts); computeReport folds them from the events.

interface Span {
  readonly from: LocalDate;
  readonly to: LocalDate;
}

/** Complaints received in a period, as they stood at its end, counted by what the figures group them by. */
export interface ReceivedGroup {
  readonly category: Category;
  readonly channel: Channel;
  readonly severity: Severity;
  readonly department: string | null;
  readonly responsibility: Responsibility | null;
  readonly substantiated: boolean | null;
  readonly count: number;
}

/** Steps taken in a period, counted by type and by what the figures read of them (report-facts.ts). */
export interface StepGroup {
  readonly type: ComplaintEvent['type'];
  readonly onTime: boolean | null;
  readonly solutionOnTime: boolean | null;
  readonly satisfaction: number | null;
  readonly compensationKind: CompensationKind | null;
  /** The compensation of the group's steps, summed (0 for steps other than resolves). */
  readonly compensationCents: number;
  readonly count: number;
}

/** Resolves in a period whose compensation was above its standard, by who approved it, with their compensation summed. */
export interface ApprovalGroup {
  readonly approvedBy: string | null;
  readonly count: number;
  readonly cents: number;
}

/** Resolves in a period, counted by the day the complaint was received (as recorded when it was resolved) and the day it was resolved. */
export interface ResolveSpan {
  readonly receivedOn: LocalDate;
  readonly resolvedOn: LocalDate;
  readonly count: number;
}

/** A complaint resolved in a period, as it stood at the period's end. */
export interface ResolvedCause {
  readonly id: number;
  readonly rootCause: string | null;
  readonly correctiveAction: string | null;
}

export interface PeriodFacts {
  readonly received: readonly ReceivedGroup[];
  readonly steps: readonly StepGroup[];
  readonly resolveSpans: readonly ResolveSpan[];
  /** Every complaint with a resolve in the period, in id order. */
  readonly resolvedCauses: readonly ResolvedCause[];
  /** Complaints received by the period's end and not closed at it. */
  readonly openAtEnd: number;
  /** Of those, the ones with a running deadline due before `endMs` (see ReportFacts.period). */
  readonly overdueAtEnd: number;
  /** Of those, the ones waiting on someone. */
  readonly waitingAtEnd: number;
  /** The waits that ended in the period, and the working days they lasted in all. */
  readonly waitsEnded: { readonly count: number; readonly workdays: number };
  readonly approvals: readonly ApprovalGroup[];
  /** The escalations made in the period, counted by reason (a reason with none may be left out). */
  readonly escalations: readonly { readonly reason: EscalationReason; readonly count: number }[];
}

/**
 * The facts of a period a report asks for, as things stood at the end of its last day: counting no
 * event after `lastDay` (the last day of the report, whose previous period this may be) nor any
 * event after one of its complaint's that fell after it; overdue means a pending deadline due
 * before `endMs`.
 */
export interface PeriodQuery {
  readonly span: Span;
  readonly lastDay: LocalDate;
  readonly endMs: number;
}

/** What a report asks the store for (reportRequest), all of one state of the store. */
export interface ReportFactsRequest {
  /** The report's period, then the one before it. */
  readonly periods: readonly PeriodQuery[];
  /** The days the twelve-month counts (received, follow-ups) reach over, and the report's last day. */
  readonly days: { readonly from: LocalDate; readonly to: LocalDate; readonly lastDay: LocalDate };
  /** Spans to count repeat customers in: the twelve months ending on each period's last day. */
  readonly repeatSpans: readonly Span[];
}

/** What a store answers a report's request with. */
export interface ReportFactsData {
  /** The settings in force (the calendar counts working days). */
  readonly settings: Settings;
  /** The facts of each period asked for, in order. */
  readonly periods: readonly PeriodFacts[];
  /** The local dates of `days` with anything to count, each once, in any order. */
  readonly days: readonly DayCount[];
  /** Customers (identity.ts customerKey) with two or more complaints received in each of `repeatSpans`. */
  readonly repeatCustomers: readonly number[];
  /** The digits of the customer phones too short to look like one (identity.ts shortPhoneOf), of every complaint. */
  readonly shortPhones: readonly string[];
}

/** What the report for `period`, made `now`, needs from the store. */
export function reportRequest(period: ReportPeriod, now: IsoTime, zone: Zone): ReportFactsRequest {
  const periods = [period, previousPeriod(period)];
  const window = countsWindow(period);
  return {
    periods: periods.map((span) => ({ span: { from: span.from, to: span.to }, lastDay: period.to, endMs: instant(earlier(endOfLocalDay(span.to, zone), now)) })),
    days: { from: window.from, to: window.to, lastDay: period.to },
    repeatSpans: periods.map((span) => ({ from: firstDayOfYearEnding(span.to), to: span.to })),
  };
}

// ---------------------------------------------------------------------------------------------
// Figures

/** The report for the period, with the previous period beside it, from the facts the store answered reportRequest with. */
export function reportFromFacts(data: ReportFactsData, period: ReportPeriod): Report {
  const context: FigureContext = { calendar: data.settings.calendar, redact: phoneRedactor(data.shortPhones), days: dayTotals(data.days), lastDay: period.to };
  const [current, previous] = [0, 1].map((index) => ({ facts: data.periods[index]!, repeatCustomers: data.repeatCustomers[index]! }));
  return { ...figuresFor(period, current!, context), previous: figuresFor(previousPeriod(period), previous!, context) };
}

interface FigureContext {
  readonly calendar: Calendar;
  readonly redact: (text: string) => string;
  /** The day counts of the whole counts window, by date. */
  readonly days: ReadonlyMap<LocalDate, DayCount>;
  /** The report's last day. */
  readonly lastDay: LocalDate;
}

function figuresFor(period: ReportPeriod, { facts, repeatCustomers }: { facts: PeriodFacts; repeatCustomers: number }, { calendar, redact, days }: FigureContext): ReportFigures {
  const { received, steps, resolveSpans, resolvedCauses, openAtEnd, overdueAtEnd, waitingAtEnd, waitsEnded, approvals, escalations } = facts;
  const countOf = (groups: readonly { count: number }[]): number => groups.reduce((sum, group) => sum + group.count, 0);
  const byType = (type: ComplaintEvent['type']) => steps.filter((group) => group.type === type);
  const resolves = byType('resolved');
  // The first answer of each arming of the answer deadline: an answer, or a resolve that none came before.
  const answers = steps.filter((group) => (group.type === 'answered' || group.type === 'resolved') && group.onTime !== null);
  const followups = byType('followed-up');
  const withSolutionDue = resolves.filter((group) => group.solutionOnTime !== null);
  const satisfied = followups.filter((group) => (group.satisfaction ?? 0) >= SATISFIED_FROM);
  const daysToResolve = resolveSpans.flatMap(({ receivedOn, resolvedOn, count }) =>
    new Array<number>(count).fill(countWorkingDays(calendar, receivedOn, resolvedOn)),
  );
  const substantiatedKnown = received.filter((group) => group.substantiated !== null);
  const totalOf = <K extends string>(codes: readonly K[], keyOf: (group: ReceivedGroup) => K): { [C in K]: number } => {
    const counts = Object.fromEntries(codes.map((code) => [code, 0])) as { [C in K]: number };
    for (const group of received) counts[keyOf(group)] += group.count;
    return counts;
  };
  const followupCount = countOf(followups);

  return {
    period,
    received: countOf(received),
    resolved: countOf(resolves),
    closed: countOf(byType('closed')),
    reopened: countOf(byType('reopened')),
    openAtEnd,
    overdueAtEnd,
    waitingAtEnd,
    waitsEnded,
    escalated: escalationCounts(escalations),
    byCategory: totalOf(CATEGORIES, (group) => group.category),
    byChannel: totalOf(CHANNELS, (group) => group.channel),
    bySeverity: totalOf(SEVERITIES, (group) => group.severity),
    byDepartment: countByText(received.map((group) => [redact(group.department ?? NO_DEPARTMENT), group.count])),
    byResponsibility: totalOf(RESPONSIBILITIES, (group) => group.responsibility ?? 'unknown'),
    substantiatedShare: share(countOf(substantiatedKnown.filter((group) => group.substantiated === true)), countOf(substantiatedKnown)),
    answeredOnTimeShare: share(countOf(answers.filter((group) => group.onTime === true)), countOf(answers)),
    solutionOnTimeShare: share(countOf(withSolutionDue.filter((group) => group.solutionOnTime === true)), countOf(withSolutionDue)),
    followupOnTimeShare: share(countOf(followups.filter((group) => group.onTime === true)), followupCount),
    daysToResolve: { median: median(daysToResolve), p90: percentile(daysToResolve, 0.9) },
    followups: followupCount,
    // A sum of whole numbers divided once: the same as the mean of the satisfactions one by one.
    meanSatisfaction: followupCount === 0 ? null : round(followups.reduce((sum, group) => sum + (group.satisfaction ?? 0) * group.count, 0) / followupCount, 2),
    satisfiedShare: share(countOf(satisfied), followupCount),
    compensation: { ...compensationGiven(resolves), ...aboveStandard(approvals, redact) },
    repeatCustomers,
    topRootCauses: rank(resolvedCauses.map((c) => c.rootCause), redact).map(([cause, count]) => ({ cause, count })),
    topCorrectiveActions: rank(resolvedCauses.map((c) => c.correctiveAction), redact).map(([action, count]) => ({ action, count })),
    trend: trendMonths(period.to).map((month) => trendOf(days, month, period.to)),
  };
}

function escalationCounts(escalations: PeriodFacts['escalations']): ReportFigures['escalated'] {
  const byReason = Object.fromEntries(ESCALATION_REASONS.map((reason) => [reason, 0])) as Record<EscalationReason, number>;
  for (const { reason, count } of escalations) byReason[reason] += count;
  return { total: Object.values(byReason).reduce((sum, count) => sum + count, 0), byReason };
}

/** The key under which complaints without a department are counted. */
export const NO_DEPARTMENT = '(none)';

function trendOf(days: ReadonlyMap<LocalDate, DayCount>, month: Month, lastDay: LocalDate): TrendMonth {
  const monthEnd = lastDayOfMonth(month);
  const to = monthEnd < lastDay ? monthEnd : lastDay;
  let received = 0;
  let followups = 0;
  let satisfaction = 0;
  for (let date = firstDayOf(month); date <= to; date = addDays(date, 1)) {
    const day = days.get(date);
    if (!day) continue;
    received += day.received;
    followups += day.followups;
    satisfaction += day.satisfaction;
  }
  // The same as the mean of the follow-ups' satisfactions: a sum of whole numbers is exact.
  return { month, received, meanSatisfaction: followups === 0 ? null : round(satisfaction / followups, 2) };
}

/** Day counts by date. */
function dayTotals(days: readonly DayCount[]): Map<LocalDate, DayCount> {
  return new Map(days.map((day) => [day.date, day]));
}

function earlier(a: IsoTime, b: IsoTime): IsoTime {
  return compareTimes(a, b) <= 0 ? a : b;
}

/** Resolutions above the standard, and by who approved them: names typed by someone, so any phone in one is masked. */
function aboveStandard(approvals: readonly ApprovalGroup[], redact: (text: string) => string): Pick<ReportFigures['compensation'], 'aboveStandard' | 'byApprover'> {
  return {
    aboveStandard: { count: approvals.reduce((sum, group) => sum + group.count, 0), amount: formatMoney(approvals.reduce((sum, group) => sum + group.cents, 0)) },
    byApprover: countByText(approvals.map((group) => [redact(group.approvedBy ?? NO_DEPARTMENT), group.count])),
  };
}

/** Compensation given in the period: what each resolution recorded, so a second resolution adds only its own. */
function compensationGiven(resolves: readonly StepGroup[]): Pick<ReportFigures['compensation'], 'total' | 'byKind'> {
  const byKind = Object.fromEntries(COMPENSATION_KINDS.map((kind) => [kind, 0])) as Record<CompensationKind, number>;
  let total = 0;
  for (const { compensationKind, compensationCents } of resolves) {
    total += compensationCents;
    if (compensationKind) byKind[compensationKind] += compensationCents;
  }
  return {
    total: formatMoney(total),
    byKind: Object.fromEntries(COMPENSATION_KINDS.map((kind) => [kind, formatMoney(byKind[kind])])) as Record<
      CompensationKind,
      string
    >,
  };
}

/** Counts of free-text values (each with its count), largest first, then by name, so the output is stable. */
function countByText(values: readonly (readonly [string, number])[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const [value, count] of values) counts.set(value, (counts.get(value) ?? 0) + count);
  return Object.fromEntries([...counts].sort(([a, x], [b, y]) => y - x || byName(a, b)));
}

/**
 * Ties in a ranking, in one fixed order whatever the machine's locale: alphabetical without regard
 * to case, then by code point. Not localeCompare, which would cost every report the start of ICU's
 * collator.
 */
function byName(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The most frequent texts, compared as customers are (identity.ts looseKey: without regard to case,
 * width and every space); each shown as written in the lowest-numbered complaint. Largest first, ties by text; at most TOP_COUNT.
 */
function rank(values: readonly (string | null)[], redact: (text: string) => string): [string, number][] {
  // The same text written the same way is counted first (Map keeps the order each was first seen),
  // so that each spelling is normalised once, not each complaint's.
  const spellings = new Map<string, number>();
  for (const value of values) if (value !== null) spellings.set(value, (spellings.get(value) ?? 0) + 1);
  const groups = new Map<string, { shown: string; count: number }>();
  for (const [value, count] of spellings) {
    if (value.trim() === '') continue;
    const key = looseKey(value);
    const group = groups.get(key);
    if (group) group.count += count;
    else groups.set(key, { shown: redact(value.trim()), count });
  }
  return [...groups.values()]
    .sort((a, b) => b.count - a.count || byName(a.shown, b.shown))
    .slice(0, TOP_COUNT)
    .map(({ shown, count }) => [shown, count]);
}

/**
 * Free text in a report (departments, root causes, actions) may carry a phone number typed in by
 * hand; reports must never show one: identity.ts phoneMasker, with every short customer phone (the
 * longer ones are phone-like runs). The text is shown as NFKC, as texts are grouped.
 */
function phoneRedactor(shortPhones: readonly string[]): (text: string) => string {
  const mask = phoneMasker({ phones: shortPhones });
  return (text) => mask(text.normalize('NFKC'));
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : round(part / whole, 4);
}

/** The middle value; with an even count, the mean of the two middle ones. */
function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : round((sorted[middle - 1]! + sorted[middle]!) / 2, 2);
}

/** Nearest rank: the smallest value with at least `fraction` of the values at or below it. */
function percentile(values: readonly number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)]!;
}

function round(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}
