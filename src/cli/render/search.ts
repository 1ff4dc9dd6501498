// What `search` shows: each complaint found, newest first, with the part of it that matched, that part
// highlighted on a terminal.
import type { Complaint } from '../../workflow/complaint.js';
import type { SearchField, SearchMatch } from '../../workflow/search.js';
import { listColumn, type RenderContext } from './complaint.js';
import { renderTable, type Cell } from './grid.js';
import { t, type TextKey } from './i18n.js';
import { visible } from './visible.js';

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

/** "Description: …漏电了，差点触电": the field and the text around the match, the match highlighted (also in a cell cut short). */
function foundCell(complaint: Complaint, match: SearchMatch | null, { lang, style }: RenderContext): Cell {
  // A match the store found but kesu cannot place (see findMatch) is shown as the description's start.
  const shown = snippetOf(match ?? { field: 'description', text: complaint.description, start: 0, end: 0 });
  const line = (part: string): string => visible(part, { oneLine: true });
  const lead = `${t(FIELD_NAMES[shown.field], lang)}${lang === 'zh' ? '：' : ': '}${line(shown.before)}`;
  const matched = line(shown.text);
  const whole = `${lead}${matched}${line(shown.after)}`;
  // The cell as drawn is the whole text or its start with "…" after it (cutToWidth): the match is
  // highlighted as far as it is shown.
  const highlight = (text: string): string => {
    const shownLength = text === whole ? text.length : text.length - 1;
    const end = Math.min(lead.length + matched.length, shownLength);
    return end <= lead.length ? text : `${text.slice(0, lead.length)}${style.match(text.slice(lead.length, end))}${text.slice(end)}`;
  };
  return { atoms: [whole], style: highlight };
}
