// Every interactive question kesu asks. inquirer is imported only here, and this module only when a
// prompt is really shown, so commands run from scripts never load it.
import { DomainError } from '../workflow/errors.js';
import { UserError } from './errors.js';
import { checkPhone } from '../workflow/transitions.js';
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

const REQUIRED: readonly OpenField[] = ['customer', 'description'];
const REQUIRED_MESSAGE = { en: 'This one is needed.', zh: '此项必填。' };

/** Asks, in this order, for each field in `fields`; choices come from the vocabularies in the user's language. */
export async function askOpenFields(fields: readonly OpenField[], lang: Lang): Promise<OpenAnswers> {
  const { default: inquirer } = await import('inquirer');
  const choices = <C extends string>(vocab: Vocabulary<C>) =>
    vocab.codes.map((code) => ({ name: lang === 'zh' ? `${labelOf(vocab, code, 'zh')} (${code})` : labelOf(vocab, code, 'en'), value: code }));
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
  try {
    return (await inquirer.prompt(questions as never)) as OpenAnswers;
  } catch (error) {
    // Ctrl-C or Ctrl-D at a question: the user's choice, not a failure of kesu's.
    if ((error as Error)?.name === 'ExitPromptError') {
      throw new UserError('cancelled', {
        en: 'Cancelled: nothing was recorded; run kesu open again to record the complaint.',
        zh: '已取消，未登记任何内容；如需登记，请重新运行 kesu open。',
      });
    }
    throw error;
  }
}
