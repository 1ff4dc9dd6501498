// What a command prints goes to file descriptor 1 directly: process.stdout is a stream whose
// modules cost every start of kesu several milliseconds (README, Performance), and a reader that stops early
// (`kesu list | head -1`) made it throw an unhandled EPIPE with a stack trace.
import { fstatSync, writeSync } from 'node:fs';
import { UserError } from './errors.js';
import type { Lang } from '../workflow/vocab.js';
import { languageFrom } from './language.js';

/** Whether a descriptor we wrote to turned out non-blocking: from then on, the stream's way. */
let throughStream = false;
/** The reader has gone: nothing more is written, and that is not a failure of the command. */
let readerGone = false;

/**
 * Writes all of `text` to stdout. A reader that has gone ends the output quietly; any other
 * failure (a full disk, say) is a UserError whose sentence names it.
 */
export function writeStdout(text: string): void {
  if (readerGone || text === '') return;
  if (throughStream) {
    process.stdout.write(text);
    return;
  }
  const bytes = Buffer.from(text);
  let offset = 0;
  try {
    while (offset < bytes.length) offset += writeSync(1, bytes, offset);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') readerGone = true;
    else if (code === 'EAGAIN') {
      // A pipe set non-blocking by whoever shares it is full: the stream waits for it to drain.
      throughStream = true;
      process.stdout.on('error', streamFailed);
      process.stdout.write(bytes.subarray(offset));
    } else throw unwritableOutput(error as NodeJS.ErrnoException);
  }
}

/** How a failure of the stream is said: the command's language, and JSON with --json. */
let lateFailure: { lang: Lang; json: boolean } | null = null;

export function sayLateOutputFailures(lang: Lang, json: boolean): void {
  lateFailure = { lang, json };
}

/**
 * The stream fails after the command has returned, so its failure is said here, once, as
 * program.ts says any other error, and the exit code set here too.
 */
function streamFailed(error: NodeJS.ErrnoException): void {
  if (readerGone) return;
  readerGone = true;
  if (error.code === 'EPIPE') return;
  const { lang, json } = lateFailure ?? { lang: languageFrom(undefined, process.env), json: false };
  const message = unwritableOutput(error).sentence[lang];
  process.stderr.write(json ? `${JSON.stringify({ error: { code: 'unwritable', message } })}\n` : `kesu: ${message}\n`);
  process.exitCode = 1;
}

/** The sentence for output that cannot be written to stdout (also export's, which streams there). */
export function unwritableOutput(error: NodeJS.ErrnoException): UserError {
  const why = error.code ?? error.message;
  return new UserError('unwritable', {
    en: `Cannot write the output (${why}); check the disk or file it goes to, or send it elsewhere.`,
    zh: `无法写出输出内容（${why}）；请检查输出所去的磁盘或文件，或改写到别处。`,
  });
}

/**
 * Whether stdout is a terminal. A pipe or a file is told apart by fstat alone; only a character
 * device (a terminal, or a device such as /dev/null) needs process.stdout and its isTTY.
 */
export function stdoutIsTerminal(): boolean {
  try {
    if (!fstatSync(1).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return Boolean(process.stdout.isTTY);
}
