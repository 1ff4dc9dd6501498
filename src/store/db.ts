// Opening the database file: created owner-only, WAL so readers never wait for a writer, a busy
// timeout so that writers queue instead of failing, and the schema brought up to date.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, linkSync, lstatSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Sentence } from '../workflow/errors.js';
import { StoreError } from './errors.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export type Db = Database.Database;

/** Long enough for a 100,000-row import in another process to finish before a writer gives up. */
export const BUSY_TIMEOUT_MS = 60_000;

/** Told before a database written by an older kesu is brought up to date (schema versions). */
export type UpgradeNotice = (from: number, to: number) => void;

export function openDatabase(path: string, migrations: readonly Migration[] = MIGRATIONS, onUpgrade?: UpgradeNotice): Db {
  if (path !== ':memory:') createOwnerOnly(path);
  let db: Db;
  try {
    db = new Database(path, { nativeBinding: nativeBinding() });
  } catch (error) {
    const why = (error as Error).message;
    throw new StoreError('unreadable', {
      en: `Cannot open the database ${path} (${why}); check the path given by --db or KESU_DB.`,
      zh: `无法打开数据库 ${path}（${why}）；请检查 --db 或 KESU_DB 给出的路径。`,
    });
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, path, migrations, onUpgrade);
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new StoreError('unreadable', {
        en: `${path} is not a kesu database; give another file with --db.`,
        zh: `${path} 不是 kesu 数据库；请用 --db 指定另一个文件。`,
      });
    }
    throw error;
  }
  return db;
}

/**
 * Where a database for `path` is made before it is put in place (databaseInPlace): beside it, on the
 * same file system, under a name no other process picks (a process id alone repeats in containers).
 */
export function newDatabasePath(path: string): string {
  return `${path}.importing-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Removes a closed database file, and the -wal and -shm files SQLite leaves when it is not closed cleanly. */
export function removeDatabase(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
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
function nativeBinding(): string | undefined {
  try {
    const addon = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
    return existsSync(addon) ? addon : undefined;
  } catch {
    return undefined;
  }
}

function createOwnerOnly(path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // Create the file ourselves so it is 0600 from its first byte; an existing file is left as it is.
    closeSync(openSync(path, 'a', 0o600));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const why = { en: code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : code, zh: code === 'EISDIR' ? '这是一个文件夹' : code === 'EACCES' ? '没有权限' : code };
    throw new StoreError('unreadable', {
      en: `Cannot open the database ${path} (${why.en}); give a file path with --db or KESU_DB.`,
      zh: `无法打开数据库 ${path}（${why.zh}）；请用 --db 或 KESU_DB 给出一个文件路径。`,
    });
  }
}

function migrate(db: Db, path: string, migrations: readonly Migration[], onUpgrade: UpgradeNotice | undefined): void {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new StoreError('too-new', {
      en: `The database ${path} was written by a newer kesu (schema ${current}, this one knows ${latest}); upgrade kesu to use it.`,
      zh: `数据库 ${path} 由更新版本的 kesu 写入（结构版本 ${current}，本版本只认识 ${latest}）；请升级 kesu 后再使用。`,
    });
  }
  if (current === latest) return;
  try {
    db.transaction(() => {
      // Another process may have migrated while this one waited for the write lock.
      const now = db.pragma('user_version', { simple: true }) as number;
      // A new file is set up at once; an older store's records are rewritten, which takes minutes for
      // millions of complaints, so whoever waits is told why.
      if (now > 0 && now < latest) onUpgrade?.(now, latest);
      for (const migration of migrations) {
        if (migration.version <= now) continue;
        db.exec(migration.sql);
        migration.fill?.(db);
        db.pragma(`user_version = ${migration.version}`);
      }
    }).immediate();
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    // Busy and not-a-database have their own sentences (program.ts, openDatabase).
    if (!code.startsWith('SQLITE_') || code === 'SQLITE_BUSY' || code === 'SQLITE_NOTADB') throw error;
    // The transaction was rolled back: the file holds what it held before.
    throw new StoreError('unwritable', {
      en: `Cannot bring the database ${path} up to date (${(error as Error).message}); it is left as it was, so free disk space or fix the file and run the command again.`,
      zh: `无法更新数据库 ${path}（${(error as Error).message}）；数据库保持原样，请腾出磁盘空间或修复该文件后重新运行命令。`,
    });
  }
}
