// CSV cells that a spreadsheet would run as a formula (=, +, -, @, a tab or a carriage return at the
// start: "=HYPERLINK(…)", "+cmd|…") are written with a leading ' so that it shows them as text; the
// import takes exactly that ' off again, so that a file kesu wrote imports back as it was.

/** A cell that begins like a formula, after any quotes kesu put before it. */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** The cell as a spreadsheet must show it: as text, never as a formula. */
export function asSpreadsheetText(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** The cell as it was before asSpreadsheetText (its exact inverse). */
export function fromSpreadsheetText(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
