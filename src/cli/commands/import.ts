// kesu import FILE: typed-up paper forms in, all or nothing (or the good rows with --skip-invalid).
// Rows are streamed and read by the pure forms.ts in a worker thread (import-worker.ts), and written
// here in batches through the store's bulk writer, whose one transaction stays open from the first
// batch to the end: a refusal, an error or a kill anywhere leaves the database as it was.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { Worker } from 'node:worker_threads';
import type { AlreadyPresent, ImportSession, RefClash } from '../../store/index.js';
import { normalizeHeader, readUserColumnMap, templateHeaders, type FormField } from '../../workflow/forms.js';
import type { Sentence } from '../../workflow/errors.js';
import { warn, type CliContext } from '../context.js';
import type { CsvEncoding } from '../csv.js';
import { CsvReadError, usage, UserError } from '../errors.js';
import { checkOutputPath, EXCEL_CSV, openOutput } from '../files.js';
import { asSpreadsheetText } from '../spreadsheet.js';
import { importSummaryJson, problemLine, renderImportSummary, type ImportProblem, type ImportSummary } from '../render/import.js';
import { toJsonText } from '../render/json.js';
import { withStrayBytes } from '../stray-bytes.js';
import { visible } from '../render/visible.js';
import { characterCount, textProblem } from '../../workflow/text.js';
import type { FromWorker, ImportJob, RejectedRow, ThrownError, ToWorker } from './import-worker.js';

export interface ImportOptions {
  template?: boolean;
  dryRun?: boolean;
  encoding?: string;
  map?: string;
  skipInvalid?: boolean;
  rejects?: string;
  refPrefix?: string;
}

/** A file this large gets a progress bar (on a terminal only). */
const PROGRESS_BYTES = 1_000_000;
/** The memory of the import's reading thread, in MB: its old generation, and its young one. */
const READER_HEAP_MB = 64;
const READER_YOUNG_MB = 24;
/** The column kesu adds to a rejects file; ignored without a warning when that file is imported again. */
export const REJECTS_COLUMN: Sentence = { en: 'kesu error', zh: 'kesu 错误' };
const BOM = '\uFEFF';

export async function importFile(context: CliContext, file: string | undefined, options: ImportOptions): Promise<string> {
  if (options.template) {
    if (file !== undefined) throw usage('Give either FILE or --template, not both.', '请只给出 FILE 或 --template 其中之一。');
    return template(context);
  }
  if (file === undefined) {
    throw usage('Missing FILE: give the CSV file to import, or --template for an empty one.', '缺少 FILE：请给出要导入的 CSV 文件，或用 --template 获取空白模板。');
  }
  if (options.skipInvalid && options.rejects === undefined) {
    throw usage('--skip-invalid needs --rejects FILE, where the rows left out are written.', '--skip-invalid 需要配合 --rejects FILE，用来保存未导入的行。');
  }
  if (options.rejects !== undefined && !options.skipInvalid) {
    throw usage('--rejects only goes with --skip-invalid; add it to import the good rows.', '--rejects 只能与 --skip-invalid 一起使用。');
  }

  if (options.refPrefix !== undefined) checkRefPrefix(options.refPrefix);
  if (options.rejects !== undefined) checkOutputPath(options.rejects, '--rejects', { database: context.dbPath, inputs: options.map === undefined ? [file] : [file, options.map] });
  if (isJsonExport(file)) {
    const given: [string, unknown][] = [
      ['--skip-invalid', options.skipInvalid],
      ['--rejects', options.rejects],
      ['--map', options.map],
      ['--ref-prefix', options.refPrefix],
      ['--encoding', options.encoding],
    ];
    const csvOnly = given.filter(([, value]) => value !== undefined).map(([flag]) => flag);
    const { restoreFile } = await import('../services/restore.js');
    return restoreFile(context, file, { dryRun: options.dryRun, csvOnly });
  }
  const userMap = readMapFile(options.map);
  const job: ImportJob = {
    file,
    encoding: (options.encoding ?? 'auto') as CsvEncoding,
    map: userMap,
    now: context.now,
    refPrefix: options.refPrefix ?? '',
    keepRejectedCells: Boolean(options.skipInvalid && !options.dryRun),
  };
  // The CSV is read and every row decided in a worker thread; this one writes (see import-worker.ts).
  const worker = new Worker(new URL('./import-worker.js', import.meta.url), {
    workerData: job,
    // It holds a few batches of forms. Without limits its heap let garbage pile up between
    // collections, so a longer file met a higher peak (README, Performance). csv.ts MAX_ROW_CHARS
    // and the worker's BATCH_CHARS keep a batch from needing more.
    resourceLimits: { maxOldGenerationSizeMb: READER_HEAP_MB, maxYoungGenerationSizeMb: READER_YOUNG_MB },
  });
  const inbox = messagesOf(worker);
  const tell = (message: ToWorker): void => worker.postMessage(message);
  let writer: ImportSession | null = null;
  let rejects: RejectsFile | null = null;
  try {
    const first = await inbox.next();
    if (first.type === 'error') throw rebuilt(first.error);
    if (first.type !== 'header') throw new Error(`the import worker sent ${first.type} first`);
    if (first.problem) throw new UserError('invalid', first.problem);
    for (const warning of first.warnings) warn(context, 'ignored-column', warning);
    const headerCells = first.cells;

    const store = await context.store('import');
    rejects = job.keepRejectedCells ? openRejects(options.rejects!, [...headerCells, REJECTS_COLUMN[context.lang]]) : null;
    const progress = context.json || !context.stderrIsTerminal || first.size <= PROGRESS_BYTES ? null : new ProgressBar(first.size, context);

    writer = await store.beginImport();
    tell({ type: 'start', settings: writer.settings, defaultActor: context.actor(undefined, writer.settings) });
    const counts = { read: 0, imported: 0, alreadyPresent: 0, rejected: 0 };
    const alreadyPresentRows: AlreadyPresent[] = [];
    const errors: ImportProblem[] = [];
    const report = (problem: ImportProblem, print = true): void => {
      errors.push(problem);
      if (print && !context.json) {
        progress?.clear();
        context.err(`${visible(problemLine(problem, context.lang), { oneLine: true })}\n`);
      }
    };

    let unreadable: CsvReadError | null = null;
    for (;;) {
      const message = await inbox.next();
      if (message.type === 'error') throw rebuilt(message.error);
      if (message.type === 'end') {
        if (message.unreadable) {
          // The rest of the file cannot be read: nothing is imported, whatever the options.
          unreadable = rebuilt(message.unreadable) as CsvReadError;
          // Said once, by the refusal below.
          report({ row: unreadable.row ?? counts.read + 2, column: null, sentence: unreadable.sentence }, false);
          // The row it stopped at was read, and rejected.
          counts.read++;
          counts.rejected++;
        }
        break;
      }
      if (message.type !== 'batch') throw new Error(`the import worker sent ${message.type} again`);
      const added = await writer.add(message.forms);
      tell({ type: 'ack' });
      counts.read += message.read;
      counts.imported += added.imported;
      counts.alreadyPresent += added.alreadyPresent.length;
      alreadyPresentRows.push(...added.alreadyPresent);
      const clashes: RejectedRow[] = added.refClashes.map((clash) => ({
        row: clash.row,
        cells: clash.cells,
        errors: [{ row: clash.row, column: first.refColumn, sentence: refTaken(clash) }],
      }));
      // In the order of the file.
      for (const rejected of [...message.rejected, ...clashes].sort((a, b) => a.row - b.row)) {
        counts.rejected++;
        for (const error of rejected.errors) report({ row: error.row, column: error.column, sentence: error.sentence });
        if (rejects && rejected.cells) {
          await rejects.write(rejectedCells(rejected.cells, headerCells.length, rejected.errors.map((e) => problemLine({ ...e }, context.lang))));
        }
      }
      progress?.update(message.bytes, counts.read);
    }
    progress?.clear();
    // The worker has said all it had: its memory goes before the commit's index builds need theirs.
    await worker.terminate();
    const refused = unreadable !== null || (counts.rejected > 0 && !options.skipInvalid);
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

    const summary: ImportSummary = { ...counts, alreadyPresentRows, imported: refused ? 0 : counts.imported, errors };
    const text = context.json ? toJsonText(importSummaryJson(summary, context.lang)) : renderImportSummary(summary, refused ? 'refused' : options.dryRun ? 'dry-run' : 'imported', context.lang);
    if (!refused) return text;
    // A refused import still says what it found (stdout), then fails with one sentence (stderr).
    context.out(text);
    throw refusal(unreadable, counts.rejected, counts.read, context.json);
  } catch (error) {
    await writer?.rollback();
    rejects?.abort();
    throw error;
  } finally {
    await worker.terminate();
  }
}

/** A --ref-prefix is a short piece of one line of plain text, as a form number is. */
function checkRefPrefix(prefix: string): void {
  if (textProblem(prefix, { oneLine: true }) !== null || characterCount(prefix) > MAX_REF_PREFIX) {
    throw usage(
      `--ref-prefix must be a short piece of plain text on one line (at most ${MAX_REF_PREFIX} characters, no control characters), like 2026-12-.`,
      `--ref-prefix 须为一行简短的普通文字（最多 ${MAX_REF_PREFIX} 个字符，不含控制字符），例如 2026-12-。`,
    );
  }
}

/** The longest --ref-prefix: a month or a shop's code, not a text. */
const MAX_REF_PREFIX = 40;

/** Whether the file is a JSON export (kesu export --format json): its first character, past a BOM and white space, opens an array. */
function isJsonExport(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    // The CSV reader says what is wrong with a path that cannot be read.
    return false;
  }
  try {
    const head = Buffer.alloc(256);
    const read = readSync(fd, head, 0, head.length, 0);
    return /^(\uFEFF)?\s*\[/.test(head.subarray(0, read).toString('utf8'));
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

/** The worker's messages in order; its crash or exit before the end is an error. */
function messagesOf(worker: Worker): { next(): Promise<FromWorker> } {
  const queue: FromWorker[] = [];
  let waiting: { resolve: (message: FromWorker) => void; reject: (error: unknown) => void } | null = null;
  let failure: unknown = null;
  worker.on('message', (message: FromWorker) => {
    if (waiting) {
      waiting.resolve(message);
      waiting = null;
    } else queue.push(message);
  });
  const fail = (error: unknown): void => {
    failure ??= error;
    waiting?.reject(failure);
    waiting = null;
  };
  worker.on('error', (error: Error & { code?: string }) =>
    fail(
      error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new CsvReadError(
            `Reading the file took more than the ${READER_HEAP_MB} MB kesu allows it; check that it is a CSV of complaint forms, or import it in parts.`,
            `读取该文件所需内存超过 kesu 允许的 ${READER_HEAP_MB} MB；请确认它是投诉单 CSV 文件，或分几次导入。`,
          )
        : error,
    ),
  );
  worker.on('exit', (code) => fail(new Error(`the import worker stopped (exit code ${code})`)));
  return {
    next: () => {
      const message = queue.shift();
      if (message) return Promise.resolve(message);
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => (waiting = { resolve, reject }));
    },
  };
}

/** An error thrown in the worker, as the kind of error it was there. */
function rebuilt(error: ThrownError): Error {
  if (error.kind === 'csv' && error.sentence) return new CsvReadError(error.sentence.en, error.sentence.zh, error.row, error.line);
  if (error.kind === 'user' && error.sentence) return new UserError(error.code, error.sentence);
  const bug = new Error(error.message);
  if (error.stack) bug.stack = error.stack;
  return bug;
}

function refusal(unreadable: CsvReadError | null, rejected: number, read: number, json: boolean): UserError {
  if (unreadable) {
    return new UserError('invalid-csv', {
      en: `Nothing was imported: ${unreadable.sentence.en.replace(/\.$/, '')}.`,
      zh: `未导入任何内容：${unreadable.sentence.zh.replace(/。$/, '')}。`,
    });
  }
  const where = json ? { en: 'listed in errors', zh: '见 errors' } : { en: 'listed above', zh: '见上' };
  return new UserError('invalid-rows', {
    en: `Nothing was imported: ${rejected} of ${read} row${read === 1 ? '' : 's'} ${rejected === 1 ? 'has' : 'have'} problems (${where.en}); fix them and import again, or import the good rows with --skip-invalid --rejects FILE.`,
    zh: `未导入任何内容：${read} 行中有 ${rejected} 行有问题（${where.zh}）；请改正后重新导入，或用 --skip-invalid --rejects FILE 只导入正确的行。`,
  });
}

/** The empty template: the accepted headers; in Chinese with a BOM, so that Excel reads it as UTF-8. */
function template(context: CliContext): string {
  const line = templateHeaders(context.lang).join(',');
  return context.lang === 'zh' ? `${BOM}${line}\r\n` : `${line}\n`;
}

function readMapFile(path: string | undefined): Map<string, FormField | null> {
  const map = new Map<string, FormField | null>([
    [normalizeHeader(REJECTS_COLUMN.en), null],
    [normalizeHeader(REJECTS_COLUMN.zh), null],
  ]);
  if (path === undefined) return map;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new UserError('invalid', {
      en: missing ? `Cannot read the map ${path}: there is no such file; check the path.` : `The map ${path} is not valid JSON; write it like { "their header": "customer" }.`,
      zh: missing ? `无法读取映射文件 ${path}：文件不存在，请检查路径。` : `映射文件 ${path} 不是有效的 JSON；请写成 { "他们的表头": "customer" }。`,
    });
  }
  const reading = readUserColumnMap(json);
  if (!reading.ok) throw new UserError('invalid', reading.problem);
  for (const [header, field] of reading.map) map.set(header, field);
  return map;
}

/** The row as it was, padded to the header's width, with its problems in the last column. */
function rejectedCells(row: readonly string[], width: number, problems: readonly string[]): string[] {
  const cells = [...row];
  while (cells.length > width && cells.at(-1)!.trim() === '') cells.pop();
  while (cells.length < width) cells.push('');
  // The message goes under the error column even when the row has cells past the header (a comma not
  // in quotes); those follow it, so the row is refused again until the split cell is joined.
  return [...cells.slice(0, width), problems.join('; '), ...cells.slice(width)];
}

interface RejectsFile {
  write(cells: readonly string[]): Promise<void>;
  /** Writes the file to the end (beside its place); throws when it cannot be. */
  finish(): Promise<void>;
  /** Puts the finished file in place. */
  commit(): Promise<void>;
  /** Stops writing; the place of the file is left as it was. */
  abort(): void;
}

/** The rejects file: UTF-8 with a BOM (Excel), opened before anything is imported so that a bad path fails first. */
function openRejects(path: string, header: readonly string[]): RejectsFile {
  const file = openOutput(path, { ownerOnly: true, what: { en: 'the rejects file ', zh: '拒绝文件 ' } });
  // Each row as it was: a byte that was part of no character goes back as that byte, so the row
  // is refused again for it until it is fixed, never imported with a U+FFFD in its place; a cell
  // that begins like a formula is written so that a spreadsheet shows it as text.
  const line = (cells: readonly string[], bom: boolean): Buffer => withStrayBytes(stringify([cells.map(asSpreadsheetText)], { ...EXCEL_CSV, bom }));
  const written = file.write(line(header, true));
  // Said when the rows are written or the file finished (an unhandled rejection meanwhile would end the process).
  written.catch(() => undefined);
  return {
    write: async (cells) => {
      await written;
      await file.write(line(cells, false));
    },
    finish: async () => {
      await written;
      await file.finish();
    },
    commit: () => file.commit(),
    abort: () => file.abort(),
  };
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

/** A one-line bar on stderr, redrawn at most ten times a second. */
class ProgressBar {
  private lastDrawn = 0;
  private shown = false;

  constructor(
    private readonly total: number,
    private readonly context: CliContext,
  ) {}

  update(bytes: number, rows: number): void {
    const now = Date.now();
    if (now - this.lastDrawn < 100) return;
    this.lastDrawn = now;
    const share = Math.min(1, bytes / this.total);
    const width = 30;
    const filled = Math.round(share * width);
    const label = this.context.lang === 'zh' ? `${rows} 行` : `${rows} rows`;
    this.context.err(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}%  ${label}`);
    this.shown = true;
  }

  clear(): void {
    if (!this.shown) return;
    this.context.err('\r\u001b[K');
    this.shown = false;
    this.lastDrawn = 0;
  }
}

