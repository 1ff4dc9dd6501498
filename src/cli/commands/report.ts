import { reportFromFacts, reportPeriod, reportRequest } from '../../workflow/report.js';
import { localDateOf } from '../../workflow/time.js';
import { LOCAL_ZONE } from '../clock.js';
import type { CliContext } from '../context.js';
import { usage } from '../errors.js';
import { checkOutputPath, writeOutput } from '../files.js';
import { loadReportRenderer, REPORT_FORMATS, type ReportFormat } from '../render/report/index.js';

export interface ReportOptions {
  month?: string;
  week?: string;
  from?: string;
  to?: string;
  format?: string;
  out?: string;
}

export async function report(context: CliContext, options: ReportOptions): Promise<string> {
  const format = (options.format ?? (context.json ? 'json' : 'table')) as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) {
    // A usage error (exit 2), as export's and import's choices are.
    throw usage(
      `--format "${options.format}" is not a report format; use one of: ${REPORT_FORMATS.join(', ')}.`,
      `--format “${options.format}”不是报表格式；可用：${REPORT_FORMATS.join('、')}。`,
    );
  }
  if (options.out !== undefined) checkOutputPath(options.out, '--out', { database: context.dbPath });
  const { now } = context;
  const period = reportPeriod({ month: options.month, week: options.week, from: options.from, to: options.to }, localDateOf(now));
  const store = await context.store('read');
  const figures = reportFromFacts(await store.reportFacts(reportRequest(period, now, LOCAL_ZONE)), period);
  const text = (await loadReportRenderer(format))(figures, context.lang);
  if (options.out === undefined) return text;
  await writeOutput(options.out, text, { ownerOnly: false });
  return '';
}
