import { DEFAULT_FOLLOWUP_METHOD, FOLLOWUP_METHOD, SATISFACTION } from '../../workflow/vocab.js';
import type { Question } from '../asking.js';
import type { CliContext } from '../context.js';
import { optionalVocab, parseId, parseVocabOption } from '../options.js';
import { changeComplaint } from './change.js';

export interface FollowupOptions {
  satisfaction?: string;
  method?: string;
  note?: string;
  at?: string;
  by?: string;
  verbose?: boolean;
}

const SATISFACTION_QUESTION: Question = {
  flag: '--satisfaction',
  field: 'satisfaction',
  answer: SATISFACTION,
  words: { en: 'How satisfied is the customer?', zh: '客户满意度' },
};

export async function followup(context: CliContext, idText: string, options: FollowupOptions): Promise<string> {
  const id = parseId(idText);
  // What was given is read before anything is asked, so that a typo fails at once.
  const method = optionalVocab(FOLLOWUP_METHOD, options.method, '--method') ?? DEFAULT_FOLLOWUP_METHOD;
  const satisfaction = options.satisfaction ?? (await context.ask(SATISFACTION_QUESTION, { id, step: { type: 'followup' } }));
  return changeComplaint(context, id, {
    type: 'followup',
    satisfaction: Number(parseVocabOption(SATISFACTION, satisfaction, '--satisfaction')),
    method,
    note: options.note ?? null,
  }, options);
}
