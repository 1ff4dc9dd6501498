// What `kesu slip` and `kesu letter`, the papers handed to a customer, share: the options, the
// refusal of a voided complaint, the warning when the shop has no name set, and the output.
import type { Complaint } from '../../workflow/complaint.js';
import type { Sentence } from '../../workflow/errors.js';
import type { Settings } from '../../workflow/settings.js';
import type { ComplaintWithEvents } from '../../store/index.js';
import { warn, type CliContext } from '../context.js';
import { usage, UserError } from '../errors.js';
import { checkOutputPath, writeOutput } from '../files.js';
import { parseId } from '../options.js';
import { toJsonText } from '../render/json.js';

export interface HandoutOptions {
  format?: string;
  out?: string;
}

const HANDOUT_FORMATS = ['text', 'html'] as const;
export type HandoutFormat = (typeof HANDOUT_FORMATS)[number];

/** A paper for the customer: its name in sentences, the key of its text in JSON, and how it is made. */
export interface Handout {
  readonly name: Sentence;
  readonly key: 'slip' | 'letter';
  render(context: CliContext, found: ComplaintWithEvents, settings: Settings, format: HandoutFormat): Promise<string>;
}

/** `kesu slip|letter ID [--format text|html] [--out FILE]`: the paper printed, or written whole to FILE. */
export async function printHandout(context: CliContext, idText: string, options: HandoutOptions, handout: Handout): Promise<string> {
  const id = parseId(idText);
  const format = handoutFormat(options.format, handout.name);
  if (options.out !== undefined) checkOutputPath(options.out, '--out', { database: context.dbPath });
  const store = await context.store('read');
  const text = await handout.render(context, await store.find(id), await store.settings(), format);
  if (options.out === undefined) return context.json ? toJsonText({ id, format, [handout.key]: text }) : text;
  // The paper holds the customer's name and words: owner-only, as an export is.
  await writeOutput(options.out, text, { ownerOnly: true });
  return '';
}

/** A voided complaint has no paper. */
export function refuseVoided(complaint: Complaint, name: Sentence): void {
  if (complaint.voided !== null) {
    throw new UserError('invalid', {
      en: `Complaint #${complaint.id} is voided (entered by mistake), so it has no ${name.en}; kesu unvoid ${complaint.id} brings it back.`,
      zh: `投诉 #${complaint.id} 已作废（误录），没有${name.zh}；kesu unvoid ${complaint.id} 可恢复它。`,
    });
  }
}

/** A shop with no name set gets its paper, with a warning saying how to set the name. */
export function warnShopNotSet(context: CliContext, settings: Settings, name: Sentence): void {
  if (settings.shop.name === null) {
    warn(context, 'shop-not-set', {
      en: `The ${name.en} names no shop: set it with kesu config set shop.name NAME (and shop.address, shop.phone).`,
      zh: `${name.zh}上没有店名：请用 kesu config set shop.name 店名 设置（以及 shop.address、shop.phone）。`,
    });
  }
}

function handoutFormat(format: string | undefined, name: Sentence): HandoutFormat {
  if (format === undefined) return 'text';
  if ((HANDOUT_FORMATS as readonly string[]).includes(format)) return format as HandoutFormat;
  throw usage(`--format "${format}" is not a ${name.en} format; use text or html.`, `--format “${format}”不是${name.zh}格式；可用：text、html。`);
}
