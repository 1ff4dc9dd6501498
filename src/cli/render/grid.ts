// The boxed table of `list` and `due`, drawn directly: these are the commands a shop owner types
// all day, and cli-table3 merges its options for every cell (about 0.5 ms a row here), which on a
// few hundred open complaints cost more than starting Node. The report and config keep cli-table3.
import { displayWidth } from './i18n.js';

const ANSI = /\u001b\[[0-9;]*m/g;

const visibleWidth = (text: string): number => displayWidth(text.includes('\u001b') ? text.replace(ANSI, '') : text);

/**
 * A table with a header row ruled off from the rows (the rows themselves are not, so that a long
 * list stays compact), columns as wide as their widest cell, CJK counted as two columns.
 */
export function renderGrid(head: readonly string[], rows: readonly (readonly string[])[]): string {
  // Each cell measured once: the widths of the columns, then the padding of each cell.
  const measured = [head, ...rows].map((cells) => head.map((_, column) => visibleWidth(cells[column] ?? '')));
  const widths = head.map(() => 0);
  for (const cells of measured) cells.forEach((width, column) => (widths[column] = Math.max(widths[column]!, width)));
  const line = (left: string, join: string, right: string): string => `${left}${widths.map((w) => '─'.repeat(w + 2)).join(join)}${right}`;
  const row = (cells: readonly string[], index: number): string =>
    `│${head.map((_, column) => ` ${cells[column] ?? ''}${' '.repeat(widths[column]! - measured[index]![column]!)} `).join('│')}│`;
  return [line('┌', '┬', '┐'), row(head, 0), line('├', '┼', '┤'), ...rows.map((cells, i) => row(cells, i + 1)), line('└', '┴', '┘')].join('\n');
}
