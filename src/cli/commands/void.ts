// kesu void / unvoid: a complaint entered by mistake (a test, a double entry) leaves every list,
// agenda and report, and the import's duplicate check; nothing is deleted, and unvoid brings it back.
import type { CliContext } from '../context.js';
import { parseId } from '../options.js';
import { changeComplaint } from './change.js';

export interface VoidOptions {
  reason: string;
  note?: string;
  at?: string;
  by?: string;
}

export async function voidComplaint(context: CliContext, idText: string, options: VoidOptions): Promise<string> {
  return changeComplaint(context, parseId(idText), { type: 'void', reason: options.reason, note: options.note ?? null }, options, ({ complaint: { id } }) => ({
    en: `Voided complaint ${id}: it is left out of lists, the agenda, reports and the import's duplicate check from now on; kesu unvoid ${id} brings it back.`,
    zh: `已作废投诉 ${id}：从现在起它不再出现在列表、日程和报表中，导入查重也不再比对它；可用 kesu unvoid ${id} 恢复。`,
  }));
}

export interface UnvoidOptions {
  note?: string;
  at?: string;
  by?: string;
}

export async function unvoid(context: CliContext, idText: string, options: UnvoidOptions): Promise<string> {
  return changeComplaint(context, parseId(idText), { type: 'unvoid', note: options.note ?? null }, options, ({ complaint: { id } }) => ({
    en: `Brought complaint ${id} back: it counts again in lists, the agenda and reports, with its deadlines as they were.`,
    zh: `已恢复投诉 ${id}：它重新计入列表、日程和报表，处理期限保持原样。`,
  }));
}
