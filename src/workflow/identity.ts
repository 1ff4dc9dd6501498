// How a paper form is recognised when it is imported again: by the day it was received, the
// customer and the description, and by its form number where it has one (form numbers alone repeat:
// many shops number their forms anew each month or year).
import { localDateOf, type IsoTime } from './time.js';
import { normalizeInput } from './vocab.js';

export interface FormIdentity {
  readonly receivedAt: IsoTime;
  readonly customer: { readonly name: string };
  readonly description: string;
}

/** What a form says, compared without regard to case, width and spacing: the day received, the customer, the description. */
export function formKey(form: FormIdentity): string {
  return ['form', localDateOf(form.receivedAt), normalizeInput(form.customer.name), normalizeInput(form.description)].join('\u001f');
}

/** A form number as people write it, compared without regard to case, width and any space (F-1, f-1, Ｆ－１ and F- 1 are one). */
export function refKey(ref: string): string {
  return normalizeInput(ref).replace(/ /g, '');
}

/**
 * A text as kesu tells names, root causes and actions apart: without regard to case, width (NFKC) and
 * every space, not only repeated ones, so that 黄 磊, 黄　磊 and 黄磊 are one customer and 员工 培训不足
 * and 员工培训不足 one cause. Customers (customerKey), the report's rankings, `list --customer` and
 * search (search.ts) all compare texts so.
 */
export function looseKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(SPACES, '');
}

/**
 * Every space: those of \s (ideographic, no-break and line breaks among them), and the characters
 * drawn as nothing (Unicode's default-ignorable code points: zero-width spaces and joiners, the soft
 * hyphen…), so that 王\u200b芳 is 王芳.
 */
const SPACES = /[\s\p{Default_Ignorable_Code_Point}]+/gu;

/**
 * A customer as kesu tells customers apart (repeat customers, `list --customer`, a customer's
 * history): the name compared as looseKey compares it, together with the phone's digits when one was
 * given. The store keeps it in a column so that SQL can count and find complaints by customer.
 */
export function customerKey(name: string, phone: string | null): string {
  return `${looseKey(name)}${CUSTOMER_KEY_SEPARATOR}${phoneDigits(phone)}`;
}

/** Between the name and the phone's digits in a customer key: a character no name holds once checked (text.ts). */
export const CUSTOMER_KEY_SEPARATOR = '\u001f';

/**
 * The digits of a phone number, full-width ones and those of other scripts (Arabic-Indic, Devanagari…)
 * included: how phones are compared and counted. A phone that checkPhone accepts has ASCII digits
 * once NFKC, so the other scripts change no key already stored.
 */
export function phoneDigits(phone: string | null): string {
  return decimalDigitsOf((phone ?? '').normalize('NFKC'));
}

/**
 * Whether a text, once NFKC and trimmed, is a phone number as kesu takes one: digits with an optional
 * leading +, spaces, - and brackets, 5 to 20 digits.
 */
export function isPhoneNumber(text: string): boolean {
  const phone = text.normalize('NFKC').trim();
  const digits = phoneDigits(phone);
  return /^\+?[\d\s()-]+$/.test(phone) && digits.length >= 5 && digits.length <= 20;
}

/** Runs of this many digits (with separators between) in free text are taken for phone numbers. */
export const PHONE_LIKE_DIGITS = 7;

/**
 * The digits of a customer phone too short to be masked as a phone-like run in free text, else
 * null: such a phone is masked wherever it is typed by looking for it (phoneMasker `phones`).
 */
export function shortPhoneOf(phone: string | null): string | null {
  const digits = phoneDigits(phone);
  return digits.length > 0 && digits.length < PHONE_LIKE_DIGITS ? digits : null;
}

/**
 * A customer phone shown masked, "*******8000": the digits masked but the last few, separators
 * dropped: four of a phone of ten digits or more, two of a shorter one, none of one under seven
 * digits (a few digits shown of a short number would give most of it away). `export --redact`
 * masks the customer's phone so, and the timeline a corrected one.
 */
export function maskPhone(phone: string): string {
  const digits = phoneDigits(phone);
  const shown = digits.length >= 10 ? 4 : digits.length >= PHONE_LIKE_DIGITS ? 2 : 0;
  return `${'*'.repeat(digits.length - shown)}${digits.slice(digits.length - shown)}`;
}

export interface PhoneMasking {
  /** Customer phones, as typed: each is masked wherever its digits stand in a run, however short. */
  readonly phones?: Iterable<string | null>;
  /**
   * For form and order numbers, which are long digit runs by nature: a run is masked only when it
   * holds one of `phones`, not for its length.
   */
  readonly keepLongRuns?: boolean;
}

/**
 * The one phone masker, for reports and `export --redact`: a function that masks as *** every run
 * of digits in a text that holds PHONE_LIKE_DIGITS or more digits, or the digits of one of `phones`.
 *
 * A digit is any character that is one once NFKC (full-width, mathematical, circled, superscript) or
 * any Unicode decimal digit (Arabic-Indic, Devanagari…), counted as its value. A run starts and ends
 * with a digit and has only separators between its digits; a separator is anything but a letter or
 * a number (spaces of every width, / _ – 、 ， . ( ) + line breaks…), so that no way of spacing a
 * phone out splits it; a letter ends a run. The whole run, separators inside it included, becomes
 * ***; the text outside masked runs is kept exactly as it was.
 */
export function phoneMasker({ phones = [], keepLongRuns = false }: PhoneMasking = {}): (text: string) => string {
  const known = [...phones].map(phoneDigits).filter((digits) => digits !== '');
  const masks = (digits: string): boolean => (!keepLongRuns && digits.length >= PHONE_LIKE_DIGITS) || known.some((phone) => digits.includes(phone));
  return (text) => {
    if (!MAY_HOLD_DIGITS.test(text)) return text;
    let masked = '';
    let copied = 0;
    let runStart = -1;
    let runEnd = -1;
    let digits = '';
    const endRun = (): void => {
      if (runStart >= 0 && masks(digits)) {
        masked += `${text.slice(copied, runStart)}***`;
        copied = runEnd;
      }
      runStart = -1;
      digits = '';
    };
    for (let i = 0; i < text.length; ) {
      const code = text.charCodeAt(i);
      let width = 1;
      let kind: CharKind;
      if (code < 0x80) kind = code >= 0x30 && code <= 0x39 ? text[i]! : isAsciiLetter(code) ? ENDS_RUN : SEPARATOR;
      else {
        const point = text.codePointAt(i)!;
        width = point > 0xffff ? 2 : 1;
        // The CJK Unified Ideographs are letters, and most of a Chinese text; the numerals among them are digits.
        kind = point >= 0x4e00 && point <= 0x9fff ? (CHINESE_NUMERALS.get(point) ?? ENDS_RUN) : kindOf(text.slice(i, i + width));
      }
      if (kind === ENDS_RUN) endRun();
      else if (kind === MARK) {
        if (runStart >= 0 && runEnd === i) runEnd = i + width;
      } else if (kind !== SEPARATOR) {
        if (runStart < 0) runStart = i;
        digits += kind;
        runEnd = i + width;
      }
      i += width;
    }
    endRun();
    return copied === 0 ? text : masked + text.slice(copied);
  };
}

/** A text of ASCII alone with no digit in it holds no run: it is returned as it is, unscanned. */
const MAY_HOLD_DIGITS = /[0-9\u0080-\uffff]/;

/**
 * How a character stands in a run: its digits (a digit), a separator, a combining mark (a separator
 * that, right after a digit, goes with it: the keycap of 1️⃣), or the end of the run (a letter).
 */
type CharKind = string | typeof MARK | typeof ENDS_RUN;
const SEPARATOR = '';
const MARK = 0;
const ENDS_RUN = null;

function isAsciiLetter(code: number): boolean {
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}

/** The kinds of the characters beyond ASCII met so far: each is worked out once. */
const kinds = new Map<string, CharKind>();

function kindOf(char: string): CharKind {
  let kind = kinds.get(char);
  if (kind === undefined) {
    kind = kindOfNonAscii(char);
    kinds.set(char, kind);
  }
  return kind;
}

/**
 * A character beyond ASCII: a digit when it is digits and no letter once NFKC (`８`, `𝟖`, `⑧`, `⁸`,
 * `⑫` as 12, `⒏` as 8), or a decimal digit of another script (`٨`, `८`); else a letter or number
 * (`一`, `Ⅷ`) ends a run, and anything else (`　`, `–`, `、`, `，`, a combining mark) separates.
 */
function kindOfNonAscii(char: string): CharKind {
  const point = char.codePointAt(0)!;
  const numeral = CHINESE_NUMERALS.get(point) ?? ENCLOSED_DIGITS.get(point);
  if (numeral !== undefined) return numeral;
  // A modifier letter such as the katakana ー, typed as a dash between digits, separates.
  if (MODIFIER_LETTER.test(char)) return SEPARATOR;
  const compatible = char.normalize('NFKC');
  if (!LETTER.test(compatible)) {
    const digits = decimalDigitsOf(compatible);
    if (digits !== '') return digits;
  }
  if (LETTER_OR_NUMBER.test(char)) return ENDS_RUN;
  return COMBINING_MARK.test(char) ? MARK : SEPARATOR;
}

/** Chinese numerals, which people type phone numbers with too (一三八〇〇一三八〇〇〇). */
const CHINESE_NUMERALS: ReadonlyMap<number, string> = new Map([
  ...[...'〇一二三四五六七八九'].map((numeral, value): [number, string] => [numeral.codePointAt(0)!, String(value)]),
  [0x96f6 /* 零 */, '0'],
]);

/** Enclosed digits that NFKC leaves as they are: ⓫–⓴, ⓵–⓾, ⓿, and the dingbats ❶–❿, ➀–➉, ➊–➓. */
const ENCLOSED_DIGITS: ReadonlyMap<number, string> = new Map([
  ...numbered(0x24eb, 11, 20),
  ...numbered(0x24f5, 1, 10),
  [0x24ff, '0'],
  ...numbered(0x2776, 1, 10),
  ...numbered(0x2780, 1, 10),
  ...numbered(0x278a, 1, 10),
]);

/** Code points from `first` standing for the numbers `from` to `to`, with the digits of each. */
function numbered(first: number, from: number, to: number): [number, string][] {
  return Array.from({ length: to - from + 1 }, (_, index) => [first + index, String(from + index)]);
}

const MODIFIER_LETTER = /^\p{Lm}$/u;
const LETTER = /\p{L}/u;
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;
const COMBINING_MARK = /\p{M}/u;
const NOT_DECIMAL_DIGIT = /\P{Nd}/gu;
const NON_ASCII_DECIMAL_DIGIT = /[^0-9]/gu;
const DECIMAL_DIGIT = /^\p{Nd}$/u;

/** The decimal digits (\p{Nd}) of a text, in order, as ASCII digits. */
function decimalDigitsOf(text: string): string {
  return text.replace(NOT_DECIMAL_DIGIT, '').replace(NON_ASCII_DECIMAL_DIGIT, decimalValueOf);
}

/**
 * The value of a decimal digit. Unicode encodes decimal digits only in contiguous sets of ten, 0 to 9,
 * so a digit's value is its distance from the first digit of its stretch of digits, modulo ten (the
 * five sets of mathematical digits, 𝟎 to 𝟿, stand in one stretch).
 */
function decimalValueOf(digit: string): string {
  const point = digit.codePointAt(0)!;
  let first = point;
  while (DECIMAL_DIGIT.test(String.fromCodePoint(first - 1))) first -= 1;
  return String((point - first) % 10);
}
