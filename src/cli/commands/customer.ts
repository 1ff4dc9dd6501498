import { customerKey, isPhoneNumber } from '../../workflow/identity.js';
import type { Complaint } from '../../workflow/complaint.js';
import { firstDayOfYearEnding } from '../../workflow/report.js';
import { quoted, textProblem } from '../../workflow/text.js';
import { instant, localDateOf } from '../../workflow/time.js';
import type { CustomerQuery, ListFilter, Store } from '../../store/index.js';
import { LOCAL_ZONE } from '../clock.js';
import type { CliContext } from '../context.js';
import { usage, UserError } from '../errors.js';
import { parseCount } from '../options.js';
import { renderCustomers, shellWord, type CustomerHistory } from '../render/customer.js';
import { complaintJson, toJsonText } from '../render/json.js';
import { STATUSES } from '../../workflow/vocab.js';
import { DEFAULT_LIST_ROWS } from './list.js';

export interface CustomerOptions {
  limit?: string;
}

/** The most --limit takes. */
const MAX_ROWS = 10_000_000;

/**
 * `kesu customer NAME|PHONE`: every complaint of the customers of that name (or phone), as kesu tells
 * customers apart (identity.ts customerKey: one name may be several customers, by their phones), open
 * ones first, then closed, newest first in each; and how many each has, in all and in the 12 months
 * ending today (as repeat customers are counted).
 */
export async function customer(context: CliContext, who: string, options: CustomerOptions): Promise<string> {
  const query = customerQuery(who);
  const limit = options.limit === undefined ? DEFAULT_LIST_ROWS : parseCount(options.limit, '--limit', { max: MAX_ROWS, why: { en: 'that many rows cannot be shown at once', zh: '一次无法显示这么多条' } });
  const store = await context.store('read');
  const filter = { customer: query, order: 'newest' } as const;
  const open = await store.list({ ...filter, statuses: STATUSES.filter((status) => status !== 'closed'), limit: limit + 1 });
  const closed = open.length > limit ? [] : await store.list({ ...filter, statuses: ['closed'], limit: limit + 1 - open.length });
  const found = [...open, ...closed];
  if (found.length === 0) throw notFound(who, query);
  const since = instant(LOCAL_ZONE.wallToIso({ date: firstDayOfYearEnding(localDateOf(context.now)), time: null }));
  const histories = await Promise.all(byCustomer(found.slice(0, limit)).map((complaints) => historyOf(store, complaints, since)));
  const more = found.length > limit;
  if (context.json) {
    return toJsonText(
      histories.map(({ complaints, total, lastTwelveMonths }) => ({
        customer: { name: complaints[0]!.customer.name, phone: complaints[0]!.customer.phone },
        total,
        lastTwelveMonths,
        complaints: complaints.map((complaint) => complaintJson(complaint, context.now)),
      })),
    );
  }
  return renderCustomers(histories, more, context);
}

/** A phone when the argument is written as one (identity.ts isPhoneNumber), else a name. */
function customerQuery(who: string): CustomerQuery {
  const problem = textProblem(who, { oneLine: true });
  if (problem !== null && problem.kind !== 'too-long') {
    throw new UserError('invalid', {
      en: `"${quoted(who)}" holds a control character, a tab or a line break, which no customer's name holds; give the name or phone as it was recorded.`,
      zh: `“${quoted(who)}”含有控制字符、制表符或换行，任何客户姓名都不会含有；请按登记时的样子填写姓名或电话。`,
    });
  }
  if (who.trim() === '') throw usage("Give the customer's name or phone number; it is empty.", '请给出客户的姓名或电话，不能为空。');
  return isPhoneNumber(who) ? { phone: who } : { name: who };
}

function notFound(who: string, query: CustomerQuery): UserError {
  const text = quoted(who);
  const search = quoted(shellWord(who));
  return new UserError(
    'not-found',
    query.phone === undefined
      ? {
          en: `No complaint is from a customer named ${text}; look for part of the name with kesu search ${search}.`,
          zh: `没有名为 ${text} 的客户的投诉；可用 kesu search ${search} 查找含有这部分姓名的投诉。`,
        }
      : {
          en: `No complaint is from a customer with the phone ${text}; look for part of the number with kesu list --status all --phone DIGITS.`,
          zh: `没有电话为 ${text} 的客户的投诉；可用 kesu list --status all --phone 号码的一部分 查找。`,
        },
  );
}

/** The complaints found, by customer (in the order each customer is first found), each customer's in the order found. */
function byCustomer(complaints: readonly Complaint[]): Complaint[][] {
  const groups = new Map<string, Complaint[]>();
  for (const complaint of complaints) {
    const key = customerKey(complaint.customer.name, complaint.customer.phone);
    const group = groups.get(key);
    if (group) group.push(complaint);
    else groups.set(key, [complaint]);
  }
  return [...groups.values()];
}

/** A customer's complaints found, and how many they have in all and since `since` (ms). */
async function historyOf(store: Store, complaints: Complaint[], since: number): Promise<CustomerHistory> {
  const { name, phone } = complaints[0]!.customer;
  const filter: ListFilter = { statuses: STATUSES, customer: { name, phone } };
  return { complaints, total: await store.count(filter), lastTwelveMonths: await store.count({ ...filter, receivedFrom: since }) };
}
