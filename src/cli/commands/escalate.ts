// kesu escalate: a complaint taken to the manager by hand, or (--overdue, for a morning cron) every
// major complaint whose deadline has passed and was not escalated yet. Escalations made by the
// procedure itself (a major complaint recorded, a second reopening) come with those steps.
import type { Complaint } from '../../workflow/complaint.js';
import { decide } from '../../workflow/transitions.js';
import { instant } from '../../workflow/time.js';
import type { Question } from '../asking.js';
import { LOCAL_ZONE } from '../clock.js';
import type { CliContext } from '../context.js';
import { usage } from '../errors.js';
import { parseId } from '../options.js';
import { complaintJson, toJsonText } from '../render/json.js';
import { changeComplaint, notifyAdded, type WhenAndWho } from './change.js';
import type { Settings } from '../../workflow/settings.js';

export interface EscalateOptions extends WhenAndWho {
  to?: string;
  note?: string;
  overdue?: boolean;
}

const WHY: Question = { flag: '--note', field: 'note', answer: 'line', words: { en: 'Why does it need the manager?', zh: '为什么需要店长处理？' } };

export async function escalate(context: CliContext, idText: string | undefined, options: EscalateOptions): Promise<string> {
  if (options.overdue) {
    if (idText !== undefined) throw usage('Give either a complaint id or --overdue, not both.', '请给出投诉编号或 --overdue，不要同时给出。');
    return escalateOverdue(context, options);
  }
  if (idText === undefined) throw usage('Name the complaint to escalate (kesu escalate ID --note TEXT), or give --overdue.', '请给出要升级的投诉编号（kesu escalate 编号 --note 原因），或使用 --overdue。');
  const id = parseId(idText);
  const note = options.note ?? (await context.ask(WHY, { id, step: { type: 'escalate' } }));
  return changeComplaint(context, id, { type: 'escalate', to: options.to ?? null, note }, options);
}

/** Every major complaint with a running deadline passed and not escalated yet, escalated now, each in its own write. */
async function escalateOverdue(context: CliContext, options: EscalateOptions): Promise<string> {
  const store = await context.store('change');
  const now = context.now;
  const escalated: Complaint[] = [];
  for (const candidate of await store.list({ statuses: null, severities: ['major'], dueBefore: instant(now) })) {
    let decided: { added: number; settings: Settings } | null = null;
    const written = await store.transact(candidate.id, (current, settings) => {
      const events = decide(current, { type: 'escalate', overdue: true, to: null, note: null, at: now, by: context.actor(options.by, settings) }, { now, settings, zone: LOCAL_ZONE });
      decided = { added: events.length, settings };
      return events;
    });
    const { added, settings } = decided!;
    if (added === 0) continue;
    escalated.push(written.complaint);
    // The shop's notification command hears of each escalation, as of any made by a change.
    await notifyAdded(context, settings, written, written.events.slice(-added));
  }
  if (context.json) return toJsonText(escalated.map((complaint) => complaintJson(complaint, now)));
  const ids = escalated.map((complaint) => `#${complaint.id}`).join(context.lang === 'zh' ? '、' : ', ');
  if (context.lang === 'zh') return escalated.length === 0 ? '没有新超期的重大投诉需要升级。\n' : `已将 ${escalated.length} 条超期的重大投诉升级：${ids}。\n`;
  return escalated.length === 0 ? 'No deadline of a major complaint has passed since the last escalation.\n' : `Escalated ${escalated.length} major complaint${escalated.length === 1 ? '' : 's'} past a deadline: ${ids}.\n`;
}
