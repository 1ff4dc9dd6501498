// kesu answer (and log --answered): the reply given to the customer, how the complaint will be
// handled and by when. The first one since the answer deadline was armed meets it.
import { LOG_KIND } from '../../workflow/vocab.js';
import type { Question } from '../asking.js';
import type { CliContext } from '../context.js';
import { optionalVocab, parseId } from '../options.js';
import { changeComplaint, type WhenAndWho } from './change.js';

export interface AnswerOptions extends WhenAndWho {
  kind?: string;
}

const TOLD: Question = {
  flag: 'text',
  field: 'answer',
  answer: 'text',
  words: { en: 'What was the customer told?', zh: '告诉客户的内容' },
};

export async function answer(context: CliContext, idText: string, words: string[], options: AnswerOptions): Promise<string> {
  const id = parseId(idText);
  // What was given is read before anything is asked, so that a typo fails at once.
  const kind = optionalVocab(LOG_KIND, options.kind, '--kind');
  const command = {
    type: 'answer' as const,
    text: words.length > 0 ? words.join(' ') : await context.ask(TOLD, { id, step: { type: 'answer' } }),
    kind,
    substantiated: null,
    responsibility: null,
    rootCause: null,
  };
  return changeComplaint(context, id, command, options);
}
