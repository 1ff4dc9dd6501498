// Turning option strings into domain values, with one clear sentence when they are wrong.
import { describeCodes, labelOf, parseCode, type Lang, type Vocabulary } from '../workflow/vocab.js';
import { UserError } from './errors.js';

export function parseId(text: string): number {
  const id = Number(text.normalize('NFKC').replace(/^#/, ''));
  if (!Number.isInteger(id) || id < 1) {
    // A well-formed command line with a wrong value: invalid data (exit 1), like an unknown id.
    throw new UserError('invalid', {
      en: `"${text}" is not a complaint id; give the number shown by kesu list.`,
      zh: `“${text}”不是投诉编号；请填写 kesu list 显示的数字。`,
    });
  }
  return id;
}

export function parseVocabOption<C extends string>(vocab: Vocabulary<C>, text: string, flag: string): C {
  const code = parseCode(vocab, text);
  if (code === undefined) {
    const zhLabels = vocab.codes.map((c) => labelOf(vocab, c, 'zh' as Lang)).join('、');
    throw new UserError('invalid', {
      en: `${flag} "${text}" is not ${withArticle(vocab.name)}; use one of: ${describeCodes(vocab)}.`,
      zh: `${flag} “${text}”不是有效的选项；可用：${zhLabels}（或 ${describeCodes(vocab)}）。`,
    });
  }
  return code;
}

/** "a status", "an entry kind", "a yes/no answer". */
function withArticle(name: string): string {
  const noun = name === 'yes/no' ? 'yes/no answer' : name;
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

export function optionalVocab<C extends string>(vocab: Vocabulary<C>, text: string | undefined, flag: string): C | null {
  return text === undefined ? null : parseVocabOption(vocab, text, flag);
}

/** "a,b" or repeated values -> codes; for list filters. */
export function parseVocabList<C extends string>(vocab: Vocabulary<C>, text: string | undefined, flag: string): C[] | undefined {
  return filterList(text, flag)?.map((part) => parseVocabOption(vocab, part, flag));
}

/** The values of a filter flag (a comma list), or undefined when it is not given; an empty one is refused, not taken for no filter. */
export function filterList(text: string | undefined, flag: string): string[] | undefined {
  if (text === undefined) return undefined;
  const parts = splitList(text);
  if (parts.length === 0) {
    throw new UserError('invalid', {
      en: `${flag} is empty; give one or more values separated by commas, or leave the option out.`,
      zh: `${flag} 为空；请给出一个或多个值（用逗号分隔），或不用该选项。`,
    });
  }
  return parts;
}

export function splitList(text: string): string[] {
  return text
    .normalize('NFKC')
    .split(/[,，、]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

export function parsePositiveInt(text: string, flag: string): number {
  const value = Number(text.normalize('NFKC'));
  if (!Number.isInteger(value) || value < 0) {
    throw new UserError('invalid', { en: `${flag} must be a whole number, 0 or more, not "${text}".`, zh: `${flag} 须为 0 或更大的整数，而不是“${text}”。` });
  }
  return value;
}
