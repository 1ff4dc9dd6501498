// The complaint as people read it: the list table, and the whole record with its timeline.
import { describeStandard, standardEntry, type AppliedStandard } from '../../workflow/standards.js';
import { deadlineEnds, formatMoney, isOpenMajor, nearestPending, overdueAt, type Change, type Complaint, type ComplaintEvent } from '../../workflow/complaint.js';
import { DEADLINE_KINDS, type Deadline, type DeadlineKind } from '../../workflow/deadlines.js';
import { maskPhone } from '../../workflow/identity.js';
import { localDateOf, type IsoTime } from '../../workflow/time.js';
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
  ESCALATION_REASON,
  MAJOR_CRITERION,
  STATUS,
  WAIT_PARTY,
  type Lang,
} from '../../workflow/vocab.js';
import { CORRECTION_FIELD_NAMES, DEADLINE_NAMES, departmentName, escalatedTo, EVENT_NAMES, explainDeadline, formatDue, t, waitedWords, type TextKey } from './i18n.js';
import { clockOf, formatDate, formatGivenTime, formatTime } from '../../workflow/time-words.js';
import { labelledLines, padDisplay } from './width.js';
import { renderTable, type Cell, type FittedColumn } from './grid.js';
import type { Style } from './style.js';
import { visible } from './visible.js';

const ONE_LINE = { oneLine: true } as const;

export interface RenderContext {
  readonly lang: Lang;
  readonly now: IsoTime;
  readonly style: Style;
  /** The columns of the terminal the text is for; null or absent: no terminal, nothing fitted to a width. */
  readonly width?: number | null;
}

/** A column of the list: its heading, its cell for a complaint, and how it gives way on a narrow terminal (grid.ts). */
interface ListColumn extends Omit<FittedColumn, 'head' | 'cells'> {
  readonly key: TextKey;
  readonly cell: (complaint: Complaint, context: RenderContext) => Cell;
  /** Shown only on a terminal, cut to fit: a piped table keeps the columns it always had. */
  readonly terminalOnly?: boolean;
}

const none = (lang: Lang): Cell => ({ atoms: [t('none', lang)] });

/** A time as the atoms a narrow cell may break between: the date, never broken, then the time of day. */
function timeAtoms(time: IsoTime, lang: Lang, year: string): string[] {
  return [formatDate(localDateOf(time), lang, year), clockOf(time)];
}

/** When it was received: the date alone when no time of day was given. */
export function receivedAtoms(complaint: Complaint, lang: Lang, year: string): string[] {
  const atoms = timeAtoms(complaint.receivedAt, lang, year);
  return complaint.receivedDateOnly ? atoms.slice(0, 1) : atoms;
}

/** The time of an event as shown: an opening received on a date without a time shows the date alone. */
function eventTime(event: ComplaintEvent, lang: Lang, year: string): string {
  return formatGivenTime(event.at, event.type === 'opened' && event.dateOnly === true, lang, year);
}

/** The nearest deadline still to be met, its kind, and whether it has passed (then styled so); a paused complaint, whom it waits on. */
function nextDueCell(complaint: Complaint, { lang, now, style }: RenderContext): Cell {
  if (complaint.waiting !== null) {
    const { on, since } = complaint.waiting;
    const date = formatDate(localDateOf(since), lang, now.slice(0, 4));
    return lang === 'zh'
      ? { atoms: [`等待${labelOf(WAIT_PARTY, on, lang)}`, `自 ${date}`], style: style.dim }
      : { atoms: [`waiting on ${labelOf(WAIT_PARTY, on, lang)}`, `since ${date}`], style: style.dim };
  }
  const first = nearestPending(complaint);
  if (!first) return none(lang);
  const { deadline, kind } = first;
  const when = deadline.duration.unit === 'workdays' ? [formatDate(localDateOf(deadline.due), lang, now.slice(0, 4))] : timeAtoms(deadline.due, lang, now.slice(0, 4));
  const atoms = [...when, `(${DEADLINE_NAMES[kind][lang]})`];
  const whole = when.length;
  return overdueAt(complaint, now).length ? { atoms: [...atoms, t('overdue', lang)], whole, style: style.overdue } : { atoms, whole };
}

/** One line of stored text for a cell: line breaks as spaces, anything a terminal would act on escaped. */
export const oneLine = (text: string): string => visible(text.replace(/\s*\n\s*/g, ' '), ONE_LINE);

/** The list's columns in the order shown; on a narrow terminal the lowest `dropOrder` goes first. */
const LIST_COLUMNS: readonly ListColumn[] = [
  // Major complaints stand out until they are closed.
  { key: 'id', fit: 'keep', cell: (c, { style }) => (isOpenMajor(c) ? { atoms: [`${c.id} !`], style: style.major } : { atoms: [String(c.id)] }) },
  { key: 'status', fit: 'keep', dropOrder: 5, cell: (c, { lang }) => ({ atoms: [c.voided === null ? labelOf(STATUS, c.status, lang) : t('voidedStatus', lang)] }) },
  { key: 'severity', fit: 'keep', dropOrder: 3, cell: (c, { lang, style }) => ({ atoms: [labelOf(SEVERITY, c.severity, lang)], style: isOpenMajor(c) ? style.major : undefined }) },
  { key: 'category', fit: 'keep', dropOrder: 2, cell: (c, { lang }) => ({ atoms: [labelOf(CATEGORY, c.category, lang)] }) },
  { key: 'customer', fit: 'cut', least: 8, dropOrder: 7, cell: (c) => ({ atoms: [visible(c.customer.name, ONE_LINE)] }) },
  { key: 'description', fit: 'cut', least: 16, fill: true, dropOrder: 6, terminalOnly: true, cell: (c) => ({ atoms: [oneLine(c.description)] }) },
  { key: 'received', fit: 'wrap', dropOrder: 1, cell: (c, { lang, now }) => ({ atoms: receivedAtoms(c, lang, now.slice(0, 4)) }) },
  { key: 'nextDue', fit: 'wrap', cell: nextDueCell },
  { key: 'assignee', fit: 'cut', least: 8, dropOrder: 4, cell: (c, { lang }) => (c.assignee === null ? none(lang) : { atoms: [visible(c.assignee, ONE_LINE)] }) },
];

/**
 * A column of the list's table over `complaints`, for a table that shows some of the same (search,
 * customer) in its own order: `dropOrder` says when that table leaves it out.
 */
export function listColumn(key: TextKey, complaints: readonly Complaint[], context: RenderContext, dropOrder?: number): FittedColumn {
  const { fit, least, fill, cell } = LIST_COLUMNS.find((column) => column.key === key)!;
  return { head: t(key, context.lang), fit, least, fill, dropOrder, cells: complaints.map((complaint) => cell(complaint, context)) };
}

/**
 * The list as a table: on a terminal, fitted to its width (names and the description cut, the
 * columns that matter least left out); elsewhere every column whole, as scripts have read it.
 */
export function renderList(complaints: readonly Complaint[], context: RenderContext): string {
  const { lang, width } = context;
  if (complaints.length === 0) return `${t('nothingOpen', lang)}\n`;
  const columns = LIST_COLUMNS.filter((column) => width != null || !column.terminalOnly).map((column) => ({
    ...column,
    head: t(column.key, lang),
    cells: complaints.map((complaint) => column.cell(complaint, context)),
  }));
  return `${renderTable(columns, width)}\n`;
}

/** The list, the complaints waiting on someone after the others under a heading of their own (their deadlines are paused). */
export function renderListWaitingApart(running: readonly Complaint[], waiting: readonly Complaint[], context: RenderContext): string {
  if (waiting.length === 0) return renderList(running, context);
  const heading = context.style.heading(`${t('waitingGroup', context.lang)} (${waiting.length})`);
  return `${running.length ? `${renderList(running, context)}\n` : ''}${heading}\n${renderList(waiting, context)}`;
}

/** The record's first line: its id and status (and outcome), a voided one marked so, a major one until it is closed. */
export function recordTitle(complaint: Complaint, { lang, style }: RenderContext): string {
  const title = `#${complaint.id}  ${labelOf(STATUS, complaint.status, lang)}${complaint.outcome ? aside(labelOf(OUTCOME, complaint.outcome, lang), lang) : ''}`;
  if (complaint.voided !== null) return style.overdue(`${title}  ${t('voided', lang)}`);
  return isOpenMajor(complaint) ? style.major(`${title}  ${labelOf(SEVERITY, 'major', lang).toUpperCase()}`) : style.bold(title);
}

/** The columns a field's label takes in the record, before its value. */
export const labelWidth = (lang: Lang): number => (lang === 'zh' ? 10 : 19);

/** A field of the record, "Customer           Li Wei"; nothing when it has no value. */
export function fieldLines(key: TextKey, value: string | null | undefined, lang: Lang): string[] {
  if (value === null || value === undefined || value === '') return [];
  return labelledLines(t(key, lang), labelWidth(lang), visible(value));
}

/** The standard in force (when asked for), and who approved a compensation above the one it was given under. */
function approvalLines(complaint: Complaint, standard: AppliedStandard | null | undefined, lang: Lang): string[] {
  const lines: string[] = [];
  if (standard) lines.push(...fieldLines('standard', `${describeStandard(standard)[lang]}${aside(standardEntry(standard), lang)}`, lang));
  const { approvedBy, aboveStandard } = complaint;
  if (approvedBy === null && aboveStandard === null) return lines;
  const above = aboveStandard === null ? '' : `${describeStandard(aboveStandard)[lang]} ${standardEntry(aboveStandard)}`;
  const name = approvedBy ?? (lang === 'zh' ? '（未记录）' : '(not recorded)');
  const text = above === '' ? name : lang === 'zh' ? `${name}（超出标准 ${above}）` : `${name} (above the standard, ${above})`;
  lines.push(...fieldLines('approvedBy', text, lang));
  return lines;
}

/** A word beside another, in brackets of the language: ` (QC)`, `（品控部）`. */
function aside(text: string, lang: Lang): string {
  return lang === 'zh' ? `（${text}）` : ` (${text})`;
}

/** The customer as the record names them: the name, and the phone beside it. */
export const customerText = (complaint: Complaint): string => (complaint.customer.phone ? `${complaint.customer.name} (${complaint.customer.phone})` : complaint.customer.name);

/** Who has it: the assignee and their department. */
export function assigneeText(complaint: Complaint, lang: Lang): string | null {
  const department = complaint.department === null ? null : departmentName(complaint.department, lang);
  return complaint.assignee ? `${complaint.assignee}${department ? aside(department, lang) : ''}` : null;
}

/** An entry of the timeline: its number, time, who and what. */
export function timelineLine(event: ComplaintEvent, { lang, now }: RenderContext): string {
  const name = EVENT_NAMES[event.type][lang];
  return visible(`  ${String(event.seq).padStart(2)}  ${eventTime(event, lang, now.slice(0, 4))}  ${event.by}  ${describeEvent(event, name, lang)}`);
}

/** `standard`: the compensation standard in force for the complaint's category and severity (show says it); undefined: not said. */
export function renderComplaint(complaint: Complaint, events: readonly ComplaintEvent[], context: RenderContext, standard?: AppliedStandard | null): string {
  const { lang, now, style } = context;
  const lines: string[] = [recordTitle(complaint, context)];
  const year = now.slice(0, 4);
  const field = (key: TextKey, value: string | null | undefined): void => {
    lines.push(...fieldLines(key, value, lang));
  };
  if (complaint.voided !== null) {
    const { reason, by, at } = complaint.voided;
    field('voidedBecause', `${reason}${aside(`${by}${lang === 'zh' ? '，' : ', '}${formatTime(at, lang, year)}`, lang)}`);
  }
  field('ref', complaint.ref);
  field('customer', customerText(complaint));
  field('received', `${receivedAtoms(complaint, lang, year).join(' ')} · ${complaint.receivedBy} · ${labelOf(CHANNEL, complaint.channel, lang)}`);
  field('category', `${labelOf(CATEGORY, complaint.category, lang)} · ${labelOf(SEVERITY, complaint.severity, lang)}`);
  if (complaint.severity === 'major') field('majorCriterion', complaint.majorCriterion && criterionWords(complaint.majorCriterion, lang));
  if (complaint.escalation !== null) {
    const { to, reason, at } = complaint.escalation;
    field('escalated', `${escalatedTo(to, lang)}${aside(`${labelOf(ESCALATION_REASON, reason, lang)}${lang === 'zh' ? '，' : ', '}${formatTime(at, lang, year)}`, lang)}`);
  }
  field('order', complaint.order);
  field('description', complaint.description);
  field('request', complaint.request);
  field('assignee', assigneeText(complaint, lang));
  if (!complaint.assignee) field('department', complaint.department === null ? null : departmentName(complaint.department, lang));
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
  lines.push(...approvalLines(complaint, standard, lang));
  if (complaint.reopenCount > 0) field('reopened', String(complaint.reopenCount));
  field('closedAt', complaint.closedAt && formatTime(complaint.closedAt, lang, year));

  lines.push('', style.heading(t('deadlines', lang)));
  if (complaint.waiting !== null) lines.push(...pausedLines(complaint, context));
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
  for (const event of events) lines.push(timelineLine(event, context));
  return `${lines.join('\n')}\n`;
}

function describeEvent(event: ComplaintEvent, name: string, lang: Lang): string {
  const note = event.note ? `: ${event.note}` : '';
  switch (event.type) {
    case 'logged':
      return `${labelOf(LOG_KIND, event.kind, lang)}${note}`;
    case 'assigned':
      return `${name} → ${event.assignee}${event.department ? aside(departmentName(event.department, lang), lang) : ''}${note}`;
    case 'resolved':
      return `${name}${event.unfounded ? aside(labelOf(OUTCOME, 'unfounded', lang), lang) : ''}: ${event.solution ?? event.finding ?? ''}${event.note ? ` — ${event.note}` : ''}`;
    case 'followed-up':
      // 电话回访，满意度 5/5 reads as Chinese; "回访 电话, 5/5" did not.
      return lang === 'zh'
        ? `${labelOf(FOLLOWUP_METHOD, event.method, lang)}${name}，满意度 ${event.satisfaction}/5${event.note ? `：${event.note}` : ''}`
        : `${name} ${labelOf(FOLLOWUP_METHOD, event.method, lang)}, ${event.satisfaction}/5${note}`;
    case 'closed':
      return `${name}${aside(labelOf(OUTCOME, event.outcome, lang), lang)}${note}`;
    case 'answered':
      return `${name}${aside(labelOf(LOG_KIND, event.kind, lang), lang)}${note}`;
    case 'corrected':
      return `${name} ${event.changes.map((change) => describeChange(change, lang)).join(lang === 'zh' ? '；' : '; ')}${event.note ? ` — ${event.note}` : ''}`;
    case 'voided':
      return `${name}: ${event.reason}${event.note ? ` — ${event.note}` : ''}`;
    case 'waiting':
      return lang === 'zh' ? `${name}${labelOf(WAIT_PARTY, event.on, lang)}${note}` : `${name} ${labelOf(WAIT_PARTY, event.on, lang)}${note}`;
    case 'resumed':
      return `${name}${lang === 'zh' ? '：' : ': '}${waitSpan(event, lang)}${note}`;
    case 'escalated': {
      // The deadline that passed, and when it fell due.
      const passed = event.deadline === null || event.due === null ? '' : aside(`${DEADLINE_NAMES[event.deadline][lang]} ${formatTime(event.due, lang)}`, lang);
      const to = `${name}${lang === 'zh' ? '' : ' '}${escalatedTo(event.to, lang)}${lang === 'zh' ? '：' : ': '}`;
      // By hand, the note says why; otherwise the reason does, then any note.
      if (event.reason === 'by-hand' && event.note) return `${to}${event.note}`;
      return `${to}${labelOf(ESCALATION_REASON, event.reason, lang)}${passed}${note}`;
    }
    default:
      return `${name}${note}`;
  }
}

/**
 * "paused 2 working days waiting on the customer, Tue 3 Nov – Thu 5 Nov": how long a wait that ended
 * lasted (the clock time when it began and ended the same working day), on whom, from when to when.
 */
function waitSpan(event: Extract<ComplaintEvent, { type: 'resumed' }>, lang: Lang): string {
  const sameDay = localDateOf(event.since) === localDateOf(event.at);
  const span = sameDay
    ? `${formatDate(localDateOf(event.since), lang)} ${clockOf(event.since).slice(0, 5)}–${clockOf(event.at).slice(0, 5)}`
    : `${formatDate(localDateOf(event.since), lang)} – ${formatDate(localDateOf(event.at), lang)}`;
  const waited = event.workdays > 0 ? waitedWords(event.workdays, 'workdays', lang) : waitedWords(event.minutes, 'minutes', lang);
  return lang === 'zh'
    ? `暂停 ${waited}，等待${labelOf(WAIT_PARTY, event.on, lang)}，${span}`
    : `paused ${waited} waiting on ${labelOf(WAIT_PARTY, event.on, lang)}, ${span}`;
}

/** Under Deadlines while a complaint waits: on whom since when, and that its deadlines move back when it resumes. */
function pausedLines(complaint: Complaint, { lang, now, style }: RenderContext): string[] {
  const { on, since, note } = complaint.waiting!;
  const when = formatTime(since, lang, now.slice(0, 4));
  const said = note ? visible(note, ONE_LINE) : null;
  if (lang === 'zh') {
    return [
      style.overdue(`  已暂停：自 ${when} 起等待${labelOf(WAIT_PARTY, on, lang)}${said ? `（${said}）` : ''}`),
      style.dim(`  恢复计时（kesu resume ${complaint.id}，或店里的下一步处理）时，下列期限按等待的工作日顺延`),
    ];
  }
  return [
    style.overdue(`  PAUSED: waiting on ${labelOf(WAIT_PARTY, on, lang)} since ${when}${said ? ` (${said})` : ''}`),
    style.dim(`  the deadlines below move back by the working days waited when it resumes (kesu resume ${complaint.id}, or the shop's next step)`),
  ];
}

/** A criterion of a major complaint as the shop reads it: the words of one every shop starts with, the shop's own as written. */
export function criterionWords(criterion: string, lang: Lang): string {
  return labelOf(MAJOR_CRITERION, criterion as never, lang);
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

/**
 * After `open`: the id and the answer deadline, with how it was reached; a complaint entered after
 * its answer deadline has passed (received long before) says so, and that the answer is late.
 */
export function renderOpened(complaint: Complaint, context: RenderContext): string {
  const { lang, style } = context;
  const answer = complaint.deadlines.answer!;
  const due = formatDue(answer, lang, context.now.slice(0, 4));
  const inDays = answer.duration.unit === 'workdays';
  const passed = overdueAt(complaint, context.now).includes('answer');
  const major = complaint.severity === 'major' ? style.major(lang === 'zh' ? '  重大投诉' : '  MAJOR') : '';
  // A major complaint is escalated as it is recorded: say to whom.
  const to = complaint.escalation === null ? null : escalatedTo(complaint.escalation.to, lang);
  const how = explainDeadline(answer, lang);
  if (lang === 'zh') {
    // "最迟于" a day includes the day, as "by the end of" does; "前" an hour is before that moment.
    const when = passed ? `答复客户的期限 ${due} 已过（${how}）：${style.overdue('请立即答复客户')}` : `${inDays ? `请最迟于 ${due} 答复客户` : `请在 ${due} 前答复客户`}（${how}）`;
    return `已受理投诉 ${style.bold(`#${complaint.id}`)}${major}。${when}。\n${to === null ? '' : `已升级至${to}。\n`}`;
  }
  const by = `${inDays ? 'the end of ' : ''}${due}`;
  const when = passed ? `The answer was due by ${by} (${how}), which has passed: ${style.overdue('answer the customer now')}` : `Answer the customer by ${by} (${how})`;
  return `Recorded complaint ${style.bold(`#${complaint.id}`)}${major}. ${when}.\n${to === null ? '' : `Escalated to ${to}.\n`}`;
}
