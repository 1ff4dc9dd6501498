// kesu answer (and log --answered): the reply given to the customer, how the complaint will be
// handled and by when. The first one since the answer deadline was armed meets it.
import { LOG_KIND } from '../../workflow/vocab.js';
import type { CliContext } from '../context.js';
import { optionalVocab, parseId } from '../options.js';
import { changeComplaint } from './change.js';

export interface AnswerOptions {
  kind?: string;
  at?: string;
  by?: string;
  verbose?: boolean;
}

export async function answer(context: CliContext, idText: string, words: string[], options: AnswerOptions): Promise<string> {
  const command = {
    type: 'answer' as const,
    text: words.join(' '),
    kind: optionalVocab(LOG_KIND, options.kind, '--kind'),
    substantiated: null,
    responsibility: null,
    rootCause: null,
  };
  return changeComplaint(context, parseId(idText), command, options);
}
