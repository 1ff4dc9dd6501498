// The report as the documented JSON shape (codes, not labels, so the language does not change it).
import type { Report } from '../../../workflow/report.js';
import type { Lang } from '../../../workflow/vocab.js';
import { toJsonText } from '../json.js';

export function renderReportJson(report: Report, _lang: Lang): string {
  return toJsonText(report);
}
