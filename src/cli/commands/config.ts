import { readFileSync, statSync } from 'node:fs';
import { changeDays, changeMajorCriteria, loadOfficialYears, removeOfficialYears, setSetting, type DayList } from '../../workflow/config.js';
import type { Settings } from '../../workflow/settings.js';
import { localDateOf } from '../../workflow/time.js';
import { quoted } from '../../workflow/text.js';
import { warn, type CliContext } from '../context.js';
import { usage, UserError } from '../errors.js';
import { toJsonText } from '../render/json.js';

/**
 * `kesu config`, `kesu config set KEY VALUE`, `kesu config add|remove holiday|workday DATES`,
 * `kesu config holidays NAME [YEAR…]` and `kesu config remove holidays NAME [YEAR…]`.
 */
export async function config(context: CliContext, action: string | undefined, args: string[]): Promise<string> {
  const change = action === 'holidays' ? await officialChange(context, args) : settingsChange(context, action, args);
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
function settingsChange(context: CliContext, action: string | undefined, args: string[]): ((current: Settings) => Settings) | null {
  if (action === undefined || action === 'show') return null;
  if (action === 'set' && args.length >= 2) {
    const value = /^letter\.template\.(en|zh)$/i.test(args[0]!) ? readLetterTemplate(args.slice(1).join(' ')) : args.slice(1).join(' ');
    return (current) => setSetting(current, args[0]!, value);
  }
  if (action === 'remove' && args[0] === 'holidays' && args.length >= 2) {
    const years = parseYears(args.slice(2));
    const name = /^cn$/i.test(args[1]!) ? 'cn' : args[1]!.toUpperCase();
    return (current) => removeOfficialYears(current, name, years);
  }
  if ((action === 'add' || action === 'remove') && (args[0] === 'holiday' || args[0] === 'workday') && args.length >= 2) {
    return (current) => changeDays(current, args[0] as DayList, action, args.slice(1).join(' '));
  }
  if ((action === 'add' || action === 'remove') && args[0]?.toLowerCase() === 'major.criterion' && args.length >= 2) {
    return (current) => changeMajorCriteria(current, action, args.slice(1).join(' '));
  }
  throw usage(
    'Use kesu config, kesu config set KEY VALUE, kesu config add|remove holiday|workday DATES, kesu config add|remove major.criterion TEXT, or kesu config holidays cn|COUNTRY[-REGION] [YEAR…].',
    '用法：kesu config，kesu config set 设置名 值，kesu config add|remove holiday|workday 日期，kesu config add|remove major.criterion 文字，或 kesu config holidays cn|国家[-地区] [年份…]。',
  );
}

/**
 * `kesu config holidays NAME [YEAR…]` (this year and the next by default): the years read from
 * their package now, outside the store's write. A year the package has no data for is said and
 * skipped; the command is refused when it has none of them.
 */
async function officialChange(context: CliContext, args: string[]): Promise<(current: Settings) => Settings> {
  if (args.length === 0) throw usage('Name the calendar: kesu config holidays cn [YEAR…], or a country code like US or DE-BY.', '请指定日历：kesu config holidays cn [年份…]，或 US、DE-BY 这样的国家代码。');
  const { noDataYet, officialCalendar } = await import('../services/official-calendars.js');
  const calendar = officialCalendar(args[0]!);
  const { read } = calendar;
  const thisYear = Number(localDateOf(context.now).slice(0, 4));
  const given = parseYears(args.slice(1));
  const years = given.length > 0 ? given : [thisYear, thisYear + 1];
  const found = years.map((year) => ({ year, data: read(year) }));
  const loaded = found.flatMap(({ data }) => (data ? [data] : []));
  const absent = found.filter(({ data }) => data === null).map(({ year }) => year);
  if (absent.length > 0) {
    const sentence = noDataYet(calendar, absent);
    if (loaded.length === 0) throw new UserError('invalid', sentence);
    warn(context, 'calendar-year-missing', sentence);
  }
  return (current) => loadOfficialYears(current, loaded);
}

/** The most of a template file read: a letter is a page or two; a larger file is no template. */
const TEMPLATE_FILE_MAX = 256 * 1024;

/** `config set letter.template.en FILE`: the file's text, copied into the settings ("" for none: the built-in letter). */
function readLetterTemplate(path: string): string {
  if (path === '') return '';
  let bytes: Buffer;
  try {
    const stat = statSync(path);
    // A device or a pipe says size 0 and may never end (/dev/zero): only a regular file is read.
    if (!stat.isFile()) throw new UserError('invalid', { en: `${path} is not a file; give a text file holding the letter's template.`, zh: `${path} 不是文件；请给出存有信件模板的文本文件。` });
    if (stat.size > TEMPLATE_FILE_MAX) throw new UserError('invalid', { en: `${path} is too large for a letter's template; give a text file of a page or two.`, zh: `${path} 太大，不像信件模板；请给出一两页的文本文件。` });
    // An empty file is no template (the README says so); "" is what restores the built-in one.
    if (stat.size === 0) throw new UserError('invalid', { en: `${path} is empty; give a file holding the letter's template, or "" for the built-in one.`, zh: `${path} 是空文件；请给出存有信件模板的文件，或用 "" 恢复内置模板。` });
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof UserError) throw error;
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? { en: 'there is no such file', zh: '文件不存在' } : { en: 'it is not a readable file', zh: '它不是可读取的文件' };
    throw new UserError('invalid', { en: `Cannot read the template ${path}: ${reason.en}; check the path.`, zh: `无法读取模板 ${path}：${reason.zh}，请检查路径。` });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UserError('invalid', { en: `The template ${path} is not UTF-8 text; save it as UTF-8 and set it again.`, zh: `模板 ${path} 不是 UTF-8 文本；请另存为 UTF-8 后重新设置。` });
  }
}

/** Years as typed: four digits each, 1970 to 2199. */
function parseYears(texts: readonly string[]): number[] {
  const years = texts.flatMap((text) => text.normalize('NFKC').split(/[,，\s]+/).filter(Boolean));
  const wrong = years.find((year) => !/^(19[7-9]\d|20\d\d|21\d\d)$/.test(year));
  if (wrong !== undefined) throw new UserError('invalid', { en: `"${quoted(wrong)}" is not a year like 2026.`, zh: `“${quoted(wrong)}”不是 2026 这样的年份。` });
  return [...new Set(years.map(Number))].sort((a, b) => a - b);
}
