// The width of text in a terminal, by code point, against the regular expression it replaced (the
// ranges of CJK and full-width characters that take two columns).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/cli/render/i18n.js';
import { renderGrid } from '../../src/cli/render/grid.js';

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u;
const byRegex = (text: string): number => [...text].reduce((width, char) => width + (WIDE.test(char) ? 2 : 1), 0);

describe('displayWidth', () => {
  it.each([
    ['', 0],
    ['Wang Fang', 9],
    ['王芳', 4],
    ['１２３', 6],
    ['한국', 4],
    ['𠀀x', 3],
    ['—', 1],
  ])('%j takes %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it('agrees with the ranges as a regular expression for any text, astral characters included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => {
        expect(displayWidth(text)).toBe(byRegex(text));
      }),
      { numRuns: 2000 },
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
