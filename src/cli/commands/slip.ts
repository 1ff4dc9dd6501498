import type { Complaint } from '../../workflow/complaint.js';
import type { Settings } from '../../workflow/settings.js';
import { warn, type CliContext } from '../context.js';
import { usage, UserError } from '../errors.js';
import { checkOutputPath, writeOutput } from '../files.js';
import { parseId } from '../options.js';
import { toJsonText } from '../render/json.js';

export interface SlipOptions {
  format?: string;
  out?: string;
}

const SLIP_FORMATS = ['text', 'html'] as const;
type SlipFormat = (typeof SLIP_FORMATS)[number];

/** `kesu slip ID [--format text|html] [--out FILE]`: the acknowledgement slip of one complaint. */
export async function slip(context: CliContext, idText: string, options: SlipOptions): Promise<string> {
  const id = parseId(idText);
  const format = slipFormat(options.format);
  if (options.out !== undefined) checkOutputPath(options.out, '--out', { database: context.dbPath });
  const store = await context.store('read');
  const { complaint } = await store.find(id);
  const text = await renderSlip(context, complaint, await store.settings(), format);
  if (options.out === undefined) return context.json ? toJsonText({ id, format, slip: text }) : text;
  // The slip holds the customer's name and words: owner-only, as an export is.
  await writeOutput(options.out, text, { ownerOnly: true });
  return '';
}

/** The slip in that format, in the context's language; refused for a voided complaint, said when the shop has no name set. */
export async function renderSlip(context: CliContext, complaint: Complaint, settings: Settings, format: SlipFormat): Promise<string> {
  if (complaint.voided !== null) {
    throw new UserError('invalid', {
      en: `Complaint #${complaint.id} is voided (entered by mistake), so it has no slip; kesu unvoid ${complaint.id} brings it back.`,
      zh: `投诉 #${complaint.id} 已作废（误录），没有回执；kesu unvoid ${complaint.id} 可恢复它。`,
    });
  }
  if (settings.shop.name === null) {
    warn(context, 'shop-not-set', { en: 'The slip names no shop: set it with kesu config set shop.name NAME (and shop.address, shop.phone).', zh: '回执上没有店名：请用 kesu config set shop.name 店名 设置（以及 shop.address、shop.phone）。' });
  }
  const { renderSlipHtml, renderSlipText } = await import('../render/slip.js');
  return (format === 'html' ? renderSlipHtml : renderSlipText)(complaint, settings.shop, context.lang);
}

function slipFormat(format: string | undefined): SlipFormat {
  if (format === undefined) return 'text';
  if ((SLIP_FORMATS as readonly string[]).includes(format)) return format as SlipFormat;
  throw usage(`--format "${format}" is not a slip format; use text or html.`, `--format “${format}”不是回执格式；可用：text、html。`);
}
