// kesu edit: correct what was recorded wrong. Every correction is an event (each field before and
// after), never a change in place; on a terminal without flags it asks which field and the new value.
import type { CorrectableField } from '../../workflow/complaint.js';
import type { Corrections } from '../../workflow/transitions.js';
import { CATEGORY, CHANNEL, SEVERITY } from '../../workflow/vocab.js';
import { readTimeOption } from '../clock.js';
import type { CliContext } from '../context.js';
import { usage } from '../errors.js';
import { optionalVocab, parseId } from '../options.js';
import { changeComplaint } from './change.js';

export interface EditOptions {
  customer?: string;
  phone?: string;
  channel?: string;
  category?: string;
  severity?: string;
  desc?: string;
  request?: string;
  order?: string;
  ref?: string;
  received?: string;
  dept?: string;
  note?: string;
  at?: string;
  by?: string;
  verbose?: boolean;
}

/** The flag of each field, as `open` and `assign` name them. */
export const CORRECTION_FLAGS: { readonly [F in CorrectableField]: keyof EditOptions } = {
  customer: 'customer',
  phone: 'phone',
  channel: 'channel',
  category: 'category',
  severity: 'severity',
  description: 'desc',
  request: 'request',
  order: 'order',
  ref: 'ref',
  receivedAt: 'received',
  department: 'dept',
};

export async function edit(context: CliContext, idText: string, options: EditOptions): Promise<string> {
  const id = parseId(idText);
  const given = correctionsOf(context, options);
  const { values, receivedDateOnly } = Object.keys(given.values).length > 0 ? given : correctionsOf(context, await askCorrection(context, id));
  return changeComplaint(context, id, { type: 'edit', values, receivedDateOnly, note: options.note ?? null }, options);
}

/**
 * The values given as flags, read as `open` reads them (vocabulary words, dates); an empty one clears
 * an optional field. A received time given as a date alone is shown alone, as `open --received` is.
 */
function correctionsOf(context: CliContext, options: EditOptions): { values: Corrections; receivedDateOnly: boolean } {
  const values: { -readonly [F in keyof Corrections]: Corrections[F] } = {};
  if (options.customer !== undefined) values.customer = options.customer;
  if (options.phone !== undefined) values.phone = options.phone;
  if (options.channel !== undefined) values.channel = optionalVocab(CHANNEL, options.channel, '--channel')!;
  if (options.category !== undefined) values.category = optionalVocab(CATEGORY, options.category, '--category')!;
  if (options.severity !== undefined) values.severity = optionalVocab(SEVERITY, options.severity, '--severity')!;
  if (options.desc !== undefined) values.description = options.desc;
  if (options.request !== undefined) values.request = options.request;
  if (options.order !== undefined) values.order = options.order;
  if (options.ref !== undefined) values.ref = options.ref;
  const received = options.received === undefined ? null : readTimeOption(options.received, '--received', context.now);
  if (received !== null) values.receivedAt = received.at;
  if (options.dept !== undefined) values.department = options.dept;
  return { values, receivedDateOnly: received?.dateOnly ?? false };
}

/** On a terminal: which field, and its new value. Elsewhere the flags are needed (exit 2). */
async function askCorrection(context: CliContext, id: number): Promise<EditOptions> {
  if (!context.interactive) {
    throw usage(
      `Say what to correct with flags (--customer, --phone, --channel, --category, --severity, --desc, --request, --order, --ref, --received, --dept), or run kesu edit ${id} in a terminal to be asked.`,
      `请用参数给出要更正的内容（--customer、--phone、--channel、--category、--severity、--desc、--request、--order、--ref、--received、--dept），或在终端中运行 kesu edit ${id} 按提示填写。`,
    );
  }
  const { complaint } = await (await context.store('change')).find(id);
  // Nothing to ask of a voided complaint: decide refuses the correction, saying why, before any value is read.
  if (complaint.voided !== null) return {};
  const { askCorrection: ask } = await import('./edit-interview.js');
  const { field, value } = await ask(complaint, { lang: context.lang, color: context.color }, context.now);
  return { [CORRECTION_FLAGS[field]]: value };
}
