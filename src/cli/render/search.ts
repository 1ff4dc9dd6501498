// What `search` shows: each complaint found, newest first, with the part of it that matched, that part
// highlighted on a terminal.
import type { Complaint } from '../../workflow/complaint.js';
import type { SearchField, SearchMatch } from '../../workflow/search.js';
import { labelOf, STATUS } from '../../workflow/vocab.js';
import type { RenderContext } from './complaint.js';
import { renderGrid } from './grid.js';
import { formatTime, t, type TextKey } from './i18n.js';
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

export function renderSearch(results: readonly { complaint: Complaint; match: SearchMatch | null }[], context: RenderContext): string {
  const { lang, now, style } = context;
  if (results.length === 0) return `${t('nothingOpen', lang)}\n`;
  const year = now.slice(0, 4);
  const head = (['id', 'status', 'received', 'customer', 'foundIn'] as const).map((key) => t(key, lang));
  const rows = results.map(({ complaint, match }) => {
    // A match the store found but kesu cannot place (see findMatch) is shown as the description's start.
    const shown = snippetOf(match ?? { field: 'description', text: complaint.description, start: 0, end: 0 });
    const line = (part: string): string => visible(part, { oneLine: true });
    const found = `${t(FIELD_NAMES[shown.field], lang)}${lang === 'zh' ? '：' : ': '}${line(shown.before)}${style.match(line(shown.text))}${line(shown.after)}`;
    return [String(complaint.id), labelOf(STATUS, complaint.status, lang), formatTime(complaint.receivedAt, lang, year), line(complaint.customer.name), found];
  });
  return `${renderGrid(head, rows)}\n`;
}
