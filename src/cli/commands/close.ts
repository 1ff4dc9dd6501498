import { CLOSE_REASON } from '../../workflow/vocab.js';
import type { Question } from '../asking.js';
import type { CliContext } from '../context.js';
import { parseId, parseVocabOption } from '../options.js';
import { changeComplaint } from './change.js';

export interface CloseOptions {
  reason?: string;
  note?: string;
  at?: string;
  by?: string;
  verbose?: boolean;
}

const REASON: Question = { flag: '--reason', answer: CLOSE_REASON, words: { en: 'Why is it closed?', zh: '结案原因' } };

export async function close(context: CliContext, idText: string, options: CloseOptions): Promise<string> {
  const id = parseId(idText);
  return changeComplaint(context, id, {
    type: 'close',
    reason: parseVocabOption(CLOSE_REASON, options.reason ?? (await context.ask(REASON, { id, step: { type: 'close' } })), '--reason'),
    note: options.note ?? null,
  }, options);
}
