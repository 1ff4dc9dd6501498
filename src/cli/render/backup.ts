// What `kesu backup` says: where the copy is, its size and how many complaints it holds; and the --json shape.
import type { IsoTime } from '../../workflow/time.js';
import type { Lang } from '../../workflow/vocab.js';

export interface BackupMade {
  /** The copy's absolute path. */
  readonly file: string;
  readonly bytes: number;
  readonly complaints: number;
  /** When the copy was made. */
  readonly at: IsoTime;
}

/** A size as people read it: 812 bytes, 48 KB, 1.2 MB, 3.4 GB (1 KB = 1024 bytes). */
function sizeText(bytes: number): string {
  const units = ['KB', 'MB', 'GB', 'TB'];
  if (bytes < 1024) return `${bytes} bytes`;
  let size = bytes / 1024;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  return `${size < 10 ? size.toFixed(1) : Math.round(size)} ${units[unit]}`;
}

/** `Backed up 12 complaints to /srv/backup/kesu.db (48 KB).` */
export function renderBackup(made: BackupMade, lang: Lang): string {
  if (lang === 'zh') return `已将 ${made.complaints} 条投诉备份到 ${made.file}（${sizeText(made.bytes).replace(' bytes', ' 字节')}）。\n`;
  return `Backed up ${made.complaints} complaint${made.complaints === 1 ? '' : 's'} to ${made.file} (${sizeText(made.bytes)}).\n`;
}

/** The documented --json shape: `{ file, bytes, complaints, at }`. */
export function backupJson(made: BackupMade) {
  return { file: made.file, bytes: made.bytes, complaints: made.complaints, at: made.at };
}
