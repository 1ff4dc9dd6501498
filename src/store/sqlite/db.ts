// Opening the database file: only a kesu database (marked with its application id) is ever opened
// for writing; a new one is made beside its path and linked into place once it is whole; WAL so
// readers never wait for a writer; a busy timeout so that writers queue instead of failing; the
// schema brought up to date; and a file kesu may not write opened read-only for the commands that
// only read.
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, closeSync, constants, copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Sentence } from '../../workflow/errors.js';
import { fileFailure, asStoreError, StoreError } from '../errors.js';
import { DERIVED_VERSION } from '../bulk.js';
import { rebuildDerived } from './check.js';
import { KESU_APPLICATION_ID, MIGRATIONS, type Migration } from './migrations/index.js';
import { eventFromRow } from './rows.js';

export type Db = Database.Database;

/** Long enough for a 100,000-row import in another process to finish before a writer gives up. */
const BUSY_TIMEOUT_MS = 60_000;

/** Told before a database written by an older kesu is brought up to date (schema versions). */
export type UpgradeNotice = (from: number, to: number) => void;

/**
 * `create`: a missing (or empty) file becomes a new kesu database. `write`: the database must be
 * there. `read`: the database must be there; a file kesu may not write (read-only, on read-only
 * media) is opened read-only.
 */
export type OpenMode = 'create' | 'write' | 'read';

export interface OpenOptions {
  readonly mode?: OpenMode;
  /** The schema to bring the file to; a test gives the first few, to make a store as an older kesu did. */
  readonly migrations?: readonly Migration[];
  readonly onUpgrade?: UpgradeNotice;
}

/**
 * What derives from the events, versioned (bulk.ts DERIVED_VERSION): rebuilt from the events, in the
 * transaction that brings the schema up to date, whenever the version stored differs. Only for the
 * latest schema: an older one is what a test makes on purpose.
 */
const DERIVED = { version: DERIVED_VERSION, rebuild: (db: Db) => rebuildDerived(db, eventFromRow) };
/** Where the derived version is kept (the settings table: key and value). */
const DERIVED_KEY = 'derived-version';

export function openDatabase(path: string, { mode = 'create', migrations = MIGRATIONS, onUpgrade }: OpenOptions = {}): Db {
  const derive = migrations === MIGRATIONS ? DERIVED : null;
  if (path === ':memory:') return prepared(connect(path, false), path, { blank: true, readonly: false, migrations, derive, onUpgrade });
  const found = fileAt(path);
  if (found === 'missing' && mode === 'create') {
    makeNewDatabase(path, migrations, derive);
    return openDatabase(path, { mode: 'write', migrations, onUpgrade });
  }
  if (found === 'empty' && mode !== 'create') {
    throw new StoreError('unreadable', {
      en: `${path} is an empty file, not a kesu database; give the path of your kesu database with --db, or start one there with kesu open.`,
      zh: `${path} 是一个空文件，不是 kesu 数据库；请用 --db 给出 kesu 数据库的路径，或用 kesu open 在该处新建数据库。`,
    });
  }
  // An empty file becomes a database of customers' records: owner-only, as a new one is.
  if (found === 'empty' && statSync(path).uid === process.getuid?.()) chmodSync(path, 0o600);
  const readonly = mode === 'read' && !writable(path);
  try {
    return prepared(connect(path, readonly), path, { blank: false, readonly, migrations, derive, onUpgrade, mayStart: mode === 'create' });
  } catch (error) {
    if (!(error instanceof NoSharedMemory)) throw error;
    return privateCopy(path, { migrations, derive, onUpgrade });
  }
}

/** A read-only database in WAL mode in a folder kesu may not write, where SQLite cannot keep its -shm file. */
class NoSharedMemory extends Error {
  constructor(readonly path: string) {
    super(`no room for the shared-memory file of ${path}`);
  }
}

/**
 * A read-only database in a folder kesu may not write (read-only media, another user's folder),
 * read from a copy of it (and of its WAL) in a private temporary folder, removed when the database
 * is closed. The copy is of the file as it is then: nobody writes where kesu cannot.
 */
function privateCopy(path: string, { migrations, derive, onUpgrade }: { migrations: readonly Migration[]; derive: Derived | null; onUpgrade: UpgradeNotice | undefined }): Db {
  let folder: string;
  try {
    folder = mkdtempSync(join(tmpdir(), 'kesu-read-'));
  } catch {
    throw new StoreError('unreadable', {
      en: `Cannot read the database ${path}: it is read-only in a read-only folder, and there is no writable temporary folder to read a copy in; copy it somewhere writable, or read a copy made by kesu backup, which reads anywhere.`,
      zh: `无法读取数据库 ${path}：它位于只读文件夹中且本身只读，也没有可写的临时文件夹来读取副本；请把它复制到可写的位置，或读取 kesu backup 制作的副本（在任何位置都可读取）。`,
    });
  }
  const copy = join(folder, 'kesu.db');
  const remove = (): void => rmSync(folder, { recursive: true, force: true });
  try {
    copyFileSync(path, copy);
    chmodSync(copy, 0o600);
    if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
    const db = prepared(connect(copy, false), path, { blank: false, readonly: false, migrations, derive, onUpgrade, mayStart: false });
    const close = db.close.bind(db);
    // The copy goes with the connection.
    db.close = () => {
      close();
      remove();
      return db;
    };
    return db;
  } catch (error) {
    remove();
    throw error;
  }
}

/** A connection; a file that cannot be opened at all is one sentence. */
function connect(path: string, readonly: boolean): Db {
  try {
    return new Database(path, { nativeBinding: nativeBinding(), readonly, fileMustExist: path !== ':memory:' });
  } catch (error) {
    const why = (error as Error).message;
    throw new StoreError('unreadable', {
      en: `Cannot open the database ${path} (${why}); check the path given by --db or KESU_DB.`,
      zh: `无法打开数据库 ${path}（${why}）；请检查 --db 或 KESU_DB 给出的路径。`,
    });
  }
}

/**
 * Checks the file is a kesu database before anything is written to it (another program's SQLite
 * file is refused, never given kesu's tables), then sets the connection up and brings the schema
 * up to date. `mayStart`: a blank SQLite file (an empty one) may become a kesu database.
 */
function prepared(
  db: Db,
  path: string,
  options: { blank: boolean; readonly: boolean; migrations: readonly Migration[]; derive: Derived | null; onUpgrade: UpgradeNotice | undefined; mayStart?: boolean },
): Db {
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (!options.blank) checkKesuDatabase(db, path, options.mayStart ?? false);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    migrate(db, path, options, options.readonly);
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    const code = (error as { code?: string }).code;
    // A file whose first page is not a database's, when kesu first reads it.
    if (code === 'SQLITE_NOTADB') throw notKesu(path);
    // A database in WAL mode can be read only where SQLite may keep its -shm file beside it.
    if (options.readonly && (code === 'SQLITE_CANTOPEN' || code?.startsWith('SQLITE_READONLY'))) throw new NoSharedMemory(path);
    throw asStoreError(error, path) ?? error;
  }
  return db;
}

/** Whether the file is kesu's: marked with kesu's application id, or written by a kesu from before the mark (schemas 1 and 2). */
function checkKesuDatabase(db: Db, path: string, mayStart: boolean): void {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  if (applicationId === KESU_APPLICATION_ID) return;
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = new Set(db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all());
  if (applicationId === 0 && version >= 1 && version <= 2 && ['complaints', 'events', 'settings'].every((table) => tables.has(table))) return;
  if (applicationId === 0 && version === 0 && tables.size === 0 && mayStart) return;
  throw notKesu(path);
}

function notKesu(path: string): StoreError {
  if (markedAsKesu(path)) {
    // kesu's mark is there, so the file is a kesu database whose header is damaged.
    return new StoreError('unreadable', {
      en: `The database ${path} is damaged (its header cannot be read); run kesu check to see what is wrong, and restore your last backup (see kesu backup) if it cannot be repaired.`,
      zh: `数据库 ${path} 已损坏（其文件头无法读取）；请运行 kesu check 查看问题，若无法修复，请恢复最近的备份（见 kesu backup）。`,
    });
  }
  return new StoreError('unreadable', {
    en: `${path} is not a kesu database; give another file with --db.`,
    zh: `${path} 不是 kesu 数据库；请用 --db 指定另一个文件。`,
  });
}

/** Whether the file carries kesu's application id where SQLite keeps it (offset 68 of the header, big-endian). */
function markedAsKesu(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const header = Buffer.alloc(72);
    return readSync(fd, header, 0, 72, 0) === 72 && header.readUInt32BE(68) === KESU_APPLICATION_ID;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** What is at the path: nothing, an empty file, or something to open (a folder is refused here). */
function fileAt(path: string): 'missing' | 'empty' | 'file' {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) return 'missing';
  if (stat.isDirectory()) {
    throw new StoreError('unreadable', {
      en: `Cannot open the database ${path} (it is a folder); give a file path with --db or KESU_DB.`,
      zh: `无法打开数据库 ${path}（这是一个文件夹）；请用 --db 或 KESU_DB 给出一个文件路径。`,
    });
  }
  // A device (/dev/null) or a pipe: SQLite would take it for an empty database and kesu would make it
  // owner-only and write a journal beside it.
  if (!stat.isFile()) {
    throw new StoreError('unreadable', {
      en: `Cannot open the database ${path} (it is a device or a pipe, not a file); give a file path with --db or KESU_DB.`,
      zh: `无法打开数据库 ${path}（这是设备或管道，不是文件）；请用 --db 或 KESU_DB 给出一个文件路径。`,
    });
  }
  return stat.size === 0 ? 'empty' : 'file';
}

/** Whether kesu may write the file (false for a read-only file, or one on read-only media). */
function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes a new database at `path`: beside it first, linked into place once it is whole, so that a
 * full disk or a read-only folder leaves no empty or half-made file behind. Another kesu that made
 * one there meanwhile wins: its database is used.
 */
function makeNewDatabase(path: string, migrations: readonly Migration[], derive: Derived | null): void {
  const made = newDatabasePath(path, 'new');
  createEmptyFile(made, path);
  try {
    const db = prepared(connect(made, false), path, { blank: true, readonly: false, migrations, derive, onUpgrade: undefined });
    try {
      // Every page in the file itself, so that the file alone is the database.
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    if (existsSync(`${made}-wal`)) throw new Error('its last pages were not written');
    linkSync(made, path);
  } catch (error) {
    removeDatabase(made);
    // Another kesu made the database meanwhile: it is as good as this one.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw cannotCreate(path, error);
  }
  removeDatabase(made);
}

/**
 * An empty file at `file`, owner-only (0600) from its first byte, in a folder made owner-only if it
 * is missing: where the database for `path` is made.
 */
export function createEmptyFile(file: string, path: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    closeSync(openSync(file, 'wx', 0o600));
  } catch (error) {
    throw cannotCreate(path, whyNotMade(dirname(file), error));
  }
}

/**
 * The real reason a folder could not be made: Node's recursive mkdir says ENOENT on a read-only
 * file system, where the nearest folder that exists says EROFS (or EACCES) when asked to be written.
 */
function whyNotMade(folder: string, error: unknown): unknown {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return error;
  for (let at = folder; ; at = dirname(at)) {
    if (existsSync(at)) {
      try {
        accessSync(at, constants.W_OK);
        return error;
      } catch (denied) {
        return denied;
      }
    }
    if (dirname(at) === at) return error;
  }
}

/** Why a new database could not be made, from the error of the step that failed. */
function cannotCreate(path: string, error: unknown): StoreError {
  const failure = error instanceof StoreError && error.cause !== undefined ? error.cause : error;
  const why = fileFailure(failure);
  return new StoreError('unwritable', {
    en: `Cannot create the database ${path} (${why.en}); give a writable place with --db or KESU_DB.`,
    zh: `无法创建数据库 ${path}（${why.zh}）；请用 --db 或 KESU_DB 给出一个可写的位置。`,
  });
}

/**
 * Where a database for `path` is made before it is put in place (databaseInPlace): beside it, on the
 * same file system, under a name no other process picks (a process id alone repeats in containers).
 */
export function newDatabasePath(path: string, purpose: 'new' | 'importing' = 'importing'): string {
  return `${path}.${purpose}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Removes a closed database file, and the -wal and -shm files SQLite leaves when it is not closed cleanly. */
export function removeDatabase(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) rmSync(file, { force: true });
}

/** The sentence of a new database that could not be written to the end (a full disk, say): the import is not done. */
function unfinished(path: string, why: Sentence): Sentence {
  return {
    en: `The new database ${path} could not be finished (${why.en}); nothing was imported, so free disk space and import again.`,
    zh: `新数据库 ${path} 未能写完（${why.zh}）；未导入任何内容，请腾出磁盘空间后重新导入。`,
  };
}

/** The errors of a file system that has no hard links (FAT, some network shares). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/**
 * Closes `db`, a database made at `made` (newDatabasePath) whose import has committed, and puts it
 * in place at `path` (databaseInPlace).
 */
export function closeIntoPlace(db: Db, made: string, path: string): void {
  try {
    // Every page moved from the WAL into the file, so that the file alone is the database (a
    // checkpoint that fails, on a full disk say, throws here; closing would not say).
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (error) {
    db.close();
    removeDatabase(made);
    const why = (error as Error).message;
    throw new StoreError('unwritable', unfinished(path, { en: why, zh: why }));
  }
  db.close();
  databaseInPlace(made, path);
}

/**
 * Puts a database made and closed at `made` in place at `path`, never over a database another kesu
 * has made there meanwhile (a hard link fails on a name taken; renaming would write over it). On
 * any failure `made` is removed and nothing is at `path` that was not there before.
 */
export function databaseInPlace(made: string, path: string): void {
  const fail = (sentence: Sentence): never => {
    removeDatabase(made);
    throw new StoreError('unwritable', sentence);
  };
  // Closed cleanly, the file alone is the database; a WAL left beside it holds pages it lacks.
  if (existsSync(`${made}-wal`)) fail(unfinished(path, { en: 'its last pages were not written', zh: '最后的数据页没有写入' }));
  try {
    linkSync(made, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const taken = code === 'EEXIST' || lstatSync(path, { throwIfNoEntry: false }) !== undefined;
    if (NO_HARD_LINKS.has(code) && !taken) {
      renameSync(made, path);
      return;
    }
    if (taken) {
      fail({
        en: `A database was made at ${path} while this import ran, so nothing was imported; import again to add the forms to it.`,
        zh: `导入期间 ${path} 处新建了数据库，因此未导入任何内容；请重新导入，把表单加入该数据库。`,
      });
    }
    const why = code || (error as Error).message;
    fail({
      en: `Cannot put the new database in place at ${path} (${why}); nothing was imported, so check the folder and import again.`,
      zh: `无法把新数据库放到 ${path}（${why}）；未导入任何内容，请检查该文件夹后重新导入。`,
    });
  }
  rmSync(made);
}

/**
 * The compiled addon of better-sqlite3, given to it directly: otherwise it asks the `bindings`
 * package, which loads and searches a dozen places on every start of kesu. Undefined (let it search)
 * when the addon is not where an ordinary install puts it.
 */
export function nativeBinding(): string | undefined {
  try {
    const addon = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
    return existsSync(addon) ? addon : undefined;
  } catch {
    return undefined;
  }
}

type Derived = typeof DERIVED;

/** The derived version a store holds, or null before it holds one (a new file, or a store from before versions). */
function derivedVersion(db: Db): number | null {
  const table = db.prepare<[], number>("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'settings'").pluck().get();
  if (!table) return null;
  const value = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck().get(DERIVED_KEY);
  return value === undefined ? null : Number(value);
}

/**
 * Brings the schema up to date, and what derives from the events to its version, in one transaction
 * that keeps every record: stopped or failed, the file is as it was.
 */
function migrate(db: Db, path: string, { migrations, derive, onUpgrade }: { migrations: readonly Migration[]; derive: Derived | null; onUpgrade: UpgradeNotice | undefined }, readonly: boolean): void {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new StoreError('too-new', {
      en: `The database ${path} was written by a newer kesu (schema ${current}, this one knows ${latest}); upgrade kesu to use it.`,
      zh: `数据库 ${path} 由更新版本的 kesu 写入（结构版本 ${current}，本版本只认识 ${latest}）；请升级 kesu 后再使用。`,
    });
  }
  if (current === latest && (derive === null || derivedVersion(db) === derive.version)) return;
  if (readonly) {
    throw new StoreError('unwritable', {
      en: `The database ${path} was written by an older kesu and must be brought up to date, but kesu may not write it here; make it writable, or use a writable copy, and run the command again.`,
      zh: `数据库 ${path} 由旧版 kesu 写入，需要先更新，但 kesu 无法在此处写入它；请让它可写，或使用可写的副本，然后重新运行命令。`,
    });
  }
  try {
    db.transaction(() => {
      // Another process may have migrated while this one waited for the write lock.
      const now = db.pragma('user_version', { simple: true }) as number;
      const rebuild = derive !== null && (now === 0 || derivedVersion(db) !== derive.version);
      // A new file is set up at once; an older store's records are rewritten, which takes minutes for
      // millions of complaints, so whoever waits is told why.
      if (now > 0 && (now < latest || rebuild)) onUpgrade?.(now, latest);
      for (const migration of migrations) {
        if (migration.version <= now) continue;
        db.exec(migration.sql);
        db.pragma(`user_version = ${migration.version}`);
      }
      if (rebuild) {
        if (now > 0) derive.rebuild(db);
        db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(DERIVED_KEY, String(derive.version));
      }
    }).immediate();
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    // Busy and not-a-database have their own sentences (program.ts, asStoreError).
    if (!code.startsWith('SQLITE_') || code === 'SQLITE_BUSY' || code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw error;
    // The transaction was rolled back: the file holds what it held before.
    throw new StoreError(
      'unwritable',
      {
        en: `Cannot bring the database ${path} up to date (${(error as Error).message}); it is left as it was, so free disk space or fix the file and run the command again.`,
        zh: `无法更新数据库 ${path}（${(error as Error).message}）；数据库保持原样，请腾出磁盘空间或修复该文件后重新运行命令。`,
      },
      error,
    );
  }
}
