// Files kesu writes for people (--out, --rejects, backups): never the database or the file being
// read, written whole or not at all (beside their place, then renamed into it), owner-only when they
// hold customers' data, and CSV the way Excel reads Chinese text.
import { randomBytes } from 'node:crypto';
import { closeSync, createWriteStream, fsyncSync, openSync, readSync, realpathSync, renameSync, rmSync, statSync, type Stats, type WriteStream } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Sentence } from '../workflow/errors.js';
import { fileFailure } from '../store/index.js';
import { UserError } from './errors.js';

/** How an unnamed file is named in a sentence (the Chinese one wants a space before the path). */
const NO_NAME: Sentence = { en: '', zh: ' ' };

/** csv-stringify's options for a file people open in Excel: UTF-8 with a BOM, CRLF, line breaks quoted. */
export const EXCEL_CSV = { bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ } as const;

/** What an output file must not be: the database and its companion files, and the files a command reads. */
export interface Protected {
  /** The database file, or null when the command has none (an in-memory one). */
  readonly database: string | null;
  /** Files the command reads (an import's CSV). */
  readonly inputs?: readonly string[];
  /** The output is itself a database (a backup), and may take the place of an earlier one. */
  readonly replacesDatabase?: boolean;
}

/** The files SQLite keeps beside a database, by the suffix of their names. */
const COMPANIONS: readonly [suffix: string, what: Sentence][] = [
  ['', { en: 'the database itself', zh: '数据库本身' }],
  ['-wal', { en: "the database's write-ahead log", zh: '数据库的预写日志' }],
  ['-shm', { en: "the database's shared-memory file", zh: '数据库的共享内存文件' }],
  ['-journal', { en: "the database's journal", zh: '数据库的日志文件' }],
];

/**
 * Refuses (code `conflict`) an output path that is the database, one of its companion files, or an
 * input, compared by real path (through symbolic links) and, for files that exist, by identity (a
 * hard link is the same file); and one that is any SQLite database, or a companion file of one, so
 * that no report or export is ever written over another store. A path that cannot be looked at (a
 * part of it not a folder, a loop of links, a folder kesu may not enter) is `unwritable`.
 */
export function checkOutputPath(path: string, flag: string, { database, inputs = [], replacesDatabase = false }: Protected): void {
  const output = whereItPoints(path);
  const outputStat = lookAt(path, path);
  const same = (other: string): boolean => {
    if (whereItPoints(other) === output) return true;
    return sameFile(outputStat, lookAt(other, null));
  };
  const refuse = (what: Sentence, fix: Sentence): never => {
    throw new UserError('conflict', {
      en: `${flag} ${path} is ${what.en}; ${fix.en}`,
      zh: `${flag} ${path} 是${what.zh}；${fix.zh}`,
    });
  };
  const elsewhere = { en: 'give a file elsewhere, so that the records are never written over.', zh: '请指定别处的文件，以免覆盖记录。' };
  if (database !== null && database !== ':memory:') {
    const names = new Set([database, whereItPoints(database)]);
    for (const name of names) {
      for (const [suffix, what] of COMPANIONS) if (same(`${name}${suffix}`)) refuse(what, elsewhere);
    }
    // A companion file by another name of the database (a hard link to it): the same file without its suffix.
    for (const [suffix, what] of COMPANIONS) {
      if (suffix !== '' && path.endsWith(suffix) && sameFile(lookAt(path.slice(0, -suffix.length), null), lookAt(database, null))) refuse(what, elsewhere);
    }
  }
  for (const input of inputs) {
    if (same(input)) refuse({ en: 'the file being read', zh: '正在读取的文件' }, { en: 'give another file, so that the input stays as it is.', zh: '请指定另一个文件，以免覆盖输入文件。' });
  }
  if (!replacesDatabase && outputStat?.isFile() && isSqliteDatabase(path)) refuse({ en: 'a database', zh: '一个数据库' }, elsewhere);
  for (const [suffix] of COMPANIONS) {
    if (suffix !== '' && path.endsWith(suffix) && isSqliteDatabase(path.slice(0, -suffix.length))) {
      refuse({ en: "a database's companion file", zh: '数据库的附属文件' }, elsewhere);
    }
  }
}

/** The file at a path, or undefined where there is none; a path that cannot be looked at is `unwritable` (`shown`), or nothing (null). */
function lookAt(path: string, shown: string | null): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    if (shown === null) return undefined;
    throw unwritable(shown, error);
  }
}

/** Whether a file begins as an SQLite database does (kesu's or any other program's). */
function isSqliteDatabase(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(16);
    return readSync(fd, head, 0, 16, 0) === 16 && head.toString('latin1') === 'SQLite format 3\u0000';
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The absolute path a name stands for, through symbolic links, whether or not the file exists yet. */
function whereItPoints(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(resolve(path))), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

function sameFile(a: Stats | undefined, b: Stats | undefined): boolean {
  return a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino;
}

/** An output file being written: `stream` takes the content; `commit` puts it in place; `abort` leaves the place as it was. */
export interface OutputFile {
  readonly stream: Writable;
  /** Writes a chunk, waiting when the stream asks to; a failure is an `unwritable` UserError. */
  write(chunk: string | Buffer): Promise<void>;
  /** Writes the file to the end and to the disk, not yet in place; throws an `unwritable` UserError when it cannot. */
  finish(): Promise<void>;
  /** Finishes the file (if not yet) and puts it in place; throws an `unwritable` UserError when it cannot. */
  commit(): Promise<void>;
  /** Stops writing; nothing is left where the file was to go, and a file there before is as it was. */
  abort(): void;
}

/**
 * A file written beside its place and renamed into it when complete, so that a full disk or a kill
 * leaves the file that was there before (or none), never a truncated one. `ownerOnly`: 0600, for
 * files that hold customers' data. A path that is not a regular file (a device such as /dev/null, a
 * pipe) is written as it is.
 */
export function openOutput(path: string, { ownerOnly, what = NO_NAME }: { ownerOnly: boolean; what?: Sentence }): OutputFile {
  const existing = lookAt(path, path);
  if (existing?.isDirectory()) throw unwritable(path, { code: 'EISDIR' }, what);
  if ((existing !== undefined && !existing.isFile()) || isStream(path)) {
    // Appended to, not truncated: /dev/stdout may stand for a file the shell opened with >>.
    const stream = openStream(path, 'a', 0o600, path, what);
    let finishing: Promise<void> | null = null;
    const finishOnce = (): Promise<void> => (finishing ??= finish(stream, path, what));
    return { stream, write: writer(stream, path, what), finish: finishOnce, commit: finishOnce, abort: () => stream.destroy() };
  }
  // A symbolic link is followed: the file it names is the one replaced.
  const target = existing === undefined ? path : realpathSync(path);
  const temp = tempPathBeside(target);
  const stream = openStream(temp, 'wx', ownerOnly ? 0o600 : 0o666, path, what);
  let done = false;
  let finishing: Promise<void> | null = null;
  const finishOnce = (): Promise<void> =>
    (finishing ??= finish(stream, path, what).then(
      () => flushToDisk(temp, path, what),
      (error: unknown) => {
        rmSync(temp, { force: true });
        throw error;
      },
    ));
  return {
    stream,
    write: writer(stream, path, what),
    finish: finishOnce,
    commit: async () => {
      try {
        await finishOnce();
        placeFile(temp, target, path, what);
      } catch (error) {
        rmSync(temp, { force: true });
        throw error;
      } finally {
        done = true;
      }
    },
    abort: () => {
      if (done) return;
      done = true;
      stream.destroy();
      rmSync(temp, { force: true });
    },
  };
}

function writer(stream: Writable, shown: string, what: Sentence): (chunk: string | Buffer) => Promise<void> {
  return async (chunk) => {
    try {
      await writeChunk(stream, chunk);
    } catch (error) {
      throw unwritable(shown, error, what);
    }
  };
}

/** Writes a whole text as an output file (openOutput). */
export async function writeOutput(path: string, text: string | Buffer, options: { ownerOnly: boolean; what?: Sentence }): Promise<void> {
  const file = openOutput(path, options);
  try {
    await file.write(text);
    await file.commit();
  } catch (error) {
    file.abort();
    throw error;
  }
}

/** A name beside `path`, hidden and unique to this process, for a file made before it is put in place. */
export function tempPathBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.kesu-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Puts a finished file in place, its content on the disk first; `shown` is the path as the user gave it. */
export function renameIntoPlace(temp: string, target: string, shown: string = target, what: Sentence = NO_NAME): void {
  flushToDisk(temp, shown, what);
  placeFile(temp, target, shown, what);
}

/** The file's content written to the disk, so that a power cut after the rename cannot leave it empty. */
function flushToDisk(file: string, shown: string, what: Sentence): void {
  try {
    const fd = openSync(file, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw unwritable(shown, error, what);
  }
}

function placeFile(temp: string, target: string, shown: string, what: Sentence): void {
  try {
    renameSync(temp, target);
  } catch (error) {
    throw unwritable(shown, error, what);
  }
}

/**
 * A name for a stream the process already has, not a file to replace: /dev/stdout, /dev/stderr,
 * /dev/fd/N, /proc/self/fd/N. Writing a file over what it points to would wipe a log the shell is
 * appending to (`kesu report --out /dev/stdout >> report.log`).
 */
function isStream(path: string): boolean {
  return /^\/dev\/(stdout|stderr|fd\/\d+)$|^\/proc\/(self|thread-self|\d+)\/fd\/\d+$/.test(resolve(path));
}

function openStream(file: string, flags: 'a' | 'wx', mode: number, shown: string, what: Sentence): WriteStream {
  let fd: number | undefined;
  try {
    fd = openSync(file, flags, mode);
    const stream = createWriteStream(file, { fd });
    // A failed write is read from stream.errored where it matters (writeChunk, finish).
    stream.on('error', () => undefined);
    return stream;
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    throw unwritable(shown, error, what);
  }
}

async function finish(stream: WriteStream, shown: string, what: Sentence): Promise<void> {
  try {
    stream.end();
    await finished(stream);
  } catch (error) {
    throw unwritable(shown, error, what);
  }
}

/** Writes a chunk, waiting when the stream asks to (so that a big file is never all in memory). */
export async function writeChunk(stream: Writable, chunk: unknown): Promise<void> {
  if (stream.errored) throw stream.errored;
  if (stream.write(chunk)) return;
  // Whichever comes first, the other listener goes too (left behind, they pile up chunk after chunk).
  await new Promise<void>((resolve, reject) => {
    const drained = (): void => {
      stream.off('error', failed);
      resolve();
    };
    const failed = (error: Error): void => {
      stream.off('drain', drained);
      reject(error);
    };
    stream.once('drain', drained);
    stream.once('error', failed);
  });
}

/** The error for a file that cannot be written; `what` names it ("the rejects file "). */
export function unwritable(path: string, error: unknown, what: Sentence = NO_NAME): UserError {
  if (error instanceof UserError) return error;
  const reason = fileFailure(error);
  return new UserError('unwritable', {
    en: `Cannot write ${what.en}${path} (${reason.en}); check the folder exists and is writable, and that the disk has room.`,
    zh: `无法写入${what.zh}${path}（${reason.zh}）；请检查目录是否存在且可写，以及磁盘是否有空间。`,
  });
}
