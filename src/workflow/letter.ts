// The apology letter (致歉信) a shop sends a customer once their complaint is resolved: when one may
// be written, the placeholders a shop's template may hold, and how a template is filled. Pure: the
// values (dates and labels as a person reads them, texts escaped and masked) are given by the shell.
import type { ComplaintEvent } from './complaint.js';
import { DomainError, type Sentence } from './errors.js';
import { characterCount, codePointName, textProblem, withLineFeeds } from './text.js';
import type { Lang } from './vocab.js';

/** Every placeholder a template may hold, as `{{name}}`. */
export const LETTER_PLACEHOLDERS = [
  'date',
  'id',
  'ref',
  'customer',
  'phone',
  'received',
  'category',
  'description',
  'request',
  'order',
  'finding',
  'solution',
  'compensation',
  'resolved',
  'shop.name',
  'shop.address',
  'shop.phone',
] as const;
export type LetterPlaceholder = (typeof LETTER_PLACEHOLDERS)[number];

/** A template's length, in characters: a letter of a page or two, not a pasted book. */
const LETTER_TEMPLATE_MAX = 10_000;

/** `{{ name }}`: a placeholder, spaces inside the braces allowed. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * The letters kesu writes when the shop has set none. The apology is for the trouble the matter
 * caused the customer, not an admission of fault or liability beyond what was found: the finding
 * and the solution are stated as recorded, and the letter promises nothing more.
 */
export const BUILT_IN_LETTER_TEMPLATES: Readonly<Record<Lang, string>> = {
  en: `{{date}}

Our reference: complaint no. {{id}}
Your form no.: {{ref}}

Dear {{customer}},

Thank you for telling us about the problem you reported on {{received}}:

{{description}}

We have looked into it and resolved it on {{resolved}}.
What we found: {{finding}}
What we have done: {{solution}}
Compensation: {{compensation}}

We are sorry for the trouble and inconvenience this matter has caused you, and we thank you for your patience while we dealt with it.

If you would like to talk to us about it, please contact us and mention complaint no. {{id}}.
Telephone: {{shop.phone}}
Address: {{shop.address}}

Yours sincerely,

{{shop.name}}
`,
  zh: `致歉信

投诉编号：{{id}}
表单编号：{{ref}}

尊敬的{{customer}}：

　　您好！感谢您于 {{received}} 向我们反映以下问题：

{{description}}

　　我们已进行调查，并于 {{resolved}} 处理完毕。
调查结果：{{finding}}
处理结果：{{solution}}
补偿：{{compensation}}

　　此事给您带来了不便和困扰，我们深表歉意，也感谢您在处理期间的耐心与理解。

　　如您还有任何疑问，欢迎与我们联系，并告知投诉编号 {{id}}。
联系电话：{{shop.phone}}
地址：{{shop.address}}

　　此致
敬礼！

{{shop.name}}
{{date}}
`,
};

/**
 * What is wrong with a template a shop sets, as sentences naming the placeholder: one kesu does not
 * know (a typo would print as it stands on every letter), a `{{` left unclosed, a character a
 * terminal acts on, or a template too long or empty.
 */
export function letterTemplateProblems(template: string, lang: Lang): Sentence[] {
  const key = `letter.template.${lang}`;
  const problems: Sentence[] = [];
  const unsafe = textProblem(template, { oneLine: false });
  if (unsafe?.kind === 'unsafe') {
    const code = codePointName(unsafe.character);
    problems.push({ en: `${key} holds the control character ${code}`, zh: `${key} 含有控制字符 ${code}` });
  }
  const length = characterCount(template);
  if (length > LETTER_TEMPLATE_MAX) problems.push({ en: `${key} must be at most ${LETTER_TEMPLATE_MAX} characters, not ${length}`, zh: `${key} 最多 ${LETTER_TEMPLATE_MAX} 个字符，而不是 ${length} 个` });
  if (template.trim() === '') problems.push({ en: `${key} is empty (set it to "" for the built-in letter)`, zh: `${key} 为空（设为 "" 可恢复内置信件）` });
  for (const [, name] of template.matchAll(PLACEHOLDER)) {
    if (!(LETTER_PLACEHOLDERS as readonly string[]).includes(name!)) {
      const known = LETTER_PLACEHOLDERS.map((known) => `{{${known}}}`).join(' ');
      problems.push({ en: `${key} holds the placeholder {{${name}}}, which kesu does not know (it knows ${known})`, zh: `${key} 含有未知的占位符 {{${name}}}（可用：${known}）` });
    }
  }
  const unclosed = /\{\{(?![^{}]*\}\})/.exec(template.replace(PLACEHOLDER, ''));
  if (unclosed) problems.push({ en: `${key} has a {{ without its closing }}`, zh: `${key} 中有未闭合的 {{（缺少 }}）` });
  return problems;
}

/** A template as kesu keeps it: line feeds for line breaks, no byte-order mark. */
export function normalizeTemplate(text: string): string {
  return withLineFeeds(text.replace(/^\uFEFF/, ''));
}

/**
 * The template with each placeholder replaced by its value. A line holding a placeholder that has
 * no value (a form number not recorded, a shop without a phone) is left out whole, and the blank
 * lines that leaves are made one; a value's own line breaks are kept.
 */
export function fillLetter(template: string, values: Readonly<Record<LetterPlaceholder, string | null>>): string {
  const lines: string[] = [];
  for (const line of template.split('\n')) {
    let empty = false;
    const filled = line.replace(PLACEHOLDER, (_, name: string) => {
      const value = values[name as LetterPlaceholder] ?? null;
      if (value === null || value === '') empty = true;
      return value ?? '';
    });
    if (!empty) lines.push(filled);
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

/**
 * Refuses a letter for a complaint whose handling has no resolution standing: not resolved yet, or
 * reopened since its latest resolution (the customer was not satisfied with it).
 */
export function checkLetterable(id: number, events: readonly ComplaintEvent[]): void {
  const last = events.findLast((event) => event.type === 'resolved' || event.type === 'reopened');
  if (last === undefined) {
    throw new DomainError('invalid', {
      en: `Complaint #${id} has not been resolved, so there is no letter to write yet; resolve it first (kesu resolve ${id} --solution TEXT).`,
      zh: `投诉 #${id} 尚未处理完毕，还不能写致歉信；请先处理（kesu resolve ${id} --solution 处理结果）。`,
    });
  }
  if (last.type === 'reopened') {
    throw new DomainError('invalid', {
      en: `Complaint #${id} was reopened after its resolution, so a letter would tell of a solution the customer did not accept; resolve it again first.`,
      zh: `投诉 #${id} 在处理后已重新打开，致歉信会写入客户未接受的处理结果；请先重新处理。`,
    });
  }
}
