// The report as CSV, one row per figure, for a spreadsheet. Columns:
//   section  – overview, timeliness, satisfaction, compensation, byCategory, byChannel, bySeverity,
//              byDepartment, byResponsibility, topRootCauses, topCorrectiveActions, trend
//   figure   – where the value sits in the JSON report, dotted: received, daysToResolve.median,
//              byCategory.quality, compensation.byKind.refund, byDepartment.<name as given>,
//              topRootCauses.1 (rank), trend.2026-10.received
//   label    – the figure's name in the report's language (for ranked rows: the cause or action)
//   unit     – count, share (0–1), days (working days), score (satisfaction 1–5), money (decimal string)
//   current  – this period's value; empty when there is none (nothing to divide by)
//   previous – the previous period's value; empty for ranked and trend rows
// In Chinese it starts with a byte-order mark, as the import's template does, so that Excel reads
// the labels as UTF-8 (without it, Excel on a Chinese-language Windows reads GBK).
// A label is text typed by someone (a department, a root cause): one that begins like a formula
// gets a leading ' so that a spreadsheet shows it as text and never runs it (spreadsheet.ts).
import { stringify } from 'csv-stringify/sync';
import type { Report } from '../../../workflow/report.js';
import type { Lang } from '../../../workflow/vocab.js';
import { asSpreadsheetText } from '../../spreadsheet.js';
import { figureRows, rankedLists, monthName, reportText, type FigureValue, type Unit } from './labels.js';

export const REPORT_CSV_COLUMNS = ['section', 'figure', 'label', 'unit', 'current', 'previous'] as const;

type CsvRow = readonly [string, string, string, Unit, FigureValue, FigureValue];

export function renderReportCsv(report: Report, lang: Lang): string {
  const rows: CsvRow[] = figureRows(report, lang).map((row) => [
    row.section,
    row.path.join('.'),
    asSpreadsheetText(row.label),
    row.unit,
    row.current,
    row.previous,
  ]);
  for (const { key, entries } of rankedLists(report, lang)) {
    entries.forEach(([text, count], i) => rows.push([key, `${key}.${i + 1}`, asSpreadsheetText(text), 'count', count, null]));
  }
  for (const { month, received, meanSatisfaction } of report.trend) {
    const name = monthName(month, lang);
    rows.push(['trend', `trend.${month}.received`, `${name} ${reportText('received', lang)}`, 'count', received, null]);
    rows.push(['trend', `trend.${month}.meanSatisfaction`, `${name} ${reportText('meanSatisfaction', lang)}`, 'score', meanSatisfaction, null]);
  }
  return stringify(
    rows.map((row) => row.map((value) => value ?? '')),
    { header: true, columns: [...REPORT_CSV_COLUMNS], record_delimiter: 'unix', bom: lang === 'zh' },
  );
}
