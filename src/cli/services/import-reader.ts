// The main thread's side of the import's reading thread (import-worker.ts): started with the job,
// told the settings, acknowledging each batch written; its messages come in order, and a crash or
// an exit before the end is an error.
import { Worker } from 'node:worker_threads';
import type { MissingYear } from '../../workflow/calendar.js';
import type { Settings } from '../../workflow/settings.js';
import { CsvReadError, UserError } from '../errors.js';
import type { FromWorker, ImportJob, ThrownError, ToWorker } from './import-worker.js';

/** The memory of the import's reading thread, in MB: its old generation, and its young one. */
const READER_HEAP_MB = 64;
const READER_YOUNG_MB = 24;

export type HeaderMessage = Extract<FromWorker, { type: 'header' }>;
type BatchMessage = Extract<FromWorker, { type: 'batch' }>;

export interface ImportReader {
  /** The file's header as read, or the error that kept it from being read. */
  header(): Promise<HeaderMessage>;
  /** Lets it read the forms, with the settings in force and who records them when a form says nobody. */
  start(settings: Settings, defaultActor: string): void;
  /** The next batch, or the end: null, or the error that stopped the reading before the end of the file. */
  next(): Promise<BatchMessage | { type: 'end'; unreadable: CsvReadError | null; missingYears: readonly MissingYear[] }>;
  /** Says a batch was written, so that another may be sent. */
  written(): void;
  /** Ends the thread (its memory goes before the commit's index builds need theirs). */
  stop(): Promise<void>;
}

export function startReader(job: ImportJob): ImportReader {
  const worker = new Worker(new URL('./import-worker.js', import.meta.url), {
    workerData: job,
    // It holds a few batches of forms. Without limits its heap let garbage pile up between
    // collections, so a longer file met a higher peak (README, Performance). csv.ts MAX_ROW_CHARS
    // and the worker's BATCH_CHARS keep a batch from needing more.
    resourceLimits: { maxOldGenerationSizeMb: READER_HEAP_MB, maxYoungGenerationSizeMb: READER_YOUNG_MB },
  });
  const inbox = messagesOf(worker);
  const tell = (message: ToWorker): void => worker.postMessage(message);
  const receive = async (): Promise<Exclude<FromWorker, { type: 'error' }>> => {
    const message = await inbox.next();
    if (message.type === 'error') throw rebuilt(message.error);
    return message;
  };
  return {
    header: async () => {
      const first = await receive();
      if (first.type !== 'header') throw new Error(`the import worker sent ${first.type} first`);
      return first;
    },
    start: (settings, defaultActor) => tell({ type: 'start', settings, defaultActor }),
    next: async () => {
      const message = await receive();
      if (message.type === 'end') {
        return { type: 'end', unreadable: message.unreadable === null ? null : (rebuilt(message.unreadable) as CsvReadError), missingYears: message.missingYears };
      }
      if (message.type !== 'batch') throw new Error(`the import worker sent ${message.type} again`);
      return message;
    },
    written: () => tell({ type: 'ack' }),
    stop: async () => {
      await worker.terminate();
    },
  };
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
  worker.on('error', (error: Error & { code?: string }) => fail(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? outOfMemory() : error));
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

function outOfMemory(): CsvReadError {
  return new CsvReadError(
    `Reading the file took more than the ${READER_HEAP_MB} MB kesu allows it; check that it is a CSV of complaint forms, or import it in parts.`,
    `读取该文件所需内存超过 kesu 允许的 ${READER_HEAP_MB} MB；请确认它是投诉单 CSV 文件，或分几次导入。`,
  );
}

/** An error thrown in the worker, as the kind of error it was there. */
function rebuilt(error: ThrownError): Error {
  if (error.kind === 'csv' && error.sentence) return new CsvReadError(error.sentence.en, error.sentence.zh, error.row, error.line);
  if (error.kind === 'user' && error.sentence) return new UserError(error.code, error.sentence);
  const bug = new Error(error.message);
  if (error.stack) bug.stack = error.stack;
  return bug;
}
