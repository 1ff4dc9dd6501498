// The report for a terminal: plain text (no colour, so it reads the same from cron), one table of
// figures by section, the ranked causes and actions, and the 12-month trend with bars.
import type { Report, TrendMonth } from '../../../workflow/report.js';
import type { Lang } from '../../../workflow/vocab.js';
import { renderGrid } from '../grid.js';
import { figureRows, rankedLists, formatValue, monthName, periodLine, reportText, reportTitle, SECTIONS, sectionTitle } from './labels.js';

/** No rule under the header either, so the whole report fits a screen or a page of mail. */
const COMPACT = { headRule: false } as const;
const BAR_WIDTH = 24;
const SPARKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

export function renderReportTable(report: Report, lang: Lang): string {
  const parts = [reportTitle(report, lang), periodLine(report, lang), figuresTable(report, lang)];
  for (const { title, entries } of rankedLists(report, lang)) parts.push(rankedTable(entries, title, lang));
  parts.push(`${reportText('trendChart', lang)}\n${sparkline(report.trend)}\n${trendTable(report.trend, lang)}`);
  return `${parts.join('\n\n')}\n`;
}

function figuresTable(report: Report, lang: Lang): string {
  const rows = figureRows(report, lang);
  const cells: string[][] = [];
  for (const section of SECTIONS) {
    cells.push([`■ ${sectionTitle(section, lang)}`, '', '']);
    for (const row of rows.filter((r) => r.section === section)) {
      cells.push([`  ${row.label}`, formatValue(row.current, row.unit, lang), formatValue(row.previous, row.unit, lang)]);
    }
  }
  const head = [reportText('figure', lang), reportText('thisPeriod', lang), reportText('previousPeriod', lang)];
  return renderGrid(head, cells, { ...COMPACT, align: ['left', 'right', 'right'] });
}

function rankedTable(entries: readonly [string, number][], heading: string, lang: Lang): string {
  if (entries.length === 0) return `${heading}: ${reportText('nothingRecorded', lang)}`;
  const cells = entries.map(([text, count]) => [text, String(count)]);
  return renderGrid([heading, reportText('complaints', lang)], cells, { ...COMPACT, align: ['left', 'right'] });
}

function trendTable(trend: readonly TrendMonth[], lang: Lang): string {
  const most = Math.max(1, ...trend.map((m) => m.received));
  const cells = trend.map((month) => [
    monthName(month.month, lang),
    String(month.received),
    bar(month.received, most),
    formatValue(month.meanSatisfaction, 'score', lang),
  ]);
  const head = [reportText('month', lang), reportText('received', lang), '', reportText('meanSatisfaction', lang)];
  return renderGrid(head, cells, { ...COMPACT, align: ['left', 'right', 'left', 'right'] });
}

/** A bar in proportion to the largest month; a month with any complaint shows at least a sliver. */
function bar(value: number, most: number): string {
  const width = Math.round((value / most) * BAR_WIDTH);
  return value > 0 && width === 0 ? '▏' : '█'.repeat(width);
}

/** The months' received counts in one line, oldest first. */
function sparkline(trend: readonly TrendMonth[]): string {
  const most = Math.max(1, ...trend.map((m) => m.received));
  return trend.map((m) => SPARKS[Math.round((m.received / most) * (SPARKS.length - 1))]).join('');
}
