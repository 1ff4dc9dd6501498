// Every interactive question kesu asks. inquirer is imported only here, and this module only when a
// prompt is really shown, so commands run from scripts never load it.
import { CORRECTABLE_FIELDS, valueOf, type Complaint, type CorrectableField } from '../workflow/complaint.js';
import { DomainError, type Sentence } from '../workflow/errors.js';
import { parseAtOption } from './clock.js';
import { UserError } from './errors.js';
import { CORRECTION_FIELD_NAMES } from './render/i18n.js';
import { visible } from './render/visible.js';
import { checkPhone } from '../workflow/transitions.js';
import type { IsoTime } from '../workflow/time.js';
import { CATEGORY, CHANNEL, DEFAULT_CHANNEL, DEFAULT_SEVERITY, labelOf, SEVERITY, type Category, type Channel, type Lang, type Severity, type Vocabulary } from '../workflow/vocab.js';

export interface OpenAnswers {
  customer?: string;
  phone?: string;
  channel?: Channel;
  category?: Category;
  severity?: Severity;
  description?: string;
  request?: string;
}

export type OpenField = keyof OpenAnswers;

const QUESTIONS: Record<OpenField, { en: string; zh: string }> = {
  customer: { en: 'Customer name', zh: '客户姓名' },
  phone: { en: 'Phone (optional)', zh: '联系电话（可不填）' },
  channel: { en: 'How did the complaint come in?', zh: '投诉方式' },
  category: { en: 'Category', zh: '投诉类别' },
  severity: { en: 'Severity', zh: '严重程度' },
  description: { en: "What happened, in the customer's words", zh: '投诉内容（客户原话）' },
  request: { en: 'What does the customer want? (optional)', zh: '客户要求（可不填）' },
};

/** inquirer, loaded when a question is first asked (one import: the bundle hands it to the launcher, scripts/bundle.js). */
async function loadInquirer() {
  return (await import('inquirer')).default;
}

const REQUIRED: readonly OpenField[] = ['customer', 'description'];
const REQUIRED_MESSAGE = { en: 'This one is needed.', zh: '此项必填。' };

/** Asks, in this order, for each field in `fields`; choices come from the vocabularies in the user's language. */
export async function askOpenFields(fields: readonly OpenField[], lang: Lang): Promise<OpenAnswers> {
  const inquirer = await loadInquirer();
  const choices = (vocab: Vocabulary<string>) => choicesOf(vocab, lang);
  const questions = fields.map((field) => {
    const message = QUESTIONS[field][lang];
    if (field === 'channel') return { type: 'select', name: field, message, choices: choices(CHANNEL), default: DEFAULT_CHANNEL };
    if (field === 'category') return { type: 'select', name: field, message, choices: choices(CATEGORY) };
    if (field === 'severity') return { type: 'select', name: field, message, choices: choices(SEVERITY), default: DEFAULT_SEVERITY };
    return {
      type: 'input',
      name: field,
      message,
      validate: (value: string) => {
        if (REQUIRED.includes(field) && value.trim() === '') return REQUIRED_MESSAGE[lang];
        if (field !== 'phone') return true;
        try {
          checkPhone(value);
          return true;
        } catch (error) {
          return error instanceof DomainError ? error.sentence[lang] : String(error);
        }
      },
    };
  });
  return answered<OpenAnswers>(inquirer.prompt(questions as never), {
    en: 'Cancelled: nothing was recorded; run kesu open again to record the complaint.',
    zh: '已取消，未登记任何内容；如需登记，请重新运行 kesu open。',
  });
}

/** The answers to questions asked; Ctrl-C or Ctrl-D at one is the user's choice, said as `cancelled`, not a failure of kesu's. */
async function answered<T>(prompt: Promise<unknown>, cancelled: Sentence): Promise<T> {
  try {
    return (await prompt) as T;
  } catch (error) {
    if ((error as Error)?.name === 'ExitPromptError') throw new UserError('cancelled', cancelled);
    throw error;
  }
}

/** The question of `kesu edit` on a terminal: which field (each shown with its value now), then its new value. */
export async function askCorrection(complaint: Complaint, lang: Lang, now: IsoTime): Promise<{ field: CorrectableField; value: string }> {
  const inquirer = await loadInquirer();
  const cancelled = {
    en: `Cancelled: nothing was corrected; run kesu edit ${complaint.id} again to correct it.`,
    zh: `已取消，未更正任何内容；如需更正，请重新运行 kesu edit ${complaint.id}。`,
  };
  const current = (field: CorrectableField): string | null => {
    const value = valueOf(complaint, field);
    // A time as it is typed: 2026-10-30 10:00.
    return value !== null && field === 'receivedAt' ? value.slice(0, 16).replace('T', ' ') : value;
  };
  const shown = (field: CorrectableField): string => {
    const value = current(field);
    const vocab = CORRECTABLE_VOCABULARIES[field];
    return value === null ? '—' : visible(vocab ? labelOf(vocab, value, lang) : value, { oneLine: true });
  };
  const { field } = await answered<{ field: CorrectableField }>(
    inquirer.prompt([
      {
        type: 'select',
        name: 'field',
        message: EDIT_QUESTIONS.field[lang],
        choices: CORRECTABLE_FIELDS.map((code) => ({ name: `${CORRECTION_FIELD_NAMES[code][lang]}: ${shown(code)}`, value: code })),
        pageSize: CORRECTABLE_FIELDS.length,
      },
    ] as never),
    cancelled,
  );
  const message = `${EDIT_QUESTIONS.value[lang]} (${CORRECTION_FIELD_NAMES[field][lang]})`;
  const vocab = CORRECTABLE_VOCABULARIES[field];
  // The value now is put in the line to be mended where it is text: a typo is fixed, not retyped.
  const question = vocab
    ? { type: 'select', name: 'value', message, choices: choicesOf(vocab, lang), default: current(field) }
    : { type: 'input', name: 'value', message, default: current(field) ?? undefined, prefill: 'editable', validate: (value: string) => correctionProblem(field, value, lang, now) };
  const { value } = await answered<{ value: string }>(inquirer.prompt([question] as never), cancelled);
  return { field, value };
}

const EDIT_QUESTIONS = {
  field: { en: 'Which field is wrong?', zh: '要更正哪一项？' },
  value: { en: 'The right value', zh: '正确的内容' },
} as const;

/** The correctable fields that take a vocabulary's words. */
const CORRECTABLE_VOCABULARIES: { readonly [F in CorrectableField]?: Vocabulary<string> } = { channel: CHANNEL, category: CATEGORY, severity: SEVERITY };

/** A vocabulary's codes as choices, labelled in the user's language. */
function choicesOf(vocab: Vocabulary<string>, lang: Lang): { name: string; value: string }[] {
  return vocab.codes.map((code) => ({ name: lang === 'zh' ? `${labelOf(vocab, code, 'zh')} (${code})` : labelOf(vocab, code, 'en'), value: code }));
}

/** What is wrong with a typed value, in a sentence, or true when decide and the date reader will take it (edit checks it again). */
function correctionProblem(field: CorrectableField, value: string, lang: Lang, now: IsoTime): string | true {
  try {
    if ((field === 'customer' || field === 'description') && value.trim() === '') return REQUIRED_MESSAGE[lang];
    if (field === 'phone') checkPhone(value);
    if (field === 'receivedAt') parseAtOption(value, '--received', now);
    return true;
  } catch (error) {
    return error instanceof DomainError || error instanceof UserError ? error.sentence[lang] : String(error);
  }
}
