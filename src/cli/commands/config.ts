import { changeDays, setSetting, type DayList } from '../../workflow/config.js';
import type { Settings } from '../../workflow/settings.js';
import type { CliContext } from '../context.js';
import { usage } from '../errors.js';
import { toJsonText } from '../render/json.js';
import { renderSettings } from '../render/settings.js';

/** `kesu config`, `kesu config set KEY VALUE`, `kesu config add|remove holiday|workday DATES`. */
export async function config(context: CliContext, action: string | undefined, args: string[]): Promise<string> {
  const store = await context.store();
  const current = store.settings();
  let next: Settings | undefined;
  if (action === undefined || action === 'show') {
    next = undefined;
  } else if (action === 'set' && args.length >= 2) {
    next = setSetting(current, args[0]!, args.slice(1).join(' '));
  } else if ((action === 'add' || action === 'remove') && (args[0] === 'holiday' || args[0] === 'workday') && args.length >= 2) {
    next = changeDays(current, args[0] as DayList, action, args.slice(1).join(' '));
  } else {
    throw usage(
      'Use kesu config, kesu config set KEY VALUE, or kesu config add|remove holiday|workday DATES.',
      '用法：kesu config，kesu config set 设置名 值，或 kesu config add|remove holiday|workday 日期。',
    );
  }
  if (next) store.saveSettings(next);
  const shown = next ?? current;
  return context.json ? toJsonText(shown) : renderSettings(shown, context);
}
