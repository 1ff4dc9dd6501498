// How many columns text takes in a terminal, and text cut to a number of columns.
//
// By code point, with get-east-asian-width's Unicode tables: string-width, which segments graphemes,
// took 24 to 30 ms for the cells of a 500-row list where this takes under 1 (README, Performance).
// The few sequences that draw several code points as one emoji are followed by hand: a ZWJ joining
// pictographs, a skin tone, the emoji variation selector, a flag's two regional indicators.
import { eastAsianWidth } from 'get-east-asian-width';

const ZWJ = 0x200d;
const EMOJI_PRESENTATION = 0xfe0f;

/** Marks, drawn over the character before them, and characters never drawn (zero-width space, soft hyphen, variation selectors). */
const ZERO_WIDTH = /^[\p{M}\p{Default_Ignorable_Code_Point}]$/u;
const EMOJI = /^\p{Emoji}$/u;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;

const isEmoji = (code: number): boolean => EMOJI.test(String.fromCodePoint(code));
const isPictographic = (code: number): boolean => PICTOGRAPHIC.test(String.fromCodePoint(code));
const isSkinTone = (code: number): boolean => code >= 0x1f3fb && code <= 0x1f3ff;
const isRegionalIndicator = (code: number): boolean => code >= 0x1f1e6 && code <= 0x1f1ff;

/**
 * The columns `text` takes, and where to cut it to take at most `limit`: the index of the first
 * character drawn (with everything drawn over it) that goes past the limit, or the text's length.
 */
function measure(text: string, limit: number): { width: number; cut: number } {
  let width = 0;
  let cut = text.length;
  /** The character being drawn: where it starts, its first code point and the columns given to it. */
  let start = 0;
  let base = 0;
  let baseWidth = 0;
  /** A ZWJ after a pictograph: the next pictograph is drawn as part of it. */
  let joining = false;
  /** A regional indicator waiting for the second of its flag. */
  let flagOpen = false;
  for (let at = 0; at < text.length; at++) {
    const code = text.codePointAt(at)!;
    const from = at;
    if (code > 0xffff) at++;
    let added: number;
    if (code < 0x7f) {
      added = 1;
      start = from;
      base = code;
      baseWidth = 1;
      joining = false;
      flagOpen = false;
    } else if (code === ZWJ) {
      added = 0;
      joining = baseWidth > 0 && isPictographic(base);
    } else if (joining && isPictographic(code)) {
      // One emoji drawn from several (👨‍👩‍👧): two columns in all.
      added = Math.max(0, 2 - baseWidth);
      baseWidth += added;
      joining = false;
    } else if (code === EMOJI_PRESENTATION) {
      // ❤️ and 1️⃣: a symbol drawn as an emoji takes two columns.
      added = baseWidth === 1 && isEmoji(base) ? 1 : 0;
      baseWidth += added;
    } else if (isSkinTone(code) && baseWidth > 0 && isEmoji(base)) {
      added = 0;
    } else if (flagOpen && isRegionalIndicator(code)) {
      added = 1;
      baseWidth = 2;
      flagOpen = false;
    } else {
      added = widthOf(code, text.slice(from, at + 1));
      joining = false;
      if (added > 0) {
        start = from;
        base = code;
        baseWidth = added;
        flagOpen = isRegionalIndicator(code);
      }
    }
    width += added;
    if (width > limit && cut === text.length) cut = start;
  }
  return { width, cut };
}

function widthOf(code: number, char: string): number {
  // The common CJK ideographs, most of a Chinese complaint, need no lookup.
  if (code >= 0x4e00 && code <= 0x9fff) return 2;
  return ZERO_WIDTH.test(char) ? 0 : eastAsianWidth(code);
}

/**
 * Columns a string takes in a terminal: wide and full-width characters (East Asian Width W or F,
 * emoji among them) take two, combining marks and zero-width characters none, an emoji sequence two.
 */
export function displayWidth(text: string): number {
  return measure(text, Number.POSITIVE_INFINITY).width;
}

export function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(1, width - displayWidth(text)));
}

/** The text in at most `width` columns: cut where a character starts, with "…" in the last column when cut. */
export function cutToWidth(text: string, width: number): string {
  if (width <= 0) return '';
  const { width: whole, cut } = measure(text, width - 1);
  if (whole <= width) return text;
  return `${text.slice(0, cut)}…`;
}

// By grapheme (Intl.Segmenter), which is slower than measure's walk but only ever given a few words
// (the text before a search's match).
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The text in at most `width` columns: its end, cut where a character starts, with "…" in the first column when cut. */
export function cutStartToWidth(text: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  const characters = Array.from(graphemes.segment(text), ({ segment }) => segment);
  let kept = characters.length;
  let used = 0;
  while (kept > 0 && used + displayWidth(characters[kept - 1]!) <= width - 1) used += displayWidth(characters[--kept]!);
  return `…${characters.slice(kept).join('')}`;
}

/**
 * A value under its label, the label padded to `width` columns; a value of several lines (a pasted
 * description) keeps its further lines under the first, not at column 0.
 */
export function labelledLines(label: string, width: number, value: string): string[] {
  const [first, ...rest] = value.split('\n');
  return [`${padDisplay(label, width)}${first}`, ...rest.map((line) => `${' '.repeat(width)}${line}`)];
}
