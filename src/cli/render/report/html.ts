// The report as one self-contained HTML file for printing on A4: inline CSS and inline SVG charts
// (12-month trend, complaints by category, on-time shares), with no reference to anything outside
// the file, so it prints the same offline, from an e-mail attachment or years later.
import type { Report, TrendMonth } from '../../../workflow/report.js';
import { CATEGORY, labelOf, type Lang } from '../../../workflow/vocab.js';
import {
  figureLabel,
  figureRows,
  formatValue,
  monthName,
  ON_TIME_SHARES,
  periodLine,
  rankedLists,
  reportText,
  reportTitle,
  SECTIONS,
  sectionTitle,
  shortMonthName,
  type FigureRow,
} from './labels.js';

const STYLE = `
@page { size: A4 portrait; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; font-size: 10pt; color: #222; margin: 0 auto; max-width: 186mm; }
h1 { font-size: 16pt; margin: 0 0 2mm; }
h2 { font-size: 11.5pt; margin: 5mm 0 2mm; border-bottom: 1px solid #999; }
p.period { color: #555; margin: 0 0 4mm; }
.grid { display: grid; grid-template-columns: 1fr 1fr; column-gap: 8mm; }
section { break-inside: avoid; page-break-inside: avoid; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 1mm 2mm; border-bottom: 1px solid #ddd; text-align: left; }
th { font-weight: 600; background: #f2f2f2; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
svg { width: 100%; height: auto; display: block; }
svg text { font-size: 11px; fill: #333; }
svg .axis { stroke: #999; stroke-width: 1; }
svg .bar { fill: #4a6fa5; }
svg .previous { fill: #c5cfdd; }
svg .line { stroke: #d9822b; stroke-width: 2; fill: none; }
svg .dot { fill: #d9822b; }
svg .muted { fill: #777; }
.legend span { display: inline-block; margin-right: 5mm; color: #555; }
.legend i { display: inline-block; width: 3mm; height: 3mm; margin-right: 1mm; vertical-align: middle; }
`;

export function renderReportHtml(report: Report, lang: Lang): string {
  const rows = figureRows(report, lang);
  const sections = SECTIONS.map((section) => figureSection(sectionTitle(section, lang), rows.filter((r) => r.section === section), lang));
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(reportTitle(report, lang))}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escape(reportTitle(report, lang))}</h1>
<p class="period">${escape(periodLine(report, lang))}</p>
<section>
<h2>${escape(reportText('trendChart', lang))}</h2>
${trendChart(report.trend, lang)}
</section>
<div class="grid">
<section>
<h2>${escape(reportText('categoryChart', lang))}</h2>
${categoryChart(report, lang)}
</section>
<section>
<h2>${escape(reportText('onTimeChart', lang))}</h2>
${onTimeChart(report, lang)}
</section>
</div>
<div class="grid">
${sections.join('\n')}
</div>
<div class="grid">
${rankedLists(report, lang).map(({ title, entries }) => rankedSection(title, entries, lang)).join('\n')}
</div>
</body>
</html>
`;
}

function figureSection(title: string, rows: readonly FigureRow[], lang: Lang): string {
  const body = rows
    .map(
      (row) =>
        `<tr><td>${escape(row.label)}</td><td class="num">${escape(formatValue(row.current, row.unit, lang))}</td>` +
        `<td class="num">${escape(formatValue(row.previous, row.unit, lang))}</td></tr>`,
    )
    .join('\n');
  return `<section>
<h2>${escape(title)}</h2>
<table>
<thead><tr><th>${escape(reportText('figure', lang))}</th><th class="num">${escape(reportText('thisPeriod', lang))}</th><th class="num">${escape(reportText('previousPeriod', lang))}</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
</section>`;
}

function rankedSection(title: string, entries: readonly [string, number][], lang: Lang): string {
  const content =
    entries.length === 0
      ? `<p>${escape(reportText('nothingRecorded', lang))}</p>`
      : `<table><thead><tr><th>${escape(title)}</th><th class="num">${escape(reportText('complaints', lang))}</th></tr></thead><tbody>
${entries.map(([text, count]) => `<tr><td>${escape(text)}</td><td class="num">${count}</td></tr>`).join('\n')}
</tbody></table>`;
  return `<section>
<h2>${escape(title)}</h2>
${content}
</section>`;
}

/** Bars of complaints received per month (left scale) and a line of mean satisfaction, 1–5 (right scale). */
function trendChart(trend: readonly TrendMonth[], lang: Lang): string {
  const width = 680;
  const height = 230;
  const left = 36;
  const right = 44;
  const top = 18;
  const bottom = 28;
  const plotHeight = height - top - bottom;
  const slot = (width - left - right) / trend.length;
  const most = Math.max(1, ...trend.map((m) => m.received));
  const barTop = (value: number): number => top + plotHeight - (value / most) * plotHeight;
  const scoreY = (score: number): number => top + plotHeight - ((score - 1) / 4) * plotHeight;
  const centre = (i: number): number => left + slot * i + slot / 2;

  const bars = trend.map((month, i) => {
    const y = barTop(month.received);
    const x = left + slot * i + slot * 0.18;
    const label = `${monthName(month.month, lang)}: ${month.received}`;
    return (
      `<rect class="bar" x="${fixed(x)}" y="${fixed(y)}" width="${fixed(slot * 0.64)}" height="${fixed(top + plotHeight - y)}"><title>${escape(label)}</title></rect>` +
      `<text x="${fixed(centre(i))}" y="${fixed(y - 3)}" text-anchor="middle">${month.received}</text>` +
      `<text x="${fixed(centre(i))}" y="${height - 10}" text-anchor="middle" class="muted">${escape(shortMonthName(month.month, lang))}</text>`
    );
  });
  // The line breaks where a month had no follow-ups rather than pretending a value.
  let path = '';
  let drawing = false;
  const dots: string[] = [];
  trend.forEach((month, i) => {
    if (month.meanSatisfaction === null) {
      drawing = false;
      return;
    }
    const x = fixed(centre(i));
    const y = fixed(scoreY(month.meanSatisfaction));
    path += `${drawing ? 'L' : 'M'}${x} ${y} `;
    drawing = true;
    dots.push(`<circle class="dot" cx="${x}" cy="${y}" r="3"><title>${escape(`${monthName(month.month, lang)}: ${month.meanSatisfaction.toFixed(2)}`)}</title></circle>`);
  });
  const scale = [1, 2, 3, 4, 5]
    .map((score) => `<text x="${width - right + 6}" y="${fixed(scoreY(score) + 4)}" class="muted">${score}</text>`)
    .join('');
  return `<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${escape(reportText('trendChart', lang))}">
<line class="axis" x1="${left}" y1="${top + plotHeight}" x2="${width - right}" y2="${top + plotHeight}"/>
<text x="${left - 6}" y="${top + 4}" text-anchor="end" class="muted">${most}</text>
<text x="${left - 6}" y="${top + plotHeight}" text-anchor="end" class="muted">0</text>
${bars.join('\n')}
${path ? `<path class="line" d="${path.trim()}"/>` : ''}
${dots.join('\n')}
${scale}
</svg>
<p class="legend"><span><i style="background:#4a6fa5"></i>${escape(reportText('received', lang))}</span><span><i style="background:#d9822b"></i>${escape(reportText('satisfactionAxis', lang))}</span></p>`;
}

interface HorizontalBar {
  readonly label: string;
  readonly current: number | null;
  readonly previous: number | null;
  readonly text: string;
}

/** Horizontal bars, this period dark and the previous period light beneath it. */
function horizontalBars(bars: readonly HorizontalBar[], most: number, ariaLabel: string): string {
  const width = 330;
  const labelWidth = 118;
  const valueWidth = 52;
  const rowHeight = 26;
  const barArea = width - labelWidth - valueWidth;
  const length = (value: number | null): number => (value === null ? 0 : (value / most) * barArea);
  const rows = bars.map((bar, i) => {
    const y = i * rowHeight + 4;
    return (
      `<text x="${labelWidth - 6}" y="${y + 12}" text-anchor="end">${escape(bar.label)}</text>` +
      `<rect class="bar" x="${labelWidth}" y="${y}" width="${fixed(length(bar.current))}" height="12"/>` +
      `<rect class="previous" x="${labelWidth}" y="${y + 13}" width="${fixed(length(bar.previous))}" height="6"/>` +
      `<text x="${width - valueWidth + 6}" y="${y + 12}">${escape(bar.text)}</text>`
    );
  });
  return `<svg viewBox="0 0 ${width} ${bars.length * rowHeight + 6}" role="img" aria-label="${escape(ariaLabel)}">
<line class="axis" x1="${labelWidth}" y1="0" x2="${labelWidth}" y2="${bars.length * rowHeight + 2}"/>
${rows.join('\n')}
</svg>`;
}

function categoryChart(report: Report, lang: Lang): string {
  const bars = CATEGORY.codes.map((code) => ({
    label: labelOf(CATEGORY, code, lang),
    current: report.byCategory[code],
    previous: report.previous.byCategory[code],
    text: String(report.byCategory[code]),
  }));
  const most = Math.max(1, ...bars.map((b) => Math.max(b.current, b.previous)));
  return `${horizontalBars(bars, most, reportText('categoryChart', lang))}\n${legend(lang)}`;
}

function onTimeChart(report: Report, lang: Lang): string {
  const bars = ON_TIME_SHARES.map((key) => ({
    label: figureLabel(key, lang),
    current: report[key],
    previous: report.previous[key],
    text: formatValue(report[key], 'share', lang),
  }));
  return `${horizontalBars(bars, 1, reportText('onTimeChart', lang))}\n${legend(lang)}`;
}

function legend(lang: Lang): string {
  return `<p class="legend"><span><i style="background:#4a6fa5"></i>${escape(reportText('thisPeriod', lang))}</span><span><i style="background:#c5cfdd"></i>${escape(reportText('previousPeriod', lang))}</span></p>`;
}

function fixed(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** Text as HTML text or an attribute's value: the five characters HTML reads, as character references. */
export function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
