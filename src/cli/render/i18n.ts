// Every fixed piece of text the shell shows, in English and Chinese, and the dates as a shop reads them.
import type { NotableDay } from '../../workflow/calendar.js';
import type { CorrectableField, EventType } from '../../workflow/complaint.js';
import type { Deadline, DeadlineKind } from '../../workflow/deadlines.js';
import type { Sentence } from '../../workflow/errors.js';
import { localDateOf } from '../../workflow/time.js';
import { formatDate, formatTime } from '../../workflow/time-words.js';
import type { Lang } from '../../workflow/vocab.js';

const TEXT = {
  id: { en: 'ID', zh: '编号' },
  status: { en: 'Status', zh: '状态' },
  severity: { en: 'Severity', zh: '严重程度' },
  category: { en: 'Category', zh: '类别' },
  channel: { en: 'Channel', zh: '投诉方式' },
  customer: { en: 'Customer', zh: '客户' },
  received: { en: 'Received', zh: '受理时间' },
  receivedBy: { en: 'Received by', zh: '受理人' },
  nextDue: { en: 'Next due', zh: '下一期限' },
  assignee: { en: 'Assignee', zh: '责任人' },
  department: { en: 'Department', zh: '责任部门' },
  description: { en: 'Description', zh: '投诉内容' },
  request: { en: 'Request', zh: '客户要求' },
  order: { en: 'Order', zh: '订单号' },
  phone: { en: 'Phone', zh: '电话' },
  note: { en: 'Note', zh: '记录' },
  foundIn: { en: 'Found', zh: '匹配内容' },
  ref: { en: 'Form no.', zh: '表单编号' },
  outcome: { en: 'Outcome', zh: '结果' },
  substantiated: { en: 'Substantiated', zh: '是否属实' },
  responsibility: { en: 'Responsibility', zh: '责任方' },
  finding: { en: 'Finding', zh: '调查结论' },
  rootCause: { en: 'Root cause', zh: '根本原因' },
  correctiveAction: { en: 'Corrective action', zh: '纠正措施' },
  solution: { en: 'Solution', zh: '处理方案' },
  compensation: { en: 'Compensation', zh: '赔付' },
  standard: { en: 'Standard', zh: '赔付标准' },
  approvedBy: { en: 'Approved by', zh: '审批人' },
  reopened: { en: 'Reopened', zh: '重开次数' },
  closedAt: { en: 'Closed', zh: '结案时间' },
  deadlines: { en: 'Deadlines', zh: '处理期限' },
  followups: { en: 'Follow-ups', zh: '回访' },
  timeline: { en: 'Timeline', zh: '处理记录' },
  overdue: { en: 'OVERDUE', zh: '已超期' },
  met: { en: 'met', zh: '已完成' },
  metLate: { en: 'met late', zh: '逾期完成' },
  yes: { en: 'yes', zh: '是' },
  no: { en: 'no', zh: '否' },
  none: { en: '—', zh: '—' },
  nothingOpen: { en: 'No complaints match.', zh: '没有符合条件的投诉。' },
  overdueGroup: { en: 'Overdue', zh: '已超期' },
  todayGroup: { en: 'Due today', zh: '今天到期' },
  voided: { en: 'VOIDED', zh: '已作废' },
  voidedStatus: { en: 'voided', zh: '已作废' },
  voidedBecause: { en: 'Voided', zh: '作废原因' },
  waitingGroup: { en: 'Waiting on others, deadlines paused', zh: '等待中，期限已暂停' },
  waitedTooLongGroup: { en: 'Waited past the limit: resume or close', zh: '等待超过上限：请恢复计时或结案' },
  managerGroup: { en: 'Needs the manager', zh: '需店长处理' },
  escalated: { en: 'Escalated', zh: '已升级' },
  majorCriterion: { en: 'Major because', zh: '重大依据' },
} as const satisfies Record<string, Sentence>;

export type TextKey = keyof typeof TEXT;

export function t(key: TextKey, lang: Lang): string {
  return TEXT[key][lang];
}

/** The default departments (settings.ts) in Chinese; a department a shop named itself is shown as it was typed. */
const DEFAULT_DEPARTMENTS_ZH: Readonly<Record<string, string>> = {
  QC: '品控部',
  'front desk': '前台',
  logistics: '物流部',
  warehouse: '仓库',
  'after-sales': '售后部',
  accounts: '财务部',
  facilities: '设施部',
};

export function departmentName(name: string, lang: Lang): string {
  return lang === 'zh' ? (DEFAULT_DEPARTMENTS_ZH[name] ?? name) : name;
}

export const DEADLINE_NAMES: Record<DeadlineKind, Sentence> = {
  answer: { en: 'answer', zh: '答复客户' },
  solution: { en: 'solution', zh: '责任人方案' },
  followup: { en: 'follow-up', zh: '回访' },
};

export const EVENT_NAMES: Record<EventType, Sentence> = {
  opened: { en: 'received', zh: '受理' },
  logged: { en: 'note', zh: '记录' },
  assigned: { en: 'assigned', zh: '指派' },
  resolved: { en: 'resolved', zh: '解决' },
  'followed-up': { en: 'followed up', zh: '回访' },
  closed: { en: 'closed', zh: '结案' },
  reopened: { en: 'reopened', zh: '重新处理' },
  answered: { en: 'answered the customer', zh: '答复客户' },
  corrected: { en: 'corrected', zh: '更正' },
  voided: { en: 'voided', zh: '作废' },
  unvoided: { en: 'unvoided', zh: '恢复' },
  waiting: { en: 'waiting on', zh: '等待' },
  resumed: { en: 'resumed', zh: '恢复计时' },
  escalated: { en: 'escalated to', zh: '升级至' },
};

/** Whom a complaint was escalated to: the name given, else the store manager. */
export function escalatedTo(to: string | null, lang: Lang): string {
  return to ?? (lang === 'zh' ? '店长' : 'the store manager');
}

/** "2 working days" / "3 h 20 min" / "2 个工作日": the time a wait lasted, in the unit a deadline counts it. */
export function waitedWords(amount: number, unit: 'workdays' | 'minutes', lang: Lang): string {
  if (unit === 'workdays') return lang === 'zh' ? `${amount} 个工作日` : `${amount} working day${amount === 1 ? '' : 's'}`;
  const [hours, minutes] = [Math.floor(amount / 60), amount % 60];
  if (lang === 'zh') return [hours ? `${hours} 小时` : '', minutes || !hours ? `${minutes} 分钟` : ''].filter(Boolean).join(' ');
  return [hours ? `${hours} h` : '', minutes || !hours ? `${minutes} min` : ''].filter(Boolean).join(' ');
}

/** The fields `kesu edit` corrects, as the timeline and its questions name them. */
export const CORRECTION_FIELD_NAMES: Record<CorrectableField, Sentence> = {
  customer: { en: 'customer', zh: '客户姓名' },
  phone: { en: 'phone', zh: '联系电话' },
  channel: { en: 'channel', zh: '投诉方式' },
  category: { en: 'category', zh: '投诉类别' },
  severity: { en: 'severity', zh: '严重程度' },
  description: { en: 'description', zh: '投诉内容' },
  request: { en: 'request', zh: '客户要求' },
  order: { en: 'order', zh: '订单号' },
  ref: { en: 'form no.', zh: '表单编号' },
  receivedAt: { en: 'received', zh: '受理时间' },
  department: { en: 'department', zh: '责任部门' },
};

/** A deadline's date: the day for deadlines in days (they end with the day), the time otherwise. */
export function formatDue(deadline: Deadline, lang: Lang, currentYear?: string): string {
  if (deadline.duration.unit === 'workdays') return formatDate(localDateOf(deadline.due), lang, currentYear);
  return formatTime(deadline.due, lang, currentYear);
}

const NOTABLE_WORDS: Record<NotableDay['kind'], Sentence> = {
  weekend: { en: 'closed', zh: '休息日' },
  holiday: { en: 'holiday', zh: '节假日' },
  'extra-workday': { en: 'make-up working day', zh: '调休上班' },
};

/** "5 working days from Fri 30 Oct; skipped Sat 31 Oct, Sun 1 Nov" — how a deadline was reached. */
export function explainDeadline(deadline: Deadline, lang: Lang): string {
  const { amount, unit } = deadline.duration;
  const from = unit === 'hours' ? formatTime(deadline.from, lang) : formatDate(localDateOf(deadline.from), lang);
  const skipped = deadline.notable.filter((day) => day.kind !== 'extra-workday');
  const counted = deadline.notable.filter((day) => day.kind === 'extra-workday');
  // Skipped days say why when it is not the weekend; counted days are all make-up days, said once after the list.
  const list = (days: readonly NotableDay[]): string =>
    days
      .map((day) => {
        const date = formatDate(day.date, lang);
        return day.kind === 'holiday' ? `${date} (${NOTABLE_WORDS[day.kind][lang]})` : date;
      })
      .join(lang === 'zh' ? '、' : ', ');
  const pushed = deadline.pushedBack === undefined ? null : waitedWords(deadline.pushedBack, unit === 'hours' ? 'minutes' : 'workdays', lang);
  if (lang === 'zh') {
    let text = unit === 'hours' ? `自 ${from} 起 ${amount} 小时` : `自 ${from} 起 ${amount} 个工作日`;
    if (pushed) text += `，因等待顺延 ${pushed}`;
    if (skipped.length) text += `；跳过 ${list(skipped)}`;
    if (counted.length) text += `；计入 ${list(counted)}（调休上班）`;
    return text;
  }
  let text = unit === 'hours' ? `${amount} hours from ${from}` : `${amount} working day${amount === 1 ? '' : 's'} from ${from}`;
  if (pushed) text += `, pushed back ${pushed} waited`;
  if (skipped.length) text += `; skipped ${list(skipped)}`;
  if (counted.length) text += `; counted ${list(counted)} (make-up working day${counted.length === 1 ? '' : 's'})`;
  return text;
}
