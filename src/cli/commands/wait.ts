// kesu wait / resume: a complaint that waits on the customer, a supplier or someone else has its
// deadlines paused; resuming it (or any step the shop takes for it) pushes them back by the time waited.
import { WAIT_PARTY } from '../../workflow/vocab.js';
import type { Question } from '../asking.js';
import type { CliContext } from '../context.js';
import { parseId, parseVocabOption } from '../options.js';
import { changeComplaint, type WhenAndWho } from './change.js';

export interface WaitOptions extends WhenAndWho {
  on?: string;
  note?: string;
}

const ON: Question = { flag: '--on', answer: WAIT_PARTY, words: { en: 'Who is it waiting on?', zh: '等待谁？' } };

export async function wait(context: CliContext, idText: string, options: WaitOptions): Promise<string> {
  const id = parseId(idText);
  const on = parseVocabOption(WAIT_PARTY, options.on ?? (await context.ask(ON, { id, step: { type: 'wait' } })), '--on');
  return changeComplaint(context, id, { type: 'wait', on, note: options.note ?? null }, options);
}

export interface ResumeOptions extends WhenAndWho {
  note?: string;
}

export async function resume(context: CliContext, idText: string, options: ResumeOptions): Promise<string> {
  return changeComplaint(context, parseId(idText), { type: 'resume', note: options.note ?? null }, options);
}
