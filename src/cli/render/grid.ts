// The boxed table of `list` and `due`, drawn directly: these are the commands a shop owner types
// all day, and cli-table3 merges its options for every cell (about 0.5 ms a row here), which on a
// few hundred open complaints cost more than starting Node. The report and config keep cli-table3.
import { displayWidth } from './i18n.js';

const ANSI = /\u001b\[[0-9;]*m/g;

const visibleWidth = (text: string): number => displayWidth(text.replace(ANSI, ''));

/**
 * A table with a header row ruled off from the rows (the rows themselves are not, so that a long
 * list stays compact), columns as wide as their widest cell, CJK counted as two columns.
 */
export function renderGrid(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((cell, column) => Math.max(visibleWidth(cell), ...rows.map((row) => visibleWidth(row[column] ?? ''))));
  const line = (left: string, join: string, right: string): string => `${left}${widths.map((w) => '─'.repeat(w + 2)).join(join)}${right}`;
  const row = (cells: readonly string[]): string =>
    `│${cells.map((cell, column) => ` ${cell}${' '.repeat(widths[column]! - visibleWidth(cell))} `).join('│')}│`;
  return [line('┌', '┬', '┐'), row(head), line('├', '┼', '┤'), ...rows.map(row), line('└', '┴', '┘')].join('\n');
}
