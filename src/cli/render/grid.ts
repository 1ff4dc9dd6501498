// kesu's tables (list, due, config, the report), drawn directly rather than by cli-table3, which
// merges its options for every cell: too slow for a list of hundreds of complaints (README,
// Performance).
import { cutToWidth, displayWidth } from './width.js';

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

/** A cell of a fitted table: words that are never broken (a date, a time, a label), and the style of its lines. */
export interface Cell {
  readonly atoms: readonly string[];
  /** How many of the first atoms are never cut (a date and its time); the rest are, on a line too narrow for them. Default: all. */
  readonly whole?: number;
  readonly style?: (text: string) => string;
  /**
   * The cell drawn in at most `width` columns, styled, in a `cut` column: for a cell whose end is
   * not what to keep (a search's match). Without it the text is cut at its end with "…", then styled.
   */
  readonly cut?: (width: number) => string;
}

/** A column of a table fitted to a terminal, and how it gives way when the terminal is narrow. */
export interface FittedColumn {
  readonly head: string;
  readonly cells: readonly Cell[];
  /**
   * `keep`: never narrower than its widest cell; `cut`: cut with "…" down to `least` columns (its
   * head's width at the least); `wrap`: on one line while it can be, else broken between its atoms.
   */
  readonly fit: 'keep' | 'cut' | 'wrap';
  readonly least?: number;
  /** Left out, lowest first, while the table is too wide for the terminal; never when absent. */
  readonly dropOrder?: number;
  /** Takes the columns left once the others are as wide as they need. */
  readonly fill?: boolean;
}

/**
 * A table of fitted columns: on a terminal (`width` not null), fitted to its width (fitGrid);
 * elsewhere every column whole, as scripts have read it.
 */
export function renderTable(columns: readonly FittedColumn[], width: number | null | undefined): string {
  if (width != null) return fitGrid(columns, width);
  const styled = (cell: Cell): string => (cell.style ? cell.style(cellText(cell)) : cellText(cell));
  return renderGrid(
    columns.map((column) => column.head),
    (columns[0]?.cells ?? []).map((_, row) => columns.map((column) => styled(column.cells[row]!))),
  );
}

/** How wide a cut column grows before the filling column has its share. */
const CUT_SHARE = 16;
const chrome = (columns: number): number => 3 * columns + 1;
const withinLine = (width: number) => (line: string): string => cutToWidth(line, width);
const cellText = (cell: Cell): string => cell.atoms.join(' ');

/**
 * A table no wider than `width` where it can be: columns cut or left out as their `fit` and
 * `dropOrder` say, every row on one line; if even the columns never left out are too wide on one
 * line, their cells are broken between atoms and the rows ruled apart, and an atom wider than its
 * column is cut unless it is one of the cell's `whole` ones (a date is never broken). Only a
 * terminal narrower than a date beside the id gets a wider table.
 */
function fitGrid(columns: readonly FittedColumn[], width: number): string {
  const natural = columns.map((column) => Math.max(displayWidth(column.head), ...column.cells.map((cell) => displayWidth(cellText(cell)))));
  const { shown, widths, wrapped } = chooseColumns(columns, natural, width);
  // What is left goes to the cells broken across lines, then to the cut columns up to a share each,
  // then to the filling one, then to the cut ones again.
  let spare = width - chrome(shown.length) - shown.reduce((sum, index) => sum + widths[index]!, 0);
  const grow = (index: number, upTo: number): void => {
    const added = Math.max(0, Math.min(spare, upTo - widths[index]!));
    widths[index]! += added;
    spare -= added;
  };
  if (wrapped) for (const index of shown) if (columns[index]!.fit === 'wrap') grow(index, natural[index]!);
  for (const index of shown) if (columns[index]!.fit === 'cut' && !columns[index]!.fill) grow(index, Math.min(natural[index]!, CUT_SHARE));
  for (const index of shown) if (columns[index]!.fill) grow(index, natural[index]!);
  for (const index of shown) grow(index, natural[index]!);
  return drawFitted(shown.map((index) => ({ column: columns[index]!, width: widths[index]! })), wrapped);
}

/**
 * The columns shown (indexes, in order) and the least width of each: every row on one line with
 * the columns least wanted left out, or, when that cannot fit, the cells broken across lines.
 */
function chooseColumns(columns: readonly FittedColumn[], natural: readonly number[], width: number): { shown: number[]; widths: number[]; wrapped: boolean } {
  const least = (wrapped: boolean) => (column: FittedColumn, index: number): number => {
    if (column.fit === 'cut') return Math.min(natural[index]!, Math.max(displayWidth(column.head), column.least ?? 1));
    if (column.fit === 'wrap' && wrapped) return Math.max(1, ...column.cells.flatMap((cell) => cell.atoms.slice(0, cell.whole).map(displayWidth)));
    return natural[index]!;
  };
  const shown = columns.map((_, index) => index);
  const fits = (widths: readonly number[]): boolean => chrome(shown.length) + shown.reduce((sum, index) => sum + widths[index]!, 0) <= width;
  const byDropOrder = (indexes: readonly number[]): number[] => indexes.filter((index) => columns[index]!.dropOrder !== undefined).sort((a, b) => columns[a]!.dropOrder! - columns[b]!.dropOrder!);
  const oneLine = columns.map(least(false));
  for (const index of byDropOrder(shown)) {
    if (fits(oneLine)) break;
    shown.splice(shown.indexOf(index), 1);
  }
  if (fits(oneLine)) return { shown, widths: oneLine, wrapped: false };
  // Rows on several lines leave room beside the cells broken across them: what was left out comes back where it fits, the most wanted first.
  const wrapped = columns.map(least(true));
  for (const index of byDropOrder(columns.map((_, i) => i).filter((i) => !shown.includes(i))).reverse()) {
    shown.push(index);
    if (!fits(wrapped)) shown.pop();
  }
  return { shown: shown.sort((a, b) => a - b), widths: wrapped, wrapped: true };
}

function drawFitted(shown: readonly { column: FittedColumn; width: number }[], ruled: boolean): string {
  const line = (left: string, join: string, right: string): string => `${left}${shown.map(({ width }) => '─'.repeat(width + 2)).join(join)}${right}`;
  const row = (cellsOf: (column: FittedColumn, width: number) => string[]): string[] => {
    const blocks = shown.map(({ column, width }) => cellsOf(column, width));
    const height = Math.max(...blocks.map((lines) => lines.length));
    return Array.from({ length: height }, (_, at) => `│${blocks.map((lines, column) => ` ${padTo(lines[at] ?? '', shown[column]!.width)} `).join('│')}│`);
  };
  const head = row((column, width) => [cutToWidth(column.head, width)]);
  const rows = shown[0]!.column.cells.map((_, index) =>
    row((column, width) => {
      const cell = column.cells[index]!;
      if (column.fit === 'cut' && cell.cut) return [cell.cut(width)];
      const lines = column.fit === 'cut' ? [cutToWidth(cellText(cell), width)] : column.fit === 'wrap' ? packAtoms(cell.atoms, width).map(withinLine(width)) : [cellText(cell)];
      return lines.map((text) => (cell.style && text !== '' ? cell.style(text) : text));
    }),
  );
  const between = ruled ? [line('├', '┼', '┤')] : [];
  return [line('┌', '┬', '┐'), ...head, line('├', '┼', '┤'), ...rows.flatMap((lines, index) => (index === 0 ? lines : [...between, ...lines])), line('└', '┴', '┘')].join('\n');
}

/** Text padded with spaces to `width` columns (colour codes take none). */
function padTo(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleWidth(text)));
}

/** Atoms on as few lines of `width` columns as they go, in order; an atom wider than a line has one to itself. */
function packAtoms(atoms: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const atom of atoms) {
    const joined = current === '' ? atom : `${current} ${atom}`;
    if (current !== '' && displayWidth(joined) > width) {
      lines.push(current);
      current = atom;
    } else current = joined;
  }
  return [...lines, current];
}
