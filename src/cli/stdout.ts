// What a command prints goes to file descriptor 1 directly: process.stdout is a stream whose
// modules cost every start of kesu several milliseconds (measured: `node -e` writing through
// process.stdout 146 ms, through writeSync 136 ms), and a reader that stops early
// (`kesu list | head -1`) made it throw an unhandled EPIPE with a stack trace.
import { fstatSync, writeSync } from 'node:fs';

/** Whether a descriptor we wrote to turned out non-blocking: from then on, the stream's way. */
let throughStream = false;
/** The reader has gone: nothing more is written, and that is not a failure of the command. */
let readerGone = false;

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
      process.stdout.on('error', (streamError: NodeJS.ErrnoException) => {
        if (streamError.code !== 'EPIPE') throw streamError;
      });
      process.stdout.write(bytes.subarray(offset));
    } else throw error;
  }
}

/**
 * Whether stdout is a terminal. A pipe or a file is told apart by fstat alone; only a character
 * device (a terminal, or /dev/null) needs process.stdout, whose stream node:tty would load anyway.
 */
export function stdoutIsTerminal(): boolean {
  try {
    if (!fstatSync(1).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return Boolean(process.stdout.isTTY);
}
