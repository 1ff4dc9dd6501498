// The shop's compensation standards (客诉赔付标准): for a category and a severity ('*' for any), the
// kind of compensation and the most the shop pays without approval; which one applies to a
// complaint, and whether a compensation is above it (then someone must approve it).
import type { Sentence } from './errors.js';
import { formatMoney, parseMoney } from './complaint.js';
import { CATEGORY, COMPENSATION_KIND, labelOf, parseCode, SEVERITY, type Category, type CompensationKind, type Severity } from './vocab.js';

export interface Standard {
  readonly kind: CompensationKind;
  /** The most paid without approval, in cents of the shop's currency. */
  readonly cents: number;
}

/** A standard with the entry it is (its category and severity, '*' for any): what a resolution's event keeps of the one it was judged by. */
export interface AppliedStandard extends Standard {
  readonly category: Category | '*';
  readonly severity: Severity | '*';
}

/** The standards set, by "category.severity" (`*` for any), as `kesu config set standard.quality.urgent` names them. */
export type Standards = { readonly [key: string]: Standard };

const ANY = '*';

/** The standard that applies to a complaint: the most specific one set (category.severity, category.*, *.severity, *.*), or null. */
export function standardFor(standards: Standards, category: Category, severity: Severity): AppliedStandard | null {
  const entries = [
    [category, severity],
    [category, ANY],
    [ANY, severity],
    [ANY, ANY],
  ] as const;
  for (const [c, s] of entries) {
    const found = standards[`${c}.${s}`];
    if (found) return { category: c, severity: s, kind: found.kind, cents: found.cents };
  }
  return null;
}

/**
 * Whether a compensation needs approval under the standard: an amount above the standard's, or a
 * kind other than the standard's (a voucher where the standard is a refund). No compensation, or
 * none at all (kind none and no amount), never does; nor does any without a standard.
 */
export function isAboveStandard(compensation: { readonly kind: CompensationKind | null; readonly cents: number | null } | null, standard: Standard | null): boolean {
  if (standard === null || compensation === null) return false;
  const cents = compensation.cents ?? 0;
  const kind = compensation.kind === 'none' ? null : compensation.kind;
  if (cents === 0 && kind === null) return false;
  return cents > standard.cents || (kind !== null && kind !== standard.kind);
}

/** "refund 100.00" / "退款 100.00". */
export function describeStandard(standard: Standard): Sentence {
  const amount = formatMoney(standard.cents);
  return { en: `${standard.kind} ${amount}`, zh: `${labelOf(COMPENSATION_KIND, standard.kind, 'zh')} ${amount}` };
}

/** "quality/urgent", "quality/*": the entry, as a sentence names it. */
export function standardEntry(standard: AppliedStandard): string {
  return `${standard.category}/${standard.severity}`;
}

/** The entry a key of `standard.<category>.<severity>` names (codes or words of either language, or `*`), or undefined. */
export function standardKey(category: string, severity: string): string | undefined {
  const c = category === ANY ? ANY : parseCode(CATEGORY, category);
  const s = severity === ANY ? ANY : parseCode(SEVERITY, severity);
  return c && s ? `${c}.${s}` : undefined;
}

/** "refund 100", "退款 100", "voucher ¥50", "replacement" (no money: 0): a standard as typed, or undefined. */
export function parseStandard(text: string): Standard | undefined {
  // The kind is words alone: a sign or a stray digit is no part of one ("refund -1" is refused, not read as refund 1).
  const match = /^([^\d¥$€£+\-.,]+?)\s*([¥$€£]?\s*[\d,.]+\s*元?)?$/u.exec(text.normalize('NFKC').trim());
  if (!match) return undefined;
  const kind = parseCode(COMPENSATION_KIND, match[1]!.trim());
  const cents = match[2] === undefined ? 0 : parseMoney(match[2]);
  return kind && cents !== undefined ? { kind, cents } : undefined;
}

/** Every problem with the standards stored (a file edited by hand, a store from a later version), as sentences. */
export function standardsProblems(standards: Standards): Sentence[] {
  const problems: Sentence[] = [];
  for (const [key, standard] of Object.entries(standards)) {
    const [category, severity, extra] = key.split('.');
    const valid =
      extra === undefined &&
      standardKey(category ?? '', severity ?? '') === key &&
      parseCode(COMPENSATION_KIND, String(standard?.kind)) === standard?.kind &&
      Number.isSafeInteger(standard.cents) &&
      standard.cents >= 0;
    if (!valid) problems.push({ en: `the compensation standard ${key} must be a kind and an amount, like refund 100`, zh: `赔付标准 ${key} 须为赔付方式加金额，例如 退款 100` });
  }
  return problems;
}
