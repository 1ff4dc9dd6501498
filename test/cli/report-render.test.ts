import { parse } from 'csv-parse/sync';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/cli/render/width.js';
import { renderReportCsv } from '../../src/cli/render/report/csv.js';
import { renderReportHtml } from '../../src/cli/render/report/html.js';
import { loadReportRenderer, REPORT_FORMATS } from '../../src/cli/render/report/index.js';
import { renderReportJson } from '../../src/cli/render/report/json.js';
import { figureRows, reportText, SECTIONS, sectionTitle } from '../../src/cli/render/report/labels.js';
import { renderReportMarkdown } from '../../src/cli/render/report/md.js';
import { renderReportTable } from '../../src/cli/render/report/table.js';
import { type Report } from '../../src/workflow/report.js';
import { computeReport } from '../helpers/report-oracle.js';
import { DEFAULT_SETTINGS } from '../../src/workflow/settings.js';
import type { Lang } from '../../src/workflow/vocab.js';
import { assign, at, followup, log, resolve, SHANGHAI } from '../workflow/builders.js';
import { Shop } from '../workflow/shop.js';

const PHONES = ['13800138000', '13912345678', '021-5555-0199'];

/** October 2026 and September before it, with phones in the records and in free text. */
function story(): Report {
  const shop = new Shop();
  const a = shop.open({ at: at('2026-10-05T09:00'), customer: '张三', phone: '138 0013 8000', category: 'quality', channel: 'phone' });
  shop.act(
    a,
    assign(at('2026-10-05T10:00'), { department: 'Front | Desk' }),
    log(at('2026-10-05T11:00'), { substantiated: true, responsibility: 'store', rootCause: '客户电话 13912345678 打不通' }),
    resolve(at('2026-10-07T10:00'), { correctiveAction: 'Call 021-5555-0199 first', compensation: { kind: 'refund', cents: 1250 } }),
    followup(at('2026-10-09T10:00'), 5),
  );
  const b = shop.open({ at: at('2026-10-12T09:00'), customer: 'Wang Fang', phone: '021-5555-0199', category: 'delivery', severity: 'urgent' });
  shop.act(b, resolve(at('2026-10-20T09:00'), { compensation: { kind: 'voucher', cents: 500 } }), followup(at('2026-10-22T09:00'), 2));
  shop.open({ at: at('2026-09-14T09:00'), customer: '李四', phone: '13912345678', category: 'billing', severity: 'major' });
  return computeReport({
    events: shop.events,
    period: { from: '2026-10-01', to: '2026-10-31', label: 'month' },
    settings: DEFAULT_SETTINGS,
    now: at('2026-11-03T09:00'),
    zone: SHANGHAI,
  });
}

const report = story();
const json = JSON.parse(renderReportJson(report, 'en')) as Record<string, unknown>;
const LANGS: readonly Lang[] = ['en', 'zh'];
const LISTS = new Set(['period', 'previous', 'trend', 'topRootCauses', 'topCorrectiveActions']);
/** Every figure either period has (a department may appear in one period only). */
const FIGURE_KEYS = [...new Set([...scalarKeys(json), ...scalarKeys(json.previous)])].sort();

/** The value at a dotted figure key; a name that itself holds dots (a department) is matched whole. */
function valueAt(root: unknown, key: string): unknown {
  let node = root;
  let rest = key.split('.');
  while (rest.length > 0) {
    const object = node as Record<string, unknown>;
    const take = [...rest.keys()].map((i) => rest.length - i).find((n) => rest.slice(0, n).join('.') in object);
    if (take === undefined) return undefined;
    node = object[rest.slice(0, take).join('.')];
    rest = rest.slice(take);
  }
  return node;
}

/** What a format must show: a department absent from a period had no complaints in it. */
function expectedAt(root: unknown, key: string): unknown {
  const value = valueAt(root, key);
  return value === undefined && key.startsWith('byDepartment.') ? 0 : value;
}

/** Every one-value figure of the JSON report, as dotted keys: what each format must show. */
function scalarKeys(node: unknown, prefix = ''): string[] {
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => {
    if (prefix === '' && LISTS.has(key)) return [];
    const path = prefix ? `${prefix}.${key}` : key;
    return value !== null && typeof value === 'object' ? scalarKeys(value, path) : [path];
  });
}

/** A value as written for a person, read back: "—" none, "66.67%" a share, "25.50" money as written. */
function readHuman(text: string, expected: unknown): unknown {
  if (text === '—') return null;
  if (text.endsWith('%')) return Math.round(Number(text.slice(0, -1)) * 100) / 10_000;
  return typeof expected === 'string' ? text : Number(text);
}

/** Markdown tables by the heading above them: heading → rows of cells (header and rule dropped). */
function markdownTables(markdown: string): Map<string, string[][]> {
  const tables = new Map<string, string[][]>();
  let heading = '';
  for (const line of markdown.split('\n')) {
    if (line.startsWith('## ')) heading = line.slice(3);
    else if (line.startsWith('|')) {
      const cells = line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim().replace(/\\([!-/:-@[-`{-~])/g, '$1'));
      tables.set(heading, [...(tables.get(heading) ?? []), cells]);
    }
  }
  for (const [heading, rows] of tables) tables.set(heading, rows.slice(2));
  return tables;
}

describe('the figures worked out for the renderer tests', () => {
  it('are not trivial, so that a format dropping or changing one would be caught', () => {
    expect(report.received).toBe(2);
    expect(report.answeredOnTimeShare).toBe(0.5);
    expect(report.compensation.total).toBe('17.50');
    expect(report.byDepartment).toEqual({ 'Front | Desk': 1, logistics: 1 });
    expect(report.previous.received).toBe(1);
  });
});

describe.each(LANGS)('the report in %s', (lang) => {
  it('json is the report itself', () => {
    expect(JSON.parse(renderReportJson(report, lang))).toEqual(json);
  });

  it('md parses back to the same numbers as the json, every figure present', () => {
    const tables = markdownTables(renderReportMarkdown(report, lang));
    const seen: string[] = [];
    for (const section of SECTIONS) {
      const rows = tables.get(sectionTitle(section, lang));
      expect(rows, section).toBeDefined();
      const keyOf = new Map(figureRows(report, lang).filter((r) => r.section === section).map((r) => [r.label, r.path.join('.')]));
      for (const [label, current, previous] of rows!) {
        const key = keyOf.get(label!)!;
        expect(key, `${section}: ${label}`).toBeDefined();
        expect(readHuman(current!, expectedAt(json, key)), key).toEqual(expectedAt(json, key));
        expect(readHuman(previous!, expectedAt(json.previous, key)), key).toEqual(expectedAt(json.previous, key));
        seen.push(key);
      }
    }
    expect(seen.sort()).toEqual(FIGURE_KEYS);
    const trend = tables.get(reportText('trendChart', lang))!;
    expect(trend.map((row) => Number(row[1]))).toEqual(report.trend.map((m) => m.received));
    expect(trend.map((row) => readHuman(row[2]!, 0))).toEqual(report.trend.map((m) => m.meanSatisfaction));
  });

  it('csv has one row per figure and parses back to the same numbers as the json', () => {
    const csv = renderReportCsv(report, lang);
    // Chinese labels: a byte-order mark first, for Excel.
    expect(csv.startsWith('\uFEFFsection,')).toBe(lang === 'zh');
    const rows = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['section', 'figure', 'label', 'unit', 'current', 'previous']);
    const asValue = (text: string, expected: unknown): unknown => (text === '' ? null : typeof expected === 'string' ? text : Number(text));
    const figures = rows.filter((row) => !['trend', 'topRootCauses', 'topCorrectiveActions'].includes(row.section!));
    for (const row of figures) {
      const key = row.figure!;
      expect(asValue(row.current!, expectedAt(json, key)), key).toEqual(expectedAt(json, key));
      expect(asValue(row.previous!, expectedAt(json.previous, key)), key).toEqual(expectedAt(json.previous, key));
    }
    expect(figures.map((row) => row.figure).sort()).toEqual(FIGURE_KEYS);
    expect(rows.find((row) => row.figure === 'trend.2026-10.received')?.current).toBe('2');
    expect(rows.find((row) => row.figure === 'trend.2026-10.meanSatisfaction')?.current).toBe('3.5');
    expect(rows.find((row) => row.figure === 'trend.2026-08.meanSatisfaction')?.current).toBe('');
    expect(rows.find((row) => row.figure === 'topRootCauses.1')).toMatchObject({ label: '客户电话 *** 打不通', current: '1' });
  });

  it('html is one self-contained printable file with a chart per figure group', () => {
    const html = renderReportHtml(report, lang);
    expect(html.match(/<svg/g)).toHaveLength(3);
    expect(html).not.toMatch(/http/i);
    expect(html).not.toMatch(/<script|<link|<img|src=|url\(|@import/i);
    expect(html).toMatch(/@page\s*{\s*size: A4/);
    expect(html).toContain('<td>Front | Desk</td>');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
  });

  it('table shows every section and the trend, aligned for wide characters', () => {
    const table = renderReportTable(report, lang);
    for (const section of SECTIONS) expect(table).toContain(sectionTitle(section, lang));
    const widths = new Set(
      table
        .split('\n')
        .filter((line) => line.startsWith('│') || line.startsWith('┌'))
        .slice(0, 20)
        .map(displayWidth),
    );
    expect(widths.size).toBe(1);
    expect(table).toMatch(/[▁▂▃▄▅▆▇█]{12}/);
  });

  it('shows no phone number in any format', () => {
    for (const output of [
      renderReportJson(report, lang),
      renderReportMarkdown(report, lang),
      renderReportCsv(report, lang),
      renderReportHtml(report, lang),
      renderReportTable(report, lang),
    ]) {
      for (const phone of PHONES) {
        const digits = phone.replace(/\D/g, '').split('');
        expect(output).not.toMatch(new RegExp(digits.join('[\\s().-]*')));
      }
    }
  });
});

describe('the renderer for each format', () => {
  it('is loaded by name and renders the same as the module itself', async () => {
    expect((await loadReportRenderer('md'))(report, 'zh')).toBe(renderReportMarkdown(report, 'zh'));
    for (const format of REPORT_FORMATS) expect((await loadReportRenderer(format))(report, 'en').length).toBeGreaterThan(100);
  });
});

describe('report csv in a spreadsheet', () => {
  it('shows a typed-in text that begins like a formula as text, with a leading quote', () => {
    const shop = new Shop();
    const id = shop.open({ at: at('2026-10-05T09:00'), customer: 'Li', category: 'quality' });
    shop.act(
      id,
      assign(at('2026-10-05T10:00'), { department: '=HYPERLINK("http://x","Desk")' }),
      log(at('2026-10-05T11:00'), { rootCause: '@SUM(A1:A9)' }),
      resolve(at('2026-10-07T10:00'), { correctiveAction: '-2+3 checks a day' }),
    );
    const formulas = computeReport({ events: shop.events, period: { from: '2026-10-01', to: '2026-10-31', label: 'month' }, settings: DEFAULT_SETTINGS, now: at('2026-11-03T09:00'), zone: SHANGHAI });
    const rows = parse(renderReportCsv(formulas, 'en'), { columns: true }) as Record<string, string>[];
    const labelOf = (figure: string) => rows.find((row) => row.figure === figure)?.label;
    expect(labelOf('byDepartment.=HYPERLINK("http://x","Desk")')).toBe('\'=HYPERLINK("http://x","Desk")');
    expect(labelOf('topRootCauses.1')).toBe("'@SUM(A1:A9)");
    expect(labelOf('topCorrectiveActions.1')).toBe("'-2+3 checks a day");
    expect(labelOf('received')).toBe('Received');
  });
});

describe('report md in a mail', () => {
  /** The payloads, each typed in as a department, a root cause and a corrective action. */
  const TYPED = [
    ['<img src=x onerror=alert(1)>', '[click](http://evil)', '![x](http://evil/p.png)', '**bold**', '<script>'],
    ['<b>html</b> &amp; &lt;', '`code` ~~gone~~ _em_', 'see http://evil or www.evil.com', 'mail me@evil.com', '# not a heading | nor a cell \\'],
  ];

  function reportTyped(texts: readonly string[]): Report {
    const shop = new Shop();
    texts.forEach((text, i) => {
      const id = shop.open({ at: at(`2026-10-0${i + 1}T09:00`), customer: `Customer ${i}`, category: 'quality' });
      shop.act(id, assign(at(`2026-10-0${i + 1}T10:00`), { department: text }), resolve(at(`2026-10-0${i + 1}T11:00`), { rootCause: text, correctiveAction: text }));
    });
    return computeReport({ events: shop.events, period: { from: '2026-10-01', to: '2026-10-31', label: 'month' }, settings: DEFAULT_SETTINGS, now: at('2026-11-03T09:00'), zone: SHANGHAI });
  }

  /** Text as an HTML renderer writes it between tags. */
  const asHtmlText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

  it.each(TYPED)('renders typed text as the literal text, with no element made from it (%#)', (...texts) => {
    for (const lang of LANGS) {
      // given the report rendered by a real Markdown renderer (CommonMark with GFM tables and autolinks)
      const html = marked.parse(renderReportMarkdown(reportTyped(texts), lang), { async: false });
      // then no element came from the typed text, and each text is a whole table cell thrice
      expect(html).not.toMatch(/<(img|a|script|strong|em|del|code|b)[\s>]/i);
      for (const text of texts) expect(html.split(`<td>${asHtmlText(text)}</td>`).length - 1, text).toBe(3);
      // and kesu's own labels are as they were
      expect(html).toContain(`<h2>${sectionTitle('byDepartment', lang)}</h2>`);
    }
  });
});
