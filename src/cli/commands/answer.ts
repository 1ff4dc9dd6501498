// kesu answer (and log --answered): the reply given to the customer, how the complaint will be
// handled and by when. The first one since the answer deadline was armed meets it.
import type { Sentence } from '../../workflow/errors.js';
import { compareTimes } from '../../workflow/time.js';
import { LOG_KIND } from '../../workflow/vocab.js';
import type { CliContext } from '../context.js';
import { optionalVocab, parseId } from '../options.js';
import { formatDue, formatTime } from '../render/i18n.js';
import { changeComplaint, type ChangeDone } from './change.js';

export interface AnswerOptions {
  kind?: string;
  at?: string;
  by?: string;
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
  return changeComplaint(context, parseId(idText), command, options, answered);
}

/** "Recorded the answer to the customer of complaint 3; it met the answer deadline (Fri 6 Nov)." */
export function answered({ before, complaint, events }: ChangeDone): Sentence {
  const { id } = complaint;
  const at = events.at(-1)!.at;
  const year = at.slice(0, 4);
  if (before.answeredAt !== null) {
    return {
      en: `Recorded another answer to the customer of complaint ${id}; the first was given ${formatTime(before.answeredAt, 'en', year)}.`,
      zh: `已再次记录对投诉 ${id} 客户的答复；首次答复于 ${formatTime(before.answeredAt, 'zh', year)}。`,
    };
  }
  const deadline = before.deadlines.answer;
  if (deadline === null) return { en: `Recorded the answer to the customer of complaint ${id}.`, zh: `已记录对投诉 ${id} 客户的答复。` };
  const [en, zh] = [formatDue(deadline, 'en', year), formatDue(deadline, 'zh', year)];
  return compareTimes(at, deadline.due) <= 0
    ? { en: `Recorded the answer to the customer of complaint ${id}; it met the answer deadline (${en}).`, zh: `已记录对投诉 ${id} 客户的答复，按期完成（期限 ${zh}）。` }
    : { en: `Recorded the answer to the customer of complaint ${id}; it came after the answer deadline (${en}).`, zh: `已记录对投诉 ${id} 客户的答复，晚于答复期限（${zh}）。` };
}
