// kesu import of typed-up paper forms, all or nothing (or the good rows with --skip-invalid). Rows
// are streamed and read by the pure forms.ts in a worker thread (import-worker.ts), and written
// here in batches through the store's import session, whose one transaction stays open from the
// first batch to the end: a refusal, an error or a kill anywhere leaves the database as it was.
import type { ImportSession, RefClash } from '../../store/index.js';
import type { Sentence } from '../../workflow/errors.js';
import { warn, type CliContext } from '../context.js';
import type { CsvReadError } from '../errors.js';
import { UserError } from '../errors.js';
import { problemLine } from '../render/import.js';
import { ImportTally } from './import-tally.js';
import { startReader, type HeaderMessage, type ImportReader } from './import-reader.js';
import type { ImportJob, RejectedRow } from './import-worker.js';
import { ProgressBar } from './progress-bar.js';
import { openRejects, REJECTS_COLUMN, type RejectsFile } from './rejects-file.js';

export interface CsvImportOptions {
  readonly dryRun: boolean;
  readonly skipInvalid: boolean;
  /** Where the rows left out go (with --skip-invalid, unless a dry run). */
  readonly rejects: string | undefined;
}

/** A file this large gets a progress bar (on a terminal only). */
const PROGRESS_BYTES = 1_000_000;

export async function importCsv(context: CliContext, job: ImportJob, options: CsvImportOptions): Promise<string> {
  const reader = startReader(job);
  let writer: ImportSession | null = null;
  let rejects: RejectsFile | null = null;
  try {
    const header = await reader.header();
    if (header.problem) throw new UserError('invalid', header.problem);
    for (const warning of header.warnings) warn(context, 'ignored-column', warning);

    const store = await context.store('import');
    rejects = job.keepRejectedCells ? openRejects(options.rejects!, [...header.cells, REJECTS_COLUMN[context.lang]]) : null;
    const progress = context.json || !context.stderrIsTerminal || header.size <= PROGRESS_BYTES ? null : new ProgressBar(header.size, context);
    const tally = new ImportTally(context, () => progress?.clear());
    writer = await store.beginImport();
    reader.start(writer.settings, context.actor(undefined, writer.settings));
    const unreadable = await writeBatches({ context, reader, writer, tally, header, rejects, progress });
    progress?.clear();
    await reader.stop();

    const refused = unreadable !== null || (tally.rejected > 0 && !options.skipInvalid);
    if (refused || options.dryRun) {
      await writer.rollback();
      // Nothing imported, nothing left out: a refused import leaves no rejects file behind.
      rejects?.abort();
    } else {
      // The rows left out are saved before the good ones are committed: if they cannot be, nothing is imported.
      await rejects?.finish();
      await writer.commit();
      await rejects?.commit();
    }
    return tally.finish(refused ? 'refused' : options.dryRun ? 'dry-run' : 'imported', (listed) => refusal(unreadable, tally, listed));
  } catch (error) {
    await writer?.rollback();
    rejects?.abort();
    throw error;
  } finally {
    await reader.stop();
  }
}

interface Writing {
  readonly context: CliContext;
  readonly reader: ImportReader;
  readonly writer: ImportSession;
  readonly tally: ImportTally;
  readonly header: HeaderMessage;
  readonly rejects: RejectsFile | null;
  readonly progress: ProgressBar | null;
}

/** Writes each batch the reader sends into the open transaction; the error that stopped the reading, if one did. */
async function writeBatches({ context, reader, writer, tally, header, rejects, progress }: Writing): Promise<CsvReadError | null> {
  for (;;) {
    const message = await reader.next();
    if (message.type === 'end') {
      const { unreadable, missingYears } = message;
      if (!unreadable && missingYears.length > 0) {
        const { missingYearsWarning } = await import('./official-calendars.js');
        warn(context, 'calendar-year-missing', missingYearsWarning(missingYears));
      }
      if (unreadable) {
        // The rest of the file cannot be read: nothing is imported, whatever the options. The row it
        // stopped at was read, and rejected; the refusal says why.
        tally.problem({ row: unreadable.row ?? tally.read + 2, column: null, sentence: unreadable.sentence }, false);
        tally.read++;
        tally.rejected++;
      }
      return unreadable;
    }
    const added = await writer.add(message.forms);
    reader.written();
    tally.read += message.read;
    tally.added(added);
    const clashes: RejectedRow[] = added.refClashes.map((clash) => ({
      row: clash.row,
      cells: clash.cells,
      errors: [{ row: clash.row, column: header.refColumn, sentence: refTaken(clash) }],
    }));
    // In the order of the file.
    for (const rejected of [...message.rejected, ...clashes].sort((a, b) => a.row - b.row)) {
      tally.rejected++;
      for (const error of rejected.errors) tally.problem(error);
      if (rejects && rejected.cells) await rejects.write(rejected.cells, rejected.errors.map((error) => problemLine(error, context.lang)));
    }
    progress?.update(message.bytes, tally.read);
  }
}

function refusal(unreadable: CsvReadError | null, { rejected, read }: ImportTally, listed: Sentence): UserError {
  if (unreadable) {
    return new UserError('invalid-csv', {
      en: `Nothing was imported: ${unreadable.sentence.en.replace(/\.$/, '')}.`,
      zh: `未导入任何内容：${unreadable.sentence.zh.replace(/。$/, '')}。`,
    });
  }
  return new UserError('invalid-rows', {
    en: `Nothing was imported: ${rejected} of ${read} row${read === 1 ? '' : 's'} ${rejected === 1 ? 'has' : 'have'} problems (${listed.en}); fix them and import again, or import the good rows with --skip-invalid --rejects FILE.`,
    zh: `未导入任何内容：${read} 行中有 ${rejected} 行有问题（${listed.zh}）；请改正后重新导入，或用 --skip-invalid --rejects FILE 只导入正确的行。`,
  });
}

/** "form number 1 is already complaint 7 (王芳, 2026-11-02)…": a form number a complaint with other content has. */
function refTaken(clash: RefClash): Sentence {
  if (clash.sameAsRow !== null) {
    return {
      en: `form number ${clash.ref} is also on row ${clash.sameAsRow} of this file, with other content (${clash.customer}, ${clash.customerReceivedOn}); correct the number of one of the two rows`,
      zh: `表单编号 ${clash.ref} 也在本文件第 ${clash.sameAsRow} 行，但内容不同（${clash.customer}，${clash.customerReceivedOn}）；请改正其中一行的编号`,
    };
  }
  const prefix = `${clash.receivedOn.slice(0, 7)}-`;
  return {
    en: `form number ${clash.ref} is already complaint ${clash.id} (${clash.customer}, ${clash.customerReceivedOn}), which is another form; if this sheet numbers its forms anew, import it with --ref-prefix (for example --ref-prefix ${prefix}), else correct the number`,
    zh: `表单编号 ${clash.ref} 已是投诉 ${clash.id}（${clash.customer}，${clash.customerReceivedOn}），那是另一张表单；如果本表格的编号是重新开始的，请用 --ref-prefix 导入（例如 --ref-prefix ${prefix}），否则请改正编号`,
  };
}
