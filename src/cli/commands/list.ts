import { ALL_STATUSES, CATEGORY, describeCodes, labelOf, parseCode, SEVERITY, STATUS, VOIDED_STATUS } from '../../workflow/vocab.js';
import { UserError } from '../errors.js';
import { instant } from '../../workflow/time.js';
import type { ListFilter } from '../../store/index.js';
import type { Sentence } from '../../workflow/errors.js';
import { warn, type CliContext } from '../context.js';
import { parseAtOption, parseUntilOption } from '../clock.js';
import { filterList, parseCount, parseVocabList, phoneList, textFilterList } from '../options.js';
import { renderList, renderListWaitingApart } from '../render/complaint.js';
import { complaintJson, toJsonText } from '../render/json.js';

export interface ListOptions {
  status?: string;
  category?: string;
  severity?: string;
  assignee?: string;
  customer?: string;
  phone?: string;
  overdue?: boolean;
  waiting?: boolean;
  escalated?: boolean;
  since?: string;
  until?: string;
  limit?: string;
}

/**
 * The rows `list` shows when no --limit is given: enough for any screen, and a store of a million
 * complaints listed with --status all answers at once instead of folding every one of them.
 */
export const DEFAULT_LIST_ROWS = 500;
/** The most --limit takes: more rows than any terminal or script reads at once. */
const MAX_LIST_ROWS = 10_000_000;

export async function list(context: CliContext, options: ListOptions): Promise<string> {
  const store = await context.store('read');
  const filter: ListFilter = {
    ...parseStatuses(options.status),
    categories: parseVocabList(CATEGORY, options.category, '--category'),
    severities: parseVocabList(SEVERITY, options.severity, '--severity'),
    assignees: textFilterList(options.assignee, '--assignee'),
    customers: textFilterList(options.customer, '--customer'),
    phones: phoneList(options.phone, '--phone'),
    dueBefore: options.overdue ? instant(context.now) : undefined,
    escalated: options.escalated ? true : undefined,
    receivedFrom: options.since === undefined ? undefined : instant(parseAtOption(options.since, '--since', context.now)),
    receivedBefore: options.until === undefined ? undefined : parseUntilOption(options.until, '--until', context.now),
  };
  if (filter.receivedFrom !== undefined && filter.receivedBefore !== undefined && filter.receivedFrom >= filter.receivedBefore) {
    throw new UserError('invalid', {
      en: `--since ${options.since} is after --until ${options.until}; give the earlier date to --since.`,
      zh: `--since ${options.since} 晚于 --until ${options.until}；请把较早的日期给 --since。`,
    });
  }
  const limit = options.limit === undefined ? undefined : parseCount(options.limit, '--limit', { max: MAX_LIST_ROWS, why: { en: 'list shows at most that many rows at once; narrow the list with filters', zh: '一次最多列出这么多条；请用筛选条件缩小范围' } });
  const shown = limit ?? DEFAULT_LIST_ROWS;
  // Without --limit, one more than shown, to know whether there are more without counting every time.
  // The complaints waiting on someone come apart, after the others: their deadlines are paused.
  const wanted = limit ?? DEFAULT_LIST_ROWS + 1;
  const running = options.waiting ? [] : await store.list({ ...filter, waiting: options.overdue ? undefined : false, limit: wanted });
  const waiting = options.overdue || running.length >= wanted ? [] : await store.list({ ...filter, waiting: true, limit: wanted - running.length });
  const found = [...running, ...waiting];
  const complaints = found.slice(0, shown);
  const counted: ListFilter = options.waiting ? { ...filter, waiting: true } : filter;
  const more: Sentence | null = found.length > complaints.length ? moreRows(complaints.length, await store.count(counted)) : null;
  if (context.json) {
    // The JSON stays an array of what is shown; the note goes beside it, on stderr.
    if (more) warn(context, 'more-rows', more);
    return toJsonText(complaints.map((c) => complaintJson(c, context.now)));
  }
  const tables = options.waiting ? renderList(complaints, context) : renderListWaitingApart(complaints.slice(0, running.length), complaints.slice(running.length), context);
  return more ? `${tables}${more[context.lang]}\n` : tables;
}

function moreRows(shown: number, total: number): Sentence {
  const [a, b] = [shown.toLocaleString('en'), total.toLocaleString('en')];
  return {
    en: `Showing the first ${a} of ${b} complaints; give --limit ${total} to see them all, or narrow the list with filters.`,
    zh: `仅显示 ${b} 条投诉中的前 ${a} 条；用 --limit ${total} 查看全部，或用筛选条件缩小范围。`,
  };
}

/**
 * --status: codes or labels, comma-separated, `all` (全部) for every status, and `voided` (已作废)
 * for the voided complaints, which no other status lists.
 */
export function parseStatuses(text: string | undefined): Pick<ListFilter, 'statuses' | 'voided'> {
  const parts = filterList(text, '--status');
  if (parts === undefined) return { statuses: null };
  const voided = parts.some((part) => parseCode(VOIDED_STATUS, part) !== undefined);
  const others = parts.filter((part) => parseCode(VOIDED_STATUS, part) === undefined);
  if (others.some((part) => parseCode(ALL_STATUSES, part) !== undefined)) return { statuses: [...STATUS.codes], voided };
  const statuses = others.map((part) => {
    const code = parseCode(STATUS, part);
    if (code === undefined) {
      throw new UserError('invalid', {
        en: `--status "${part}" is not a status; use one or more of: ${describeCodes(STATUS)}, ${describeCodes(VOIDED_STATUS)}, or ${describeCodes(ALL_STATUSES)}.`,
        zh: `--status “${part}”不是有效的状态；可用：${STATUS.codes.map((c) => labelOf(STATUS, c, 'zh')).join('、')}、${labelOf(VOIDED_STATUS, 'voided', 'zh')}（${describeCodes(VOIDED_STATUS)}），或“${labelOf(ALL_STATUSES, 'all', 'zh')}”（${describeCodes(ALL_STATUSES)}）。`,
      });
    }
    return code;
  });
  return { statuses, voided };
}
