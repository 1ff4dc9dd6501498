// kesu void / unvoid: a complaint entered by mistake (a test, a double entry) leaves every list,
// agenda and report, and the import's duplicate check; nothing is deleted, and unvoid brings it back.
import type { Question } from '../asking.js';
import type { CliContext } from '../context.js';
import { parseId } from '../options.js';
import { changeComplaint, type WhenAndWho } from './change.js';

export interface VoidOptions extends WhenAndWho {
  reason?: string;
  note?: string;
}

const REASON: Question = { flag: '--reason', field: 'reason', answer: 'line', words: { en: 'Why is it voided (a test, a double entry…)?', zh: '作废原因（测试、重复录入……）' } };

export async function voidComplaint(context: CliContext, idText: string, options: VoidOptions): Promise<string> {
  const id = parseId(idText);
  const reason = options.reason ?? (await context.ask(REASON, { id, step: { type: 'void' } }));
  return changeComplaint(context, id, { type: 'void', reason, note: options.note ?? null }, options);
}

export interface UnvoidOptions extends WhenAndWho {
  note?: string;
}

export async function unvoid(context: CliContext, idText: string, options: UnvoidOptions): Promise<string> {
  return changeComplaint(context, parseId(idText), { type: 'unvoid', note: options.note ?? null }, options);
}
