// What every report format shares: the text of each label in English and Chinese, the figures in
// the order they are shown (one row per figure, with this period and the previous one), and how a
// value is written for a person. A renderer only lays these out.
import type { Sentence } from '../../../workflow/errors.js';
import { NO_DEPARTMENT, type Report, type ReportFigures, type ReportPeriod } from '../../../workflow/report.js';
import {
  CATEGORY,
  CHANNEL,
  COMPENSATION_KIND,
  ESCALATION_REASON,
  RESPONSIBILITY,
  SEVERITY,
  labelOf,
  SATISFACTION_SCALE,
  SATISFIED_FROM,
  type Lang,
  type Vocabulary,
} from '../../../workflow/vocab.js';
import { formatIsoWeek, isoWeekOf } from '../../../workflow/time.js';
import { formatDate } from '../../../workflow/time-words.js';
import { departmentName } from '../i18n.js';
import { visible } from '../visible.js';

const ONE_LINE = { oneLine: true } as const;
/** "1–5": the satisfaction scale; "4–5": the satisfactions that count as satisfied. */
const SCALE = `${SATISFACTION_SCALE.lowest}–${SATISFACTION_SCALE.highest}`;
const SATISFIED = `${SATISFIED_FROM}–${SATISFACTION_SCALE.highest}`;

const TEXT = {
  title: { en: 'Complaints report', zh: '客诉报告' },
  period: { en: 'Period', zh: '统计期间' },
  previousPeriod: { en: 'Previous period', zh: '上期' },
  thisPeriod: { en: 'This period', zh: '本期' },
  figure: { en: 'Figure', zh: '指标' },
  toDate: { en: 'to date', zh: '至今' },
  through: { en: '–', zh: '至' },
  noDepartment: { en: '(none)', zh: '（无）' },
  none: { en: '—', zh: '—' },
  rootCause: { en: 'Root cause', zh: '根本原因' },
  correctiveAction: { en: 'Corrective action', zh: '纠正措施' },
  complaints: { en: 'Complaints', zh: '投诉数' },
  month: { en: 'Month', zh: '月份' },
  received: { en: 'Received', zh: '受理' },
  meanSatisfaction: { en: 'Mean satisfaction', zh: '平均满意度' },
  nothingRecorded: { en: 'None recorded.', zh: '暂无记录。' },
  trendChart: { en: 'Received and mean satisfaction, last 12 months', zh: '近12个月受理量与平均满意度' },
  categoryChart: { en: 'Complaints received by category', zh: '各类别受理量' },
  onTimeChart: { en: 'On time', zh: '及时率' },
  approvedBy: { en: 'Approved by', zh: '审批人' },
  satisfactionAxis: { en: `Mean satisfaction (${SCALE})`, zh: `平均满意度（${SCALE}）` },
} as const satisfies Record<string, Sentence>;

export type ReportTextKey = keyof typeof TEXT;

export function reportText(key: ReportTextKey, lang: Lang): string {
  return TEXT[key][lang];
}

/** The report's two ranked lists as every format lays them out: the JSON key, the title, and (text, count) pairs, the texts made visible. */
export function rankedLists(report: Report, lang: Lang): { key: 'topRootCauses' | 'topCorrectiveActions'; title: string; entries: [string, number][] }[] {
  return [
    { key: 'topRootCauses', title: reportText('rootCause', lang), entries: report.topRootCauses.map((r) => [visible(r.cause, ONE_LINE), r.count]) },
    { key: 'topCorrectiveActions', title: reportText('correctiveAction', lang), entries: report.topCorrectiveActions.map((r) => [visible(r.action, ONE_LINE), r.count]) },
  ];
}

export const SECTIONS = [
  'overview',
  'timeliness',
  'satisfaction',
  'compensation',
  'byCategory',
  'byChannel',
  'bySeverity',
  'byDepartment',
  'byResponsibility',
] as const;
export type Section = (typeof SECTIONS)[number];

const SECTION_TITLES: { readonly [S in Section]: Sentence } = {
  overview: { en: 'Overview', zh: '概况' },
  timeliness: { en: 'Timeliness', zh: '及时性' },
  satisfaction: { en: 'Follow-ups and satisfaction', zh: '回访与满意度' },
  compensation: { en: 'Compensation', zh: '赔付' },
  byCategory: { en: 'By category', zh: '按类别' },
  byChannel: { en: 'By channel', zh: '按渠道' },
  bySeverity: { en: 'By severity', zh: '按严重程度' },
  byDepartment: { en: 'By department', zh: '按责任部门' },
  byResponsibility: { en: 'By responsibility', zh: '按责任方' },
};

export function sectionTitle(section: Section, lang: Lang): string {
  return SECTION_TITLES[section][lang];
}

/**
 * count: complaints or events · share: 0–1 · days: working days · score: satisfaction 1–5 ·
 * money: a decimal string in the shop's currency.
 */
export type Unit = 'count' | 'share' | 'days' | 'score' | 'money';
export type FigureValue = number | string | null;

export interface FigureRow {
  readonly section: Section;
  /** Where the value sits in the report's JSON, e.g. ["byCategory", "quality"]. */
  readonly path: readonly string[];
  readonly label: string;
  readonly unit: Unit;
  readonly current: FigureValue;
  readonly previous: FigureValue;
}

interface FigureDefinition {
  readonly section: Section;
  readonly path: readonly string[];
  readonly unit: Unit;
  readonly label: Sentence;
  readonly value: (figures: ReportFigures) => FigureValue;
}

/** The figures that are one value each, in the order shown. */
const FIGURES: readonly FigureDefinition[] = [
  { section: 'overview', path: ['received'], unit: 'count', label: { en: 'Received', zh: '受理' }, value: (f) => f.received },
  { section: 'overview', path: ['resolved'], unit: 'count', label: { en: 'Resolved', zh: '解决' }, value: (f) => f.resolved },
  { section: 'overview', path: ['closed'], unit: 'count', label: { en: 'Closed', zh: '结案' }, value: (f) => f.closed },
  { section: 'overview', path: ['reopened'], unit: 'count', label: { en: 'Reopened', zh: '重新处理' }, value: (f) => f.reopened },
  { section: 'overview', path: ['openAtEnd'], unit: 'count', label: { en: 'Open at the end', zh: '期末未结案' }, value: (f) => f.openAtEnd },
  { section: 'overview', path: ['overdueAtEnd'], unit: 'count', label: { en: 'Overdue at the end', zh: '期末已超期' }, value: (f) => f.overdueAtEnd },
  { section: 'overview', path: ['waitingAtEnd'], unit: 'count', label: { en: 'Waiting on others at the end', zh: '期末等待中' }, value: (f) => f.waitingAtEnd },
  { section: 'overview', path: ['escalated', 'total'], unit: 'count', label: { en: 'Escalated to the manager', zh: '升级至店长' }, value: (f) => f.escalated.total },
  {
    section: 'overview',
    path: ['repeatCustomers'],
    unit: 'count',
    label: { en: 'Repeat customers (12 months)', zh: '重复投诉客户（近12个月）' },
    value: (f) => f.repeatCustomers,
  },
  { section: 'overview', path: ['substantiatedShare'], unit: 'share', label: { en: 'Substantiated', zh: '投诉属实率' }, value: (f) => f.substantiatedShare },
  {
    section: 'timeliness',
    path: ['answeredOnTimeShare'],
    unit: 'share',
    label: { en: 'Answered on time', zh: '按时答复率' },
    value: (f) => f.answeredOnTimeShare,
  },
  {
    section: 'timeliness',
    path: ['solutionOnTimeShare'],
    unit: 'share',
    label: { en: 'Solutions on time', zh: '方案按时率' },
    value: (f) => f.solutionOnTimeShare,
  },
  {
    section: 'timeliness',
    path: ['followupOnTimeShare'],
    unit: 'share',
    label: { en: 'Follow-ups on time', zh: '回访按时率' },
    value: (f) => f.followupOnTimeShare,
  },
  {
    section: 'timeliness',
    path: ['daysToResolve', 'median'],
    unit: 'days',
    label: { en: 'Working days to resolve, median', zh: '解决用时中位数（工作日）' },
    value: (f) => f.daysToResolve.median,
  },
  {
    section: 'timeliness',
    path: ['daysToResolve', 'p90'],
    unit: 'days',
    label: { en: 'Working days to resolve, 90th percentile', zh: '解决用时90分位（工作日）' },
    value: (f) => f.daysToResolve.p90,
  },
  { section: 'timeliness', path: ['waitsEnded', 'count'], unit: 'count', label: { en: 'Waits ended', zh: '结束的等待' }, value: (f) => f.waitsEnded.count },
  {
    section: 'timeliness',
    path: ['waitsEnded', 'workdays'],
    unit: 'count',
    label: { en: 'Working days waited (in waits ended)', zh: '等待工作日数（已结束的等待）' },
    value: (f) => f.waitsEnded.workdays,
  },
  { section: 'satisfaction', path: ['followups'], unit: 'count', label: { en: 'Follow-ups made', zh: '回访次数' }, value: (f) => f.followups },
  {
    section: 'satisfaction',
    path: ['meanSatisfaction'],
    unit: 'score',
    label: { en: `Mean satisfaction (${SCALE})`, zh: `平均满意度（${SCALE}）` },
    value: (f) => f.meanSatisfaction,
  },
  {
    section: 'satisfaction',
    path: ['satisfiedShare'],
    unit: 'share',
    label: { en: `Satisfied (${SATISFIED})`, zh: `满意率（${SATISFIED}分）` },
    value: (f) => f.satisfiedShare,
  },
  { section: 'compensation', path: ['compensation', 'total'], unit: 'money', label: { en: 'Total', zh: '合计' }, value: (f) => f.compensation.total },
  {
    section: 'compensation',
    path: ['compensation', 'aboveStandard', 'count'],
    unit: 'count',
    label: { en: 'Above the standard (approved)', zh: '超标准赔付（经审批）' },
    value: (f) => f.compensation.aboveStandard.count,
  },
  {
    section: 'compensation',
    path: ['compensation', 'aboveStandard', 'amount'],
    unit: 'money',
    label: { en: 'Above the standard, amount', zh: '超标准赔付金额' },
    value: (f) => f.compensation.aboveStandard.amount,
  },
];

/** The on-time shares, in the order the charts show them. */
export const ON_TIME_SHARES = ['answeredOnTimeShare', 'solutionOnTimeShare', 'followupOnTimeShare'] as const;

/** The label of a one-value figure, by its JSON key. */
export function figureLabel(key: string, lang: Lang): string {
  const figure = FIGURES.find((f) => f.path.join('.') === key);
  if (!figure) throw new Error(`no figure ${key}`);
  return figure.label[lang];
}

/** Every figure of the report as a row, in the order shown, with the previous period beside it. */
export function figureRows(report: Report, lang: Lang): FigureRow[] {
  const { previous } = report;
  const rows: FigureRow[] = FIGURES.map(({ section, path, unit, label, value }) => ({
    section,
    path,
    label: label[lang],
    unit,
    current: value(report),
    previous: value(previous),
  }));
  const count = (section: Section, key: string, label: string, now: number | undefined, before: number | undefined): void => {
    rows.push({ section, path: [section, key], label, unit: 'count', current: now ?? 0, previous: before ?? 0 });
  };
  // The escalations by reason, under their total.
  const escalatedAt = rows.findIndex((row) => row.path.join('.') === 'escalated.total') + 1;
  rows.splice(
    escalatedAt,
    0,
    ...ESCALATION_REASON.codes.map((reason) => ({
      section: 'overview' as const,
      path: ['escalated', 'byReason', reason],
      label: `${lang === 'zh' ? '其中：' : 'of which: '}${labelOf(ESCALATION_REASON, reason, lang)}`,
      unit: 'count' as const,
      current: report.escalated.byReason[reason],
      previous: previous.escalated.byReason[reason],
    })),
  );
  for (const kind of COMPENSATION_KIND.codes) {
    rows.push({
      section: 'compensation',
      path: ['compensation', 'byKind', kind],
      label: labelOf(COMPENSATION_KIND, kind, lang),
      unit: 'money',
      current: report.compensation.byKind[kind],
      previous: previous.compensation.byKind[kind],
    });
  }
  // Approvers are names typed by someone (their phones masked by the report): shown, never acted on.
  for (const name of new Set([...Object.keys(report.compensation.byApprover), ...Object.keys(previous.compensation.byApprover)])) {
    const label = `${reportText('approvedBy', lang)} ${name === NO_DEPARTMENT ? reportText('noDepartment', lang) : visible(name, ONE_LINE)}`;
    const [now, before] = [report.compensation.byApprover[name] ?? 0, previous.compensation.byApprover[name] ?? 0];
    rows.push({ section: 'compensation', path: ['compensation', 'byApprover', visible(name, ONE_LINE)], label, unit: 'count', current: now, previous: before });
  }
  const byCode = <C extends string>(section: Section, vocab: Vocabulary<C>, now: Record<C, number>, before: Record<C, number>): void => {
    for (const code of vocab.codes) count(section, code, labelOf(vocab, code, lang), now[code], before[code]);
  };
  byCode('byCategory', CATEGORY, report.byCategory, previous.byCategory);
  byCode('byChannel', CHANNEL, report.byChannel, previous.byChannel);
  byCode('bySeverity', SEVERITY, report.bySeverity, previous.bySeverity);
  // Departments are the shop's own names: those of this period first, then any seen only before.
  for (const department of new Set([...Object.keys(report.byDepartment), ...Object.keys(previous.byDepartment)])) {
    // A name typed by someone: any control character in it is shown, never acted on.
    const label = department === NO_DEPARTMENT ? reportText('noDepartment', lang) : visible(departmentName(department, lang), ONE_LINE);
    count('byDepartment', visible(department, ONE_LINE), label, report.byDepartment[department], previous.byDepartment[department]);
  }
  byCode('byResponsibility', RESPONSIBILITY, report.byResponsibility, previous.byResponsibility);
  return rows;
}

/** A value as a person reads it: shares as percentages, means with two decimals, a dash for none. */
export function formatValue(value: FigureValue, unit: Unit, lang: Lang): string {
  if (value === null) return reportText('none', lang);
  if (typeof value === 'string') return value;
  if (unit === 'share') return `${Number((value * 100).toFixed(2))}%`;
  if (unit === 'score') return value.toFixed(2);
  return String(value);
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "October 2026" / "2026年10月". */
export function monthName(month: string, lang: Lang): string {
  const [year, number] = month.split('-');
  return lang === 'zh' ? `${year}年${Number(number)}月` : `${MONTH_NAMES[Number(number) - 1]} ${year}`;
}

/** "Oct" / "10月", for chart axes. */
export function shortMonthName(month: string, lang: Lang): string {
  const number = Number(month.slice(5, 7));
  return lang === 'zh' ? `${number}月` : MONTH_NAMES[number - 1]!.slice(0, 3);
}

function periodSpan(period: ReportPeriod, lang: Lang): string {
  return `${period.from} ${reportText('through', lang)} ${period.to}`;
}

/**
 * "Week 2026-W49 (Mon 30 Nov – Sun 6 Dec)" / "2026年第49周（11月30日 周一 – 12月6日 周日）", and
 * "… to date" / "…至今" for the current week; a year is said only when it is not the ISO year's.
 */
function weekTitle(period: ReportPeriod, lang: Lang): string {
  const week = isoWeekOf(period.from);
  const year = String(week.year);
  const days = `${formatDate(period.from, lang, year)} – ${formatDate(period.to, lang, year)}`;
  const toDate = period.label === 'week-to-date' ? reportText('toDate', lang) : '';
  return lang === 'zh' ? `${year}年第${week.week}周${toDate}（${days}）` : `Week ${formatIsoWeek(week)}${toDate && ` ${toDate}`} (${days})`;
}

/** "October 2026", "November 2026 to date (2026-11-01 – 2026-11-10)", a week, or the dates of a range. */
function periodTitle(period: ReportPeriod, lang: Lang): string {
  if (period.label === 'week' || period.label === 'week-to-date') return weekTitle(period, lang);
  const month = monthName(period.from.slice(0, 7), lang);
  if (period.label === 'month') return month;
  if (period.label === 'month-to-date') {
    return lang === 'zh'
      ? `${month}${reportText('toDate', lang)}（${periodSpan(period, lang)}）`
      : `${month} ${reportText('toDate', lang)} (${periodSpan(period, lang)})`;
  }
  return periodSpan(period, lang);
}

/** "Complaints report — October 2026". */
export function reportTitle(report: Report, lang: Lang): string {
  return `${reportText('title', lang)} — ${periodTitle(report.period, lang)}`;
}

/** "Period: 2026-10-01 – 2026-10-31 · Previous period: 2026-09-01 – 2026-09-30". */
export function periodLine(report: Report, lang: Lang): string {
  const colon = lang === 'zh' ? '：' : ': ';
  return [
    `${reportText('period', lang)}${colon}${periodSpan(report.period, lang)}`,
    `${reportText('previousPeriod', lang)}${colon}${periodSpan(report.previous.period, lang)}`,
  ].join(' · ');
}
