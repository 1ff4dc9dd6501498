// One row of a typed-up paper form -> the events of its complaint (its opening and the history the
// form records), or every problem of the row by column. In three parts: the row's cells are read
// (dates, codes, amounts, satisfactions: RowReader, readCells), the history they record is laid out
// as steps (planSteps), and the steps are replayed through `decide` (replay), so that an imported
// complaint obeys the same procedure as one recorded at the counter, no status is ever written
// directly, and a refusal is said on the column of the input it is about, in the words of a cell
// (cellProblem).
import { describeStandard, standardEntry } from './standards.js';
import { apply, parseMoney, type Complaint, type NewEvent } from './complaint.js';
import { DomainError, type Field, type Refusal, type Sentence, type TextField } from './errors.js';
import { chineseHeader, fieldName, type ColumnMap, type FormField } from './forms.js';
import type { Settings } from './settings.js';
import { checkPhone, checkText, decide, defaultSeverity, type Command } from './transitions.js';
import { codePointName, quoted, withLineFeeds } from './text.js';
import { compareTimes, isDateAlone, localDateOf, readDateTime, type IsoTime, type WallClock, type Zone } from './time.js';
import {
  CATEGORY,
  CHANNEL,
  CLOSE_REASON,
  COMPENSATION_KIND,
  DEFAULT_CHANNEL,
  DEFAULT_FOLLOWUP_METHOD,
  describeChoice,
  describeCodes,
  FOLLOWUP_METHOD,
  labelOf,
  SATISFACTION,
  SATISFACTION_SCALE,
  SEVERITY,
  STATUS,
  WAIT_PARTY,
  parseCode,
  type Category,
  type Channel,
  type CloseReason,
  type CompensationKind,
  type FollowupMethod,
  type Severity,
  type Status,
  type Vocabulary,
  type WaitParty,
} from './vocab.js';

/** What the shell supplies: the clock, the policy, its time zone, uuids, and who records by default. */
export interface FormContext {
  readonly now: IsoTime;
  readonly settings: Settings;
  /** The shop's clock: local times as ISO times, and times written with another offset as its own. */
  readonly zone: Zone;
  newUuid(): string;
  /** Who received the complaint and did each step when the form names no one. */
  readonly defaultActor: string;
  /** Put before the form number of every row that has one (import --ref-prefix); '' for none. */
  readonly refPrefix?: string;
}

/** One problem of one row: `row N, column C: message`. `column` is the header as the file wrote it. */
interface FormError {
  readonly row: number;
  readonly column: string;
  /** "what is wrong (what was expected)", in English; `sentence` has it in both languages. */
  readonly message: string;
  readonly sentence: Sentence;
}

export type FormReading =
  | {
      readonly ok: true;
      readonly events: readonly NewEvent[];
      /** The complaint as its events leave it (id 0: the store numbers it). */
      readonly complaint: Complaint;
    }
  | { readonly ok: false; readonly errors: readonly FormError[] };

/** The column that holds each input decide checks (a step's time is in the step's own date column). */
const INPUT_COLUMNS = {
  ref: 'ref',
  by: 'receivedBy',
  customer: 'customer',
  phone: 'phone',
  description: 'description',
  request: 'request',
  order: 'order',
  assignee: 'assignee',
  department: 'department',
  solution: 'solution',
  compensation: 'compensation',
  compensationKind: 'compensationKind',
  rootCause: 'rootCause',
  correctiveAction: 'correctiveAction',
  satisfaction: 'satisfaction',
  note: 'followupNote',
  approvedBy: 'approvedBy',
} as const satisfies { readonly [F in Field]?: FormField };

/** One row of a form -> the events of its complaint, or every problem of the row. */
export function readForm(line: { readonly row: number; readonly cells: readonly string[] }, columns: ColumnMap, context: FormContext): FormReading {
  const row = new RowReader(line, columns);
  // Every cell is read first, so that every problem of the row is reported together.
  const cells = readCells(row, context);
  checkHistoryShape(row, cells);
  if (row.errors.length > 0 || !isComplete(cells)) return { ok: false, errors: row.errors };
  const replayed = replay(planSteps(cells, context), planWaits(cells, context), row, context);
  if (replayed === null) return { ok: false, errors: row.errors };
  const { complaint, events } = replayed;
  if (cells.status !== null && cells.status !== complaint.status) {
    row.complain(
      'status',
      `says ${cells.status}, but the row's history leaves the complaint ${complaint.status} (the status that the solution, follow-up and close reason lead to)`,
      `填写为“${labelOf(STATUS, cells.status, 'zh')}”，但按本行的处理记录，投诉应为“${labelOf(STATUS, complaint.status, 'zh')}”（状态由处理结果、回访和结案原因决定）`,
    );
    return { ok: false, errors: row.errors };
  }
  return { ok: true, events, complaint };
}

/** A date cell as read: its wall-clock date and time, and the ISO time when it was written with an offset. */
interface DateCell {
  readonly wall: WallClock;
  readonly iso: IsoTime | null;
}

/** Reads the cells of one row, each as the form writes it, and collects every problem by column. */
class RowReader {
  readonly errors: FormError[] = [];

  constructor(
    private readonly line: { readonly row: number; readonly cells: readonly string[] },
    private readonly columns: ColumnMap,
  ) {}

  complain(field: FormField, en: string, zh: string): void {
    const index = this.columns.indexOf[field];
    this.errors.push({ row: this.line.row, column: index === undefined ? field : this.columns.headers[index]!, message: en, sentence: { en, zh } });
  }

  /** Says a refusal of decide's rules on the column of the input it is about. */
  refuse(field: FormField, refusal: Refusal, previous: FormField | null = null): void {
    const { en, zh } = cellProblem(refusal, previous);
    this.complain(field, en, zh);
  }

  /** The cell, line breaks made LF (the CSV reader has done it already: the pattern runs only when needed), trimmed; null when empty. */
  text(field: FormField): string | null {
    const value = withLineFeeds(this.cell(field)).trim();
    return value === '' ? null : value;
  }

  /** The cell as written, line breaks made LF, not trimmed (a first empty line is a first empty note). */
  rawCell(field: FormField): string {
    return this.cell(field).replace(/\r\n?/g, '\n');
  }

  /** Whether the cell holds anything, valid or not: a later check should not repeat an earlier complaint. */
  given(field: FormField): boolean {
    return this.cell(field).trim() !== '';
  }

  /** Says the cell is empty when it is (a cell given but unreadable has said what is wrong with it). */
  mustBeGiven(field: FormField, what: string, whatZh: string): void {
    if (!this.given(field)) this.complain(field, `empty (${what} is required)`, `未填写（${whatZh}为必填项）`);
  }

  /**
   * What decide's check of an input gives, or null when it refuses it, said on `column`. A cell a
   * command carries is read with decide's own check, so that every problem of the row is said
   * together (decide says the first problem of a command, and only of a row that has become one).
   */
  checked<T>(column: FormField, check: () => T): T | null {
    try {
      return check();
    } catch (error) {
      this.refuse(column, refusalOf(error));
      return null;
    }
  }

  /** A text a command carries, as decide keeps it. */
  input(field: TextField & keyof typeof INPUT_COLUMNS): string | null {
    const column = INPUT_COLUMNS[field];
    return this.checked(column, () => checkText(this.text(column), field));
  }

  required(field: 'customer' | 'description', what: string, whatZh: string): string | null {
    const value = this.input(field);
    if (value === null) this.mustBeGiven(field, what, whatZh);
    return value;
  }

  /** A code of the vocabulary; `what` names what the cell holds when the vocabulary's name does not read well after "a". */
  code<C extends string>(field: FormField, vocab: Vocabulary<C>, fallback: C | null, value = this.text(field), what = `a ${vocab.name}`): C | null {
    if (value === null) return fallback;
    const found = parseCode(vocab, value);
    if (found !== undefined) return found;
    const zhLabels = vocab.codes.map((c) => labelOf(vocab, c, 'zh')).join('、');
    this.complain(
      field,
      `"${quoted(value)}" is not ${what} (one of ${describeCodes(vocab)}, or ${zhLabels})`,
      `“${quoted(value)}”不是有效的${chineseHeader(field)}（应为 ${zhLabels} 之一，或 ${describeCodes(vocab)}）`,
    );
    return null;
  }

  date(field: FormField, value = this.text(field)): DateCell | null {
    if (value === null) return null;
    const reading = readDateTime(value);
    if (reading.ok) return { wall: reading.wall, iso: reading.iso };
    if (reading.reason === 'ambiguous') {
      this.complain(
        field,
        `"${quoted(value)}" could be read as two different dates (the year first, like 2026-10-05 or 2026年10月5日)`,
        `“${quoted(value)}”有歧义，可理解为两个不同的日期（请把年份写在前面，例如 2026-10-05 或 2026年10月5日）`,
      );
    } else {
      this.complain(
        field,
        `"${quoted(value)}" is not a date (a date like 2026-10-05, 2026/10/5, 2026.10.05 or 2026年10月5日, optionally with a time such as 14:30)`,
        `“${quoted(value)}”不是有效的日期（应写成 2026-10-05、2026/10/5、2026.10.05 或 2026年10月5日，可带时间如 14:30）`,
      );
    }
    return null;
  }

  amount(field: FormField): number | null {
    const value = this.text(field);
    if (value === null) return null;
    const cents = parseMoney(value);
    if (cents !== undefined) return cents;
    this.complain(field, `"${quoted(value)}" is not an amount (a sum such as 25.50, ¥25 or 25元)`, `“${quoted(value)}”不是有效的金额（应写成 25.50、¥25 或 25元）`);
    return null;
  }

  /** 1 to 5, "4分", or a label such as 满意 / very satisfied; anything else is refused as decide refuses a satisfaction off the scale. */
  satisfaction(value: string): number | null {
    const code = parseCode(SATISFACTION, value.replace(/分$/, ''));
    if (code !== undefined) return Number(code);
    this.refuse('satisfaction', { rule: 'satisfaction', field: 'satisfaction', params: { value } });
    return null;
  }

  private cell(field: FormField): string {
    const index = this.columns.indexOf[field];
    return index === undefined ? '' : (this.line.cells[index] ?? '');
  }
}

/** The follow-ups of a row: one per line of its cells (or separated by ;), in order. */
interface FollowupCells {
  readonly dates: readonly (DateCell | null)[];
  /** One method for all of them, or one each. */
  readonly methods: readonly (FollowupMethod | null)[];
  readonly satisfactions: readonly (number | null)[];
  readonly notes: readonly (string | null)[];
}

/** One wait of a row: its start, its end (null: it lasts, or a later step of the row ends it), on whom. */
interface WaitCells {
  readonly from: DateCell | null;
  readonly until: DateCell | null;
  readonly on: WaitParty;
}

/** The values of a row's cells, each as read (null where empty or unreadable: the problem is said). */
interface FormCells {
  readonly ref: string | null;
  readonly receivedDate: DateCell | null;
  readonly receivedBy: string | null;
  readonly customer: string | null;
  readonly phone: string | null;
  readonly channel: Channel | null;
  readonly category: Category | null;
  readonly severity: Severity | null;
  readonly description: string | null;
  readonly request: string | null;
  readonly order: string | null;
  readonly assignee: string | null;
  readonly department: string | null;
  readonly solution: string | null;
  readonly resolvedDate: DateCell | null;
  readonly compensation: number | null;
  readonly compensationKind: CompensationKind | null;
  readonly approvedBy: string | null;
  readonly rootCause: string | null;
  readonly correctiveAction: string | null;
  readonly followups: FollowupCells;
  readonly closeReason: CloseReason | null;
  readonly closedDate: DateCell | null;
  readonly waits: readonly WaitCells[];
  readonly status: Status | null;
}

/** The cells a complaint cannot be opened without. */
type CompleteCells = FormCells & {
  readonly receivedDate: DateCell;
  readonly customer: string;
  readonly description: string;
  readonly category: Category;
  readonly channel: Channel;
  readonly severity: Severity;
};

function isComplete(cells: FormCells): cells is CompleteCells {
  return cells.receivedDate !== null && cells.customer !== null && cells.description !== null && cells.category !== null && cells.channel !== null && cells.severity !== null;
}

function readCells(row: RowReader, context: FormContext): FormCells {
  const written = row.input('ref');
  const receivedDate = row.date('receivedAt');
  if (receivedDate === null) row.mustBeGiven('receivedAt', 'the date the complaint was received', '投诉日期');
  const customer = row.required('customer', "the customer's name", '客户姓名');
  const description = row.required('description', "the customer's complaint", '投诉内容');
  const category = row.code('category', CATEGORY, null);
  if (category === null) row.mustBeGiven('category', 'the category', '投诉类别');
  const channel = row.code('channel', CHANNEL, DEFAULT_CHANNEL);
  return {
    ref: written === null ? null : `${context.refPrefix ?? ''}${written}`,
    receivedDate,
    customer,
    description,
    category,
    channel,
    // Not said: major for a complaint raised through the press or a regulator (decide's default).
    severity: row.code('severity', SEVERITY, defaultSeverity(channel ?? DEFAULT_CHANNEL)),
    receivedBy: row.input('by'),
    phone: row.checked('phone', () => checkPhone(row.text('phone') ?? '')),
    request: row.input('request'),
    order: row.input('order'),
    assignee: row.input('assignee'),
    department: row.input('department'),
    solution: row.input('solution'),
    resolvedDate: row.date('resolvedAt'),
    compensationKind: row.code('compensationKind', COMPENSATION_KIND, null),
    compensation: row.amount('compensation'),
    approvedBy: row.input('approvedBy'),
    rootCause: row.input('rootCause'),
    correctiveAction: row.input('correctiveAction'),
    followups: readFollowups(row),
    closeReason: row.code('closeReason', CLOSE_REASON, null),
    closedDate: row.date('closedAt'),
    waits: readWaits(row),
    status: row.code('status', STATUS, null),
  };
}

/** Several follow-ups: one per line of the cell (or separated by ;); a single method stands for all, and the note has one line per follow-up. */
function readFollowups(row: RowReader): FollowupCells {
  const dates = parts(row.text('followupAt')).map((value) => row.date('followupAt', value));
  const methodCells = parts(row.text('followupMethod'));
  const methods = methodCells.map((value) => row.code('followupMethod', FOLLOWUP_METHOD, null, value));
  const satisfactions = parts(row.text('satisfaction')).map((value) => row.satisfaction(value));
  const note = row.text('followupNote');
  const notes = (satisfactions.length > 1 && note !== null ? noteLines(row.rawCell('followupNote')) : [note]).map((line) =>
    row.checked('followupNote', () => checkText(line, 'note')),
  );
  if (satisfactions.length > 0 && dates.length > 0 && satisfactions.length !== dates.length) {
    row.complain(
      'satisfaction',
      `${satisfactions.length} satisfaction${satisfactions.length === 1 ? '' : 's'} for ${dates.length} follow-up date${dates.length === 1 ? '' : 's'} (one per follow-up, one per line)`,
      `有 ${satisfactions.length} 个满意度，却有 ${dates.length} 个回访日期（每次回访一个，每行一个）`,
    );
  }
  if (methodCells.length > 1 && methodCells.length !== satisfactions.length) {
    row.complain('followupMethod', `${methodCells.length} methods for ${satisfactions.length} follow-ups (one for all, or one per follow-up)`, `有 ${methodCells.length} 个回访方式，却有 ${satisfactions.length} 次回访（填一个通用，或每次回访一个）`);
  }
  if (notes.length > Math.max(1, satisfactions.length)) {
    row.complain('followupNote', `${notes.length} lines for ${satisfactions.length} follow-ups (at most one line per follow-up)`, `有 ${notes.length} 行回访记录，却只有 ${satisfactions.length} 次回访（每次回访至多一行）`);
  }
  return { dates, methods, satisfactions, notes };
}

/**
 * Several waits: line i of waitFrom, waitUntil and waitOn (or the i-th part between ;) is wait i.
 * An empty end means the wait lasts until a later step of the row ends it, or still lasts; a single
 * waitOn stands for every wait (as a single follow-up method does), none means the customer.
 */
function readWaits(row: RowReader): WaitCells[] {
  // Read by position, not trimmed as a whole: an empty first line of waitUntil is a first wait without its end.
  const [starts, ends, parties] = [lines(row.rawCell('waitFrom')), lines(row.rawCell('waitUntil')), lines(row.rawCell('waitOn'))];
  if (starts.includes('')) {
    row.complain('waitFrom', 'a wait without its start (a date on each line, one line per wait)', '有一次等待没有开始日期（每行一个日期，每次等待一行）');
  }
  const withoutStart = (field: FormField): void =>
    row.complain(field, 'given without a start (the date the wait began, in waitFrom/等待开始)', '没有等待开始日期却填写了此项（请在“等待开始”列填写开始等待的日期）');
  if (ends.length > 0 && starts.length === 0) withoutStart('waitUntil');
  else if (ends.length > starts.length) {
    row.complain('waitUntil', `${ends.length} ends for ${starts.length} wait${starts.length === 1 ? '' : 's'} (at most one per wait, one per line)`, `有 ${ends.length} 个等待结束日期，却只有 ${starts.length} 次等待（每次等待至多一个，每行一个）`);
  }
  if (parties.length > 0 && starts.length === 0) withoutStart('waitOn');
  else if (parties.length > 1 && parties.length !== starts.length) {
    row.complain('waitOn', `${parties.length} parties waited on for ${starts.length} wait${starts.length === 1 ? '' : 's'} (one for all, or one per wait)`, `有 ${parties.length} 个等待原因，却有 ${starts.length} 次等待（填一个通用，或每次等待一个）`);
  }
  const codes = parties.map((value) => row.code('waitOn', WAIT_PARTY, 'customer', value || null, 'whom a complaint waits on'));
  return starts.map((start, index) => ({
    from: start === '' ? null : row.date('waitFrom', start),
    until: row.date('waitUntil', ends[index] || null),
    on: (codes.length === 1 ? codes[0] : codes[index]) ?? 'customer',
  }));
}

/** The parts of the history that need an earlier step the row does not have. */
function checkHistoryShape(row: RowReader, cells: FormCells): void {
  if (cells.department !== null && !row.given('assignee')) {
    row.complain('department', 'given without an assignee (the person responsible, in assignee/责任人)', '填写了部门但没有责任人（请在“责任人”列填写）');
  }
  if (!row.given('solution')) {
    const needSolution: [FormField, boolean][] = [
      ['resolvedAt', cells.resolvedDate !== null],
      ['compensation', cells.compensation !== null],
      ['compensationKind', cells.compensationKind !== null],
      ['approvedBy', cells.approvedBy !== null],
      ['rootCause', cells.rootCause !== null],
      ['correctiveAction', cells.correctiveAction !== null],
      ['satisfaction', cells.followups.satisfactions.some((value) => value !== null)],
    ];
    for (const [field, given] of needSolution) {
      if (given) row.complain(field, 'given without a solution (what was done, in solution/处理结果)', '没有处理结果却填写了此项（请在“处理结果”列填写处理情况）');
    }
  }
  if (!row.given('satisfaction')) {
    const { lowest, highest } = SATISFACTION_SCALE;
    const without = `a follow-up without its satisfaction (${lowest} to ${highest}, in satisfaction/满意度)`;
    if (cells.followups.dates.some((value) => value !== null)) row.complain('followupAt', without, `有回访日期却没有满意度（请在“满意度”列填写 ${lowest}–${highest}）`);
    if (row.given('followupMethod')) row.complain('followupMethod', without, `有回访方式却没有满意度（请填写满意度 ${lowest}–${highest}）`);
    if (row.text('followupNote') !== null) row.complain('followupNote', without, `有回访记录却没有满意度（请填写满意度 ${lowest}–${highest}）`);
  } else if (!row.given('followupAt')) {
    row.complain('satisfaction', 'no follow-up date (the date of the call, in followupAt/回访日期)', '没有回访日期（请在“回访日期”列填写回访的日期）');
  }
  if (cells.closedDate !== null && !row.given('closeReason')) {
    row.complain('closedAt', `a close date without a close reason (closeReason/结案原因: ${describeCodes(CLOSE_REASON)})`, `有结案日期却没有结案原因（请填写：${describeChoice(CLOSE_REASON, 'zh')}）`);
  }
}

/** A step of the form's history (its opening first): its command at its time, and the columns its refusals are said on. */
interface Step {
  /** What a refusal of the step as a whole is said on: its solution, its satisfaction, its close reason. */
  readonly column: FormField;
  /** Where its time comes from, and a refusal of its time is said. */
  readonly dateColumn: FormField;
  /** Its date as the form gives it; null: at the moment of the step before. */
  readonly date: DateCell | null;
  /** The column naming who did it. */
  readonly byColumn: FormField;
  /** A wait's start or end, which goes among the other steps by its time; absent for the other steps, which go in their order. */
  readonly wait?: 'start' | 'end';
  command(at: IsoTime): Command;
}

/** The history the row records, as the steps decide will take: open, assign, resolve, follow up, close. */
function planSteps(cells: CompleteCells, context: FormContext): Step[] {
  const { assignee, solution, followups, closeReason } = cells;
  const actor = cells.receivedBy ?? context.defaultActor;
  const steps: Step[] = [
    {
      column: 'receivedAt',
      dateColumn: 'receivedAt',
      date: cells.receivedDate,
      byColumn: 'receivedBy',
      command: (at) => {
        const { ref, customer, phone, channel, category, severity, description, request, order } = cells;
        return { type: 'open', at, by: actor, uuid: context.newUuid(), ref, customer, phone, channel, category, severity, description, request, order, dateOnly: isDateAlone(cells.receivedDate) };
      },
    },
  ];
  if (assignee !== null) {
    const { department } = cells;
    steps.push({ column: 'assignee', dateColumn: 'receivedAt', date: null, byColumn: 'receivedBy', command: (at) => ({ type: 'assign', at, by: actor, assignee, department, note: null }) });
  }
  if (solution !== null) {
    const { compensation, compensationKind, rootCause, correctiveAction } = cells;
    const paid = compensation === null && compensationKind === null ? null : { kind: compensationKind, cents: compensation };
    const { approvedBy } = cells;
    steps.push({
      column: 'solution',
      dateColumn: 'resolvedAt',
      date: cells.resolvedDate,
      byColumn: assignee === null ? 'receivedBy' : 'assignee',
      command: (at) => ({ type: 'resolve', at, by: assignee ?? actor, unfounded: false, solution, finding: null, compensation: paid, approvedBy, rootCause, correctiveAction, note: null }),
    });
  }
  for (const [index, satisfaction] of followups.satisfactions.entries()) {
    if (satisfaction === null) continue;
    const method = (followups.methods.length === 1 ? followups.methods[0] : followups.methods[index]) ?? DEFAULT_FOLLOWUP_METHOD;
    const note = followups.notes[index] ?? null;
    steps.push({ column: 'satisfaction', dateColumn: 'followupAt', date: followups.dates[index] ?? null, byColumn: 'receivedBy', command: (at) => ({ type: 'followup', at, by: actor, satisfaction, method, note }) });
  }
  if (closeReason !== null) {
    steps.push({ column: 'closeReason', dateColumn: 'closedAt', date: cells.closedDate, byColumn: 'receivedBy', command: (at) => ({ type: 'close', at, by: actor, reason: closeReason, note: null }) });
  }
  return steps;
}

/** The waits the row records, in order: each a wait at its start and, where its end is given, a resume then. */
function planWaits(cells: CompleteCells, context: FormContext): Step[] {
  const by = cells.receivedBy ?? context.defaultActor;
  return cells.waits.flatMap(({ from, until, on }): Step[] => [
    { column: 'waitFrom', dateColumn: 'waitFrom', date: from, byColumn: 'receivedBy', wait: 'start', command: (at) => ({ type: 'wait', at, by, on, note: null }) },
    ...(until === null ? [] : [{ column: 'waitUntil', dateColumn: 'waitUntil', date: until, byColumn: 'receivedBy', wait: 'end', command: (at) => ({ type: 'resume', at, by, note: null }) } satisfies Step]),
  ]);
}

/** A step of the row as replayed: its date column and its moment. */
interface Taken {
  readonly column: FormField;
  readonly at: IsoTime;
}

/**
 * The history, step by step through decide, which checks every rule of the procedure: the times
 * (none in the future, none before the step before), the compensation, what each status allows,
 * and the waits, which go among the other steps by their times (nextStep). Null when a step was
 * refused (the refusals are said on the row).
 */
function replay(steps: readonly Step[], waits: readonly Step[], row: RowReader, context: FormContext): { complaint: Complaint; events: NewEvent[] } | null {
  let complaint: Complaint | null = null;
  const events: NewEvent[] = [];
  /** The last step decide took. */
  let previous: Taken | null = null;
  /** The step that ended the latest wait itself (decide ends a wait at the shop's next step), if one did. */
  let endedBy: Taken | null = null;
  let refused = false;
  const taken = { steps: 0, waits: 0 };
  for (let next = nextStep(steps, waits, taken, previous, context.zone); next !== null; next = nextStep(steps, waits, taken, previous, context.zone)) {
    const { step, at } = next;
    if (step.wait === 'start') endedBy = null;
    if (step.wait === 'end' && complaint?.waiting === null) {
      // The wait had ended already: with a step of the row after its start (said here), or its start was refused (said there).
      if (endedBy !== null) row.complain(step.column, ...endedTooLate(at, endedBy));
      refused = true;
      continue;
    }
    // A step after the complaint was closed: decide would name complaint 0, which means nothing on a form.
    if (complaint?.status === 'closed') {
      row.complain(step.column, ...afterClosing(step, complaint));
      return null;
    }
    try {
      const decided = decide(complaint, step.command(at), { now: context.now, settings: context.settings, zone: context.zone });
      for (const event of decided) {
        complaint = apply(complaint, event);
        events.push(event);
      }
      previous = { column: step.dateColumn, at };
      if (step.wait === undefined && decided.some((event) => event.type === 'resumed')) endedBy = previous;
    } catch (error) {
      const refusal = refusalOf(error);
      // After a refused step, what a later one may do depended on it: only its own problems (its time) are said.
      if (!(refused && CONSEQUENCES.has(refusal.rule))) row.refuse(columnOf(step, refusal), refusal, previous?.column ?? null);
      refused = true;
      // Without its opening, the complaint has nothing for the other steps to change.
      if (complaint === null) break;
    }
  }
  return refused || complaint === null ? null : { complaint, events };
}

/** The refusals that a step refused before this one may have caused: not said, the earlier refusal is. */
const CONSEQUENCES: ReadonlySet<Refusal['rule']> = new Set(['not-allowed', 'already-waiting']);

/**
 * The next step to take and its moment: the row's steps in their order (the opening first), each
 * wait's start and end among them by its time. At the same moment a wait's end goes before the
 * step (which would end the wait itself), a start after it (which the step would end at once).
 */
function nextStep(steps: readonly Step[], waits: readonly Step[], taken: { steps: number; waits: number }, previous: Taken | null, zone: Zone): { step: Step; at: IsoTime } | null {
  const [step, wait] = [steps[taken.steps], previous === null ? undefined : waits[taken.waits]];
  const [stepAt, waitAt] = [step && timeOf(step.date, previous?.at ?? null, zone), wait && timeOf(wait.date, previous?.at ?? null, zone)];
  if (wait !== undefined && waitAt) {
    const order = stepAt ? compareTimes(waitAt, stepAt) : -1;
    if (order < 0 || (order === 0 && wait.wait === 'end')) {
      taken.waits += 1;
      return { step: wait, at: waitAt };
    }
  }
  if (step === undefined) return null;
  // Only the opening has no step before, and it always has its date.
  if (!stepAt) throw new Error('a step without a time');
  taken.steps += 1;
  return { step, at: stepAt };
}

/** A wait's end after the step of the row that ended the wait. */
function endedTooLate(at: IsoTime, endedBy: Taken): [string, string] {
  const [time, stepTime, step] = [shown(at), shown(endedBy.at), fieldName(endedBy.column)];
  return [
    `${time} is after ${step} ${stepTime}, which ended the wait (a step taken for the complaint ends its wait: a time no later than that step, or leave it empty)`,
    `${time} 晚于${step} ${stepTime}，该步骤已结束等待（为投诉采取的步骤会结束等待：应不晚于该步骤，或留空）`,
  ];
}

/** A step of the row after the complaint was closed: what to leave out. */
function afterClosing(step: Step, complaint: Complaint): [string, string] {
  if (step.column === 'closeReason') return ['the follow-up already closed the complaint (leave the close reason empty)', '回访已使投诉结案（请清空结案原因）'];
  if (step.wait === undefined) return ['an earlier step of this row already closed the complaint (remove this follow-up)', '本行之前的步骤已使投诉结案（请删除这次回访）'];
  const closed = shown(complaint.closedAt ?? complaint.lastEventAt);
  return [`the complaint was closed at ${closed}, by an earlier step of this row (a wait while it is not closed)`, `投诉已于 ${closed} 由本行之前的步骤结案（等待应在结案之前）`];
}

/**
 * The moment of a step. A step without its own date happens with the step before it; a date
 * without a time on the day of the step before means that step's moment (midnight would come
 * before it), and on a later day the start of that day.
 */
function timeOf(date: DateCell | null, previous: IsoTime | null, zone: Zone): IsoTime | null {
  if (date === null) return previous;
  if (date.iso !== null) return zone.toLocal(date.iso);
  if (date.wall.time === null && previous !== null && localDateOf(previous) === date.wall.date) return previous;
  return zone.wallToIso(date.wall);
}

/** The refusal of a rule that decide threw; anything else is a bug, thrown on. */
function refusalOf(error: unknown): Refusal {
  if (error instanceof DomainError && error.refusal !== null) return error.refusal;
  throw error;
}

/** The column a refusal of a step is said on: that of the input it is about, else the step's own. */
function columnOf(step: Step, { rule, field }: Refusal): FormField {
  // A compensation above the standard is the compensation's problem, whose approver column is missing.
  if (rule === 'above-standard') return 'compensation';
  if (field === 'at') return step.dateColumn;
  if (field === 'by') return step.byColumn;
  return (field !== null && field in INPUT_COLUMNS ? INPUT_COLUMNS[field as keyof typeof INPUT_COLUMNS] : undefined) ?? step.column;
}

/**
 * A refusal by one of decide's rules as a cell of a form says it: what is wrong (what was
 * expected). The column is named beside it (`row N, column C: …`); `previous` is the date column of
 * the step before, which a time out of order is compared with.
 */
export function cellProblem(refusal: Refusal, previous: FormField | null): Sentence {
  switch (refusal.rule) {
    case 'required':
      return { en: 'empty (a value is required)', zh: '未填写（此项为必填项）' };
    case 'control-character': {
      const name = codePointName(refusal.params.character);
      return { en: `holds the control character ${name}, which would change what a terminal shows (plain text)`, zh: `含有控制字符 ${name}，它会改变终端显示的内容（应为普通文字）` };
    }
    case 'one-line': {
      const tab = refusal.params.found === 'tab';
      return { en: `holds a ${tab ? 'tab' : 'line break'} (one line)`, zh: `含有${tab ? '制表符' : '换行'}（应写在一行内）` };
    }
    case 'too-long': {
      const { length, max } = refusal.params;
      return { en: `too long at ${length} characters (at most ${max})`, zh: `内容过长，共 ${length} 字（最多 ${max} 字）` };
    }
    case 'future': {
      const at = shown(refusal.params.at);
      return { en: `${at} is in the future (a date that has passed)`, zh: `${at} 还没有到（应为已经过去的日期）` };
    }
    case 'out-of-order': {
      const [at, earliest] = [shown(refusal.params.at), shown(refusal.params.lastEventAt)];
      const before = previous === null ? { en: 'the step before', zh: '之前的步骤' } : { en: fieldName(previous), zh: fieldName(previous) };
      return { en: `${at} is before ${before.en} (a time no earlier than ${earliest})`, zh: `${at} 早于${before.zh}（应不早于 ${earliest}）` };
    }
    case 'compensation-kind':
      return {
        en: `an amount without its kind (compensationKind/赔付方式: ${describeCodes(COMPENSATION_KIND)})`,
        zh: `填写了赔付金额却没有赔付方式（请在“赔付方式”列填写：${describeChoice(COMPENSATION_KIND, 'zh')}）`,
      };
    case 'compensation-unfounded':
      return {
        en: 'compensation for a complaint found unfounded (leave compensation/赔付金额 and compensationKind/赔付方式 empty)',
        zh: '投诉不成立却填写了赔付（请清空“赔付金额”和“赔付方式”列）',
      };
    case 'above-standard': {
      const { standard, kind, cents } = refusal.params;
      const [given, allowed] = [describeStandard({ kind: kind ?? 'none', cents: cents ?? 0 }), describeStandard(standard)];
      const entry = standardEntry(standard);
      return {
        en: `${given.en} is above the standard for ${entry}, ${allowed.en} (the name of who approved it in approvedBy/审批人)`,
        zh: `${given.zh} 超出 ${entry} 的赔付标准 ${allowed.zh}（请在“审批人”列填写批准人姓名）`,
      };
    }
    case 'satisfaction': {
      const value = quoted(refusal.params.value);
      const { lowest, highest } = SATISFACTION_SCALE;
      const [low, high] = [labelOf(SATISFACTION, lowest, 'en'), labelOf(SATISFACTION, highest, 'en')];
      const [lowZh, highZh] = [labelOf(SATISFACTION, lowest, 'zh'), labelOf(SATISFACTION, highest, 'zh')];
      return {
        en: `"${value}" is not a satisfaction (a whole number from ${lowest} ${low} to ${highest} ${high})`,
        zh: `“${value}”不是有效的满意度（应为 ${lowest} ${lowZh} 到 ${highest} ${highZh} 的整数）`,
      };
    }
    case 'phone': {
      const value = quoted(refusal.params.value);
      return { en: `"${value}" is not a phone number (digits, optionally with +, spaces, - or brackets)`, zh: `“${value}”不是有效的电话号码（应为数字，可带 +、空格、- 或括号）` };
    }
    case 'received-after-step':
    case 'nothing-to-correct':
    case 'voided':
    case 'not-voided':
    case 'not-waiting':
    case 'major-criterion':
    case 'criterion-not-major':
      // A form opens a complaint and takes it through the procedure; it never corrects or voids one,
      // and a wait's end that finds no wait is said before decide is asked (replay).
      throw new Error(`a form's step was refused by ${refusal.rule}, which no form's steps can meet`);
    case 'already-waiting': {
      const since = shown(refusal.params.since);
      return {
        en: `a wait while the one from ${since} had not ended (that wait's end on its line of waitUntil/等待结束, or a step of the row between the two)`,
        zh: `上一次等待（自 ${since} 起）尚未结束时又开始等待（请在“等待结束”列对应行填写上一次等待的结束日期，或两次等待之间须有本行的一步处理）`,
      };
    }
    case 'not-allowed': {
      const { status, command, allowed } = refusal.params;
      // The complaint has no number yet (decide's sentence would name complaint 0): the row's steps are what put it there.
      return {
        en: `an earlier step of this row left the complaint ${status}, which cannot take ${command} (from ${status}: ${allowed.join(', ')})`,
        zh: `本行之前的步骤使投诉处于“${labelOf(STATUS, status, 'zh')}”状态，不能执行 ${command}（此状态下可以执行：${allowed.join('、')}）`,
      };
    }
  }
}

/** One note per line; empty lines are follow-ups without a note, and empty lines at the end are dropped. */
function noteLines(cell: string): (string | null)[] {
  const lines = cell.split('\n').map((part) => part.trim() || null);
  while (lines.length > 0 && lines.at(-1) === null) lines.pop();
  return lines;
}

/** The values of a cell by position, one per line or separated by ; (an empty one kept in its place), without empty ones at the end. */
function lines(cell: string): string[] {
  const values = cell.split(/[\n;；]/).map((part) => part.trim());
  while (values.length > 0 && values.at(-1) === '') values.pop();
  return values;
}

/** The values of a cell that may hold several, one per line or separated by ; (several follow-ups). */
function parts(value: string | null): string[] {
  if (value === null) return [];
  return value
    .split(/[\n;；]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** "2026-10-05 14:30" of an ISO time, as the user wrote it. */
function shown(time: IsoTime): string {
  return time.slice(0, 16).replace('T', ' ');
}
