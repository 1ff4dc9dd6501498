// The report formats and their renderers, each loaded only when asked for, so `kesu report`
// pays for one format's code (and csv-stringify) and no other command pays at all.
import type { Report } from '../../../workflow/report.js';
import type { Lang } from '../../../workflow/vocab.js';

export const REPORT_FORMATS = ['table', 'md', 'csv', 'json', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export type ReportRenderer = (report: Report, lang: Lang) => string;

export async function loadReportRenderer(format: ReportFormat): Promise<ReportRenderer> {
  switch (format) {
    case 'table':
      return (await import('./table.js')).renderReportTable;
    case 'md':
      return (await import('./md.js')).renderReportMarkdown;
    case 'csv':
      return (await import('./csv.js')).renderReportCsv;
    case 'json':
      return (await import('./json.js')).renderReportJson;
    case 'html':
      return (await import('./html.js')).renderReportHtml;
  }
}
