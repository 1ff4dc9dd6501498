// The handling procedure as data (which command is allowed in which status) and `decide`, which
// turns a command into the events it causes, or refuses it with a DomainError.
import { satisfiedSinceResolved, type Compensation, type Complaint, type NewEvent } from './complaint.js';
import { deadlineFrom, policyDeadline } from './deadlines.js';
import { DomainError, invalid } from './errors.js';
import { phoneDigits } from './identity.js';
import { codePointName, MAX_TEXT, quoted, textProblem, withLineFeeds } from './text.js';
import type { Settings } from './settings.js';
import { compareTimes, isIsoTime, type IsoTime, type Zone } from './time.js';
import {
  labelOf,
  SATISFIED_FROM,
  STATUS,
  type Category,
  type Channel,
  type CloseReason,
  type FollowupMethod,
  type LogKind,
  type Responsibility,
  type Severity,
  type Status,
} from './vocab.js';

interface Stamp {
  /** When it happened (the user's --at, else now). */
  readonly at: IsoTime;
  /** Who did it. */
  readonly by: string;
}

export type Command = Stamp &
  (
    | {
        readonly type: 'open';
        readonly uuid: string;
        readonly ref: string | null;
        readonly customer: string;
        readonly phone: string | null;
        readonly channel: Channel;
        readonly category: Category;
        readonly severity: Severity;
        readonly description: string;
        readonly request: string | null;
        readonly order: string | null;
      }
    | {
        readonly type: 'log';
        readonly text: string;
        /** null: a finding when it says whether the complaint is substantiated, else a note. */
        readonly kind: LogKind | null;
        readonly substantiated: boolean | null;
        readonly responsibility: Responsibility | null;
        readonly rootCause: string | null;
      }
    | { readonly type: 'assign'; readonly assignee: string; readonly department: string | null; readonly note: string | null }
    | {
        readonly type: 'resolve';
        readonly unfounded: boolean;
        readonly solution: string | null;
        readonly finding: string | null;
        readonly compensation: Compensation | null;
        readonly rootCause: string | null;
        readonly correctiveAction: string | null;
        readonly note: string | null;
      }
    | { readonly type: 'followup'; readonly satisfaction: number; readonly method: FollowupMethod; readonly note: string | null }
    | { readonly type: 'close'; readonly reason: CloseReason; readonly note: string | null }
    | { readonly type: 'reopen'; readonly note: string | null }
  );

type CommandType = Command['type'];
export type ChangeCommand = Exclude<Command, { type: 'open' }>;

/** The procedure: from each status, the commands allowed. `open` creates a complaint. */
export const ALLOWED_COMMANDS: { readonly [S in Status]: readonly ChangeCommand['type'][] } = {
  open: ['assign', 'resolve', 'close', 'log'],
  assigned: ['assign', 'resolve', 'close', 'log'],
  resolved: ['followup', 'close', 'log'],
  closed: ['reopen', 'log'],
};

export interface DecideContext {
  readonly now: IsoTime;
  readonly settings: Settings;
  /** The shop's clock, for the offset a deadline has when it falls. */
  readonly zone: Zone;
}

/** The events a command causes. Throws DomainError when the procedure or the data refuses it. */
export function decide(complaint: Complaint | null, command: Command, context: DecideContext): NewEvent[] {
  checkStamp(complaint, command, context);
  if (command.type === 'open') {
    if (complaint) throw new Error('open takes no existing complaint');
    return [openEvent(command, context)];
  }
  if (!complaint) throw new Error(`${command.type} needs a complaint`);
  const allowed = ALLOWED_COMMANDS[complaint.status];
  if (!allowed.includes(command.type)) throw notAllowed(complaint, command.type);

  const { settings, zone } = context;
  const stamp = { at: command.at, by: command.by };
  switch (command.type) {
    case 'log': {
      const text = requiredText(command.text, 'entry');
      return [
        {
          type: 'logged',
          ...stamp,
          note: text,
          kind: command.kind ?? (command.substantiated !== null ? 'finding' : 'note'),
          substantiated: command.substantiated,
          responsibility: command.responsibility,
          rootCause: optionalText(command.rootCause, 'rootCause'),
        },
      ];
    }
    case 'assign': {
      const assignee = requiredText(command.assignee, 'assignee');
      return [
        {
          type: 'assigned',
          ...stamp,
          note: optionalText(command.note, 'note'),
          assignee,
          department: optionalText(command.department, 'department') ?? complaint.department ?? settings.departments[complaint.category],
          solutionDeadline: policyDeadline(settings.policy, settings.calendar, 'solution', complaint.severity, command.at, zone),
        },
      ];
    }
    case 'resolve':
      return resolveEvents(complaint, command, context);
    case 'followup':
      return followupEvents(complaint, command, context);
    case 'close':
      return [{ type: 'closed', ...stamp, note: optionalText(command.note, 'note'), outcome: command.reason }];
    case 'reopen':
      return [reopenEvent(complaint, stamp, optionalText(command.note, 'note'), context)];
  }
}

function openEvent(command: Extract<Command, { type: 'open' }>, { settings, zone }: DecideContext): NewEvent {
  return {
    type: 'opened',
    at: command.at,
    // checkStamp has refused an empty --by already.
    by: command.by.trim(),
    note: null,
    uuid: command.uuid,
    ref: optionalText(command.ref, 'ref'),
    channel: command.channel,
    category: command.category,
    severity: command.severity,
    customer: requiredText(command.customer, 'customer'),
    phone: command.phone === null ? null : checkPhone(command.phone),
    description: requiredText(command.description, 'description'),
    request: optionalText(command.request, 'request'),
    order: optionalText(command.order, 'order'),
    department: settings.departments[command.category],
    answerDeadline: policyDeadline(settings.policy, settings.calendar, 'answer', command.severity, command.at, zone),
  };
}

function resolveEvents(
  complaint: Complaint,
  command: Extract<Command, { type: 'resolve' }>,
  { settings, zone }: DecideContext,
): NewEvent[] {
  const stamp = { at: command.at, by: command.by };
  const note = optionalText(command.note, 'note');
  if (command.unfounded) {
    // Compensation is given for a complaint found valid; kept silently off it would be lost data.
    const { compensation } = command;
    if (compensation !== null && ((compensation.cents ?? 0) > 0 || (compensation.kind !== null && compensation.kind !== 'none'))) {
      throw invalid(
        'A complaint found unfounded is closed without compensation; leave out --compensation and --compensation-kind, or resolve it with --solution if the shop compensates.',
        '投诉不成立时结案不含赔付；请去掉 --compensation 和 --compensation-kind，如店里仍给予赔付，请改用 --solution 解决。',
      );
    }
    const finding = requiredText(command.finding, 'finding');
    return [
      {
        type: 'resolved',
        ...stamp,
        note,
        unfounded: true,
        solution: optionalText(command.solution, 'solution'),
        finding,
        compensation: null,
        rootCause: optionalText(command.rootCause, 'rootCause'),
        correctiveAction: optionalText(command.correctiveAction, 'correctiveAction'),
        followupDeadline: null,
      },
      { type: 'closed', ...stamp, note: null, outcome: 'unfounded' },
    ];
  }
  const solution = requiredText(command.solution, 'solution');
  const compensation = command.compensation;
  if (compensation && compensation.cents !== null && compensation.cents > 0 && compensation.kind === null) {
    throw invalid(
      'A compensation amount needs its kind: add --compensation-kind refund, replacement, repair, voucher, gift or none.',
      '填写了赔付金额，还需要赔付方式：请加上 --compensation-kind（退款、换货、维修、代金券、赠品或无）。',
    );
  }
  return [
    {
      type: 'resolved',
      ...stamp,
      note,
      unfounded: false,
      solution,
      finding: optionalText(command.finding, 'finding'),
      compensation,
      rootCause: optionalText(command.rootCause, 'rootCause'),
      correctiveAction: optionalText(command.correctiveAction, 'correctiveAction'),
      followupDeadline: policyDeadline(settings.policy, settings.calendar, 'followup', complaint.severity, command.at, zone),
    },
  ];
}

function followupEvents(
  complaint: Complaint,
  command: Extract<Command, { type: 'followup' }>,
  context: DecideContext,
): NewEvent[] {
  const { settings, zone } = context;
  if (!Number.isInteger(command.satisfaction) || command.satisfaction < 1 || command.satisfaction > 5) {
    throw invalid(
      `Satisfaction must be a whole number from 1 (very dissatisfied) to 5 (very satisfied), not ${command.satisfaction}.`,
      `满意度须为 1（非常不满意）到 5（非常满意）的整数，而不是 ${command.satisfaction}。`,
    );
  }
  const stamp = { at: command.at, by: command.by };
  const followup = {
    type: 'followed-up' as const,
    ...stamp,
    note: optionalText(command.note, 'note'),
    method: command.method,
    satisfaction: command.satisfaction,
  };
  if (command.satisfaction < SATISFIED_FROM) {
    return [{ ...followup, nextFollowupDeadline: null }, reopenEvent(complaint, stamp, null, context)];
  }
  const satisfied = satisfiedSinceResolved(complaint) + 1;
  if (satisfied >= settings.followupsRequired[complaint.category]) {
    return [{ ...followup, nextFollowupDeadline: null }, { type: 'closed', ...stamp, note: null, outcome: 'satisfied' }];
  }
  return [{ ...followup, nextFollowupDeadline: deadlineFrom(settings.calendar, command.at, settings.policy.nextFollowup, zone) }];
}

function reopenEvent(complaint: Complaint, stamp: Stamp, note: string | null, { settings, zone }: DecideContext): NewEvent {
  const { policy, calendar } = settings;
  return {
    type: 'reopened',
    ...stamp,
    note,
    status: complaint.assignee ? 'assigned' : 'open',
    answerDeadline: policyDeadline(policy, calendar, 'answer', complaint.severity, stamp.at, zone),
    solutionDeadline: complaint.assignee ? policyDeadline(policy, calendar, 'solution', complaint.severity, stamp.at, zone) : null,
  };
}

function notAllowed(complaint: Complaint, command: CommandType): DomainError {
  const status = complaint.status;
  const allowed = ALLOWED_COMMANDS[status];
  return new DomainError('not-allowed', {
    en: `Complaint ${complaint.id} is ${status}, so it cannot take ${command}; from ${status} you can: ${allowed.join(', ')}.`,
    zh: `投诉 ${complaint.id} 的状态是“${labelOf(STATUS, status, 'zh')}”，不能执行 ${command}；此状态下可以执行：${allowed.join('、')}。`,
  });
}

function checkStamp(complaint: Complaint | null, command: Command, { now }: DecideContext): void {
  if (!isIsoTime(command.at)) throw new Error(`command time is not an ISO time: ${command.at}`);
  if (compareTimes(command.at, now) > 0) {
    // An opening's time is given as --received; every other step's as --at.
    const flag = command.type === 'open' ? '--received' : '--at';
    throw invalid(
      `The time ${command.at} is in the future; give ${flag} a time that has already passed.`,
      `时间 ${command.at} 还没有到；${flag} 请填写已经发生的时间。`,
    );
  }
  if (complaint && compareTimes(command.at, complaint.lastEventAt) < 0) {
    throw new DomainError('out-of-order', {
      en: `Complaint ${complaint.id} already has an entry at ${complaint.lastEventAt}; give --at a time no earlier than that.`,
      zh: `投诉 ${complaint.id} 在 ${complaint.lastEventAt} 已有记录；--at 不能早于这个时间。`,
    });
  }
  requiredText(command.by, 'by');
}

/** The texts a command carries, named as the user gives them: what each is, and its flag. */
const TEXT_FIELDS = {
  customer: { en: 'the customer name', zh: '客户姓名', flag: '--customer', oneLine: true },
  by: { en: 'who did it', zh: '经办人', flag: '--by', oneLine: true },
  assignee: { en: 'the assignee', zh: '责任人', flag: '--to', oneLine: true },
  department: { en: 'the department', zh: '责任部门', flag: '--dept', oneLine: true },
  ref: { en: 'the form number', zh: '表单编号', flag: '--ref', oneLine: true },
  order: { en: 'the order', zh: '订单号', flag: '--order', oneLine: true },
  description: { en: 'the description', zh: '投诉内容', flag: '--desc', oneLine: false },
  request: { en: "the customer's request", zh: '客户要求', flag: '--request', oneLine: false },
  entry: { en: 'the entry text', zh: '记录内容', flag: null, oneLine: false },
  note: { en: 'the note', zh: '备注', flag: '--note', oneLine: false },
  solution: { en: 'the solution', zh: '处理方案', flag: '--solution', oneLine: false },
  finding: { en: 'the finding sent back to the customer', zh: '调查结论', flag: '--finding', oneLine: false },
  rootCause: { en: 'the root cause', zh: '根本原因', flag: '--root-cause', oneLine: false },
  correctiveAction: { en: 'the corrective action', zh: '纠正措施', flag: '--action', oneLine: false },
} as const;

type TextField = keyof typeof TEXT_FIELDS;

/** "the description (--desc)" / "投诉内容 (--desc)". */
function fieldNames(field: TextField): { en: string; zh: string } {
  const { en, zh, flag } = TEXT_FIELDS[field];
  return flag === null ? { en, zh } : { en: `${en} (${flag})`, zh: `${zh} (${flag})` };
}

function requiredText(value: string | null, field: TextField): string {
  const text = optionalText(value, field);
  if (text === null) {
    const { en, zh } = fieldNames(field);
    throw invalid(`Give ${en}; it must not be empty.`, `请填写${zh}，不能为空。`);
  }
  return text;
}

/** A text as kept: trimmed, line breaks as line feeds, null when empty; refused when it holds what a field may not (text.ts). */
function optionalText(value: string | null, field: TextField): string | null {
  const text = withLineFeeds(value ?? '').trim();
  const problem = textProblem(text, { oneLine: TEXT_FIELDS[field].oneLine });
  if (problem !== null) {
    const { en, zh } = fieldNames(field);
    const What = en.charAt(0).toUpperCase() + en.slice(1);
    switch (problem.kind) {
      case 'unsafe': {
        const name = codePointName(problem.character);
        throw invalid(
          `${What} holds the control character ${name}, which would change what a terminal shows; remove it and give plain text.`,
          `${zh}含有控制字符 ${name}，它会改变终端显示的内容；请删除后只填写普通文字。`,
        );
      }
      case 'line-break':
      case 'tab':
        throw invalid(`Write ${en} on one line; remove the ${problem.kind === 'tab' ? 'tab' : 'line break'} from it.`, `${zh}只能写一行，请去掉其中的${problem.kind === 'tab' ? '制表符' : '换行'}。`);
      case 'too-long':
        throw invalid(
          `${What} is ${problem.length} characters long, which is too long; keep it to ${MAX_TEXT} characters or fewer.`,
          `${zh}长度为 ${problem.length} 字，超出上限，请控制在 ${MAX_TEXT} 字以内。`,
        );
    }
  }
  return text === '' ? null : text;
}

/** Digits with the usual separators, 5 to 20 digits; full-width digits accepted. */
export function checkPhone(raw: string): string | null {
  const phone = raw.normalize('NFKC').trim();
  if (phone === '') return null;
  const digits = phoneDigits(phone);
  if (!/^\+?[\d\s()-]+$/.test(phone) || digits.length < 5 || digits.length > 20) {
    throw invalid(
      `"${quoted(phone)}" is not a phone number; give digits, optionally with +, spaces, - or brackets.`,
      `“${quoted(phone)}”不是有效的电话号码；请填写数字，可带 +、空格、- 或括号。`,
    );
  }
  return phone;
}
