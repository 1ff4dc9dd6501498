import { standardFor } from '../../workflow/standards.js';
import { STATUSES } from '../../workflow/vocab.js';
import type { ListFilter } from '../../store/index.js';
import type { CliContext } from '../context.js';
import { parseId } from '../options.js';
import { renderRecord } from './change.js';
import { renderSameCustomer } from '../render/customer.js';
import { complaintJson, toJsonText } from '../render/json.js';

/** The customer's other complaints `show` lists, the newest. */
const SAME_CUSTOMER_SHOWN = 10;

export async function show(context: CliContext, idText: string): Promise<string> {
  const id = parseId(idText);
  const store = await context.store('read');
  const { complaint, events } = await store.find(id);
  // The same customer as repeat customers are counted (identity.ts customerKey), every status, none voided.
  const filter: ListFilter = { statuses: STATUSES, customer: { name: complaint.customer.name, phone: complaint.customer.phone }, order: 'newest' };
  const others = (await store.list({ ...filter, limit: SAME_CUSTOMER_SHOWN + 1 })).filter((other) => other.id !== id).slice(0, SAME_CUSTOMER_SHOWN);
  const count = (await store.count(filter)) - (complaint.voided === null ? 1 : 0);
  if (context.json) {
    const sameCustomer = { count, newest: others.map((other) => ({ id: other.id, status: other.status, receivedAt: other.receivedAt })) };
    return toJsonText({ ...complaintJson(complaint, context.now, events), sameCustomer });
  }
  const standard = standardFor((await store.settings()).standards, complaint.category, complaint.severity);
  return `${renderRecord(context, complaint, events, standard)}${renderSameCustomer(complaint, others, count, context)}`;
}
