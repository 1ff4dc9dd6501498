// Opening the database file: created owner-only, WAL so readers never wait for a writer, a busy
// timeout so that writers queue instead of failing, and the schema brought up to date.
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from './errors.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export type Db = Database.Database;

/** Long enough for a 100,000-row import in another process to finish before a writer gives up. */
export const BUSY_TIMEOUT_MS = 60_000;

export function openDatabase(path: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  if (path !== ':memory:') createOwnerOnly(path);
  let db: Db;
  try {
    db = new Database(path, { nativeBinding: nativeBinding() });
  } catch (error) {
    throw new StoreError('unreadable', `Cannot open the database ${path} (${(error as Error).message}); check the path given by --db or KESU_DB.`);
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, path, migrations);
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new StoreError('unreadable', `${path} is not a kesu database; give another file with --db.`);
    }
    throw error;
  }
  return db;
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
    const why = code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : code;
    throw new StoreError('unreadable', `Cannot open the database ${path} (${why}); give a file path with --db or KESU_DB.`);
  }
}

function migrate(db: Db, path: string, migrations: readonly Migration[]): void {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new StoreError(
      'too-new',
      `The database ${path} was written by a newer kesu (schema ${current}, this one knows ${latest}); upgrade kesu to use it.`,
    );
  }
  if (current === latest) return;
  db.transaction(() => {
    // Another process may have migrated while this one waited for the write lock.
    const now = db.pragma('user_version', { simple: true }) as number;
    for (const migration of migrations) {
      if (migration.version <= now) continue;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
}
