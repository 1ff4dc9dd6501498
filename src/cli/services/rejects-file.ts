// The rejects file of `kesu import --skip-invalid --rejects FILE`: the rows left out, as they were,
// with their problems in a column of their own, so that they can be fixed and imported again.
import { stringify } from 'csv-stringify/sync';
import type { Sentence } from '../../workflow/errors.js';
import { EXCEL_CSV, openOutput } from '../files.js';
import { asSpreadsheetText } from '../spreadsheet.js';
import { withStrayBytes } from '../stray-bytes.js';

/** The column kesu adds to a rejects file; ignored without a warning when that file is imported again. */
export const REJECTS_COLUMN: Sentence = { en: 'kesu error', zh: 'kesu 错误' };

export interface RejectsFile {
  /** Adds a row as it was, padded to the header's width, with its problems. */
  write(cells: readonly string[], problems: readonly string[]): Promise<void>;
  /** Writes the file to the end (beside its place); throws when it cannot be. */
  finish(): Promise<void>;
  /** Puts the finished file in place. */
  commit(): Promise<void>;
  /** Stops writing; the place of the file is left as it was. */
  abort(): void;
}

/** The rejects file: UTF-8 with a BOM (Excel), opened before anything is imported so that a bad path fails first. */
export function openRejects(path: string, header: readonly string[]): RejectsFile {
  const file = openOutput(path, { ownerOnly: true, what: { en: 'the rejects file ', zh: '拒绝文件 ' } });
  // Each row as it was: a byte that was part of no character goes back as that byte, so the row
  // is refused again for it until it is fixed, never imported with a U+FFFD in its place; a cell
  // that begins like a formula is written so that a spreadsheet shows it as text.
  const line = (cells: readonly string[], bom: boolean): Buffer => withStrayBytes(stringify([cells.map(asSpreadsheetText)], { ...EXCEL_CSV, bom }));
  const width = header.length - 1;
  const written = file.write(line(header, true));
  // Said when the rows are written or the file finished (an unhandled rejection meanwhile would end the process).
  written.catch(() => undefined);
  return {
    write: async (cells, problems) => {
      await written;
      await file.write(line(rejectedCells(cells, width, problems), false));
    },
    finish: async () => {
      await written;
      await file.finish();
    },
    commit: () => file.commit(),
    abort: () => file.abort(),
  };
}

/** The row as it was, padded to the header's width, with its problems in the last column. */
function rejectedCells(row: readonly string[], width: number, problems: readonly string[]): string[] {
  const cells = [...row];
  while (cells.length > width && cells.at(-1)!.trim() === '') cells.pop();
  while (cells.length < width) cells.push('');
  // The message goes under the error column even when the row has cells past the header (a comma not
  // in quotes); those follow it, so the row is refused again until the split cell is joined.
  return [...cells.slice(0, width), problems.join('; '), ...cells.slice(width)];
}
