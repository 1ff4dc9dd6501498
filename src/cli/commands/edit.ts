// kesu edit: correct what was recorded wrong. Every correction is an event (each field before and
// after), never a change in place; on a terminal without flags it asks which field and the new value.
import type { CorrectableField } from '../../workflow/complaint.js';
import { checkAllowed, type Corrections } from '../../workflow/transitions.js';
import type { CliContext } from '../context.js';
import { usage } from '../errors.js';
import { parseId } from '../options.js';
import { changeComplaint, type WhenAndWho } from './change.js';
import { readIntake, type IntakeOptions } from './open.js';

export interface EditOptions extends IntakeOptions, WhenAndWho {
  dept?: string;
  note?: string;
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
  const { received, ...intake } = readIntake(options, '--received', context.now);
  const values: { -readonly [F in keyof Corrections]: Corrections[F] } = { ...intake };
  if (received !== undefined) values.receivedAt = received.at;
  if (options.dept !== undefined) values.department = options.dept;
  return { values, receivedDateOnly: received?.dateOnly ?? false };
}

/** On a terminal: which field, and its new value. Elsewhere the flags are needed (exit 2). */
async function askCorrection(context: CliContext, id: number): Promise<EditOptions> {
  if (!context.interactive) {
    const flags = Object.values(CORRECTION_FLAGS).map((flag) => `--${flag}`);
    throw usage(
      `Say what to correct with flags (${flags.join(', ')}), or run kesu edit ${id} in a terminal to be asked.`,
      `请用参数给出要更正的内容（${flags.join('、')}），或在终端中运行 kesu edit ${id} 按提示填写。`,
    );
  }
  const { complaint } = await (await context.store('change')).find(id);
  // Nothing to ask of a voided complaint: refused, as decide refuses the correction, before any question.
  checkAllowed(complaint, { type: 'edit' }, context.now);
  const { askCorrection: ask } = await import('./edit-interview.js');
  const { field, value } = await ask(complaint, { lang: context.lang, color: context.color }, context.now);
  return { [CORRECTION_FLAGS[field]]: value };
}
