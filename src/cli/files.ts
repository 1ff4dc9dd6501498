// Files kesu writes for people: owner-only when they hold customers' data, and CSV the way Excel
// reads Chinese text.
import { once } from 'node:events';
import { chmodSync, closeSync, createWriteStream, openSync, statSync, type WriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Sentence } from '../workflow/errors.js';
import { UserError } from './errors.js';

/** How an unnamed file is named in a sentence (the Chinese one wants a space before the path). */
const NO_NAME: Sentence = { en: '', zh: ' ' };

/** csv-stringify's options for a file people open in Excel: UTF-8 with a BOM, CRLF, line breaks quoted. */
export const EXCEL_CSV = { bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ } as const;

/**
 * A file only its owner can read (0600), or one sentence saying why it cannot be written. A regular
 * file of the user's already there is made owner-only too (opening it keeps the mode it had), before
 * it is emptied; any other (a device such as /dev/null, someone else's file) is written as it is.
 */
export function createOwnerOnly(path: string, what: Sentence = NO_NAME): WriteStream {
  let fd: number | undefined;
  try {
    const before = statSync(path, { throwIfNoEntry: false });
    if (before?.isFile() && before.uid === process.getuid?.()) chmodSync(path, 0o600);
    fd = openSync(path, 'w', 0o600);
    return createWriteStream(path, { fd });
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    throw unwritable(path, error, what);
  }
}

/** Writes a chunk, waiting when the stream asks to (so that a big file is never all in memory). */
export async function writeChunk(stream: Writable, chunk: unknown): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/** The error for a file that cannot be written; `what` names it ("the rejects file "). */
export function unwritable(path: string, error: unknown, what: Sentence = NO_NAME): UserError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  return new UserError('unwritable', {
    en: `Cannot write ${what.en}${path} (${code}); check the folder exists and is writable.`,
    zh: `无法写入${what.zh}${path}（${code}）；请检查目录是否存在且可写。`,
  });
}
