// The complaint as people read it: the list table, and the whole record with its timeline.
import { deadlineEnds, formatMoney, isOpenMajor, nearestPending, overdueAt, type Change, type Complaint, type ComplaintEvent } from '../../workflow/complaint.js';
import { DEADLINE_KINDS, type Deadline, type DeadlineKind } from '../../workflow/deadlines.js';
import { maskPhone } from '../../workflow/identity.js';
import type { IsoTime } from '../../workflow/time.js';
import {
  CATEGORY,
  CHANNEL,
  COMPENSATION_KIND,
  FOLLOWUP_METHOD,
  labelOf,
  LOG_KIND,
  OUTCOME,
  RESPONSIBILITY,
  SATISFACTION,
  SEVERITY,
  STATUS,
  type Lang,
} from '../../workflow/vocab.js';
import { CORRECTION_FIELD_NAMES, DEADLINE_NAMES, departmentName, EVENT_NAMES, explainDeadline, formatDue, formatTime, padDisplay, t, type TextKey } from './i18n.js';
import { renderGrid } from './grid.js';
import type { Style } from './style.js';
import { visible } from './visible.js';

const ONE_LINE = { oneLine: true } as const;

export interface RenderContext {
  readonly lang: Lang;
  readonly now: IsoTime;
  readonly style: Style;
}

/** The id column: major complaints stand out until they are closed. */
function idCell(complaint: Complaint, { style }: RenderContext): string {
  const id = String(complaint.id);
  return isOpenMajor(complaint) ? style.major(`${id} !`) : id;
}

function nextDueCell(complaint: Complaint, context: RenderContext): string {
  const { lang, now, style } = context;
  const year = now.slice(0, 4);
  const first = nearestPending(complaint);
  if (!first) return t('none', lang);
  const text = `${formatDue(first.deadline, lang, year)} (${DEADLINE_NAMES[first.kind][lang]})`;
  return overdueAt(complaint, now).length ? style.overdue(`${text} ${t('overdue', lang)}`) : text;
}

export function renderList(complaints: readonly Complaint[], context: RenderContext): string {
  const { lang, now } = context;
  if (complaints.length === 0) return `${t('nothingOpen', lang)}\n`;
  const head = (['id', 'status', 'severity', 'category', 'customer', 'received', 'nextDue', 'assignee'] as const).map((key) => t(key, lang));
  const year = now.slice(0, 4);
  const rows = complaints.map((c) => {
    const severity = labelOf(SEVERITY, c.severity, lang);
    return [
      idCell(c, context),
      c.voided === null ? labelOf(STATUS, c.status, lang) : t('voidedStatus', lang),
      isOpenMajor(c) ? context.style.major(severity) : severity,
      labelOf(CATEGORY, c.category, lang),
      visible(c.customer.name, ONE_LINE),
      formatTime(c.receivedAt, lang, year),
      nextDueCell(c, context),
      c.assignee === null ? t('none', lang) : visible(c.assignee, ONE_LINE),
    ];
  });
  return `${renderGrid(head, rows)}\n`;
}

export function renderComplaint(complaint: Complaint, events: readonly ComplaintEvent[], context: RenderContext): string {
  const { lang, now, style } = context;
  const lines: string[] = [];
  const title = `#${complaint.id}  ${labelOf(STATUS, complaint.status, lang)}${complaint.outcome ? ` (${labelOf(OUTCOME, complaint.outcome, lang)})` : ''}`;
  if (complaint.voided !== null) lines.push(style.overdue(`${title}  ${t('voided', lang)}`));
  else lines.push(isOpenMajor(complaint) ? style.major(`${title}  ${labelOf(SEVERITY, 'major', lang).toUpperCase()}`) : style.bold(title));
  const year = now.slice(0, 4);
  const labelWidth = lang === 'zh' ? 10 : 19;
  const field = (key: TextKey, value: string | null | undefined): void => {
    if (value !== null && value !== undefined && value !== '') lines.push(`${padDisplay(t(key, lang), labelWidth)}${visible(value)}`);
  };
  if (complaint.voided !== null) {
    const { reason, by, at } = complaint.voided;
    field('voidedBecause', `${reason} (${by}, ${formatTime(at, lang, year)})`);
  }
  field('ref', complaint.ref);
  field('customer', complaint.customer.phone ? `${complaint.customer.name} (${complaint.customer.phone})` : complaint.customer.name);
  field('received', `${formatTime(complaint.receivedAt, lang, year)} · ${complaint.receivedBy} · ${labelOf(CHANNEL, complaint.channel, lang)}`);
  field('category', `${labelOf(CATEGORY, complaint.category, lang)} · ${labelOf(SEVERITY, complaint.severity, lang)}`);
  field('order', complaint.order);
  field('description', complaint.description);
  field('request', complaint.request);
  const department = complaint.department === null ? null : departmentName(complaint.department, lang);
  field('assignee', complaint.assignee ? `${complaint.assignee}${department ? ` (${department})` : ''}` : null);
  if (!complaint.assignee) field('department', department);
  field('substantiated', complaint.substantiated === null ? null : t(complaint.substantiated ? 'yes' : 'no', lang));
  field('responsibility', complaint.responsibility && labelOf(RESPONSIBILITY, complaint.responsibility, lang));
  field('finding', complaint.finding);
  field('rootCause', complaint.rootCause);
  field('correctiveAction', complaint.correctiveAction);
  field('solution', complaint.solution);
  const { kind, cents } = complaint.compensation;
  if (kind !== null || cents !== null) {
    field('compensation', [kind && labelOf(COMPENSATION_KIND, kind, lang), cents !== null ? formatMoney(cents) : null].filter(Boolean).join(' '));
  }
  if (complaint.reopenCount > 0) field('reopened', String(complaint.reopenCount));
  field('closedAt', complaint.closedAt && formatTime(complaint.closedAt, lang, year));

  lines.push('', style.heading(t('deadlines', lang)));
  const overdue = new Set(overdueAt(complaint, now));
  const ends = deadlineEnds(events);
  for (const kind of DEADLINE_KINDS) {
    const deadline = complaint.deadlines[kind];
    if (!deadline) continue;
    const end = ends[kind];
    const state = overdue.has(kind) ? style.overdue(t('overdue', lang)) : end === 'late' ? style.overdue(t('metLate', lang)) : end === 'met' ? style.dim(t('met', lang)) : '';
    lines.push(`  ${padDisplay(DEADLINE_NAMES[kind][lang], 12)}${formatDue(deadline, lang, year)}  ${state}`.trimEnd());
    lines.push(style.dim(`  ${' '.repeat(12)}${explainDeadline(deadline, lang)}${rearmedBy(events, kind, deadline, lang)}`));
  }

  if (complaint.followups.length) {
    lines.push('', style.heading(t('followups', lang)));
    for (const f of complaint.followups) {
      const satisfaction = `${f.satisfaction} ${labelOf(SATISFACTION, String(f.satisfaction) as '1', lang)}`;
      lines.push(visible(`  ${formatTime(f.at, lang, year)}  ${labelOf(FOLLOWUP_METHOD, f.method, lang)}  ${satisfaction}${f.note ? `  ${f.note}` : ''}`));
    }
  }

  lines.push('', style.heading(t('timeline', lang)));
  for (const event of events) {
    const name = EVENT_NAMES[event.type][lang];
    lines.push(visible(`  ${String(event.seq).padStart(2)}  ${formatTime(event.at, lang, year)}  ${event.by}  ${describeEvent(event, name, lang)}`));
  }
  return `${lines.join('\n')}\n`;
}

function describeEvent(event: ComplaintEvent, name: string, lang: Lang): string {
  const note = event.note ? `: ${event.note}` : '';
  switch (event.type) {
    case 'logged':
      return `${labelOf(LOG_KIND, event.kind, lang)}${note}`;
    case 'assigned':
      return `${name} → ${event.assignee}${event.department ? ` (${departmentName(event.department, lang)})` : ''}${note}`;
    case 'resolved':
      return `${name}${event.unfounded ? ` (${labelOf(OUTCOME, 'unfounded', lang)})` : ''}: ${event.solution ?? event.finding ?? ''}${event.note ? ` — ${event.note}` : ''}`;
    case 'followed-up':
      // 电话回访，满意度 5/5 reads as Chinese; "回访 电话, 5/5" did not.
      return lang === 'zh'
        ? `${labelOf(FOLLOWUP_METHOD, event.method, lang)}${name}，满意度 ${event.satisfaction}/5${event.note ? `：${event.note}` : ''}`
        : `${name} ${labelOf(FOLLOWUP_METHOD, event.method, lang)}, ${event.satisfaction}/5${note}`;
    case 'closed':
      return `${name} (${labelOf(OUTCOME, event.outcome, lang)})${note}`;
    case 'answered':
      return `${name} (${labelOf(LOG_KIND, event.kind, lang)})${note}`;
    case 'corrected':
      return `${name} ${event.changes.map((change) => describeChange(change, lang)).join(lang === 'zh' ? '；' : '; ')}${event.note ? ` — ${event.note}` : ''}`;
    case 'voided':
      return `${name}: ${event.reason}${event.note ? ` — ${event.note}` : ''}`;
    default:
      return `${name}${note}`;
  }
}

/** "phone: *******8000 → *******1111": a corrected field, its values as the record shows them (a phone masked). */
function describeChange({ field, before, after }: Change, lang: Lang): string {
  const shown = (value: string | null): string => {
    if (value === null) return t('none', lang);
    switch (field) {
      case 'phone':
        return maskPhone(value);
      case 'channel':
        return labelOf(CHANNEL, value as never, lang);
      case 'category':
        return labelOf(CATEGORY, value as never, lang);
      case 'severity':
        return labelOf(SEVERITY, value as never, lang);
      case 'receivedAt':
        return formatTime(value as IsoTime, lang);
      case 'department':
        return departmentName(value, lang);
      default:
        return value;
    }
  };
  return `${CORRECTION_FIELD_NAMES[field][lang]}${lang === 'zh' ? '：' : ': '}${shown(before)} → ${shown(after)}`;
}

/**
 * "; re-armed when the severity was corrected to major": a deadline a correction set says so, as
 * every deadline says how it was reached (a corrected received time, or a new severity).
 */
function rearmedBy(events: readonly ComplaintEvent[], kind: DeadlineKind, deadline: Deadline, lang: Lang): string {
  const key = ({ answer: 'answerDeadline', solution: 'solutionDeadline', followup: 'followupDeadline' } as const)[kind];
  const setter = events.findLast((event) => event.type === 'corrected' && event[key] !== null);
  if (setter?.type !== 'corrected' || setter[key]!.due !== deadline.due || setter[key]!.from !== deadline.from) return '';
  // A new severity re-arms from the correction's time; a corrected received time, from itself.
  const severity = setter.changes.find((change) => change.field === 'severity');
  if (severity === undefined || deadline.from !== setter.at) {
    return lang === 'zh' ? '（按更正后的受理时间重新计算）' : ' (counted again from the corrected received time)';
  }
  const label = labelOf(SEVERITY, severity.after as never, lang);
  return lang === 'zh' ? `（严重程度更正为“${label}”后重新计算）` : ` (re-armed when the severity was corrected to ${label})`;
}

/** After `open`: the id and the answer deadline, with how it was reached. */
export function renderOpened(complaint: Complaint, context: RenderContext): string {
  const { lang, style } = context;
  const answer = complaint.deadlines.answer!;
  const due = formatDue(answer, lang, context.now.slice(0, 4));
  const inDays = answer.duration.unit === 'workdays';
  const major = complaint.severity === 'major' ? style.major(lang === 'zh' ? '  重大投诉' : '  MAJOR') : '';
  return lang === 'zh'
    ? // "最迟于" a day includes the day, as "by the end of" does; "前" an hour is before that moment.
      `已受理投诉 ${style.bold(`#${complaint.id}`)}${major}。${inDays ? `请最迟于 ${due} 答复客户` : `请在 ${due} 前答复客户`}（${explainDeadline(answer, lang)}）。\n`
    : `Recorded complaint ${style.bold(`#${complaint.id}`)}${major}. Answer the customer by ${inDays ? 'the end of ' : ''}${due} (${explainDeadline(answer, lang)}).\n`;
}
