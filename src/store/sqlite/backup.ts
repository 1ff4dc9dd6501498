// kesu backup: a copy of the database made with SQLite's online backup API, of one consistent state
// whatever other kesu processes commit meanwhile, and made self-contained: one file in the rollback
// journal mode, readable without -wal and -shm files beside it (on read-only media, say).
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { damageLines } from './check.js';
import { nativeBinding, type Db } from './db.js';

export interface BackupCopy {
  /** Complaints the copy holds. */
  readonly complaints: number;
  /**
   * What SQLite's quick check found wrong with the copy (the database's pages as they are, so the
   * database is damaged too); empty when the copy is sound.
   */
  readonly damage: readonly string[];
}

/**
 * Pages copied per step after the first: all of them. The backup API copies a step in one read
 * transaction and starts again when another connection has written between steps, so a copy in
 * small steps might never finish while a busy shop writes; one step is one consistent state (in WAL
 * mode it holds no writer up).
 */
const ALL_PAGES = 0x7fffffff;
/** Lines of SQLite's quick check of a damaged copy: enough to say what is wrong. */
const DAMAGE_LINES = 10;

/**
 * Copies the database of `db` into `copy`, an empty file the caller has made (with the permissions
 * it wants, which SQLite keeps), and leaves it closed, whole and in journal mode DELETE. Throws
 * SQLite's error when the copy cannot be written (SQLITE_FULL, SQLITE_IOERR_*), or the database
 * read (SQLITE_CORRUPT); the caller removes the copy then.
 */
export async function backupDatabase(db: Db, copy: string): Promise<BackupCopy> {
  await db.backup(copy, { progress: () => ALL_PAGES });
  const made = new Database(copy, { nativeBinding: nativeBinding(), fileMustExist: true });
  let complaints: number;
  let damage: string[];
  try {
    // The copy says WAL, as the database does; DELETE moves every page into the file itself.
    const mode = made.pragma('journal_mode = DELETE', { simple: true });
    if (mode !== 'delete') throw new Error(`its journal mode stayed ${String(mode)}`);
    // A copy of a damaged database must not take the place of a sound backup made before.
    damage = damageLines(made.prepare<[], string>(`PRAGMA quick_check(${DAMAGE_LINES})`).pluck().all());
    complaints = damage.length > 0 ? 0 : made.prepare<[], number>('SELECT count(*) FROM complaints').pluck().get()!;
  } finally {
    made.close();
  }
  for (const companion of ['-wal', '-shm', '-journal']) {
    if (existsSync(`${copy}${companion}`)) throw new Error(`its ${companion} file was left beside it`);
  }
  return { complaints, damage };
}
