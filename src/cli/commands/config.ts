import { changeDays, setSetting, type DayList } from '../../workflow/config.js';
import type { Settings } from '../../workflow/settings.js';
import type { CliContext } from '../context.js';
import { usage } from '../errors.js';
import { toJsonText } from '../render/json.js';

/** `kesu config`, `kesu config set KEY VALUE`, `kesu config add|remove holiday|workday DATES`. */
export async function config(context: CliContext, action: string | undefined, args: string[]): Promise<string> {
  const change = settingsChange(action, args);
  const store = await context.store();
  if (change === null) {
    const settings = await store.settings();
    return context.json ? toJsonText(settings) : (await import('../render/settings.js')).renderSettings(settings, context);
  }
  // The settings as the change found them, inside its write: what it changed is said against them.
  let before: Settings | null = null;
  const after = await store.updateSettings((current) => change((before = current)));
  if (context.json) return toJsonText(after);
  return (await import('../render/settings.js')).renderSettingsChange(before!, after, context);
}

/** What the command asks to change, or null to show the settings. */
function settingsChange(action: string | undefined, args: string[]): ((current: Settings) => Settings) | null {
  if (action === undefined || action === 'show') return null;
  if (action === 'set' && args.length >= 2) return (current) => setSetting(current, args[0]!, args.slice(1).join(' '));
  if ((action === 'add' || action === 'remove') && (args[0] === 'holiday' || args[0] === 'workday') && args.length >= 2) {
    return (current) => changeDays(current, args[0] as DayList, action, args.slice(1).join(' '));
  }
  throw usage(
    'Use kesu config, kesu config set KEY VALUE, or kesu config add|remove holiday|workday DATES.',
    '用法：kesu config，kesu config set 设置名 值，或 kesu config add|remove holiday|workday 日期。',
  );
}
