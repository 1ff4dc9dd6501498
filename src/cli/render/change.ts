// What a command that changes a complaint prints: one sentence saying what happened and what comes
// next, then the record in short (in full with --verbose, as `show` prints it). The next step and its
// deadline are the complaint's own (its pending deadlines), never worked out again here.
//
// A new command renders its change through `renderChange` (commands/change.ts does it for every
// command that goes through `changeComplaint`); a new kind of event adds its words to `whatHappened`,
// which the compiler holds to every event type.
import { apply, formatMoney, pendingDeadlines, type Complaint, type ComplaintEvent } from '../../workflow/complaint.js';
import type { Sentence } from '../../workflow/errors.js';
import type { Settings } from '../../workflow/settings.js';
import { compareTimes, type IsoTime } from '../../workflow/time.js';
import { formatTime } from '../../workflow/time-words.js';
import { COMPENSATION_KIND, ESCALATION_REASON, labelOf, LOG_KIND, OUTCOME, SATISFACTION, WAIT_PARTY, type Lang } from '../../workflow/vocab.js';
import { assigneeText, customerText, fieldLines, labelWidth, oneLine, recordTitle, renderComplaint, timelineLine, type RenderContext } from './complaint.js';
import { CORRECTION_FIELD_NAMES, DEADLINE_NAMES, escalatedTo, formatDue, waitedWords, type TextKey } from './i18n.js';
import { visible } from './visible.js';
import { cutToWidth } from './width.js';

/** A change as it was made: the complaint before and after it, the events it added, the settings it was decided under. */
export interface Change {
  readonly before: Complaint;
  readonly after: Complaint;
  readonly added: readonly ComplaintEvent[];
  readonly settings: Settings;
}

/** The sentence, then the record: in short, or whole (with the complaint's every event) when `verbose`. */
export function renderChange(change: Change, events: readonly ComplaintEvent[], context: RenderContext, verbose: boolean): string {
  const { lang } = context;
  const sentence = `${whatHappened(change, context.now.slice(0, 4))[lang]}${lang === 'zh' ? '；' : '; '}${whatNext(change, context)}${lang === 'zh' ? '。' : '.'}`;
  return `${visible(sentence, { oneLine: true })}\n${verbose ? renderComplaint(change.after, events, context) : shortRecord(change, context)}`;
}

/**
 * The record in short: who, what, who has it, each on one line cut to the terminal (80 columns
 * without one), and the entries this change added to the timeline.
 */
function shortRecord({ after, added }: Change, context: RenderContext): string {
  const { lang, width } = context;
  const short = (key: TextKey, value: string | null): string[] => fieldLines(key, value && cutToWidth(oneLine(value), (width ?? 80) - labelWidth(lang)), lang);
  const lines = [
    recordTitle(after, context),
    ...short('customer', customerText(after)),
    ...short('description', after.description),
    ...short('assignee', assigneeText(after, lang)),
    ...added.map((event) => timelineLine(event, context)),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * What the change did, said from the events it added (a follow-up and the close or reopening it
 * caused, say); times without their year when it is `year`.
 */
function whatHappened({ before, after, added, settings }: Change, year: string): Sentence {
  const [first, second] = added;
  if (!first) throw new Error('a change without events');
  const id = after.id;
  const escalations = added.filter((event) => event.type === 'escalated');
  if (escalations.length > 0 && added.length > escalations.length) {
    // A step that escalated too (a major complaint recorded or raised to major, a second reopening, a
    // passed deadline noticed): the step, then to whom it went.
    const step = whatHappened({ before, after, added: added.filter((event) => event.type !== 'escalated'), settings }, year);
    const { to, reason } = escalations[0]!;
    const [en, zh] = [escalatedTo(to, 'en'), escalatedTo(to, 'zh')];
    return {
      en: `${step.en}, and escalated to ${en} (${labelOf(ESCALATION_REASON, reason, 'en')})`,
      zh: `${step.zh}，并已升级至${zh}（${labelOf(ESCALATION_REASON, reason, 'zh')}）`,
    };
  }
  if (first.type === 'resumed' && second) {
    // A step that ended a wait: the step, then the wait it ended.
    const step = whatHappened({ before: apply(before, first), after, added: added.slice(1), settings }, year);
    const waited = waitLasted(first);
    return {
      en: `${step.en} (the wait on ${labelOf(WAIT_PARTY, first.on, 'en')} ended after ${waited.en})`,
      zh: `${step.zh}（等待${labelOf(WAIT_PARTY, first.on, 'zh')}已结束，共 ${waited.zh}）`,
    };
  }
  const outcome = (lang: Lang): string => labelOf(OUTCOME, after.outcome ?? 'satisfied', lang);
  switch (first.type) {
    case 'opened':
      return { en: `Recorded complaint ${id}`, zh: `已受理投诉 ${id}` };
    case 'logged': {
      const found = first.substantiated === null ? null : first.substantiated;
      return {
        en: `Complaint ${id}: ${labelOf(LOG_KIND, first.kind, 'en')} logged${found === null ? '' : found ? ' (substantiated)' : ' (not substantiated)'}`,
        zh: `投诉 ${id}：已记录${labelOf(LOG_KIND, first.kind, 'zh')}${found === null ? '' : found ? '（属实）' : '（不属实）'}`,
      };
    }
    case 'assigned': {
      const [who, whoZh] = [assigneeText(after, 'en'), assigneeText(after, 'zh')];
      const from = before.assignee;
      if (from === null) return { en: `Complaint ${id} assigned to ${who}`, zh: `投诉 ${id} 已指派给 ${whoZh}` };
      return { en: `Complaint ${id} reassigned from ${from} to ${who}`, zh: `投诉 ${id} 已由 ${from} 改派给 ${whoZh}` };
    }
    case 'resolved': {
      if (second?.type === 'closed') return { en: `Complaint ${id} closed: ${outcome('en')}`, zh: `投诉 ${id} 已结案：${outcome('zh')}` };
      const { kind, cents } = first.compensation ?? { kind: null, cents: null };
      const paid = (lang: Lang): string => [kind && labelOf(COMPENSATION_KIND, kind, lang), cents === null ? null : formatMoney(cents)].filter(Boolean).join(' ');
      return { en: `Complaint ${id} resolved${paid('en') ? ` (${paid('en')})` : ''}`, zh: `投诉 ${id} 已解决${paid('zh') ? `（${paid('zh')}）` : ''}` };
    }
    case 'followed-up':
      return followedUp(first.satisfaction, second?.type ?? null, after, settings.followupsRequired[after.category]);
    case 'closed':
      return { en: `Complaint ${id} closed: ${outcome('en')}`, zh: `投诉 ${id} 已结案：${outcome('zh')}` };
    case 'reopened':
      return { en: `Complaint ${id} reopened`, zh: `投诉 ${id} 重新处理` };
    case 'answered':
      return answered(before, first.at, year);
    case 'corrected':
      return corrected(id, first);
    case 'voided':
      return {
        en: `Complaint ${id} voided: it leaves lists, the agenda, reports and the import's duplicate check`,
        zh: `投诉 ${id} 已作废：不再出现在列表、日程和报表中，导入查重也不再比对它`,
      };
    case 'unvoided':
      return { en: `Complaint ${id} brought back: it counts again in lists, the agenda and reports`, zh: `投诉 ${id} 已恢复：重新计入列表、日程和报表` };
    case 'escalated': {
      const [en, zh] = [escalatedTo(first.to, 'en'), escalatedTo(first.to, 'zh')];
      return { en: `Complaint ${id} escalated to ${en} (${labelOf(ESCALATION_REASON, first.reason, 'en')})`, zh: `投诉 ${id} 已升级至${zh}（${labelOf(ESCALATION_REASON, first.reason, 'zh')}）` };
    }
    case 'waiting':
      return { en: `Complaint ${id} paused: waiting on ${labelOf(WAIT_PARTY, first.on, 'en')}`, zh: `投诉 ${id} 已暂停计时：等待${labelOf(WAIT_PARTY, first.on, 'zh')}` };
    case 'resumed': {
      const waited = waitLasted(first);
      const pushed = first.answerDeadline !== null || first.solutionDeadline !== null || first.followupDeadline !== null;
      return {
        en: `Complaint ${id} resumed after ${waited.en} waiting on ${labelOf(WAIT_PARTY, first.on, 'en')}${pushed ? `, its deadlines pushed back` : ''}`,
        zh: `投诉 ${id} 已恢复计时：等待${labelOf(WAIT_PARTY, first.on, 'zh')} ${waited.zh}${pushed ? '，期限相应顺延' : ''}`,
      };
    }
  }
}

/** How long a wait lasted: the working days, or the clock time when it began and ended the same working day. */
function waitLasted(event: Extract<ComplaintEvent, { type: 'resumed' }>): Sentence {
  const [amount, unit] = event.workdays > 0 ? [event.workdays, 'workdays' as const] : [event.minutes, 'minutes' as const];
  return { en: waitedWords(amount, unit, 'en'), zh: waitedWords(amount, unit, 'zh') };
}

/** An answer to the customer: whether it met the answer deadline, or that one was given before. */
function answered(before: Complaint, at: IsoTime, year: string): Sentence {
  const { id } = before;
  if (before.answeredAt !== null) {
    const [en, zh] = [formatTime(before.answeredAt, 'en', year), formatTime(before.answeredAt, 'zh', year)];
    return { en: `Complaint ${id}: customer answered again (first answered ${en})`, zh: `投诉 ${id}：已再次答复客户（首次答复于 ${zh}）` };
  }
  const deadline = before.deadlines.answer;
  if (deadline === null) return { en: `Complaint ${id}: customer answered`, zh: `投诉 ${id}：已答复客户` };
  const [en, zh] = [formatDue(deadline, 'en', year), formatDue(deadline, 'zh', year)];
  return compareTimes(at, deadline.due) <= 0
    ? { en: `Complaint ${id}: customer answered on time (due ${en})`, zh: `投诉 ${id}：已按期答复客户（期限 ${zh}）` }
    : { en: `Complaint ${id}: customer answered late (due ${en})`, zh: `投诉 ${id}：已答复客户，晚于期限（${zh}）` };
}

/** A correction: the fields corrected, and the deadlines a new severity or received time re-armed. */
function corrected(id: number, event: Extract<ComplaintEvent, { type: 'corrected' }>): Sentence {
  const fields = (lang: Lang) => event.changes.map((change) => CORRECTION_FIELD_NAMES[change.field][lang]);
  const rearmed = (['answer', 'solution', 'followup'] as const).filter((kind) => event[`${kind}Deadline`] !== null);
  const deadlines = (lang: Lang) => rearmed.map((kind) => DEADLINE_NAMES[kind][lang]);
  const plural = rearmed.length > 1 ? 's' : '';
  return {
    en: `Complaint ${id} corrected: ${fields('en').join(', ')}${rearmed.length ? ` (${deadlines('en').join(' and ')} deadline${plural} re-armed)` : ''}`,
    zh: `投诉 ${id} 已更正：${fields('zh').join('、')}${rearmed.length ? `（已重新计算${deadlines('zh').join('、')}期限）` : ''}`,
  };
}

/** A follow-up: the customer's word, and whether it closed the complaint, reopened it, or another is needed. */
function followedUp(satisfaction: number, then: ComplaintEvent['type'] | null, after: Complaint, required: number): Sentence {
  const { id } = after;
  const score = `${satisfaction}/5`;
  const label = (lang: Lang): string => labelOf(SATISFACTION, String(satisfaction) as '1', lang);
  if (then === 'reopened') return { en: `Complaint ${id} reopened: customer ${label('en')} (${score})`, zh: `投诉 ${id} 重新处理：客户评价“${label('zh')}”（${score}）` };
  // Counted after this follow-up: a close resets nothing, so the count is the one that closed it.
  const count = then === 'closed' ? required : after.satisfiedThisRound;
  const round = { en: `follow-up ${count} of ${required} satisfied (${score})`, zh: `第 ${count} 次满意回访，共需 ${required} 次（${score}）` };
  if (then !== 'closed') return { en: `Complaint ${id}: ${round.en}`, zh: `投诉 ${id}：${round.zh}` };
  if (required === 1) return { en: `Complaint ${id} closed: customer ${label('en')} (${score})`, zh: `投诉 ${id} 已结案：客户${label('zh')}（${score}）` };
  return { en: `Complaint ${id} closed: ${round.en}`, zh: `投诉 ${id} 已结案：${round.zh}` };
}

/**
 * What comes next: who has it again after a reopening, and each deadline still to be met, nearest
 * first; for a voided complaint (which has none), how to bring it back.
 */
function whatNext({ after: complaint, added }: Change, { lang, now }: RenderContext): string {
  if (complaint.voided !== null) return lang === 'zh' ? `可用 kesu unvoid ${complaint.id} 恢复` : `kesu unvoid ${complaint.id} brings it back`;
  if (complaint.waiting !== null) {
    return lang === 'zh'
      ? `期限暂停，直到 kesu resume ${complaint.id} 或店里的下一步处理`
      : `its deadlines are paused until kesu resume ${complaint.id} or the shop's next step`;
  }
  const parts: string[] = [];
  if (added.some((event) => event.type === 'reopened')) {
    parts.push(complaint.assignee ? (lang === 'zh' ? `退回 ${complaint.assignee}` : `back with ${complaint.assignee}`) : lang === 'zh' ? '重新待处理' : 'open again');
  }
  const pending = pendingDeadlines(complaint).sort((a, b) => compareTimes(a.deadline.due, b.deadline.due));
  for (const { kind, deadline } of pending) {
    const date = formatDue(deadline, lang, now.slice(0, 4));
    // After a satisfied follow-up that did not close it, the follow-up due is the next one.
    const next = kind === 'followup' && complaint.satisfiedThisRound > 0;
    const name = DEADLINE_NAMES[kind][lang];
    const late = compareTimes(deadline.due, now) < 0;
    if (lang === 'zh') parts.push(late ? `${next ? '下次' : ''}${name}已超期（期限 ${date}）` : `${next ? '下次' : ''}${name}期限 ${date}`);
    else parts.push(late ? `${next ? 'next ' : ''}${name} overdue since ${date}` : `${next ? 'next ' : ''}${name} due ${date}`);
  }
  if (parts.length === 0) return lang === 'zh' ? '无待办期限' : 'nothing more is due';
  return parts.join(lang === 'zh' ? '，' : ', ');
}
