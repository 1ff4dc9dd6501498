// Typed-up paper complaint forms: which column means what, and one row -> the events of a complaint
// (its opening and the history the form records), or every problem of the row by column.
// The form reads its cells (dates, codes, amounts, satisfactions); the rules are decide's: the
// row's history goes through `decide` step by step, so an imported complaint obeys the same
// procedure as one recorded at the counter, no status is ever written directly, and a refusal is
// said on the column of the input it is about, in the words of a cell (cellProblem).
import { apply, formatMoney, parseMoney, type Complaint, type NewEvent } from './complaint.js';
import { DomainError, type Field, type Refusal, type Sentence, type TextField } from './errors.js';
import type { Settings } from './settings.js';
import { checkPhone, checkText, decide, type Command } from './transitions.js';
import { codePointName, quoted, withLineFeeds } from './text.js';
import { compareTimes, localDateOf, readDateTime, type IsoTime, type WallClock, type Zone } from './time.js';
import {
  CATEGORY,
  CHANNEL,
  CLOSE_REASON,
  COMPENSATION_KIND,
  DEFAULT_CHANNEL,
  DEFAULT_FOLLOWUP_METHOD,
  DEFAULT_SEVERITY,
  describeChoice,
  describeCodes,
  FOLLOWUP_METHOD,
  isCode,
  labelOf,
  SATISFACTION,
  SATISFACTION_SCALE,
  SEVERITY,
  STATUS,
  parseCode,
  type Lang,
  type Vocabulary,
} from './vocab.js';

/** The columns kesu reads; the English header of each is its name here (the JSON key where there is one). */
export const FORM_FIELDS = [
  'ref',
  'receivedAt',
  'receivedBy',
  'customer',
  'phone',
  'channel',
  'category',
  'severity',
  'description',
  'request',
  'order',
  'assignee',
  'department',
  'solution',
  'resolvedAt',
  'compensation',
  'compensationKind',
  'rootCause',
  'correctiveAction',
  'followupAt',
  'followupMethod',
  'satisfaction',
  'followupNote',
  'closeReason',
  'closedAt',
  'status',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

/**
 * Columns a file must have, and values every row must fill. The received date is required although
 * `open` defaults it to now: a paper form always carries its date, the import time would put the
 * complaint in the wrong month, and a form without a `ref` is recognised again by its date.
 */
const REQUIRED_FIELDS: readonly FormField[] = ['receivedAt', 'customer', 'category', 'description'];

/** Accepted headers besides the field name; the first Chinese one is the template's. */
const HEADER_NAMES: { readonly [F in FormField]: { readonly en: readonly string[]; readonly zh: readonly string[] } } = {
  ref: { en: ['form number', 'form no'], zh: ['编号', '表单编号', '投诉编号', '登记编号'] },
  receivedAt: { en: ['received', 'received date', 'date'], zh: ['投诉日期', '受理日期', '投诉时间', '受理时间', '日期'] },
  receivedBy: { en: ['received by', 'taken by'], zh: ['受理人', '接待人', '登记人'] },
  customer: { en: ['customer name', 'name'], zh: ['客户姓名', '顾客姓名', '客户', '顾客', '姓名', '投诉人'] },
  phone: { en: ['customer phone', 'telephone', 'tel', 'mobile'], zh: ['联系电话', '电话', '手机', '手机号'] },
  channel: { en: [], zh: ['投诉方式', '渠道', '投诉渠道'] },
  category: { en: ['type'], zh: ['投诉类别', '类别', '投诉类型', '类型'] },
  severity: { en: ['level'], zh: ['严重程度', '等级', '级别'] },
  description: { en: ['desc', 'complaint', 'details'], zh: ['投诉内容', '内容', '问题描述'] },
  request: { en: ['customer request'], zh: ['客户要求', '顾客要求', '诉求'] },
  order: { en: ['order no', 'order number'], zh: ['订单号', '订单编号'] },
  assignee: { en: ['assigned to', 'responsible'], zh: ['责任人', '处理人'] },
  department: { en: ['dept'], zh: ['责任部门', '部门'] },
  solution: { en: ['result'], zh: ['处理结果', '处理方案', '处理意见'] },
  resolvedAt: { en: ['resolved', 'resolved date'], zh: ['处理日期', '处理时间', '解决日期'] },
  compensation: { en: ['compensation amount', 'amount'], zh: ['赔付金额', '赔偿金额', '金额'] },
  compensationKind: { en: ['compensation type'], zh: ['赔付方式', '赔偿方式'] },
  rootCause: { en: ['cause'], zh: ['原因分析', '原因', '根本原因'] },
  correctiveAction: { en: ['action', 'corrective measure'], zh: ['纠正措施', '改进措施', '整改措施'] },
  followupAt: { en: ['follow-up date', 'followup date'], zh: ['回访日期', '回访时间'] },
  followupMethod: { en: ['follow-up method'], zh: ['回访方式'] },
  satisfaction: { en: [], zh: ['满意度', '回访满意度'] },
  followupNote: { en: ['follow-up note'], zh: ['回访记录', '回访意见'] },
  closeReason: { en: [], zh: ['结案原因', '关闭原因'] },
  closedAt: { en: ['closed date'], zh: ['结案日期', '关闭日期'] },
  status: { en: [], zh: ['状态', '处理状态'] },
};

/**
 * Headers compare without regard to case, width, spaces, `_`, `-`, a required-field star, a colon,
 * or a unit in brackets: "Received_At", "received at" and "＊赔付金额（元）：" all match.
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\([^)]*\)/g, '')
    .replace(/[\s_\-*:]+/g, '');
}

const FIELD_BY_HEADER: ReadonlyMap<string, FormField> = new Map(
  FORM_FIELDS.flatMap((field) =>
    [field, ...HEADER_NAMES[field].en, ...HEADER_NAMES[field].zh].map((name) => [normalizeHeader(name), field] as const),
  ),
);

/** "customer (客户姓名)": how a field is named in messages, so either language finds its column. */
function fieldName(field: FormField): string {
  return `${field} (${HEADER_NAMES[field].zh[0]})`;
}

/** The header row of the import template. */
export function templateHeaders(lang: Lang): string[] {
  return FORM_FIELDS.map((field) => (lang === 'zh' ? HEADER_NAMES[field].zh[0]! : field));
}

/** A user's `--map`: their header -> our field, or null to ignore the column without a warning. */
export type UserColumnMap = ReadonlyMap<string, FormField | null>;

/** Reads the parsed JSON of a `--map` file: `{ "their header": "ourField" | null }`. */
export function readUserColumnMap(json: unknown): { ok: true; map: UserColumnMap } | { ok: false; problem: Sentence } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return {
      ok: false,
      problem: {
        en: 'The map file must hold one JSON object, like { "their header": "customer" }.',
        zh: '映射文件须是一个 JSON 对象，例如 { "他们的表头": "customer" }。',
      },
    };
  }
  const map = new Map<string, FormField | null>();
  for (const [header, target] of Object.entries(json)) {
    if (target === null || target === '') {
      map.set(normalizeHeader(header), null);
      continue;
    }
    const field = typeof target === 'string' ? FIELD_BY_HEADER.get(normalizeHeader(target)) : undefined;
    if (!field) {
      return {
        ok: false,
        problem: {
          en: `The map sends "${header}" to ${JSON.stringify(target)}, which is not a column kesu reads; use one of ${FORM_FIELDS.join(', ')}, or null to ignore it.`,
          zh: `映射把“${header}”对应到 ${JSON.stringify(target)}，这不是 kesu 能读的列；请使用 ${FORM_FIELDS.join(', ')} 之一，或用 null 忽略该列。`,
        },
      };
    }
    map.set(normalizeHeader(header), field);
  }
  return { ok: true, map };
}

/** Which column of the file holds which field. */
export interface ColumnMap {
  /** The file's headers as written (trimmed), by column index. */
  readonly headers: readonly string[];
  readonly indexOf: { readonly [F in FormField]?: number };
  /** Headers that map to nothing, ignored. */
  readonly ignored: readonly string[];
}

export type HeaderReading =
  | { readonly ok: true; readonly columns: ColumnMap; readonly warnings: readonly Sentence[] }
  | { readonly ok: false; readonly problem: Sentence };

/** Reads the header row. Refuses the file when a required column is absent or two columns mean the same. */
export function mapHeaders(header: readonly string[], userMap: UserColumnMap = new Map()): HeaderReading {
  const headers = header.map((text) => text.trim());
  const indexOf: { [F in FormField]?: number } = {};
  const ignored: string[] = [];
  const warnings: Sentence[] = [];
  for (const [index, text] of headers.entries()) {
    // A column without a header is what a spreadsheet leaves after the last one it formatted.
    if (text === '') continue;
    const key = normalizeHeader(text);
    const field = userMap.has(key) ? userMap.get(key) : FIELD_BY_HEADER.get(key);
    if (field === null) continue;
    if (field === undefined) {
      ignored.push(text);
      warnings.push({
        en: `Column "${text}" is not one kesu reads, so it is ignored; if it holds one of kesu's fields, name it with --map.`,
        zh: `列“${text}”不是 kesu 能识别的列，已忽略；如果它对应某个字段，请用 --map 指定。`,
      });
      continue;
    }
    const earlier = indexOf[field];
    if (earlier !== undefined) {
      return {
        ok: false,
        problem: {
          en: `Columns "${headers[earlier]}" and "${text}" both mean ${fieldName(field)}; keep one, or ignore the other with --map.`,
          zh: `列“${headers[earlier]}”和“${text}”都表示 ${fieldName(field)}；请只保留一列，或用 --map 忽略另一列。`,
        },
      };
    }
    indexOf[field] = index;
  }
  const missing = REQUIRED_FIELDS.filter((field) => indexOf[field] === undefined);
  if (missing.length > 0) {
    const names = missing.map(fieldName).join(', ');
    return {
      ok: false,
      problem: {
        en: `The file has no column for ${names}, which every form needs; add ${missing.length > 1 ? 'them' : 'it'}, or name the column that holds ${missing.length > 1 ? 'them' : 'it'} with --map.`,
        zh: `文件缺少必需的列：${names}；请添加，或用 --map 指明对应的列。`,
      },
    };
  }
  return { ok: true, columns: { headers, indexOf, ignored }, warnings };
}

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
} as const satisfies { readonly [F in Field]?: FormField };

/** A date cell as read: its wall-clock date and time, and the ISO time when it was written with an offset. */
interface DateCell {
  readonly wall: WallClock;
  readonly iso: IsoTime | null;
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
  command(at: IsoTime): Command;
}

/** One row of a form -> the events of its complaint, or every problem of the row. */
export function readForm(line: { readonly row: number; readonly cells: readonly string[] }, columns: ColumnMap, context: FormContext): FormReading {
  const errors: FormError[] = [];
  const complain = (field: FormField, en: string, zh: string): void => {
    const index = columns.indexOf[field];
    errors.push({ row: line.row, column: index === undefined ? field : columns.headers[index]!, message: en, sentence: { en, zh } });
  };
  /** Says a refusal of decide's rules on the column of the input it is about. */
  const refuse = (field: FormField, refusal: Refusal, previous: FormField | null = null): void => {
    const { en, zh } = cellProblem(refusal, previous);
    complain(field, en, zh);
  };

  /** The cell, line breaks made LF (the CSV reader has done it already: the pattern runs only when needed), trimmed; null when empty. */
  const text = (field: FormField): string | null => {
    const index = columns.indexOf[field];
    const value = index === undefined ? '' : withLineFeeds(line.cells[index] ?? '').trim();
    return value === '' ? null : value;
  };

  /** The cell as written, line breaks made LF, not trimmed (a first empty line is a first empty note). */
  const rawCell = (field: FormField): string => {
    const index = columns.indexOf[field];
    return index === undefined ? '' : (line.cells[index] ?? '').replace(/\r\n?/g, '\n');
  };

  /** Whether the cell holds anything, valid or not: a later check should not repeat an earlier complaint. */
  const given = (field: FormField): boolean => {
    const index = columns.indexOf[field];
    return index !== undefined && (line.cells[index] ?? '').trim() !== '';
  };

  /** Says the cell is empty when it is (a cell given but unreadable has said what is wrong with it). */
  const mustBeGiven = (field: FormField, what: string, whatZh: string): void => {
    if (!given(field)) complain(field, `empty (${what} is required)`, `未填写（${whatZh}为必填项）`);
  };

  /**
   * What decide's check of an input gives, or null when it refuses it, said on `column`. A cell a
   * command carries is read with decide's own check, so that every problem of the row is said
   * together (decide says the first problem of a command, and only of a row that has become one).
   */
  const checked = <T>(column: FormField, check: () => T): T | null => {
    try {
      return check();
    } catch (error) {
      refuse(column, refusalOf(error));
      return null;
    }
  };

  /** A text a command carries, as decide keeps it. */
  const input = (field: TextField & keyof typeof INPUT_COLUMNS): string | null => {
    const column = INPUT_COLUMNS[field];
    return checked(column, () => checkText(text(column), field));
  };

  const required = (field: 'customer' | 'description', what: string, whatZh: string): string | null => {
    const value = input(field);
    if (value === null) mustBeGiven(field, what, whatZh);
    return value;
  };

  const code = <C extends string>(field: FormField, vocab: Vocabulary<C>, fallback: C | null): C | null => codeOf(field, vocab, text(field), fallback);
  const codeOf = <C extends string>(field: FormField, vocab: Vocabulary<C>, value: string | null, fallback: C | null): C | null => {
    if (value === null) return fallback;
    const found = parseCode(vocab, value);
    if (found === undefined) {
      const zhLabels = vocab.codes.map((c) => labelOf(vocab, c, 'zh')).join('、');
      complain(
        field,
        `"${quoted(value)}" is not a ${vocab.name} (one of ${describeCodes(vocab)}, or ${zhLabels})`,
        `“${quoted(value)}”不是有效的${HEADER_NAMES[field].zh[0]}（应为 ${zhLabels} 之一，或 ${describeCodes(vocab)}）`,
      );
      return null;
    }
    return found;
  };

  const date = (field: FormField): DateCell | null => dateOf(field, text(field));
  const dateOf = (field: FormField, value: string | null): DateCell | null => {
    if (value === null) return null;
    const reading = readDateTime(value);
    if (reading.ok) return { wall: reading.wall, iso: reading.iso };
    if (reading.reason === 'ambiguous') {
      complain(
        field,
        `"${quoted(value)}" could be read as two different dates (the year first, like 2026-10-05 or 2026年10月5日)`,
        `“${quoted(value)}”有歧义，可理解为两个不同的日期（请把年份写在前面，例如 2026-10-05 或 2026年10月5日）`,
      );
    } else {
      complain(
        field,
        `"${quoted(value)}" is not a date (a date like 2026-10-05, 2026/10/5, 2026.10.05 or 2026年10月5日, optionally with a time such as 14:30)`,
        `“${quoted(value)}”不是有效的日期（应写成 2026-10-05、2026/10/5、2026.10.05 或 2026年10月5日，可带时间如 14:30）`,
      );
    }
    return null;
  };

  // Read every cell first, so that every problem of the row is reported together.
  const written = input('ref');
  const ref = written === null ? null : `${context.refPrefix ?? ''}${written}`;
  const receivedDate = date('receivedAt');
  if (receivedDate === null) mustBeGiven('receivedAt', 'the date the complaint was received', '投诉日期');
  const customer = required('customer', "the customer's name", '客户姓名');
  const description = required('description', "the customer's complaint", '投诉内容');
  const category = code('category', CATEGORY, null);
  if (category === null) mustBeGiven('category', 'the category', '投诉类别');
  const channel = code('channel', CHANNEL, DEFAULT_CHANNEL);
  const severity = code('severity', SEVERITY, DEFAULT_SEVERITY);
  const receivedBy = input('by');
  const phone = checked('phone', () => checkPhone(text('phone') ?? ''));
  const request = input('request');
  const order = input('order');
  const assignee = input('assignee');
  const department = input('department');
  const solution = input('solution');
  const resolvedDate = date('resolvedAt');
  const compensationKind = code('compensationKind', COMPENSATION_KIND, null);
  const compensation = readAmount(text('compensation'), complain);
  const rootCause = input('rootCause');
  const correctiveAction = input('correctiveAction');
  // Several follow-ups: one per line of the cell (or separated by ;), in order; a single method
  // stands for all of them, and the note has one line per follow-up.
  const followupDates = parts(text('followupAt')).map((value) => dateOf('followupAt', value));
  const methodCells = parts(text('followupMethod'));
  const followupMethods = methodCells.map((value) => codeOf('followupMethod', FOLLOWUP_METHOD, value, null));
  const satisfactions = parts(text('satisfaction')).map((value) => readSatisfaction(value, refuse));
  const followupNote = text('followupNote');
  const followupNotes = (satisfactions.length > 1 && followupNote !== null ? noteLines(rawCell('followupNote')) : [followupNote]).map((note) =>
    checked('followupNote', () => checkText(note, 'note')),
  );
  if (satisfactions.length > 0 && followupDates.length > 0 && satisfactions.length !== followupDates.length) {
    complain(
      'satisfaction',
      `${satisfactions.length} satisfaction${satisfactions.length === 1 ? '' : 's'} for ${followupDates.length} follow-up date${followupDates.length === 1 ? '' : 's'} (one per follow-up, one per line)`,
      `有 ${satisfactions.length} 个满意度，却有 ${followupDates.length} 个回访日期（每次回访一个，每行一个）`,
    );
  }
  if (methodCells.length > 1 && methodCells.length !== satisfactions.length) {
    complain('followupMethod', `${methodCells.length} methods for ${satisfactions.length} follow-ups (one for all, or one per follow-up)`, `有 ${methodCells.length} 个回访方式，却有 ${satisfactions.length} 次回访（填一个通用，或每次回访一个）`);
  }
  if (followupNotes.length > Math.max(1, satisfactions.length)) {
    complain('followupNote', `${followupNotes.length} lines for ${satisfactions.length} follow-ups (at most one line per follow-up)`, `有 ${followupNotes.length} 行回访记录，却只有 ${satisfactions.length} 次回访（每次回访至多一行）`);
  }
  const closeReason = code('closeReason', CLOSE_REASON, null);
  const closedDate = date('closedAt');
  const status = code('status', STATUS, null);

  // Parts of the history that need an earlier step.
  if (department !== null && !given('assignee')) {
    complain('department', 'given without an assignee (the person responsible, in assignee/责任人)', '填写了部门但没有责任人（请在“责任人”列填写）');
  }
  if (!given('solution')) {
    const needSolution: [FormField, boolean][] = [
      ['resolvedAt', resolvedDate !== null],
      ['compensation', compensation !== null],
      ['compensationKind', compensationKind !== null],
      ['rootCause', rootCause !== null],
      ['correctiveAction', correctiveAction !== null],
      ['satisfaction', satisfactions.some((value) => value !== null)],
    ];
    for (const [field, given] of needSolution) {
      if (given) complain(field, 'given without a solution (what was done, in solution/处理结果)', '没有处理结果却填写了此项（请在“处理结果”列填写处理情况）');
    }
  }
  if (!given('satisfaction')) {
    const { lowest, highest } = SATISFACTION_SCALE;
    const without = `a follow-up without its satisfaction (${lowest} to ${highest}, in satisfaction/满意度)`;
    if (followupDates.some((value) => value !== null)) complain('followupAt', without, `有回访日期却没有满意度（请在“满意度”列填写 ${lowest}–${highest}）`);
    if (given('followupMethod')) complain('followupMethod', without, `有回访方式却没有满意度（请填写满意度 ${lowest}–${highest}）`);
    if (followupNote !== null) complain('followupNote', without, `有回访记录却没有满意度（请填写满意度 ${lowest}–${highest}）`);
  } else if (!given('followupAt')) {
    complain('satisfaction', 'no follow-up date (the date of the call, in followupAt/回访日期)', '没有回访日期（请在“回访日期”列填写回访的日期）');
  }
  if (closedDate !== null && !given('closeReason')) {
    complain('closedAt', `a close date without a close reason (closeReason/结案原因: ${describeCodes(CLOSE_REASON)})`, `有结案日期却没有结案原因（请填写：${describeChoice(CLOSE_REASON, 'zh')}）`);
  }
  if (errors.length > 0 || receivedDate === null || customer === null || description === null || category === null) {
    return { ok: false, errors };
  }

  // The history, step by step through decide, which checks every rule of the procedure: the times
  // (none in the future, none before the step before), the compensation, what each status allows.
  // A step without its own date happens with the step before it; a date without a time on the day
  // of the step before means that step's moment (midnight would come before it), and on a later
  // day the start of that day.
  const timeOf = (date: DateCell | null, previous: IsoTime | null): IsoTime | null => {
    if (date === null) return previous;
    if (date.iso !== null) return context.zone.toLocal(date.iso);
    if (date.wall.time === null && previous !== null && localDateOf(previous) === date.wall.date) return previous;
    return context.zone.wallToIso(date.wall);
  };

  const actor = receivedBy ?? context.defaultActor;
  const steps: Step[] = [
    {
      column: 'receivedAt',
      dateColumn: 'receivedAt',
      date: receivedDate,
      byColumn: 'receivedBy',
      command: (at) => ({ type: 'open', at, by: actor, uuid: context.newUuid(), ref, customer, phone, channel: channel!, category, severity: severity!, description, request, order }),
    },
  ];
  if (assignee !== null) {
    steps.push({ column: 'assignee', dateColumn: 'receivedAt', date: null, byColumn: 'receivedBy', command: (at) => ({ type: 'assign', at, by: actor, assignee, department, note: null }) });
  }
  if (solution !== null) {
    steps.push({
      column: 'solution',
      dateColumn: 'resolvedAt',
      date: resolvedDate,
      byColumn: assignee === null ? 'receivedBy' : 'assignee',
      command: (at) => ({
        type: 'resolve',
        at,
        by: assignee ?? actor,
        unfounded: false,
        solution,
        finding: null,
        compensation: compensation === null && compensationKind === null ? null : { kind: compensationKind, cents: compensation },
        rootCause,
        correctiveAction,
        note: null,
      }),
    });
  }
  for (const [index, satisfaction] of satisfactions.entries()) {
    if (satisfaction === null) continue;
    const method = (followupMethods.length === 1 ? followupMethods[0] : followupMethods[index]) ?? DEFAULT_FOLLOWUP_METHOD;
    steps.push({
      column: 'satisfaction',
      dateColumn: 'followupAt',
      date: followupDates[index] ?? null,
      byColumn: 'receivedBy',
      command: (at) => ({ type: 'followup', at, by: actor, satisfaction, method, note: followupNotes[index] ?? null }),
    });
  }
  if (closeReason !== null) {
    steps.push({ column: 'closeReason', dateColumn: 'closedAt', date: closedDate, byColumn: 'receivedBy', command: (at) => ({ type: 'close', at, by: actor, reason: closeReason, note: null }) });
  }

  let complaint: Complaint | null = null;
  const events: NewEvent[] = [];
  /** The last step decide took: its date column and its moment. */
  let previous: { column: FormField; at: IsoTime } | null = null;
  let refused = false;
  for (const step of steps) {
    // A step after the complaint was closed: decide would name complaint 0, which means nothing on a form.
    if (complaint?.status === 'closed') {
      if (step.column === 'closeReason') {
        complain(step.column, 'the follow-up already closed the complaint (leave the close reason empty)', '回访已使投诉结案（请清空结案原因）');
      } else {
        complain(step.column, 'an earlier step of this row already closed the complaint (remove this follow-up)', '本行之前的步骤已使投诉结案（请删除这次回访）');
      }
      return { ok: false, errors };
    }
    const at = timeOf(step.date, previous?.at ?? null);
    // Only the opening has no step before, and it always has its date.
    if (at === null) throw new Error('a step without a time');
    try {
      for (const event of decide(complaint, step.command(at), { now: context.now, settings: context.settings, zone: context.zone })) {
        complaint = apply(complaint, event);
        events.push(event);
      }
      previous = { column: step.dateColumn, at };
    } catch (error) {
      const refusal = refusalOf(error);
      // After a refused step, what a later one may do depended on it: only its own problems (its time) are said.
      if (!(refused && refusal.rule === 'not-allowed')) refuse(columnOf(step, refusal.field), refusal, previous?.column ?? null);
      refused = true;
      // Without its opening, the complaint has nothing for the other steps to change.
      if (complaint === null) break;
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const result = complaint!;
  if (status !== null && status !== result.status) {
    complain(
      'status',
      `says ${status}, but the row's history leaves the complaint ${result.status} (the status that the solution, follow-up and close reason lead to)`,
      `填写为“${labelOf(STATUS, status, 'zh')}”，但按本行的处理记录，投诉应为“${labelOf(STATUS, result.status, 'zh')}”（状态由处理结果、回访和结案原因决定）`,
    );
    return { ok: false, errors };
  }
  return { ok: true, events, complaint: result };
}

/** The refusal of a rule that decide threw; anything else is a bug, thrown on. */
function refusalOf(error: unknown): Refusal {
  if (error instanceof DomainError && error.refusal !== null) return error.refusal;
  throw error;
}

/** The column a refusal of a step is said on: that of the input it is about, else the step's own. */
function columnOf(step: Step, field: Field | null): FormField {
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

type Complain = (field: FormField, en: string, zh: string) => void;

function readAmount(value: string | null, complain: Complain): number | null {
  if (value === null) return null;
  const cents = parseMoney(value);
  if (cents === undefined) {
    complain('compensation', `"${quoted(value)}" is not an amount (a sum such as 25.50, ¥25 or 25元)`, `“${quoted(value)}”不是有效的金额（应写成 25.50、¥25 或 25元）`);
    return null;
  }
  return cents;
}

/** 1 to 5, "4分", or a label such as 满意 / very satisfied; anything else is refused as decide refuses a satisfaction off the scale. */
function readSatisfaction(value: string, refuse: (field: FormField, refusal: Refusal) => void): number | null {
  const code = parseCode(SATISFACTION, value.replace(/分$/, ''));
  if (code === undefined) {
    refuse('satisfaction', { rule: 'satisfaction', field: 'satisfaction', params: { value } });
    return null;
  }
  return Number(code);
}

/**
 * A complaint as one row of the import's form (English headers, codes, ISO times with offset), so
 * that an export can be imported again. The row carries the final state of each step: the last
 * assignment, the last solution, the last follow-up, the close reason; notes, investigation
 * entries, reopenings and earlier rounds of handling do not fit in one row.
 */
export function formRow(complaint: Complaint): Record<FormField, string> {
  const c = complaint;
  const solved = c.solution !== null;
  // The follow-ups of the last resolution; those before a reopening belong to an earlier round.
  const followups = solved && c.resolvedAt !== null ? c.followups.filter((f) => compareTimes(f.at, c.resolvedAt!) >= 0) : [];
  const methods = [...new Set(followups.map((f) => f.method))];
  const closeReason = c.status === 'closed' && isCode(CLOSE_REASON, c.outcome) ? c.outcome : null;
  return {
    ref: c.ref ?? '',
    receivedAt: c.receivedAt,
    receivedBy: c.receivedBy,
    customer: c.customer.name,
    phone: c.customer.phone ?? '',
    channel: c.channel,
    category: c.category,
    severity: c.severity,
    description: c.description,
    request: c.request ?? '',
    order: c.order ?? '',
    assignee: c.assignee ?? '',
    // A department alone (the category's, from the opening) is not a form's: it comes with an assignee.
    department: c.assignee === null ? '' : (c.department ?? ''),
    solution: c.solution ?? '',
    resolvedAt: solved ? (c.resolvedAt ?? '') : '',
    compensation: solved && c.compensation.cents !== null ? formatMoney(c.compensation.cents) : '',
    compensationKind: solved ? (c.compensation.kind ?? '') : '',
    rootCause: solved ? (c.rootCause ?? '') : '',
    correctiveAction: solved ? (c.correctiveAction ?? '') : '',
    followupAt: followups.map((f) => f.at).join('\n'),
    followupMethod: (methods.length === 1 ? methods : followups.map((f) => f.method)).join('\n'),
    satisfaction: followups.map((f) => String(f.satisfaction)).join('\n'),
    // One line per follow-up when there are several, so a note's own line breaks become spaces.
    followupNote: followups.length === 1 ? (followups[0]!.note ?? '') : followups.map((f) => (f.note ?? '').replace(/\s*\n\s*/g, ' ')).join('\n'),
    closeReason: closeReason ?? '',
    closedAt: closeReason === null ? '' : (c.closedAt ?? ''),
    status: c.status,
  };
}
