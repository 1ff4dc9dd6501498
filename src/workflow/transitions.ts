// The handling procedure as data (which command is allowed in which status) and `decide`, which
// turns a command into the events it causes, or refuses it with a DomainError.
import {
  CORRECTABLE_FIELDS,
  pendingDeadlines,
  satisfiedSinceResolved,
  valueOf,
  type Change,
  type Complaint,
  type CorrectableField,
  type NewEvent,
  type Resolution,
} from './complaint.js';
import { apply, runningDeadlines } from './complaint.js';
import { deadlineFrom, policyDeadline, pushedBack, waitedTime, type Deadline, type DeadlineKind } from './deadlines.js';
import { refused, type DomainError, type Field, type InputName, type TextField } from './errors.js';
import { isPhoneNumber } from './identity.js';
import { isBlank, MAX_TEXT, textProblem, withLineFeeds } from './text.js';
import type { Settings } from './settings.js';
import { isAboveStandard, standardFor } from './standards.js';
import { compareTimes, isIsoTime, type IsoTime, type Zone } from './time.js';
import {
  DEFAULT_SEVERITY,
  isCode,
  looseText,
  MAJOR_CRITERION,
  parseCode,
  SATISFACTION,
  SATISFIED_FROM,
  type Category,
  type Channel,
  type CloseReason,
  type FollowupMethod,
  type LogKind,
  type Responsibility,
  type Severity,
  type EscalationReason,
  type Status,
  type WaitParty,
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
        /** Null: not said (decide takes it from the criterion, else the channel: see openSeverity). */
        readonly severity: Severity | null;
        readonly description: string;
        readonly request: string | null;
        readonly order: string | null;
        /** Only a date was given for when it was received, no time of day (it is then the start of that day). */
        readonly dateOnly?: boolean;
        /** What makes it major (a code of vocab.ts MAJOR_CRITERIA, or the shop's words); absent or null: none said. */
        readonly majorCriterion?: string | null;
      }
    | ({
        readonly type: 'log';
        /** The entry is the reply given to the customer: recorded as an answer (`kesu log --answered`). */
        readonly answered?: boolean;
      } & EntryCommand)
    | ({ readonly type: 'answer' } & EntryCommand)
    | { readonly type: 'assign'; readonly assignee: string; readonly department: string | null; readonly note: string | null }
    | ({
        readonly type: 'resolve';
        readonly note: string | null;
        /** Who approved a compensation above the shop's standard (`--approved-by`); absent or null: no one named. */
        readonly approvedBy?: string | null;
      } & Resolution)
    | { readonly type: 'followup'; readonly satisfaction: number; readonly method: FollowupMethod; readonly note: string | null }
    | { readonly type: 'close'; readonly reason: CloseReason; readonly note: string | null }
    | { readonly type: 'reopen'; readonly note: string | null }
    | {
        readonly type: 'edit';
        readonly values: Corrections;
        /** The corrected received time was given as a date alone (`--received 2026-10-30`). */
        readonly receivedDateOnly?: boolean;
        readonly note: string | null;
      }
    | { readonly type: 'void'; readonly reason: string; readonly note: string | null }
    | { readonly type: 'unvoid'; readonly note: string | null }
    | { readonly type: 'wait'; readonly on: WaitParty; readonly note: string | null }
    | { readonly type: 'resume'; readonly note: string | null }
    /**
     * By hand (`kesu escalate ID --note`), to `to` (null: the shop's escalate.to); `overdue`: only the
     * passed deadlines of a major complaint not escalated yet (`kesu escalate --overdue`), maybe none.
     */
    | { readonly type: 'escalate'; readonly to: string | null; readonly note: string | null; readonly overdue?: boolean }
  );

/** A timeline entry as `log` and `answer` give it. */
interface EntryCommand {
  readonly text: string;
  /** null: a finding when it says whether the complaint is substantiated, else a note. */
  readonly kind: LogKind | null;
  readonly substantiated: boolean | null;
  readonly responsibility: Responsibility | null;
  readonly rootCause: string | null;
}

/** The new values `kesu edit` gives, field by field (a field left out is not corrected; null or "" clears an optional one). */
export interface Corrections {
  readonly customer?: string;
  readonly phone?: string | null;
  readonly channel?: Channel;
  readonly category?: Category;
  readonly severity?: Severity;
  readonly description?: string;
  readonly request?: string | null;
  readonly order?: string | null;
  readonly ref?: string | null;
  readonly receivedAt?: IsoTime;
  readonly department?: string | null;
}

type CommandType = Command['type'];
export type ChangeCommand = Exclude<Command, { type: 'open' }>;

/**
 * The procedure: from each status, the commands allowed. `open` creates a complaint. A voided
 * complaint takes only `unvoid`, whatever its status (decide says so before this table is read).
 */
export const ALLOWED_COMMANDS: { readonly [S in Status]: readonly ChangeCommand['type'][] } = {
  open: ['assign', 'answer', 'resolve', 'close', 'log', 'edit', 'void', 'wait', 'resume', 'escalate'],
  assigned: ['assign', 'answer', 'resolve', 'close', 'log', 'edit', 'void', 'wait', 'resume', 'escalate'],
  resolved: ['followup', 'close', 'log', 'edit', 'void', 'wait', 'resume', 'escalate'],
  closed: ['reopen', 'log', 'edit', 'void'],
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
    const opened = openEvent(command, context);
    // A major complaint reaches the manager as soon as it is recorded.
    return opened.type === 'opened' && opened.severity === 'major' ? [opened, escalatedEvent(opened, 'major', null, context.settings)] : [opened];
  }
  if (!complaint) throw new Error(`${command.type} needs a complaint`);
  checkAllowed(complaint, command, context.now);
  const stamp = { at: command.at, by: command.by };
  const before: NewEvent[] = [];
  let current = complaint;
  const add = (event: NewEvent): void => {
    before.push(event);
    current = apply(current, event);
  };
  // The shop took a step for a complaint that waited: the wait ends first, its deadlines pushed back.
  if (current.waiting !== null && resumesWaiting(command)) add(resumedEvent(current, stamp, null, context));
  // A deadline of a major complaint that passed is escalated when kesu next touches the complaint.
  if (command.type !== 'void' && command.type !== 'unvoid') for (const event of passedDeadlineEscalations(current, stamp, context.settings)) add(event);
  return [...before, ...decideStep(current, command, context)];
}

/** The events escalating each running deadline of a major complaint that passed before `at` and was not escalated yet. */
function passedDeadlineEscalations(complaint: Complaint, stamp: Stamp, settings: Settings): NewEvent[] {
  if (complaint.severity !== 'major' || complaint.voided !== null) return [];
  return runningDeadlines(complaint)
    .filter(({ kind, deadline }) => compareTimes(deadline.due, stamp.at) < 0 && !complaint.escalatedDeadlines.includes(`${kind}@${deadline.due}`))
    .map(({ kind, deadline }) => ({ type: 'escalated', ...stamp, note: null, reason: 'deadline-passed', to: settings.escalateTo, deadline: kind, due: deadline.due }));
}

/** An escalation to the shop's escalate.to (or `to`, given by hand), for `reason`, at the time and by the actor of `stamp`. */
function escalatedEvent(stamp: Stamp, reason: EscalationReason, note: string | null, settings: Settings, to: string | null = null): NewEvent {
  return { type: 'escalated', at: stamp.at, by: stamp.by, note, reason, to: to ?? settings.escalateTo, deadline: null, due: null };
}

/** Whether the command is a step the shop takes for the complaint, which ends a wait: any but a note, a correction, a void. */
function resumesWaiting(command: ChangeCommand): boolean {
  switch (command.type) {
    case 'answer':
    case 'assign':
    case 'resolve':
    case 'followup':
    case 'close':
    case 'reopen':
      return true;
    case 'log':
      return command.answered === true || command.kind === 'call' || command.kind === 'visit';
    default:
      return false;
  }
}

/** The events of a change command the complaint is allowed to take. */
function decideStep(complaint: Complaint, command: ChangeCommand, context: DecideContext): NewEvent[] {
  const { settings, zone } = context;
  const stamp = { at: command.at, by: command.by };
  switch (command.type) {
    case 'log':
    case 'answer':
      return [entryEvent(command, stamp)];
    case 'assign': {
      const assignee = requiredText(command.assignee, 'assignee');
      return [
        {
          type: 'assigned',
          ...stamp,
          note: checkText(command.note, 'note'),
          assignee,
          department: checkText(command.department, 'department') ?? complaint.department ?? settings.departments[complaint.category],
          solutionDeadline: policyDeadline(settings.policy, settings.calendar, 'solution', complaint.severity, command.at, zone),
        },
      ];
    }
    case 'resolve':
      return resolveEvents(complaint, command, context);
    case 'followup':
      return followupEvents(complaint, command, context);
    case 'close':
      return [{ type: 'closed', ...stamp, note: checkText(command.note, 'note'), outcome: command.reason }];
    case 'reopen':
      return reopenEvents(complaint, stamp, checkText(command.note, 'note'), context);
    case 'edit': {
      const corrected = correctedEvent(complaint, command, context);
      // Raised to major: it reaches the manager as a major complaint recorded so does.
      const raised = complaint.severity !== 'major' && apply(complaint, corrected).severity === 'major';
      return raised ? [corrected, escalatedEvent(stamp, 'major', null, settings)] : [corrected];
    }
    case 'escalate':
      if (command.overdue === true) return [];
      return [escalatedEvent(stamp, 'by-hand', requiredText(command.note, 'note'), settings, checkText(command.to, 'assignee'))];
    case 'void':
      return [{ type: 'voided', ...stamp, note: checkText(command.note, 'note'), reason: requiredText(command.reason, 'reason') }];
    case 'unvoid':
      return [{ type: 'unvoided', ...stamp, note: checkText(command.note, 'note') }];
    case 'wait':
      return [{ type: 'waiting', ...stamp, note: checkText(command.note, 'note'), on: command.on }];
    case 'resume':
      return [resumedEvent(complaint, stamp, checkText(command.note, 'note'), context)];
  }
}

/**
 * The end of a complaint's wait: how long it lasted, and each pending deadline pushed back by the
 * working days (a deadline in hours: the clock time) waited since it began or the deadline was set.
 */
function resumedEvent(complaint: Complaint, stamp: Stamp, note: string | null, { settings, zone }: DecideContext): NewEvent {
  const { since, on } = complaint.waiting!;
  const pushed: Record<DeadlineKind, Deadline | null> = { answer: null, solution: null, followup: null };
  for (const { kind, deadline } of pendingDeadlines(complaint)) {
    const moved = pushedBack(settings.calendar, deadline, since, stamp.at, zone);
    if (moved !== deadline) pushed[kind] = moved;
  }
  const { workdays, minutes } = waitedTime(settings.calendar, since, stamp.at);
  return {
    type: 'resumed',
    ...stamp,
    note,
    since,
    on,
    workdays,
    minutes,
    answerDeadline: pushed.answer,
    solutionDeadline: pushed.solution,
    followupDeadline: pushed.followup,
  };
}

/** A change command as far as the procedure judges it: its type, and for a log entry whether it answers the customer. */
export interface Step {
  readonly type: ChangeCommand['type'];
  readonly answered?: boolean;
}

/**
 * Refuses a command the complaint cannot take: a voided complaint takes only unvoid; otherwise the
 * procedure's table says, and a wait while one lasts or a resume of none is refused. `decide` judges
 * every command so; the CLI asks it before asking for a value, so that nothing is typed for a
 * command the complaint cannot take. `now` says the times of a refusal (their year when not now's).
 */
export function checkAllowed(complaint: Complaint, command: Step, now: IsoTime): void {
  const { id, voided } = complaint;
  if (voided !== null && command.type !== 'unvoid') {
    throw refused({ rule: 'voided', field: null, params: { complaint: id, command: command.type, reason: voided.reason } }, commandLineName);
  }
  if (voided === null && command.type === 'unvoid') throw refused({ rule: 'not-voided', field: null, params: { complaint: id } }, commandLineName);
  // An entry that answers the customer is an answer, allowed where answer is.
  const type = command.type === 'log' && command.answered ? 'answer' : command.type;
  if (type !== 'unvoid' && !ALLOWED_COMMANDS[complaint.status].includes(type)) throw notAllowed(complaint, type);
  // One wait at a time, and a resume only of one that lasts.
  const { waiting } = complaint;
  if (type === 'wait' && waiting !== null) {
    throw refused({ rule: 'already-waiting', field: null, params: { complaint: id, on: waiting.on, since: waiting.since, now } }, commandLineName);
  }
  if (type === 'resume' && waiting === null) throw refused({ rule: 'not-waiting', field: null, params: { complaint: id } }, commandLineName);
}

/** A timeline entry: logged, or answered when it is the reply given to the customer. */
function entryEvent(command: Extract<Command, { type: 'log' | 'answer' }>, stamp: Stamp): NewEvent {
  const answer = command.type === 'answer' || command.answered === true;
  return {
    type: answer ? 'answered' : 'logged',
    ...stamp,
    note: requiredText(command.text, answer ? 'answer' : 'entry'),
    kind: command.kind ?? (command.substantiated !== null ? 'finding' : 'note'),
    substantiated: command.substantiated,
    responsibility: command.responsibility,
    rootCause: checkText(command.rootCause, 'rootCause'),
  };
}

/**
 * A correction: each field given whose value differs from the complaint's, before and after; the
 * department following a new category while no one is assigned and it is still the old category's
 * default; and the pending deadlines re-armed under a new severity from the correction's time (the
 * answer deadline, while it still counts from the receipt, from a corrected received time instead).
 */
function correctedEvent(complaint: Complaint, command: Extract<Command, { type: 'edit' }>, { now, settings, zone }: DecideContext): NewEvent {
  const after = correctedValues(complaint, command.values, command.at, now);
  const { category, department } = complaint;
  if (
    after.category !== category &&
    command.values.department === undefined &&
    complaint.assignee === null &&
    department === settings.departments[category]
  ) {
    after.department = settings.departments[after.category as Category];
  }
  const changes: Change[] = CORRECTABLE_FIELDS.filter((field) => after[field] !== valueOf(complaint, field)).map((field) => ({
    field,
    before: valueOf(complaint, field),
    after: after[field],
  }));
  if (changes.length === 0) throw refused({ rule: 'nothing-to-correct', field: null, params: { complaint: complaint.id } }, commandLineName);
  const severity = after.severity as Severity;
  const receivedAt = after.receivedAt as IsoTime;
  const rearmed: Record<DeadlineKind, Deadline | null> = { answer: null, solution: null, followup: null };
  for (const { kind, deadline } of pendingDeadlines(complaint)) {
    // The answer is owed from the receipt: a corrected received time moves it while it counts from there.
    const fromReceipt = kind === 'answer' && receivedAt !== complaint.receivedAt && deadline.from === complaint.receivedAt;
    // A further follow-up is due by deadline.next-followup, whatever the severity.
    const bySeverity = severity !== complaint.severity && (kind !== 'followup' || complaint.satisfiedThisRound === 0);
    if (fromReceipt || bySeverity) rearmed[kind] = policyDeadline(settings.policy, settings.calendar, kind, severity, fromReceipt ? receivedAt : command.at, zone);
  }
  return {
    type: 'corrected',
    at: command.at,
    by: command.by,
    note: checkText(command.note, 'note'),
    changes,
    answerDeadline: rearmed.answer,
    solutionDeadline: rearmed.solution,
    followupDeadline: rearmed.followup,
    ...(command.receivedDateOnly && receivedAt !== complaint.receivedAt ? { dateOnly: true as const } : {}),
  };
}

/** Every correctable field as it would be after the correction: the values given, checked as the opening checks them, else the complaint's. */
function correctedValues(complaint: Complaint, values: Corrections, correctedAt: IsoTime, now: IsoTime): Record<CorrectableField, string | null> {
  const current = Object.fromEntries(CORRECTABLE_FIELDS.map((field) => [field, valueOf(complaint, field)])) as Record<CorrectableField, string | null>;
  const given = <F extends CorrectableField>(field: F, check: (value: NonNullable<Corrections[F]>) => string | null): void => {
    const value = values[field];
    if (value !== undefined) current[field] = value === null ? null : check(value as NonNullable<Corrections[F]>);
  };
  given('customer', (value) => requiredText(value, 'customer'));
  given('phone', checkPhone);
  given('channel', (value) => value);
  given('category', (value) => value);
  given('severity', (value) => value);
  given('description', (value) => requiredText(value, 'description'));
  given('request', (value) => checkText(value, 'request'));
  given('order', (value) => checkText(value, 'order'));
  given('ref', (value) => checkText(value, 'ref'));
  given('department', (value) => checkText(value, 'department'));
  given('receivedAt', (value) => checkReceived(complaint, value, correctedAt, now));
  return current;
}

/**
 * A corrected received time: not in the future, nor after the complaint's first step (its timeline
 * stays in order), the correction itself (`correctedAt`) being one when it is the first.
 */
function checkReceived(complaint: Complaint, at: IsoTime, correctedAt: IsoTime, now: IsoTime): IsoTime {
  if (!isIsoTime(at)) throw new Error(`received time is not an ISO time: ${at}`);
  if (compareTimes(at, now) > 0) throw refused({ rule: 'future', field: 'receivedAt', params: { at, now } }, commandLineName);
  const firstStepAt = complaint.firstStepAt ?? correctedAt;
  if (compareTimes(at, firstStepAt) > 0) {
    throw refused({ rule: 'received-after-step', field: 'receivedAt', params: { complaint: complaint.id, at, firstStepAt, now } }, commandLineName);
  }
  return at;
}

function openEvent(command: Extract<Command, { type: 'open' }>, { settings, zone }: DecideContext): NewEvent {
  const severity = openSeverity(command);
  return {
    type: 'opened',
    at: command.at,
    // checkStamp has refused an empty --by already.
    by: command.by.trim(),
    note: null,
    uuid: command.uuid,
    ref: checkText(command.ref, 'ref'),
    channel: command.channel,
    category: command.category,
    severity,
    customer: requiredText(command.customer, 'customer'),
    phone: command.phone === null ? null : checkPhone(command.phone),
    description: requiredText(command.description, 'description'),
    request: checkText(command.request, 'request'),
    order: checkText(command.order, 'order'),
    department: settings.departments[command.category],
    answerDeadline: policyDeadline(settings.policy, settings.calendar, 'answer', severity, command.at, zone),
    // Kept only when true: the events of every opening before it have no such detail.
    ...(command.dateOnly ? { dateOnly: true as const } : {}),
    ...majorCriterionOf({ ...command, severity }, settings.majorCriteria),
  };
}

/**
 * The severity of a new complaint: the one said; else major when a criterion of a major complaint
 * was said, else the channel's default. A criterion said beside another severity is a contradiction.
 */
function openSeverity({ severity, channel, majorCriterion }: Extract<Command, { type: 'open' }>): Severity {
  const criterion = majorCriterion?.trim() ? majorCriterion : null;
  if (criterion !== null && severity !== null && severity !== 'major') {
    throw refused({ rule: 'criterion-not-major', field: 'majorCriterion', params: { severity } }, commandLineName);
  }
  return severity ?? (criterion !== null ? 'major' : defaultSeverity(channel));
}

/**
 * What made it major, kept only for a major complaint: the one said, as the shop's criteria have it
 * (a code of those every shop starts with, by its code or words, or the shop's own words), or for
 * one raised through the press or a regulator, that.
 */
function majorCriterionOf({ severity, channel, majorCriterion }: Extract<Command, { type: 'open' }> & { readonly severity: Severity }, criteria: readonly string[]): { majorCriterion?: string } {
  const given = checkText(majorCriterion ?? null, 'department', () => commandLineName('majorCriterion'));
  if (given !== null) {
    const code = parseCode(MAJOR_CRITERION, given);
    const found = criteria.find((criterion) => criterion === code || looseText(criterion) === looseText(given));
    if (found === undefined) throw refused({ rule: 'major-criterion', field: 'majorCriterion', params: { value: given, criteria } }, commandLineName);
    return { majorCriterion: found };
  }
  if (severity !== 'major' || channel !== 'third-party') return {};
  return { majorCriterion: 'press-or-regulator' };
}

/** The severity of a complaint received through `channel` when none is said: through the press or a regulator, major. */
export function defaultSeverity(channel: Channel): Severity {
  return channel === 'third-party' ? 'major' : DEFAULT_SEVERITY;
}

function resolveEvents(
  complaint: Complaint,
  command: Extract<Command, { type: 'resolve' }>,
  { settings, zone }: DecideContext,
): NewEvent[] {
  const stamp = { at: command.at, by: command.by };
  const note = checkText(command.note, 'note');
  if (command.unfounded) {
    // Compensation is given for a complaint found valid; kept silently off it would be lost data.
    const { compensation } = command;
    if (compensation !== null && ((compensation.cents ?? 0) > 0 || (compensation.kind !== null && compensation.kind !== 'none'))) {
      throw refused({ rule: 'compensation-unfounded', field: 'compensation', params: {} }, commandLineName);
    }
    const finding = requiredText(command.finding, 'finding');
    return [
      {
        type: 'resolved',
        ...stamp,
        note,
        unfounded: true,
        solution: checkText(command.solution, 'solution'),
        finding,
        compensation: null,
        rootCause: checkText(command.rootCause, 'rootCause'),
        correctiveAction: checkText(command.correctiveAction, 'correctiveAction'),
        followupDeadline: null,
      },
      { type: 'closed', ...stamp, note: null, outcome: 'unfounded' },
    ];
  }
  const solution = requiredText(command.solution, 'solution');
  const compensation = command.compensation;
  if (compensation && compensation.cents !== null && compensation.cents > 0 && compensation.kind === null) {
    throw refused({ rule: 'compensation-kind', field: 'compensation', params: {} }, commandLineName);
  }
  // The standard in force is kept in the event, so that the record and the report judge the
  // compensation by it whatever the standards become later.
  const standard = standardFor(settings.standards, complaint.category, complaint.severity);
  const approvedBy = checkText(command.approvedBy ?? null, 'approvedBy');
  if (approvedBy === null && isAboveStandard(compensation, standard)) {
    throw refused({ rule: 'above-standard', field: 'approvedBy', params: { standard: standard!, kind: compensation!.kind, cents: compensation!.cents } }, commandLineName);
  }
  return [
    {
      type: 'resolved',
      ...stamp,
      note,
      unfounded: false,
      solution,
      finding: checkText(command.finding, 'finding'),
      compensation,
      rootCause: checkText(command.rootCause, 'rootCause'),
      correctiveAction: checkText(command.correctiveAction, 'correctiveAction'),
      followupDeadline: policyDeadline(settings.policy, settings.calendar, 'followup', complaint.severity, command.at, zone),
      // Kept only when there is one: the events before standards have neither.
      ...(approvedBy === null ? {} : { approvedBy }),
      ...(standard === null ? {} : { standard }),
    },
  ];
}

function followupEvents(
  complaint: Complaint,
  command: Extract<Command, { type: 'followup' }>,
  context: DecideContext,
): NewEvent[] {
  const { settings, zone } = context;
  // A whole number of the scale: String(2.5) and String(NaN) are no code of it.
  if (!isCode(SATISFACTION, String(command.satisfaction))) {
    throw refused({ rule: 'satisfaction', field: 'satisfaction', params: { value: String(command.satisfaction) } }, commandLineName);
  }
  const stamp = { at: command.at, by: command.by };
  const followup = {
    type: 'followed-up' as const,
    ...stamp,
    note: checkText(command.note, 'note'),
    method: command.method,
    satisfaction: command.satisfaction,
  };
  if (command.satisfaction < SATISFIED_FROM) {
    return [{ ...followup, nextFollowupDeadline: null }, ...reopenEvents(complaint, stamp, null, context)];
  }
  const satisfied = satisfiedSinceResolved(complaint) + 1;
  if (satisfied >= settings.followupsRequired[complaint.category]) {
    return [{ ...followup, nextFollowupDeadline: null }, { type: 'closed', ...stamp, note: null, outcome: 'satisfied' }];
  }
  return [{ ...followup, nextFollowupDeadline: deadlineFrom(settings.calendar, command.at, settings.policy.nextFollowup, zone) }];
}

/** A reopening; from the second on, the customer still dissatisfied, escalated to the manager too. */
function reopenEvents(complaint: Complaint, stamp: Stamp, note: string | null, { settings, zone }: DecideContext): NewEvent[] {
  const { policy, calendar } = settings;
  const reopened: NewEvent = {
    type: 'reopened',
    ...stamp,
    note,
    status: complaint.assignee ? 'assigned' : 'open',
    answerDeadline: policyDeadline(policy, calendar, 'answer', complaint.severity, stamp.at, zone),
    solutionDeadline: complaint.assignee ? policyDeadline(policy, calendar, 'solution', complaint.severity, stamp.at, zone) : null,
  };
  return complaint.reopenCount + 1 >= 2 ? [reopened, escalatedEvent(stamp, 'reopened-again', null, settings)] : [reopened];
}

function notAllowed(complaint: Complaint, command: CommandType): DomainError {
  const { id, status } = complaint;
  return refused({ rule: 'not-allowed', field: null, params: { complaint: id, status, command, allowed: ALLOWED_COMMANDS[status] } }, commandLineName);
}

function checkStamp(complaint: Complaint | null, command: Command, { now }: DecideContext): void {
  if (!isIsoTime(command.at)) throw new Error(`command time is not an ISO time: ${command.at}`);
  const nameOf = (field: Field) => commandLineName(field, command.type);
  if (compareTimes(command.at, now) > 0) throw refused({ rule: 'future', field: 'at', params: { at: command.at, now } }, nameOf);
  if (complaint && compareTimes(command.at, complaint.lastEventAt) < 0) {
    throw refused({ rule: 'out-of-order', field: 'at', params: { complaint: complaint.id, at: command.at, lastEventAt: complaint.lastEventAt, now } }, nameOf);
  }
  requiredText(command.by, 'by');
}

/** The texts a command carries, named as the user gives them: what each is, its flag, and whether it is one line (a name, a number). */
const TEXT_FIELDS: { readonly [F in TextField]: InputName & { readonly oneLine: boolean } } = {
  customer: { en: 'the customer name', zh: '客户姓名', flag: '--customer', oneLine: true },
  by: { en: 'who did it', zh: '经办人', flag: '--by', oneLine: true },
  assignee: { en: 'the assignee', zh: '责任人', flag: '--to', oneLine: true },
  department: { en: 'the department', zh: '责任部门', flag: '--dept', oneLine: true },
  ref: { en: 'the form number', zh: '表单编号', flag: '--ref', oneLine: true },
  order: { en: 'the order', zh: '订单号', flag: '--order', oneLine: true },
  description: { en: 'the description', zh: '投诉内容', flag: '--desc', oneLine: false },
  request: { en: "the customer's request", zh: '客户要求', flag: '--request', oneLine: false },
  entry: { en: 'the entry text', zh: '记录内容', flag: null, oneLine: false },
  answer: { en: 'the answer to the customer', zh: '答复内容', flag: null, oneLine: false },
  reason: { en: 'the reason', zh: '作废原因', flag: '--reason', oneLine: false },
  note: { en: 'the note', zh: '备注', flag: '--note', oneLine: false },
  solution: { en: 'the solution', zh: '处理方案', flag: '--solution', oneLine: false },
  finding: { en: 'the finding sent back to the customer', zh: '调查结论', flag: '--finding', oneLine: false },
  rootCause: { en: 'the root cause', zh: '根本原因', flag: '--root-cause', oneLine: false },
  correctiveAction: { en: 'the corrective action', zh: '纠正措施', flag: '--action', oneLine: false },
  approvedBy: { en: 'who approved the compensation', zh: '审批人', flag: '--approved-by', oneLine: true },
};

/** The other inputs a rule refuses, named as the user gives them. */
const OTHER_FIELDS: { readonly [F in Exclude<Field, TextField>]: InputName } = {
  at: { en: 'the time', zh: '时间', flag: '--at' },
  receivedAt: { en: 'the received time', zh: '受理时间', flag: '--received' },
  phone: { en: "the customer's phone", zh: '联系电话', flag: '--phone' },
  compensation: { en: 'the compensation amount', zh: '赔付金额', flag: '--compensation' },
  compensationKind: { en: 'the compensation kind', zh: '赔付方式', flag: '--compensation-kind' },
  satisfaction: { en: 'the satisfaction', zh: '满意度', flag: '--satisfaction' },
  majorCriterion: { en: 'the criterion of a major complaint', zh: '重大投诉依据', flag: '--criterion' },
};

const FIELD_NAMES: { readonly [F in Field]: InputName } = { ...TEXT_FIELDS, ...OTHER_FIELDS };

/** An input as the command line names it in a sentence: "the description (--desc)" / "投诉内容 (--desc)". */
function commandLineName(field: Field, step: CommandType | null = null): InputName {
  const { en, zh, flag: given } = FIELD_NAMES[field];
  // An opening's time is given as --received; every other step's as --at.
  const flag = field === 'at' && step === 'open' ? '--received' : given;
  return flag === null ? { en, zh, flag } : { en: `${en} (${flag})`, zh: `${zh} (${flag})`, flag };
}

function requiredText(value: string | null, field: TextField): string {
  const text = checkText(value, field);
  if (text === null) throw refused({ rule: 'required', field, params: {} }, commandLineName);
  return text;
}

/**
 * A text as kept: trimmed, line breaks as line feeds, null when empty; refused when it holds what
 * the field may not (text.ts), in a sentence naming it as `nameOf` does (a setting names itself).
 */
export function checkText(value: string | null, field: TextField, nameOf: (field: Field) => InputName = commandLineName): string | null {
  const text = withLineFeeds(value ?? '').trim();
  const problem = textProblem(text, { oneLine: TEXT_FIELDS[field].oneLine });
  if (problem === null) return isBlank(text) ? null : text;
  switch (problem.kind) {
    case 'unsafe':
      throw refused({ rule: 'control-character', field, params: { character: problem.character } }, nameOf);
    case 'line-break':
    case 'tab':
      throw refused({ rule: 'one-line', field, params: { found: problem.kind } }, nameOf);
    case 'too-long':
      throw refused({ rule: 'too-long', field, params: { length: problem.length, max: MAX_TEXT } }, nameOf);
  }
}

/** Digits with the usual separators, 5 to 20 digits; full-width digits accepted. */
export function checkPhone(raw: string): string | null {
  const phone = raw.normalize('NFKC').trim();
  if (phone === '') return null;
  if (!isPhoneNumber(phone)) {
    throw refused({ rule: 'phone', field: 'phone', params: { value: phone } }, commandLineName);
  }
  return phone;
}
