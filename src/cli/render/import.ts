// What `kesu import` says: each problem as `row N, column C: …`, the summary, and the --json shape.
import type { Sentence } from '../../workflow/errors.js';
import type { Lang } from '../../workflow/vocab.js';
import { displayWidth, padDisplay } from './width.js';

/** One problem of the file: a row's cell, or (column null) the row as a whole. */
export interface ImportProblem {
  readonly row: number;
  readonly column: string | null;
  readonly sentence: Sentence;
}

export interface ImportSummary {
  /** Data rows read (blank rows are not counted). */
  readonly read: number;
  readonly imported: number;
  readonly alreadyPresent: number;
  /** Each form already present: its row and the complaint it matched. */
  readonly alreadyPresentRows: readonly { readonly row: number; readonly id: number; readonly sameAsRow: number | null }[];
  readonly rejected: number;
  readonly errors: readonly ImportProblem[];
}

/** `row 3, column category: "变质" is not a category (…)` / `第 3 行，“投诉类别”列：…`. */
export function problemLine(problem: ImportProblem, lang: Lang): string {
  if (lang === 'zh') {
    const where = problem.column === null ? `第 ${problem.row} 行` : `第 ${problem.row} 行，“${problem.column}”列`;
    return `${where}：${problem.sentence.zh}`;
  }
  const where = problem.column === null ? `row ${problem.row}` : `row ${problem.row}, column ${problem.column}`;
  return `${where}: ${problem.sentence.en}`;
}

/**
 * The documented --json shape: `{ read, imported, alreadyPresent, alreadyPresentRows: [{ row, id, sameAsRow }],
 * rejected, errors: [{ row, column, message }] }`.
 */
export function importSummaryJson(summary: ImportSummary, lang: Lang) {
  return {
    read: summary.read,
    imported: summary.imported,
    alreadyPresent: summary.alreadyPresent,
    alreadyPresentRows: summary.alreadyPresentRows.map(({ row, id, sameAsRow }) => ({ row, id, sameAsRow })),
    rejected: summary.rejected,
    errors: summary.errors.map((problem) => ({ row: problem.row, column: problem.column, message: problem.sentence[lang] })),
  };
}

export type ImportOutcome = 'imported' | 'dry-run' | 'refused';

/** The four counts, aligned; a dry run says what would happen. */
export function renderImportSummary(summary: ImportSummary, outcome: ImportOutcome, lang: Lang): string {
  const dry = outcome === 'dry-run';
  const labels: [string, number][] =
    lang === 'zh'
      ? [
          ['读取', summary.read],
          [dry ? '将导入' : '已导入', summary.imported],
          ['已存在', summary.alreadyPresent],
          [dry ? '将拒绝' : '已拒绝', summary.rejected],
        ]
      : [
          ['read', summary.read],
          [dry ? 'would import' : 'imported', summary.imported],
          ['already present', summary.alreadyPresent],
          [dry ? 'would reject' : 'rejected', summary.rejected],
        ];
  const width = Math.max(...labels.map(([label]) => displayWidth(label)));
  const lines = labels.map(([label, count]) => `${padDisplay(label, width + 2)}${count}`);
  if (dry) lines.push(lang === 'zh' ? '试运行：数据库未作任何改动。' : 'Dry run: nothing was written to the database.');
  return `${lines.join('\n')}\n`;
}
