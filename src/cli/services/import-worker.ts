// The reading half of `kesu import`, in a worker thread: the CSV is read, each row turned into its
// complaint by the pure forms.ts (which calls `decide`) and packed for the store, while the main
// thread writes the previous batch into the open transaction. Batches wait for the main thread's
// acknowledgement (a few in flight at most), so memory stays flat whatever the size of the file.
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { packForms, type FormToWrite, type PackedForms } from '../../store/index.js';
import type { MissingYear } from '../../workflow/calendar.js';
import { deadlinesSetBy } from '../../workflow/complaint.js';
import { deadlinesMissingYears } from '../../workflow/deadlines.js';
import type { Sentence } from '../../workflow/errors.js';
import { readForm, type FormContext } from '../../workflow/form-reading.js';
import { mapHeaders, type ColumnMap, type UserColumnMap } from '../../workflow/forms.js';
import type { Settings } from '../../workflow/settings.js';
import type { IsoTime } from '../../workflow/time.js';
import { LOCAL_ZONE } from '../clock.js';
import { openCsv, type CsvEncoding, type CsvFile } from '../csv.js';
import { CsvReadError, UserError } from '../errors.js';
import { fromSpreadsheetText } from '../spreadsheet.js';
import type { ImportProblem } from '../render/import.js';

export interface ImportJob {
  readonly file: string;
  readonly encoding: CsvEncoding;
  /** Structured clone (workerData) carries a Map as it is. */
  readonly map: UserColumnMap;
  readonly now: IsoTime;
  /** Put before every form number (--ref-prefix), so that a sheet that numbers its forms anew has numbers of its own. */
  readonly refPrefix: string;
  /** Whether rejected rows are sent back with their cells (for --rejects). */
  readonly keepRejectedCells: boolean;
}

/** An error thrown in the worker, as it crosses to the main thread. */
export interface ThrownError {
  readonly kind: 'csv' | 'user' | 'bug';
  readonly code: string;
  readonly sentence: Sentence | null;
  readonly row: number | null;
  readonly line: number | null;
  readonly message: string;
  readonly stack: string | undefined;
}

export interface RejectedRow {
  readonly row: number;
  readonly cells: readonly string[] | null;
  readonly errors: readonly ImportProblem[];
}

export type FromWorker =
  | {
      readonly type: 'header';
      readonly cells: readonly string[];
      /** The header of the column read as the form number, as the file writes it. */
      readonly refColumn: string | null;
      readonly size: number;
      readonly problem: Sentence | null;
      readonly warnings: readonly Sentence[];
    }
  | { readonly type: 'batch'; readonly forms: PackedForms; readonly read: number; readonly bytes: number; readonly rejected: readonly RejectedRow[] }
  | {
      readonly type: 'end';
      readonly unreadable: ThrownError | null;
      /** Years of the shop's official calendar that the forms' deadlines were counted into without it. */
      readonly missingYears: readonly MissingYear[];
    }
  | { readonly type: 'error'; readonly error: ThrownError };

export type ToWorker = { readonly type: 'start'; readonly settings: Settings; readonly defaultActor: string } | { readonly type: 'ack' };

/**
 * Rows per batch, and batches sent before the main thread has written one. Small batches: the forms
 * of a batch die young instead of being promoted to the old generation while it fills (README,
 * Performance).
 */
const BATCH_ROWS = 100;
/** A batch is sent sooner if its rows hold this many characters (csv.ts CsvRow size), so that its memory is bounded too. */
const BATCH_CHARS = 1_000_000;
const IN_FLIGHT = 3;

function thrownError(error: unknown): ThrownError {
  const kind = error instanceof CsvReadError ? 'csv' : error instanceof UserError ? 'user' : 'bug';
  return {
    kind,
    code: error instanceof UserError ? error.code : 'bug',
    sentence: error instanceof UserError ? error.sentence : null,
    row: error instanceof CsvReadError ? error.row : null,
    line: error instanceof CsvReadError ? error.line : null,
    message: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  };
}

type Port = NonNullable<typeof parentPort>;
type Start = Extract<ToWorker, { type: 'start' }>;

async function run(port: Port, job: ImportJob): Promise<void> {
  const channel = channelOf(port);
  const csv = await openCsv(job.file, { encoding: job.encoding });
  const header = mapHeaders(csv.header.cells, job.map);
  const refIndex = header.ok ? header.columns.indexOf.ref : undefined;
  channel.send({
    type: 'header',
    cells: csv.header.cells,
    refColumn: refIndex === undefined ? null : csv.header.cells[refIndex]!.trim(),
    size: csv.size,
    problem: header.ok ? null : header.problem,
    warnings: header.ok ? header.warnings : [],
  });
  if (!header.ok) return;
  const { settings, defaultActor } = await channel.started;
  const context: FormContext = { now: job.now, settings, zone: LOCAL_ZONE, newUuid: randomUUID, defaultActor, refPrefix: job.refPrefix };
  const missingYears = new Map<string, MissingYear>();
  const unreadable = await readRows(csv, header.columns, context, job, new Batches(channel, csv), missingYears);
  channel.send({ type: 'end', unreadable, missingYears: [...missingYears.values()] });
}

/** Every row read into its form (or its problems) and sent in batches; the error that stopped the reading, if one did. */
async function readRows(
  csv: CsvFile,
  columns: ColumnMap,
  context: FormContext,
  job: ImportJob,
  batches: Batches,
  missingYears: Map<string, MissingYear>,
): Promise<ThrownError | null> {
  // The header names of the columns a form is read from (the others are ignored, with a warning).
  const readColumns = new Set(Object.values(columns.indexOf).map((index) => csv.header.cells[index]!.trim()));
  try {
    for await (const row of csv.rows) {
      // A row the CSV reader could not lay out under the header is reported for that alone: its other
      // problems would be those of cells out of place. Bytes that are not text matter only in a
      // column that is read.
      const problems = row.problems?.filter((problem) => problem.column === null || readColumns.has(problem.column));
      // Cells as they were before kesu (or a rejects file) marked formulas as text.
      const line = { row: row.row, cells: row.cells.map(fromSpreadsheetText) };
      const reading = problems?.length ? { ok: false as const, errors: problems.map((problem) => ({ row: row.row, ...problem })) } : readForm(line, columns, context);
      // A form with a number keeps its cells for the rejects file: the store may find its number taken.
      const cells = job.keepRejectedCells && reading.ok && reading.complaint.ref !== null ? line.cells : null;
      if (reading.ok) {
        for (const year of deadlinesMissingYears(context.settings.calendar, reading.events.flatMap(deadlinesSetBy))) missingYears.set(`${year.name} ${year.year}`, year);
        await batches.add(row.size, { complaint: reading.complaint, events: reading.events, row: row.row, cells });
      }
      else await batches.reject(row.size, { row: row.row, cells: job.keepRejectedCells ? line.cells : null, errors: reading.errors });
    }
    await batches.flush();
    return null;
  } catch (error) {
    if (!(error instanceof CsvReadError)) throw error;
    await batches.flush();
    return thrownError(error);
  }
}

/** The worker's side of the protocol: the start message, and batches sent only while the main thread has room for them. */
function channelOf(port: Port) {
  let credits = IN_FLIGHT;
  let wake: (() => void) | null = null;
  let started: ((message: Start) => void) | null = null;
  const start = new Promise<Start>((resolve) => (started = resolve));
  port.on('message', (message: ToWorker) => {
    if (message.type === 'start') started?.(message);
    else {
      credits++;
      wake?.();
      wake = null;
    }
  });
  return {
    started: start,
    send: (message: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer),
    /** Waits until fewer than IN_FLIGHT batches are unwritten, and takes a place. */
    room: async (): Promise<void> => {
      if (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      credits--;
    },
  };
}

/** The batch being filled: sent when it has BATCH_ROWS rows or BATCH_CHARS characters. */
class Batches {
  private forms: FormToWrite[] = [];
  private rejected: RejectedRow[] = [];
  private read = 0;
  private chars = 0;

  constructor(
    private readonly channel: ReturnType<typeof channelOf>,
    private readonly csv: CsvFile,
  ) {}

  async add(size: number, form: FormToWrite): Promise<void> {
    this.forms.push(form);
    await this.counted(size);
  }

  async reject(size: number, row: RejectedRow): Promise<void> {
    this.rejected.push(row);
    await this.counted(size);
  }

  /** Sends what the batch holds, if anything. */
  async flush(): Promise<void> {
    if (this.read === 0) return;
    await this.channel.room();
    const pack = packForms(this.forms);
    const message: FromWorker = { type: 'batch', forms: pack, read: this.read, bytes: this.csv.bytesRead(), rejected: this.rejected };
    this.channel.send(message, [pack.lengths.buffer as ArrayBuffer, pack.numbers.buffer as ArrayBuffer]);
    this.forms = [];
    this.rejected = [];
    this.read = 0;
    this.chars = 0;
  }

  private async counted(size: number): Promise<void> {
    this.read++;
    this.chars += size;
    if (this.read >= BATCH_ROWS || this.chars >= BATCH_CHARS) await this.flush();
  }
}

if (parentPort) {
  const port = parentPort;
  run(port, workerData as ImportJob).catch((error: unknown) => port.postMessage({ type: 'error', error: thrownError(error) } satisfies FromWorker));
}
