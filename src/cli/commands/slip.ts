import type { Complaint } from '../../workflow/complaint.js';
import type { Settings } from '../../workflow/settings.js';
import type { CliContext } from '../context.js';
import { printHandout, refuseVoided, warnShopNotSet, type Handout, type HandoutFormat, type HandoutOptions } from './handout.js';

const SLIP: Handout = {
  name: { en: 'slip', zh: '回执' },
  key: 'slip',
  render: (context, { complaint }, settings, format) => renderSlip(context, complaint, settings, format),
};

/** `kesu slip ID [--format text|html] [--out FILE]`: the acknowledgement slip of one complaint. */
export async function slip(context: CliContext, idText: string, options: HandoutOptions): Promise<string> {
  return printHandout(context, idText, options, SLIP);
}

/** The slip in that format, in the context's language; refused for a voided complaint, said when the shop has no name set. */
export async function renderSlip(context: CliContext, complaint: Complaint, settings: Settings, format: HandoutFormat): Promise<string> {
  refuseVoided(complaint, SLIP.name);
  warnShopNotSet(context, settings, SLIP.name);
  const { renderSlipHtml, renderSlipText } = await import('../render/slip.js');
  return (format === 'html' ? renderSlipHtml : renderSlipText)(complaint, settings.shop, context.lang);
}
