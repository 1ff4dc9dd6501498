import type { Sentence } from '../workflow/errors.js';

/** A problem with the database file itself (not a refusal of the procedure), in one sentence in each language. */
export class StoreError extends Error {
  constructor(
    readonly code: 'unreadable' | 'unwritable' | 'too-new',
    readonly sentence: Sentence,
    /** The failure underneath, when there is one (a full disk, a file SQLite refused). */
    override readonly cause?: unknown,
  ) {
    super(sentence.en);
    this.name = 'StoreError';
  }
}

/**
 * SQLite's failures that are about the file, not about kesu, as one sentence naming the database:
 * a full disk or a read-only file (unwritable), a damaged file (unreadable, naming kesu check and
 * the backup), a file that is not a database; null for any other error.
 */
export function asStoreError(error: unknown, path: string): StoreError | null {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  const why = (error as Error).message;
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR')) {
    return new StoreError('unwritable', {
      en: `Cannot write the database ${path} (${why}); nothing was changed, so free disk space (or check the disk) and run the command again.`,
      zh: `无法写入数据库 ${path}（${why}）；未做任何更改，请腾出磁盘空间（或检查磁盘）后重新运行命令。`,
    });
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
    return new StoreError('unwritable', {
      en: `Cannot write the database ${path} (${why}); it is read-only here, so make the file and its folder writable, or use a copy that is.`,
      zh: `无法写入数据库 ${path}（${why}）；该文件在此处只读，请让文件及其所在文件夹可写，或使用可写的副本。`,
    });
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new StoreError(
      'unreadable',
      {
        en: `The database ${path} is damaged (${why}); run kesu check to see what is wrong, and restore your last backup (see kesu backup) if it cannot be repaired.`,
        zh: `数据库 ${path} 已损坏（${why}）；请运行 kesu check 查看问题，若无法修复，请恢复最近的备份（见 kesu backup）。`,
      },
      // Kept, so that kesu check can tell a file it cannot read at all from its other failures.
      error,
    );
  }
  return null;
}

/** Why a file could not be made or written, by the error's code, as a person reads it. */
const FILE_FAILURES: Readonly<Record<string, Sentence>> = {
  ENOSPC: { en: 'the disk is full', zh: '磁盘已满' },
  SQLITE_FULL: { en: 'the disk is full', zh: '磁盘已满' },
  EFBIG: { en: 'the file is larger than allowed', zh: '文件超过允许的大小' },
  EDQUOT: { en: 'the disk quota is used up', zh: '磁盘配额已用完' },
  EACCES: { en: 'permission denied', zh: '没有权限' },
  EPERM: { en: 'permission denied', zh: '没有权限' },
  EROFS: { en: 'a read-only file system', zh: '只读文件系统' },
  EISDIR: { en: 'it is a folder', zh: '这是一个文件夹' },
  ENOENT: { en: 'the folder does not exist', zh: '文件夹不存在' },
  ENOTDIR: { en: 'a part of the path is not a folder', zh: '路径中有一部分不是文件夹' },
  ELOOP: { en: 'the symbolic links loop', zh: '符号链接形成了循环' },
  ENAMETOOLONG: { en: 'the name is too long', zh: '名称过长' },
};

/** The reason a file operation failed, in words where the code is known, else the code (or the message). */
export function fileFailure(error: unknown): Sentence {
  const code = (error as NodeJS.ErrnoException)?.code ?? '';
  const known = FILE_FAILURES[code];
  if (known) return known;
  const shown = code || ((error as Error)?.message ?? String(error));
  return { en: shown, zh: shown };
}
