// The report as the documented JSON shape (codes, not labels, so the language does not change it).
import type { Report } from '../../../workflow/report.js';
import type { Lang } from '../../../workflow/vocab.js';

export function renderReportJson(report: Report, _lang: Lang): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
