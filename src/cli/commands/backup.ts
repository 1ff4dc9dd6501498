// kesu backup FILE: a consistent copy of the database, made with SQLite's online backup API while
// other kesu processes go on writing (store/backup.ts), written beside FILE and renamed into place
// only when it is whole, so that a full disk or a kill leaves an earlier backup at FILE as it was.
import { closeSync, openSync, realpathSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Sentence } from '../../workflow/errors.js';
import type { CliContext } from '../context.js';
import { UserError } from '../errors.js';
import { checkOutputPath, renameIntoPlace, tempPathBeside, unwritable } from '../files.js';
import { backupJson, renderBackup, type BackupMade } from '../render/backup.js';
import { toJsonText } from '../render/json.js';

/** How the copy is named in a sentence about a file kesu cannot write. */
const WHAT: Sentence = { en: 'the backup ', zh: '备份文件 ' };

export async function backup(context: CliContext, file: string): Promise<string> {
  checkOutputPath(file, 'backup', { database: context.dbPath, replacesDatabase: true });
  const target = placeOf(file);
  // Read only: a database kesu may not write (on read-only media, say) can be backed up.
  const store = await context.store('read');
  const temp = tempPathBeside(target);
  try {
    // Owner-only from its first byte (it holds customers' phone numbers); SQLite keeps the mode.
    closeSync(openSync(temp, 'wx', 0o600));
  } catch (error) {
    throw unwritable(file, error, WHAT);
  }
  let made: BackupMade;
  try {
    const { complaints, damage } = await store.backup(temp);
    if (damage.length > 0) throw damaged(context.dbPath, file, damage);
    const bytes = statSync(temp).size;
    renameIntoPlace(temp, target, file, WHAT);
    made = { file: resolve(file), bytes, complaints, at: context.now };
  } catch (error) {
    // The store has removed a copy it could not finish; a finished one that could not be put in place goes here.
    rmSync(temp, { force: true });
    throw copyFailure(file, error);
  }
  return context.json ? toJsonText(backupJson(made)) : renderBackup(made, context.lang);
}

/**
 * The file the copy replaces: FILE, or the file a symbolic link there names. A folder or a device
 * (/dev/full, a pipe) is refused: a backup is a database file, put in place by renaming.
 */
function placeOf(file: string): string {
  let existing;
  try {
    existing = statSync(file, { throwIfNoEntry: false });
  } catch (error) {
    throw unwritable(file, error, WHAT);
  }
  if (existing === undefined) return file;
  if (existing.isDirectory()) throw unwritable(file, { code: 'EISDIR' }, WHAT);
  if (!existing.isFile()) {
    throw new UserError('unwritable', {
      en: `Cannot write the backup ${file} (it is a device or a pipe, not a file); give the path of a file, in a folder on the disk that keeps the backups.`,
      zh: `无法写入备份文件 ${file}（这是设备或管道，不是普通文件）；请给出一个文件路径，放在保存备份的磁盘上的文件夹里。`,
    });
  }
  return realpathSync(file);
}

/** The database's pages, as copied, are damaged: the copy does not take the place of an earlier backup. */
function damaged(path: string, file: string, damage: readonly string[]): UserError {
  const what = damage.slice(0, 3).join('; ');
  return new UserError('unreadable', {
    en: `The database ${path} is damaged (${what}), so its copy was not put at ${file}, and a backup there before is kept; run kesu check to see what is wrong.`,
    zh: `数据库 ${path} 已损坏（${what}），因此其副本没有放到 ${file}，该处原有的备份保持不变；请运行 kesu check 查看问题。`,
  });
}

/** A failure while the copy was made: the copy's own (a full disk) is said as the backup's; the database's as any command says it. */
function copyFailure(file: string, error: unknown): unknown {
  if (error instanceof UserError) return error;
  const code = (error as { code?: unknown }).code;
  // A damaged database names kesu check (store/errors.ts asStoreError); busy past the timeout is said as busy.
  if (typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_BUSY'))) return error;
  if (code === 'SQLITE_FULL') return unwritable(file, { code: 'ENOSPC' }, WHAT);
  // A file system's error (EACCES, ENOSPC) is worded by unwritable; SQLite's and others by their message ("disk I/O error").
  const systemError = typeof code === 'string' && /^E[A-Z]+$/.test(code);
  return unwritable(file, { code: systemError ? code : (error as Error).message }, WHAT);
}
