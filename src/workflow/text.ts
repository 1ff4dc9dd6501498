// What typed text may hold: plain text, without characters a terminal acts on (escape sequences
// that recolour, retitle or clear it) or that reorder what is shown (bidirectional overrides), and
// of a length a timeline can show. The rule for every field, whatever the way in (a command, an
// import row, a setting); the shell shows any such character already stored as a visible escape.

/** Longest free text kept, in characters (code points), so one pasted document does not swamp the timeline. */
export const MAX_TEXT = 4000;

/**
 * C0 controls but tab and line feed, DEL, C1 controls, the bidirectional embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069) and the invisible direction marks (U+061C, U+200E,
 * U+200F). Tab and line feed are refused on one-line fields by `textProblem` itself.
 */
export const UNSAFE_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const UNSAFE = new RegExp(UNSAFE_CHARACTERS.source, 'u');
const LINE_BREAKS = /[\n\u2028\u2029]/;

/**
 * Nothing a person can see: spaces, and the characters a terminal draws as nothing (zero-width
 * spaces and joiners, the soft hyphen, Hangul fillers: Unicode's default-ignorable code points)
 * or as a blank (the blank Braille pattern). A value of these alone is an empty one.
 */
const INVISIBLE_ONLY = /^[\s\p{Default_Ignorable_Code_Point}\u2800]*$/u;

/** Whether a text shows nothing at all (INVISIBLE_ONLY). */
export function isBlank(text: string): boolean {
  return INVISIBLE_ONLY.test(text);
}

/** Characters in a text, as people count them: code points (an emoji is one, not two UTF-16 units). */
export function characterCount(text: string): number {
  let count = text.length;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code >= 0xd800 && code <= 0xdbff && at + 1 < text.length) {
      const next = text.charCodeAt(at + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        at++;
      }
    }
  }
  return count;
}

/** "U+001B": how a character is named in a message. */
export function codePointName(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Line breaks as one line feed each: what kesu keeps of CRLF and lone CR. */
export function withLineFeeds(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

export type TextProblem =
  | { readonly kind: 'unsafe'; readonly character: string }
  | { readonly kind: 'line-break' }
  | { readonly kind: 'tab' }
  | { readonly kind: 'too-long'; readonly length: number };

/** What is wrong with a text (line breaks already made line feeds), or null when it may be kept. `oneLine`: a name, a number. */
export function textProblem(text: string, { oneLine }: { oneLine: boolean }): TextProblem | null {
  const unsafe = UNSAFE.exec(text);
  if (unsafe) return { kind: 'unsafe', character: unsafe[0] };
  if (oneLine && LINE_BREAKS.test(text)) return { kind: 'line-break' };
  if (oneLine && text.includes('\t')) return { kind: 'tab' };
  if (text.length > MAX_TEXT) {
    const length = characterCount(text);
    if (length > MAX_TEXT) return { kind: 'too-long', length };
  }
  return null;
}

/** The most of a typed value a message quotes back. */
const QUOTED_CHARACTERS = 60;

/** A typed value as a message quotes it: whole when short, else its start and an ellipsis (a pasted page is not echoed back). */
export function quoted(text: string): string {
  if (text.length <= QUOTED_CHARACTERS) return text;
  return `${[...text].slice(0, QUOTED_CHARACTERS).join('')}…`;
}
