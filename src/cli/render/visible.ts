// Stored text shown to a person: any character a terminal would act on (an escape sequence that
// recolours, retitles or clears it) or that reorders what is shown (a bidirectional override) is
// written as a visible escape (\x1b, \u202e) instead. Such characters are refused on input
// (workflow/text.ts); these are from before, or from outside kesu. JSON keeps the exact text.
import { UNSAFE_CHARACTERS } from '../../workflow/text.js';

/** The same characters, and line breaks and tabs, for text shown on one line (a table cell, a name, a message). */
const UNSAFE_ON_ONE_LINE = new RegExp(`${UNSAFE_CHARACTERS.source}|[\\t\\n\\r\\u2028\\u2029]`, 'gu');

const NAMED: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escaped(character: string): string {
  const named = NAMED[character];
  if (named !== undefined) return named;
  const code = character.codePointAt(0)!;
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** The text with every such character escaped; line breaks kept unless `oneLine`. */
export function visible(text: string, { oneLine = false }: { oneLine?: boolean } = {}): string {
  const pattern = oneLine ? UNSAFE_ON_ONE_LINE : UNSAFE_CHARACTERS;
  pattern.lastIndex = 0;
  if (!pattern.test(text)) return text;
  return text.replace(pattern, escaped);
}
