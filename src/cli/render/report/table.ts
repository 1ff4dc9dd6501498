// The report for a terminal: plain text (no colour, so it reads the same from cron), one table of
// figures by section, the ranked causes and actions, and the 12-month trend with bars.
import Table from 'cli-table3';
import type { Report, TrendMonth } from '../../../workflow/report.js';
import type { Lang } from '../../../workflow/vocab.js';
import { figureRows, rankedLists, formatValue, monthName, periodLine, reportText, reportTitle, SECTIONS, sectionTitle } from './labels.js';

const PLAIN = { head: [], border: [] };
/** No rule between body rows, so the whole report fits a screen or a page of mail. */
const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };
const BAR_WIDTH = 24;
const SPARKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

export function renderReportTable(report: Report, lang: Lang): string {
  const parts = [reportTitle(report, lang), periodLine(report, lang), figuresTable(report, lang)];
  for (const { title, entries } of rankedLists(report, lang)) parts.push(rankedTable(entries, title, lang));
  parts.push(`${reportText('trendChart', lang)}\n${sparkline(report.trend)}\n${trendTable(report.trend, lang)}`);
  return `${parts.join('\n\n')}\n`;
}

function figuresTable(report: Report, lang: Lang): string {
  const table = new Table({
    head: [reportText('figure', lang), reportText('thisPeriod', lang), reportText('previousPeriod', lang)],
    style: PLAIN,
    chars: COMPACT,
  });
  const rows = figureRows(report, lang);
  for (const section of SECTIONS) {
    table.push([`■ ${sectionTitle(section, lang)}`, '', '']);
    for (const row of rows.filter((r) => r.section === section)) {
      table.push([
        `  ${row.label}`,
        { content: formatValue(row.current, row.unit, lang), hAlign: 'right' },
        { content: formatValue(row.previous, row.unit, lang), hAlign: 'right' },
      ]);
    }
  }
  return table.toString();
}

function rankedTable(entries: readonly [string, number][], heading: string, lang: Lang): string {
  if (entries.length === 0) return `${heading}: ${reportText('nothingRecorded', lang)}`;
  const table = new Table({ head: [heading, reportText('complaints', lang)], style: PLAIN, chars: COMPACT });
  for (const [text, count] of entries) table.push([text, { content: String(count), hAlign: 'right' }]);
  return table.toString();
}

function trendTable(trend: readonly TrendMonth[], lang: Lang): string {
  const most = Math.max(1, ...trend.map((m) => m.received));
  const table = new Table({
    head: [reportText('month', lang), reportText('received', lang), '', reportText('meanSatisfaction', lang)],
    style: PLAIN,
    chars: COMPACT,
  });
  for (const month of trend) {
    table.push([
      monthName(month.month, lang),
      { content: String(month.received), hAlign: 'right' },
      bar(month.received, most),
      { content: formatValue(month.meanSatisfaction, 'score', lang), hAlign: 'right' },
    ]);
  }
  return table.toString();
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
