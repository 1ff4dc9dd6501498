// A complaint as `kesu export --format json` wrote it, back to the events that are its record: every
// event with its details as stored, checked field by field, so that an export restores a store
// exactly (the same events, deadlines and uuids) and nothing malformed or unsafe gets in.
import { standardKey } from './standards.js';
import { apply, CORRECTABLE_FIELDS, eventDetails, EVENT_TYPES, valueOf, type Complaint, type CorrectableField, type EventType, type NewEvent } from './complaint.js';
import { DEADLINE_KINDS } from './deadlines.js';
import type { Sentence } from './errors.js';
import { compareTimes, isIsoTime } from './time.js';
import { textProblem } from './text.js';
import { checkPhone } from './transitions.js';
import {
  CATEGORY,
  CHANNEL,
  COMPENSATION_KIND,
  FOLLOWUP_METHOD,
  isCode,
  ESCALATION_REASON,
  LOG_KIND,
  WAIT_PARTY,
  OUTCOME,
  RESPONSIBILITY,
  SATISFACTION,
  SATISFACTION_SCALE,
  SEVERITY,
  type Vocabulary,
} from './vocab.js';

/** What a field of an event's details holds. */
type FieldKind =
  | 'text'
  | 'text?'
  | 'name'
  | 'name?'
  | 'phone?'
  | 'boolean'
  | 'boolean?'
  | 'flag'
  | 'satisfaction'
  | 'deadline'
  | 'deadline?'
  | 'compensation?'
  | 'approver'
  | 'standard'
  | 'reopened-status'
  | 'time'
  | 'time?'
  | 'changes'
  | 'count'
  | 'absent-or-name'
  | 'deadline-kind?'
  | Vocabulary<string>
  | { readonly optional: Vocabulary<string> };

/** A timeline entry's details: a log entry's, or an answer's. */
const ENTRY: Readonly<Record<string, FieldKind>> = { kind: LOG_KIND, substantiated: 'boolean?', responsibility: { optional: RESPONSIBILITY }, rootCause: 'text?' };

/** What each correctable field holds, before and after a correction: as the opening records it. */
const CORRECTABLE: { readonly [F in CorrectableField]: FieldKind } = {
  customer: 'name',
  phone: 'phone?',
  channel: CHANNEL,
  category: CATEGORY,
  severity: SEVERITY,
  description: 'text',
  request: 'text?',
  order: 'name?',
  ref: 'name?',
  receivedAt: 'time',
  department: 'name?',
};

/** The details each kind of event carries (complaint.ts EventPayload), field by field. */
const DETAILS: { readonly [T in EventType]: Readonly<Record<string, FieldKind>> } = {
  opened: {
    uuid: 'name',
    ref: 'name?',
    channel: CHANNEL,
    category: CATEGORY,
    severity: SEVERITY,
    customer: 'name',
    phone: 'phone?',
    description: 'text',
    request: 'text?',
    order: 'name?',
    department: 'name?',
    answerDeadline: 'deadline',
    dateOnly: 'flag',
    majorCriterion: 'absent-or-name',
  },
  logged: ENTRY,
  answered: ENTRY,
  assigned: { assignee: 'name', department: 'name?', solutionDeadline: 'deadline' },
  resolved: {
    unfounded: 'boolean',
    solution: 'text?',
    finding: 'text?',
    compensation: 'compensation?',
    approvedBy: 'approver',
    standard: 'standard',
    rootCause: 'text?',
    correctiveAction: 'text?',
    followupDeadline: 'deadline?',
  },
  'followed-up': { method: FOLLOWUP_METHOD, satisfaction: 'satisfaction', nextFollowupDeadline: 'deadline?' },
  closed: { outcome: OUTCOME },
  reopened: { status: 'reopened-status', answerDeadline: 'deadline', solutionDeadline: 'deadline?' },
  corrected: { changes: 'changes', answerDeadline: 'deadline?', solutionDeadline: 'deadline?', followupDeadline: 'deadline?', dateOnly: 'flag' },
  voided: { reason: 'text' },
  unvoided: {},
  waiting: { on: WAIT_PARTY },
  escalated: { reason: ESCALATION_REASON, to: 'name?', deadline: 'deadline-kind?', due: 'time?' },
  resumed: {
    since: 'time',
    on: WAIT_PARTY,
    workdays: 'count',
    minutes: 'count',
    answerDeadline: 'deadline?',
    solutionDeadline: 'deadline?',
    followupDeadline: 'deadline?',
  },
};

/** One problem of a restored complaint: where in it (a path such as `events[3].at`) and what is wrong. */
export interface RestoreProblem {
  readonly path: string;
  readonly sentence: Sentence;
}

export type RestoreReading =
  | {
      readonly ok: true;
      /** The id it had, which the store keeps where it is free. */
      readonly id: number | null;
      readonly events: readonly NewEvent[];
      /** The complaint its events make (id 0: the store numbers it). */
      readonly complaint: Complaint;
    }
  | { readonly ok: false; readonly problems: readonly RestoreProblem[] };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** One complaint of an export, as the events it records, or every problem found in it. */
export function restoreComplaint(value: unknown): RestoreReading {
  const problems: RestoreProblem[] = [];
  const problem = (path: string, en: string, zh: string): void => {
    problems.push({ path, sentence: { en, zh } });
  };
  if (!isObject(value)) {
    problem('', 'not a complaint (an object in the shape kesu export --format json writes)', '不是投诉记录（应为 kesu export --format json 写出的对象）');
    return { ok: false, problems };
  }
  const id = value.id;
  if (id !== undefined && id !== null && !(Number.isSafeInteger(id) && (id as number) > 0)) problem('id', 'not a complaint id (a whole number from 1)', '不是投诉编号（应为从 1 起的整数）');
  const list = value.events;
  if (!Array.isArray(list) || list.length === 0) {
    problem('events', 'no events (an export made with kesu export --format json lists every event of a complaint)', '没有处理记录（kesu export --format json 导出的每条投诉都带有全部处理记录）');
    return { ok: false, problems };
  }
  const events: NewEvent[] = [];
  list.forEach((entry: unknown, index) => {
    const at = `events[${index}]`;
    const event = restoredEvent(entry, index, (path, en, zh) => problem(`${at}${path}`, en, zh));
    if (event) events.push(event);
  });
  if (problems.length > 0) return { ok: false, problems };
  let complaint: Complaint | null = null;
  try {
    for (const [index, event] of events.entries()) {
      if (complaint !== null && event.type === 'corrected') checkBefore(complaint, event.changes, `events[${index}].details.changes`, problem);
      if (complaint !== null) checkWait(complaint, event, `events[${index}]`, problem);
      complaint = apply(complaint, event);
    }
  } catch {
    problem('events', 'its events do not make a complaint (the first must be its opening)', '其处理记录不能构成一条投诉（第一条应为受理）');
    return { ok: false, problems };
  }
  for (let index = 1; index < events.length; index++) {
    if (compareTimes(events[index]!.at, events[index - 1]!.at) < 0) {
      problem(`events[${index}].at`, 'earlier than the event before it (a timeline in order)', '早于前一条处理记录（处理记录应按时间顺序）');
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, id: typeof id === 'number' ? id : null, events, complaint: complaint! };
}

type Problem = (path: string, en: string, zh: string) => void;

/** A correction says what each field was before it: the complaint its events made until then must agree. */
function checkBefore(complaint: Complaint, changes: Extract<NewEvent, { type: 'corrected' }>['changes'], path: string, problem: Problem): void {
  changes.forEach(({ field, before }, index) => {
    if (before !== valueOf(complaint, field)) {
      problem(`${path}[${index}].before`, `not the ${field} the complaint had before this correction`, `与更正前投诉的 ${field} 不一致`);
    }
  });
}

/** A wait begins while none runs; a resume ends the wait the complaint has, as it began. */
function checkWait(complaint: Complaint, event: NewEvent, path: string, problem: Problem): void {
  const { waiting } = complaint;
  if (event.type === 'waiting' && waiting !== null) problem(`${path}.type`, 'a wait while the complaint already waits (resumed first)', '投诉已在等待时又开始等待（应先恢复计时）');
  if (event.type !== 'resumed') return;
  if (waiting === null) problem(`${path}.type`, 'a resume while the complaint waits on no one (a wait first)', '投诉没有在等待却恢复计时（应先有等待）');
  else if (event.since !== waiting.since || event.on !== waiting.on) problem(`${path}.details`, 'not the wait the complaint had (its since and on)', '与投诉当时的等待不一致（since 和 on）');
}

/**
 * The problems of one stored event as kesu would have written it (its type, time, actor, note and
 * details, field by field), for kesu check: a record changed outside kesu is found, not folded.
 */
export function storedEventProblems(event: NewEvent, seq: number): RestoreProblem[] {
  const problems: RestoreProblem[] = [];
  const { type, at, by, note } = event;
  restoredEvent({ seq, type, at, by, note, details: eventDetails(event) }, seq - 1, (path, en, zh) => problems.push({ path, sentence: { en, zh } }));
  return problems;
}

function restoredEvent(entry: unknown, index: number, report: Problem): NewEvent | null {
  let found = 0;
  const problem: Problem = (path, en, zh) => {
    found++;
    report(path, en, zh);
  };
  if (!isObject(entry)) {
    problem('', 'not an event (an object with seq, type, at, by, note and details)', '不是处理记录（应为含 seq、type、at、by、note 和 details 的对象）');
    return null;
  }
  if (entry.seq !== index + 1) problem('.seq', `not ${index + 1} (events are numbered from 1, in order)`, `不是 ${index + 1}（处理记录应从 1 起按顺序编号）`);
  const type = entry.type;
  if (typeof type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(type)) {
    problem('.type', `not an event type (one of ${EVENT_TYPES.join(', ')})`, `不是处理记录类型（应为 ${EVENT_TYPES.join('、')} 之一）`);
    return null;
  }
  if (typeof entry.at !== 'string' || !isIsoTime(entry.at)) problem('.at', 'not a time with its offset (like 2026-10-05T09:00:00+08:00)', '不是带时区的时间（例如 2026-10-05T09:00:00+08:00）');
  checkValue(entry.by, 'name', '.by', problem);
  checkValue(entry.note, 'text?', '.note', problem);
  const details = entry.details;
  if (!isObject(details)) {
    problem('.details', 'missing (an export made with --redact cannot be imported back; export again without it)', '缺失（用 --redact 导出的文件不能再导入；请不加 --redact 重新导出）');
    return null;
  }
  const fields = DETAILS[type as EventType];
  for (const [field, kind] of Object.entries(fields)) checkValue(details[field], kind, `.details.${field}`, problem);
  for (const field of Object.keys(details)) {
    if (!(field in fields)) problem(`.details.${field}`, `not a detail of a ${type} event`, `不是 ${type} 记录的字段`);
  }
  if (found > 0) return null;
  const event = { ...(details as object), type, at: entry.at, by: entry.by, note: entry.note } as NewEvent;
  // What a correction changed is shown beside its details (null for other events): the two must agree.
  if ('changes' in entry && JSON.stringify(entry.changes) !== JSON.stringify(event.type === 'corrected' ? event.changes : null)) {
    problem('.changes', 'not the changes its details record', '与其 details 记录的更正不一致');
    return null;
  }
  return event;
}

function checkValue(value: unknown, kind: FieldKind, path: string, problem: Problem): void {
  const optional = typeof kind === 'string' ? kind.endsWith('?') : 'optional' in kind;
  if (value === null && optional) return;
  // A flag is there only when set: true, or absent (events written before it existed have none).
  if (kind === 'flag') {
    if (value !== undefined && value !== true) problem(path, 'not true (a detail present only when it holds)', '不是 true（仅在成立时才有此字段）');
    return;
  }
  // A resolution's approver and standard are there only when it has them (absent in events before standards).
  if ((kind === 'approver' || kind === 'standard') && value === undefined) return;
  // A detail present only when said: absent, or a name.
  if (kind === 'absent-or-name') {
    if (value !== undefined) checkValue(value, 'name', path, problem);
    return;
  }
  if (value === undefined) {
    problem(path, 'missing', '缺失');
    return;
  }
  if (typeof kind !== 'string') {
    const vocab = 'optional' in kind ? kind.optional : kind;
    if (!isCode(vocab, value)) problem(path, `not a ${vocab.name} code (one of ${vocab.codes.join(', ')})`, `不是有效的代码（应为 ${vocab.codes.join('、')} 之一）`);
    return;
  }
  switch (kind.replace('?', '')) {
    case 'text':
    case 'name': {
      if (typeof value !== 'string' || value.trim() === '') {
        problem(path, 'not a text', '不是文字');
        return;
      }
      const trouble = textProblem(value, { oneLine: kind.startsWith('name') });
      if (trouble !== null) problem(path, `not plain text (${trouble.kind})`, `不是普通文字（${trouble.kind}）`);
      return;
    }
    case 'phone':
      if (typeof value !== 'string' || !isKeptPhone(value)) problem(path, 'not a phone number', '不是电话号码');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') problem(path, 'not true or false', '不是 true 或 false');
      return;
    case 'satisfaction':
      if (!Number.isInteger(value) || !isCode(SATISFACTION, String(value))) {
        const { lowest, highest } = SATISFACTION_SCALE;
        problem(path, `not a satisfaction from ${lowest} to ${highest}`, `不是 ${lowest} 到 ${highest} 的满意度`);
      }
      return;
    case 'reopened-status':
      if (value !== 'open' && value !== 'assigned') problem(path, 'not open or assigned', '不是 open 或 assigned');
      return;
    case 'time':
      if (typeof value !== 'string' || !isIsoTime(value)) problem(path, 'not a time with its offset (like 2026-10-05T09:00:00+08:00)', '不是带时区的时间（例如 2026-10-05T09:00:00+08:00）');
      return;
    case 'changes':
      checkChanges(value, path, problem);
      return;
    case 'deadline':
      if (!isDeadline(value)) problem(path, 'not a deadline (due, from, duration and the days it passed over)', '不是期限（应含 due、from、duration 和跳过的日期）');
      return;
    case 'deadline-kind':
      if (!(DEADLINE_KINDS as readonly unknown[]).includes(value)) problem(path, `not a deadline (one of ${DEADLINE_KINDS.join(', ')})`, `不是期限名称（应为 ${DEADLINE_KINDS.join('、')} 之一）`);
      return;
    case 'count':
      if (!Number.isSafeInteger(value) || (value as number) < 0) problem(path, 'not a whole number from 0', '不是从 0 起的整数');
      return;
    case 'approver':
      checkValue(value, 'name', path, problem);
      return;
    case 'standard':
      if (!isStandard(value)) problem(path, 'not a compensation standard (category, severity, kind and cents)', '不是赔付标准（应含 category、severity、kind 和 cents）');
      return;
    case 'compensation':
      if (!isCompensation(value)) problem(path, 'not a compensation (kind and cents)', '不是赔付（应含 kind 和 cents）');
      return;
  }
}

/** A correction's changes: at least one, each a correctable field once, with a before and an after of that field's kind that differ. */
function checkChanges(value: unknown, path: string, problem: Problem): void {
  if (!Array.isArray(value) || value.length === 0) {
    problem(path, 'not a list of changes (field, before, after)', '不是更正列表（应含 field、before、after）');
    return;
  }
  const seen = new Set<unknown>();
  value.forEach((change: unknown, index) => {
    const at = `${path}[${index}]`;
    if (!isObject(change) || Object.keys(change).sort().join() !== 'after,before,field') {
      problem(at, 'not a change (field, before, after)', '不是更正（应含 field、before、after）');
      return;
    }
    const { field, before, after } = change;
    if (typeof field !== 'string' || !(CORRECTABLE_FIELDS as readonly string[]).includes(field) || seen.has(field)) {
      problem(`${at}.field`, `not a field kesu edit corrects, once (one of ${CORRECTABLE_FIELDS.join(', ')})`, `不是 kesu edit 可更正的字段，或重复（应为 ${CORRECTABLE_FIELDS.join('、')} 之一）`);
      return;
    }
    seen.add(field);
    const kind = CORRECTABLE[field as CorrectableField];
    checkValue(before, kind, `${at}.before`, problem);
    checkValue(after, kind, `${at}.after`, problem);
    if (before === after) problem(at, 'the same value before and after (a change changes something)', '更正前后的值相同');
  });
}

function isDeadline(value: unknown): boolean {
  if (!isObject(value)) return false;
  const { due, from, duration, notable, pushedBack } = value;
  if (pushedBack !== undefined && !(Number.isSafeInteger(pushedBack) && (pushedBack as number) > 0)) return false;
  if (typeof due !== 'string' || !isIsoTime(due) || typeof from !== 'string' || !isIsoTime(from)) return false;
  if (!isObject(duration) || !Number.isInteger(duration.amount) || (duration.unit !== 'workdays' && duration.unit !== 'hours')) return false;
  return (
    Array.isArray(notable) &&
    notable.every((day: unknown) => isObject(day) && typeof day.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day.date) && ['weekend', 'holiday', 'extra-workday'].includes(day.kind as string))
  );
}

function isCompensation(value: unknown): boolean {
  if (!isObject(value)) return false;
  const { kind, cents } = value;
  return (kind === null || isCode(COMPENSATION_KIND, kind)) && (cents === null || (Number.isSafeInteger(cents) && (cents as number) >= 0));
}

function isStandard(value: unknown): boolean {
  if (!isObject(value) || Object.keys(value).sort().join() !== 'category,cents,kind,severity') return false;
  const { category, severity, kind, cents } = value;
  const entry = `${String(category)}.${String(severity)}`;
  return standardKey(String(category), String(severity)) === entry && isCode(COMPENSATION_KIND, kind) && Number.isSafeInteger(cents) && (cents as number) >= 0;
}

/** Whether a phone is one decide would keep, as it keeps it. */
function isKeptPhone(phone: string): boolean {
  try {
    return checkPhone(phone) === phone;
  } catch {
    return false;
  }
}
