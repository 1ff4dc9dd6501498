// kesu export: every complaint with its events, streamed complaint by complaint to stdout or --out,
// so that a large store never sits in memory as one string.
import { finished } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Store } from '../../store/index.js';
import type { CliContext } from '../context.js';
import { checkOutputPath, EXCEL_CSV, openOutput, unwritable, writeChunk } from '../files.js';
import { unwritableOutput } from '../stdout.js';
import { FORM_FIELDS } from '../../workflow/forms.js';
import { exportCsvCells, exportJson, type Redaction } from '../render/export.js';
import { asSpreadsheetText } from '../spreadsheet.js';

export interface ExportOptions {
  format?: string;
  redact?: boolean;
  out?: string;
}

export async function exportAll(context: CliContext, options: ExportOptions): Promise<string> {
  const format = options.format ?? (context.json ? 'json' : 'csv');
  if (options.out !== undefined) checkOutputPath(options.out, '--out', { database: context.dbPath });
  const store = await context.store('read');
  const redaction: Redaction | null = options.redact ? { shortPhones: await store.shortPhones() } : null;
  // The export holds customers' personal data: the file is owner-only, and put in place only whole.
  const file = options.out === undefined ? null : openOutput(options.out, { ownerOnly: true });
  const target = file?.stream ?? outputStream(context);
  try {
    if (format === 'json') await writeJson(store, target, context, redaction);
    else await writeCsv(store, target, redaction);
    await file?.commit();
  } catch (error) {
    file?.abort();
    const code = (error as NodeJS.ErrnoException).code;
    // A reader that stops early (kesu export | head) is not a failure of the export.
    if (code === 'EPIPE') return '';
    // A full disk, say: one sentence naming where the export was going.
    if (typeof code === 'string' && code.startsWith('E')) {
      throw options.out === undefined ? unwritableOutput(error as NodeJS.ErrnoException) : unwritable(options.out, error);
    }
    throw error;
  }
  return '';
}

/** The command's output (io.out) as a stream, for what is written to stdout piece by piece. */
function outputStream(context: CliContext): Writable {
  return new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      try {
        context.out(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
}

/** An array of complaints in the documented shape, each with its events, written one at a time. */
async function writeJson(store: Store, target: Writable, context: CliContext, redaction: Redaction | null): Promise<void> {
  let first = true;
  await writeChunk(target, '[');
  for await (const entry of store.everyComplaint()) {
    const text = JSON.stringify(exportJson(entry, context.now, redaction), null, 2).replace(/\n/g, '\n  ');
    await writeChunk(target, `${first ? '\n  ' : ',\n  '}${text}`);
    first = false;
  }
  await writeChunk(target, first ? ']\n' : '\n]\n');
}

/** One row per complaint in the import's format; UTF-8 with a BOM so that Excel shows Chinese text. */
async function writeCsv(store: Store, target: Writable, redaction: Redaction | null): Promise<void> {
  const csv = stringify(EXCEL_CSV);
  const failed = new Promise<never>((_, reject) => target.once('error', reject));
  failed.catch(() => undefined);
  csv.pipe(target, { end: false });
  const put = (cells: readonly string[]) => Promise.race([writeChunk(csv, cells), failed]);
  // The import's own headers, so that the file can be imported again.
  await put(FORM_FIELDS);
  // A cell that begins like a formula is written as text; the import takes the mark off again. A
  // voided complaint (entered by mistake) is no form to import again: the JSON export keeps it.
  for await (const entry of store.everyComplaint()) {
    if (entry.complaint.voided === null) await put(exportCsvCells(entry, redaction).map(asSpreadsheetText));
  }
  csv.end();
  await Promise.race([finished(csv), failed]);
}

