// Turning option strings into domain values, with one clear sentence when they are wrong.
import { phoneDigits } from '../workflow/identity.js';
import { describeCodes, labelOf, parseCode, type Lang, type Vocabulary } from '../workflow/vocab.js';
import { codePointName, quoted, textProblem } from '../workflow/text.js';
import { usage, UserError } from './errors.js';

/** Plain decimal digits (full-width ones too), nothing else: 0x2, 1e1 and 0o4 are not numbers a person types for an id. */
function wholeNumber(text: string): number | null {
  const digits = text.normalize('NFKC').trim();
  if (!/^[0-9]+$/.test(digits)) return null;
  const value = Number(digits);
  return Number.isSafeInteger(value) ? value : null;
}

/** A complaint id as kesu list shows it (a leading # allowed); anything else is a usage error (exit 2). */
export function parseId(text: string): number {
  const id = wholeNumber(text.normalize('NFKC').trim().replace(/^#/, ''));
  if (id === null || id < 1) {
    throw usage(`"${quoted(text)}" is not a complaint id; give the number shown by kesu list.`, `“${quoted(text)}”不是投诉编号；请填写 kesu list 显示的数字。`);
  }
  return id;
}

/**
 * A count given to a flag: plain decimal digits (a usage error otherwise, exit 2), at most `max`
 * (beyond it, a sentence saying why, exit 1).
 */
export function parseCount(text: string, flag: string, { max, why }: { max: number; why: { en: string; zh: string } }): number {
  const value = wholeNumber(text);
  if (value === null) {
    throw usage(`${flag} must be a whole number, 0 or more, not "${text}".`, `${flag} 须为 0 或更大的整数，而不是“${text}”。`);
  }
  if (value > max) throw new UserError('invalid', { en: `${flag} ${text} is more than ${max}: ${why.en}.`, zh: `${flag} ${text} 超过 ${max}：${why.zh}。` });
  return value;
}

export function parseVocabOption<C extends string>(vocab: Vocabulary<C>, text: string, flag: string): C {
  const code = parseCode(vocab, text);
  if (code === undefined) {
    const zhLabels = vocab.codes.map((c) => labelOf(vocab, c, 'zh' as Lang)).join('、');
    throw new UserError('invalid', {
      en: `${flag} "${quoted(text)}" is not ${withArticle(vocab.name)}; use one of: ${describeCodes(vocab)}.`,
      zh: `${flag} “${quoted(text)}”不是有效的选项；可用：${zhLabels}（或 ${describeCodes(vocab)}）。`,
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

/** --phone: parts of phone numbers, a comma list, each with a digit (compared by its digits). */
export function phoneList(text: string | undefined, flag: string): string[] | undefined {
  const parts = textFilterList(text, flag);
  const noDigits = parts?.find((part) => phoneDigits(part) === '');
  if (noDigits !== undefined) {
    throw new UserError('invalid', {
      en: `${flag} "${quoted(noDigits)}" has no digits; give digits of a phone number, all of it or a part (like 8000).`,
      zh: `${flag} “${quoted(noDigits)}”中没有数字；请给出电话号码的数字，全部或其中一段（如 8000）。`,
    });
  }
  return parts;
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

/** The values of a filter flag matched against stored text (names, phones), refused when no stored value could match them. */
export function textFilterList(text: string | undefined, flag: string): string[] | undefined {
  if (text !== undefined) checkFilterText(text, flag);
  return filterList(text, flag);
}

/** A filter's text refused as no stored value could match it: with a control character, or longer than any text kesu keeps. */
function checkFilterText(text: string, flag: string): void {
  const problem = textProblem(text, { oneLine: false });
  if (problem?.kind === 'unsafe') {
    const name = codePointName(problem.character);
    throw new UserError('invalid', {
      en: `${flag} holds the control character ${name}, which no stored value holds; remove it.`,
      zh: `${flag} 含有控制字符 ${name}，任何已保存的内容都不会含有它；请删除。`,
    });
  }
  if (problem?.kind === 'too-long') {
    throw new UserError('invalid', {
      en: `${flag} ("${quoted(text)}") is ${problem.length} characters long, longer than any value kesu keeps; give a shorter part of it.`,
      zh: `${flag}（“${quoted(text)}”）长 ${problem.length} 字，比 kesu 保存的任何内容都长；请给出其中较短的一段。`,
    });
  }
}

function splitList(text: string): string[] {
  return text
    .normalize('NFKC')
    .split(/[,，、]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
