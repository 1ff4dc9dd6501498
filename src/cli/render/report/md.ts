// The report as Markdown, for management review: one table per section, this period beside the
// previous one, then the top root causes and corrective actions and the 12-month trend.
import { NO_DEPARTMENT, type Report } from '../../../workflow/report.js';
import type { Lang } from '../../../workflow/vocab.js';
import { figureRows, rankedLists, formatValue, monthName, periodLine, reportText, reportTitle, SECTIONS, sectionTitle, type FigureRow } from './labels.js';

export function renderReportMarkdown(report: Report, lang: Lang): string {
  const rows = figureRows(report, lang);
  const lines = [`# ${cell(reportTitle(report, lang))}`, '', cell(periodLine(report, lang))];
  for (const section of SECTIONS) {
    const inSection = rows.filter((row) => row.section === section);
    if (inSection.length === 0) continue;
    lines.push('', `## ${sectionTitle(section, lang)}`, '');
    lines.push(...table(
      [reportText('figure', lang), reportText('thisPeriod', lang), reportText('previousPeriod', lang)].map(cell),
      inSection.map((row) => [labelCell(row), cell(formatValue(row.current, row.unit, lang)), cell(formatValue(row.previous, row.unit, lang))]),
    ));
  }
  for (const { title, entries } of rankedLists(report, lang)) lines.push('', `## ${title}`, '', ...ranked(entries, title, lang));
  lines.push('', `## ${reportText('trendChart', lang)}`, '');
  lines.push(...table(
    [reportText('month', lang), reportText('received', lang), reportText('meanSatisfaction', lang)].map(cell),
    report.trend.map((m) => [monthName(m.month, lang), String(m.received), formatValue(m.meanSatisfaction, 'score', lang)].map(cell)),
  ));
  return `${lines.join('\n')}\n`;
}

function ranked(entries: readonly [string, number][], heading: string, lang: Lang): string[] {
  if (entries.length === 0) return [reportText('nothingRecorded', lang)];
  return table([heading, reportText('complaints', lang)].map(cell), entries.map(([text, count]) => [typedCell(text), cell(String(count))]));
}

/** A figure's label: a department's name was typed in by the shop; the other labels are kesu's own. */
function labelCell({ section, path, label }: FigureRow): string {
  return section === 'byDepartment' && path[1] !== NO_DEPARTMENT ? typedCell(label) : cell(label);
}

/** A Markdown table of cells made safe (cell, typedCell); every column but the first holds numbers and is right-aligned. */
function table(header: readonly string[], body: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`, ...body.map(line)];
}

/** kesu's own text made safe for one table cell: a `|` would end the cell, a newline the row. */
function cell(text: string): string {
  return oneLine(text).replace(/[\\|]/g, '\\$&');
}

/**
 * Text typed in by hand (department names, root causes, corrective actions) made to render as the
 * literal text in one table cell: the CommonMark punctuation that can start markup there is
 * backslash-escaped (HTML, entities, links, images, emphasis, code, strikethrough, and the `|` that
 * would end the cell), and so is what starts a GFM autolink (`://`, `www.`, `@`).
 */
function typedCell(text: string): string {
  return oneLine(text).replace(MARKUP, '\\$&');
}

const MARKUP = /[\\`*_[\]<>!|~&#@]|:(?=\/\/)|(?<=(?:^|[^\p{L}\p{N}])www)\./giu;

/** A newline would end the table row. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
