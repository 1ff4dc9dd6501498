// What `kesu search` looks in and how it compares: the texts of a complaint (as `apply` leaves it,
// so a later correction is searched under its new value, and its events' notes), folded as kesu
// compares names (identity.ts looseKey: without regard to case, width and every space), the phone
// by its digits. The store keeps each complaint's search text and finds complaints by it; here is
// only what the text is, what a query looks for, and where in a complaint a query matched.
import type { Complaint, NewEvent } from './complaint.js';
import { looseKey, phoneDigits } from './identity.js';

/** The fields search looks in (searchFields gives them in the order a match is shown). */
export type SearchField = 'description' | 'request' | 'note' | 'finding' | 'solution' | 'customer' | 'phone' | 'order' | 'ref';

interface FieldText {
  readonly field: SearchField;
  readonly text: string;
}

/**
 * What search looks in, in the order a match is shown: the complaint's texts as its events leave
 * them, and every event's note; each given to `visit` that is there (not null, not empty). The one
 * definition of it: the store's search text and the match shown are both made from it.
 */
function visitFields(complaint: Complaint, events: readonly NewEvent[], visit: (field: SearchField, text: string) => void): void {
  const { description, request, finding, solution, customer, order, ref } = complaint;
  const each = (field: SearchField, text: string | null): void => {
    if (text !== null && text !== '') visit(field, text);
  };
  each('description', description);
  each('request', request);
  for (const event of events) each('note', event.note);
  each('finding', finding);
  each('solution', solution);
  each('customer', customer.name);
  each('phone', customer.phone);
  each('order', order);
  each('ref', ref);
}

/** The fields search looks in (visitFields), in the order a match is shown. */
export function searchFields(complaint: Complaint, events: readonly NewEvent[]): FieldText[] {
  const fields: FieldText[] = [];
  visitFields(complaint, events, (field, text) => fields.push({ field, text }));
  return fields;
}

/**
 * The text the store searches for a complaint: its fields folded (the phone as its digits), one a
 * line. A query never holds a line break once folded, so no match spans two fields.
 */
export function searchText(complaint: Complaint, events: readonly NewEvent[]): string {
  let texts = '';
  let phone = '';
  visitFields(complaint, events, (field, text) => {
    if (field === 'phone') phone = phoneDigits(text);
    else texts = texts === '' ? text : `${texts}${FIELD_SEPARATOR}${text}`;
  });
  // Folded in one go, as looseKey folds each (it runs for every form of an import): the separator
  // is no space, so it stays, and no character composes with it.
  const folded = looseKey(texts).replace(FIELD_SEPARATORS, '\n');
  return phone === '' ? folded : `${folded}\n${phone}`;
}

const FIELD_SEPARATOR = '\u001f';
const FIELD_SEPARATORS = /\u001f/g;

/**
 * What a query looks for, each folded as the search text is: the query itself and, when it is typed
 * like a phone number (digits with + - ( ) . / and spaces), its digits, so that 138-0013-8000 finds
 * the phone 138 0013 8000. Empty when the query is nothing but spaces.
 */
export function searchTerms(query: string): string[] {
  const folded = looseKey(query);
  if (folded === '') return [];
  const digits = PHONE_LIKE.test(query.normalize('NFKC')) ? phoneDigits(query) : '';
  return digits !== '' && digits !== folded ? [folded, digits] : [folded];
}

const PHONE_LIKE = /^[\s+\-()./]*\d[\d\s+\-()./]*$/u;

/** Where a query matched: the field, its text as stored, and the matched part of it (UTF-16 offsets). */
export interface SearchMatch {
  readonly field: SearchField;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The first place, in the order of searchFields, where one of `terms` (searchTerms) stands in the
 * complaint, or null when none is found (the store found it; a text whose parts fold differently
 * apart than together, such as a letter and a combining mark NFKC composes, may hide where).
 */
export function findMatch(complaint: Complaint, events: readonly NewEvent[], terms: readonly string[]): SearchMatch | null {
  for (const { field, text } of searchFields(complaint, events)) {
    const folded = withOrigins(text, field === 'phone' ? phoneDigits : looseKey);
    for (const term of terms) {
      const at = folded.text.indexOf(term);
      if (at !== -1) return { field, text, start: folded.starts[at]!, end: folded.ends[at + term.length - 1]! };
    }
  }
  return null;
}

/** A folded text and, for each of its UTF-16 units, where the part of the original it came from starts and ends. */
interface Folded {
  readonly text: string;
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

/** A character with the combining marks after it: the unit folded on its own (NFKC composes within it). */
const CHARACTER_WITH_MARKS = /\P{M}\p{M}*|\p{M}+/gu;

/**
 * The text folded by `fold` a character (with its marks) at a time, so that where each part of the
 * folded text came from is known: looseKey for a text, phoneDigits for a phone.
 */
function withOrigins(text: string, fold: (unit: string) => string): Folded {
  let folded = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (const { 0: unit, index } of text.matchAll(CHARACTER_WITH_MARKS)) {
    const part = fold(unit);
    folded += part;
    for (let i = 0; i < part.length; i++) {
      starts.push(index);
      ends.push(index + unit.length);
    }
  }
  return { text: folded, starts, ends };
}
