// The report as Markdown, for management review: one table per section, this period beside the
// previous one, then the top root causes and corrective actions and the 12-month trend.
import type { Report } from '../../../workflow/report.js';
import type { Lang } from '../../../workflow/vocab.js';
import { figureRows, rankedLists, formatValue, monthName, periodLine, reportText, reportTitle, SECTIONS, sectionTitle } from './labels.js';

export function renderReportMarkdown(report: Report, lang: Lang): string {
  const rows = figureRows(report, lang);
  const lines = [`# ${cell(reportTitle(report, lang))}`, '', cell(periodLine(report, lang))];
  for (const section of SECTIONS) {
    const inSection = rows.filter((row) => row.section === section);
    if (inSection.length === 0) continue;
    lines.push('', `## ${sectionTitle(section, lang)}`, '');
    lines.push(...table(
      [reportText('figure', lang), reportText('thisPeriod', lang), reportText('previousPeriod', lang)],
      inSection.map((row) => [row.label, formatValue(row.current, row.unit, lang), formatValue(row.previous, row.unit, lang)]),
    ));
  }
  for (const { title, entries } of rankedLists(report, lang)) lines.push('', `## ${title}`, '', ...ranked(entries, title, lang));
  lines.push('', `## ${reportText('trendChart', lang)}`, '');
  lines.push(...table(
    [reportText('month', lang), reportText('received', lang), reportText('meanSatisfaction', lang)],
    report.trend.map((m) => [monthName(m.month, lang), String(m.received), formatValue(m.meanSatisfaction, 'score', lang)]),
  ));
  return `${lines.join('\n')}\n`;
}

function ranked(entries: readonly [string, number][], heading: string, lang: Lang): string[] {
  if (entries.length === 0) return [reportText('nothingRecorded', lang)];
  return table([heading, reportText('complaints', lang)], entries.map(([text, count]) => [text, String(count)]));
}

/** A Markdown table; every column but the first holds numbers and is right-aligned. */
function table(header: readonly string[], body: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`, ...body.map(line)];
}

/** Text made safe for one table cell: a `|` would end the cell, a newline the row. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\s*[\r\n]+\s*/g, ' ');
}
