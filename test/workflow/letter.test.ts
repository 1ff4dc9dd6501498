// The letter's template: the built-in ones hold only known placeholders, and filling one leaves out
// the lines whose placeholder has no value.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_LETTER_TEMPLATES, fillLetter, LETTER_PLACEHOLDERS, letterTemplateProblems, type LetterPlaceholder } from '../../src/workflow/letter.js';

const NONE = Object.fromEntries(LETTER_PLACEHOLDERS.map((name) => [name, null])) as Record<LetterPlaceholder, string | null>;

describe('letter templates', () => {
  it('the built-in templates pass the check a shop template must pass', () => {
    expect(letterTemplateProblems(BUILT_IN_LETTER_TEMPLATES.en, 'en')).toEqual([]);
    expect(letterTemplateProblems(BUILT_IN_LETTER_TEMPLATES.zh, 'zh')).toEqual([]);
  });

  it('a line holding a placeholder with no value is left out, and the blank lines it leaves become one', () => {
    const template = 'Dear {{customer}},\n\nForm: {{ref}}\n\nFound: {{finding}}\nDone: {{solution}}\n\n\nBye {{shop.name}}\n';
    expect(fillLetter(template, { ...NONE, customer: 'Li', solution: 'Replaced\nand checked', 'shop.name': 'Acme' })).toBe('Dear Li,\n\nDone: Replaced\nand checked\n\nBye Acme\n');
  });

  it('a value is put in as it is, even one that looks like a placeholder', () => {
    expect(fillLetter('{{customer}} / {{ref}}', { ...NONE, customer: '{{ref}}', ref: '$& $1' })).toBe('{{ref}} / $& $1\n');
  });

  it('names every unknown placeholder; braces that hold none are no placeholder', () => {
    expect(letterTemplateProblems('{{a}} {{b.c}} { {x} } {{customer}}', 'en').map((problem) => problem.en.split(',')[0])).toEqual([
      'letter.template.en holds the placeholder {{a}}',
      'letter.template.en holds the placeholder {{b.c}}',
    ]);
  });
});

describe("the README's copies of the built-in templates", () => {
  it('are the templates kesu uses, so that a shop can start from them', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`\`\`\`text\n${BUILT_IN_LETTER_TEMPLATES.en}\`\`\``);
    expect(readme).toContain(`\`\`\`text\n${BUILT_IN_LETTER_TEMPLATES.zh}\`\`\``);
  });
});
