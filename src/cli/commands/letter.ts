import { checkLetterable } from '../../workflow/letter.js';
import { localDateOf } from '../../workflow/time.js';
import type { CliContext } from '../context.js';
import { printHandout, refuseVoided, warnShopNotSet, type Handout, type HandoutOptions } from './handout.js';

const LETTER: Handout = {
  name: { en: 'letter', zh: '致歉信' },
  key: 'letter',
  async render(context, { complaint, events }, settings, format) {
    refuseVoided(complaint, LETTER.name);
    checkLetterable(complaint.id, events);
    warnShopNotSet(context, settings, LETTER.name);
    const { renderLetterHtml, renderLetterText } = await import('../render/letter.js');
    return (format === 'html' ? renderLetterHtml : renderLetterText)(complaint, settings, context.lang, localDateOf(context.now));
  },
};

/** `kesu letter ID [--format text|html] [--out FILE]`: the apology letter to the customer, once the complaint is resolved. */
export async function letter(context: CliContext, idText: string, options: HandoutOptions): Promise<string> {
  return printHandout(context, idText, options, LETTER);
}
