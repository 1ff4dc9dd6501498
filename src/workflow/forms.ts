// Typed-up paper complaint forms: which column means what (headers in English or Chinese, a
// user's --map), the import template, and a complaint as one row of a form (export). Reading a row
// into a complaint is form-reading.ts.
import { formatMoney, type Complaint } from './complaint.js';
import type { Sentence } from './errors.js';
import { compareTimes, localDateOf } from './time.js';
import { CLOSE_REASON, isCode, type Lang } from './vocab.js';

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
  'approvedBy',
  'rootCause',
  'correctiveAction',
  'followupAt',
  'followupMethod',
  'satisfaction',
  'followupNote',
  'closeReason',
  'closedAt',
  'waitFrom',
  'waitUntil',
  'waitOn',
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
  approvedBy: { en: ['approved by', 'approver'], zh: ['审批人', '批准人'] },
  rootCause: { en: ['cause'], zh: ['原因分析', '原因', '根本原因'] },
  correctiveAction: { en: ['action', 'corrective measure'], zh: ['纠正措施', '改进措施', '整改措施'] },
  followupAt: { en: ['follow-up date', 'followup date'], zh: ['回访日期', '回访时间'] },
  followupMethod: { en: ['follow-up method'], zh: ['回访方式'] },
  satisfaction: { en: [], zh: ['满意度', '回访满意度'] },
  followupNote: { en: ['follow-up note'], zh: ['回访记录', '回访意见'] },
  closeReason: { en: [], zh: ['结案原因', '关闭原因'] },
  closedAt: { en: ['closed date'], zh: ['结案日期', '关闭日期'] },
  waitFrom: { en: ['waiting since', 'wait start'], zh: ['等待开始', '等待开始日期', '暂停日期'] },
  waitUntil: { en: ['waited until', 'wait end'], zh: ['等待结束', '等待结束日期', '恢复日期'] },
  waitOn: { en: ['waiting on', 'waited on'], zh: ['等待原因', '等待对象'] },
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
export function fieldName(field: FormField): string {
  return `${field} (${chineseHeader(field)})`;
}

/** The template's Chinese header of a field: 客户姓名. */
export function chineseHeader(field: FormField): string {
  return HEADER_NAMES[field].zh[0]!;
}

/** The header row of the import template. */
export function templateHeaders(lang: Lang): string[] {
  return FORM_FIELDS.map((field) => (lang === 'zh' ? chineseHeader(field) : field));
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

/**
 * A complaint as one row of the import's form (English headers, codes, ISO times with offset), so
 * that an export can be imported again. The row carries the final state of each step: the last
 * assignment, the last solution, the last follow-up, the close reason, and every wait; notes, investigation
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
    // A date received without a time of day is written as the date, and imports back as one.
    receivedAt: c.receivedDateOnly ? localDateOf(c.receivedAt) : c.receivedAt,
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
    approvedBy: solved ? (c.approvedBy ?? '') : '',
    rootCause: solved ? (c.rootCause ?? '') : '',
    correctiveAction: solved ? (c.correctiveAction ?? '') : '',
    followupAt: followups.map((f) => f.at).join('\n'),
    followupMethod: (methods.length === 1 ? methods : followups.map((f) => f.method)).join('\n'),
    satisfaction: followups.map((f) => String(f.satisfaction)).join('\n'),
    // One line per follow-up when there are several, so a note's own line breaks become spaces.
    followupNote: followups.length === 1 ? (followups[0]!.note ?? '') : followups.map((f) => (f.note ?? '').replace(/\s*\n\s*/g, ' ')).join('\n'),
    closeReason: closeReason ?? '',
    closedAt: closeReason === null ? '' : (c.closedAt ?? ''),
    // Every wait, one per line; the one still lasting has no end (its line of waitUntil is empty).
    waitFrom: c.waits.map((wait) => wait.since).join('\n'),
    waitUntil: c.waits.map((wait) => wait.until ?? '').join('\n'),
    waitOn: c.waits.map((wait) => wait.on).join('\n'),
    status: c.status,
  };
}
