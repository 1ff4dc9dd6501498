// What `search` shows: each complaint found, newest first, with the part of it that matched, that part
// highlighted on a terminal.
import type { Complaint } from '../../workflow/complaint.js';
import type { SearchField, SearchMatch } from '../../workflow/search.js';
import { listColumn, type RenderContext } from './complaint.js';
import { renderTable, type Cell } from './grid.js';
import { t, type TextKey } from './i18n.js';
import { visible } from './visible.js';
import { cutStartToWidth, cutToWidth, displayWidth } from './width.js';

/** Characters shown before and after what matched. */
const CONTEXT = 16;
/** The most of the matched text itself shown. */
const MATCHED = 40;

/** The part of a field around a match, on one line: what comes before (cut with … ), the match, what comes after. */
export interface Snippet {
  readonly field: SearchField;
  readonly before: string;
  readonly text: string;
  readonly after: string;
}

export function snippetOf({ field, text, start, end }: SearchMatch): Snippet {
  const oneLine = (part: string): string => part.replace(/\s+/g, ' ');
  const before = [...oneLine(text.slice(0, start)).trimStart()];
  const matched = [...oneLine(text.slice(start, end))];
  const after = [...oneLine(text.slice(end)).trimEnd()];
  return {
    field,
    before: before.length > CONTEXT ? `…${before.slice(-CONTEXT).join('')}` : before.join(''),
    text: matched.length > MATCHED ? `${matched.slice(0, MATCHED).join('')}…` : matched.join(''),
    after: after.length > CONTEXT ? `${after.slice(0, CONTEXT).join('')}…` : after.join(''),
  };
}

const FIELD_NAMES: Readonly<Record<SearchField, TextKey>> = {
  description: 'description',
  request: 'request',
  note: 'note',
  finding: 'finding',
  solution: 'solution',
  customer: 'customer',
  phone: 'phone',
  order: 'order',
  ref: 'ref',
};

/**
 * The complaints found as a table: on a terminal fitted to its width (the snippet cut, the columns
 * that matter least left out) with what matched highlighted; elsewhere every column whole.
 */
export function renderSearch(results: readonly { complaint: Complaint; match: SearchMatch | null }[], context: RenderContext): string {
  const { lang, width } = context;
  if (results.length === 0) return `${t('nothingOpen', lang)}\n`;
  const complaints = results.map(({ complaint }) => complaint);
  return `${renderTable(
    [
      // Without the list's mark of a major complaint: what matched is what a search is about.
      { head: t('id', lang), fit: 'keep', cells: complaints.map((complaint) => ({ atoms: [String(complaint.id)] })) },
      listColumn('status', complaints, context, 3),
      listColumn('received', complaints, context, 2),
      listColumn('customer', complaints, context, 1),
      { head: t('foundIn', lang), fit: 'cut', least: 16, fill: true, cells: results.map(({ complaint, match }) => foundCell(complaint, match, context)) },
    ],
    width,
  )}\n`;
}

/** A found cell's parts, in the order drawn: the field's name, the text before the match, the match, the text after it. */
interface FoundParts {
  readonly label: string;
  readonly before: string;
  readonly match: string;
  readonly after: string;
}

/**
 * "Description: …漏电了，差点触电": the field and the text around the match, the match highlighted.
 * Cut to a column narrower than it, the match stays whole and in sight (fitFound).
 */
function foundCell(complaint: Complaint, match: SearchMatch | null, { lang, style }: RenderContext): Cell {
  // A match the store found but kesu cannot place (see findMatch) is shown as the description's start.
  const shown = snippetOf(match ?? { field: 'description', text: complaint.description, start: 0, end: 0 });
  const line = (part: string): string => visible(part, { oneLine: true });
  const parts: FoundParts = {
    label: `${t(FIELD_NAMES[shown.field], lang)}${lang === 'zh' ? '：' : ': '}`,
    before: line(shown.before),
    match: line(shown.text),
    after: line(shown.after),
  };
  const whole = `${parts.label}${parts.before}${parts.match}${parts.after}`;
  // A match cut short (only in a cell narrower than it) is highlighted as far as it is shown, not its "…".
  const highlighted = (text: string): string => (text === parts.match ? style.match(text) : text.length > 1 ? `${style.match(text.slice(0, -1))}…` : text);
  const draw = ({ label, before, match: matched, after }: FoundParts): string => `${label}${before}${matched === '' ? '' : highlighted(matched)}${after}`;
  return { atoms: [whole], style: (text) => (text === whole ? draw(parts) : text), cut: (width) => draw(fitFound(parts, width)) };
}

/**
 * A found cell's parts in at most `width` columns, the match kept whole: the text before it cut from
 * its start (to a lone "…" at the least), then the text after it from its end, then the field's name
 * left out (the text around the match given room again); only a match wider than the cell is cut.
 */
function fitFound(parts: FoundParts, width: number): FoundParts {
  const { before, match, after } = parts;
  for (const label of [parts.label, '']) {
    const beforeRoom = width - displayWidth(label) - displayWidth(match) - displayWidth(after);
    if (beforeRoom >= displayWidth(before)) return { label, before, match, after };
    if (beforeRoom >= 1) return { label, before: cutStartToWidth(before, beforeRoom), match, after };
    const mark = before === '' ? '' : '…';
    const afterRoom = width - displayWidth(label) - displayWidth(mark) - displayWidth(match);
    if (afterRoom >= Math.min(1, displayWidth(after))) return { label, before: mark, match, after: cutToWidth(after, afterRoom) };
  }
  return { label: '', before: '', match: cutToWidth(match, width), after: '' };
}
