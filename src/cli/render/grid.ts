// kesu's tables (list, due, config, the report), drawn directly rather than by cli-table3, which
// merges its options for every cell: too slow for a list of hundreds of complaints (README,
// Performance).
import { displayWidth } from './width.js';

const ANSI = /\u001b\[[0-9;]*m/g;

const visibleWidth = (text: string): number => displayWidth(text.includes('\u001b') ? text.replace(ANSI, '') : text);

export interface GridOptions {
  /** Per column, for the rows (the header is aligned left); a column not named is aligned left. */
  readonly align?: readonly ('left' | 'right')[];
  /** Whether a rule separates the header from the rows (default true). */
  readonly headRule?: boolean;
}

/**
 * A table with a header row (ruled off from the rows unless `headRule` is false; the rows themselves
 * are not, so that a long list stays compact), columns as wide as their widest cell, CJK counted as
 * two columns.
 */
export function renderGrid(head: readonly string[], rows: readonly (readonly string[])[], { align = [], headRule = true }: GridOptions = {}): string {
  // Each cell measured once: the widths of the columns, then the padding of each cell.
  const measured = [head, ...rows].map((cells) => head.map((_, column) => visibleWidth(cells[column] ?? '')));
  const widths = head.map(() => 0);
  for (const cells of measured) cells.forEach((width, column) => (widths[column] = Math.max(widths[column]!, width)));
  const line = (left: string, join: string, right: string): string => `${left}${widths.map((w) => '─'.repeat(w + 2)).join(join)}${right}`;
  const cell = (text: string, index: number, column: number): string => {
    const padding = ' '.repeat(widths[column]! - measured[index]![column]!);
    return align[column] === 'right' && index > 0 ? ` ${padding}${text} ` : ` ${text}${padding} `;
  };
  const row = (cells: readonly string[], index: number): string => `│${head.map((_, column) => cell(cells[column] ?? '', index, column)).join('│')}│`;
  return [
    line('┌', '┬', '┐'),
    row(head, 0),
    ...(headRule ? [line('├', '┼', '┤')] : []),
    ...rows.map((cells, i) => row(cells, i + 1)),
    line('└', '┴', '┘'),
  ].join('\n');
}
