// The width of text in a terminal, by code point, against string-width (a library that segments
// graphemes, too slow for kesu's tables but independent of them).
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { cutStartToWidth, cutToWidth, displayWidth } from '../../src/cli/render/width.js';
import { renderGrid } from '../../src/cli/render/grid.js';

/**
 * Characters as they come in complaints, one grapheme at a time: Latin (an accent sometimes added as
 * a combining mark), CJK and its punctuation, Hangul, full-width forms, astral ideographs, emoji.
 * Not control characters (stored text shows them escaped), nor sequences joined by ZWJ or variation
 * selectors, nor a mark with nothing before it, where string-width follows rules of its own.
 */
const base = fc
  .oneof(
    fc.integer({ min: 0x20, max: 0x7e }),
    fc.integer({ min: 0xa0, max: 0x2ff }),
    fc.integer({ min: 0x2010, max: 0x2027 }),
    fc.integer({ min: 0x3000, max: 0x303e }),
    fc.integer({ min: 0x4e00, max: 0x9fff }),
    fc.integer({ min: 0xac00, max: 0xd7a3 }),
    fc.integer({ min: 0xff01, max: 0xff60 }),
    fc.integer({ min: 0x20000, max: 0x2a6df }),
    fc.integer({ min: 0x1f600, max: 0x1f64f }),
  )
  .map((code) => String.fromCodePoint(code))
  // Not the marks among them, nor the symbols that are emoji only when asked (© ®): terminals show those one column wide, string-width two.
  .filter((char) => !/\p{M}/u.test(char) && (!/\p{Extended_Pictographic}/u.test(char) || /\p{Emoji_Presentation}/u.test(char)));
/**
 * Emoji drawn from several code points, each two columns in a terminal that draws them as one:
 * ZWJ sequences, skin tones, symbols asked to be emoji (U+FE0F), keycaps, flags, tag sequences.
 */
const EMOJI_SEQUENCES = [
  '👨‍👩‍👧', '👩🏽‍💻', '🧑‍🤝‍🧑', '👁‍🗨', '🏳️‍🌈', '🏳️‍⚧️', '👍🏽', '👋🏿', '❤️', '☺️', '⚠️', '©️', '1️⃣', '#️⃣', '🇨🇳', '🇺🇸', '🏴󠁧󠁢󠁥󠁮󠁧󠁿', '❤️‍🔥', '😶‍🌫️',
];
const plain = fc.tuple(base, fc.option(fc.integer({ min: 0x300, max: 0x36f }))).map(([char, mark]) => (mark === null ? char : char + String.fromCodePoint(mark)));
const grapheme = fc.oneof({ arbitrary: plain, weight: 5 }, { arbitrary: fc.constantFrom(...EMOJI_SEQUENCES), weight: 1 });

describe('displayWidth', () => {
  it.each([
    ['', 0],
    ['Wang Fang', 9],
    ['王芳', 4],
    ['１２３', 6],
    ['한국', 4],
    ['𠀀x', 3],
    ['—', 1],
    ['e\u0301', 1],
    ['😀', 2],
    ['a\u200bb', 2],
    ['小王😀', 6],
    ['👨‍👩‍👧', 2],
    ['👍🏽', 2],
    ['❤️', 2],
    ['❤', 1],
    ['1️⃣', 2],
    ['🇨🇳🇨', 3],
    ['a\u200d😀', 3],
  ])('%j takes %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it('agrees with string-width on the characters of complaints, astral ones included', () => {
    fc.assert(
      fc.property(fc.array(grapheme, { maxLength: 30 }).map((chars) => chars.join('')), (text) => {
        expect(displayWidth(text)).toBe(stringWidth(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('cutToWidth', () => {
  it.each([
    ['Wang Fang', 20, 'Wang Fang'],
    ['Wang Fang', 9, 'Wang Fang'],
    ['Wang Fang', 8, 'Wang Fa…'],
    ['王芳王芳', 5, '王芳…'],
    ['王芳王芳', 6, '王芳…'],
    ['a👨‍👩‍👧b', 3, 'a…'],
    ['a👨‍👩‍👧bc', 4, 'a👨‍👩‍👧…'],
    ['❤️❤️', 3, '❤️…'],
    ['e\u0301e\u0301e', 2, 'e\u0301…'],
    ['abc', 0, ''],
    ['abc', 1, '…'],
  ])('%j in %i columns is %j', (text, width, cut) => {
    expect(cutToWidth(text, width)).toBe(cut);
  });

  it('never takes more columns than given, and keeps what it keeps whole', () => {
    fc.assert(
      fc.property(fc.array(grapheme, { maxLength: 20 }), fc.integer({ min: 0, max: 30 }), (chars, width) => {
        const text = chars.join('');
        const cut = cutToWidth(text, width);
        expect(displayWidth(cut)).toBeLessThanOrEqual(width);
        if (cut !== text && width > 0) {
          expect(cut.endsWith('…')).toBe(true);
          // Whole characters: the kept part is a run of the graphemes it was made of.
          const kept = cut.slice(0, -1);
          const prefixes = chars.map((_, i) => chars.slice(0, i).join(''));
          expect(prefixes).toContain(kept);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('cutStartToWidth', () => {
  it.each([
    ['Wang Fang', 9, 'Wang Fang'],
    ['Wang Fang', 8, '…ng Fang'],
    ['王芳王芳', 5, '…王芳'],
    ['王芳王芳', 6, '…王芳'],
    ['a👨‍👩‍👧b', 3, '…b'],
    ['ab👨‍👩‍👧', 3, '…👨‍👩‍👧'],
    ['e\u0301e\u0301e\u0301', 2, '…e\u0301'],
    ['abc', 0, ''],
    ['abc', 1, '…'],
  ])('%j in %i columns is %j', (text, width, cut) => {
    expect(cutStartToWidth(text, width)).toBe(cut);
  });

  it('never takes more columns than given, and keeps what it keeps whole', () => {
    fc.assert(
      fc.property(fc.array(grapheme, { maxLength: 20 }), fc.integer({ min: 0, max: 30 }), (chars, width) => {
        const text = chars.join('');
        const cut = cutStartToWidth(text, width);
        expect(displayWidth(cut)).toBeLessThanOrEqual(width);
        if (cut !== text && width > 0) {
          expect(cut.startsWith('…')).toBe(true);
          const suffixes = chars.map((_, i) => chars.slice(i + 1).join(''));
          expect(suffixes).toContain(cut.slice(1));
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('renderGrid', () => {
  it('pads every cell to its column, counting CJK as two columns and colour codes as none', () => {
    const grid = renderGrid(['ID', '客户'], [['1', '王芳'], ['\u001b[31m12\u001b[39m', 'Li']]).split('\n');
    expect(grid).toEqual([
      '┌────┬──────┐',
      '│ ID │ 客户 │',
      '├────┼──────┤',
      '│ 1  │ 王芳 │',
      '│ \u001b[31m12\u001b[39m │ Li   │',
      '└────┴──────┘',
    ]);
  });
});
