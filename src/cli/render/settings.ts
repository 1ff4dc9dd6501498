import { DEADLINE_KINDS, formatDuration } from '../../workflow/deadlines.js';
import type { OfficialYear } from '../../workflow/calendar.js';
import { SHOP_FIELDS, type Settings } from '../../workflow/settings.js';
import { describeStandard } from '../../workflow/standards.js';
import { CATEGORY, labelOf, SEVERITY, type Lang } from '../../workflow/vocab.js';
import { criterionWords, type RenderContext } from './complaint.js';
import { renderGrid } from './grid.js';
import { visible } from './visible.js';
import { DEADLINE_NAMES, escalatedTo } from './i18n.js';
import { formatDate, WEEKDAYS } from '../../workflow/time-words.js';
import { addDays, type LocalDate } from '../../workflow/time.js';

export function renderSettings(settings: Settings, { lang, style }: RenderContext): string {
  const zh = lang === 'zh';
  const { calendar, policy } = settings;
  const lines: string[] = [];
  lines.push(style.heading(zh ? '营业日历' : 'Calendar'));
  lines.push(`  workweek   ${calendar.workweek.map((day) => WEEKDAYS[lang][day]).join(' ')}`);
  lines.push(`  holiday    ${visible(calendar.holidays.join(' '), { oneLine: true }) || '—'}`);
  lines.push(`  workday    ${visible(calendar.extraWorkdays.join(' '), { oneLine: true }) || '—'}`);
  lines.push(`  official   ${visible(officialYears(calendar.official, lang), { oneLine: true }) || '—'}`);
  lines.push(`  by         ${settings.defaultActor === null ? (zh ? '（系统用户）' : '(the system user)') : visible(settings.defaultActor, { oneLine: true })}`);

  lines.push('', style.heading(zh ? '本店（印在回执上）' : 'The shop (printed on the slip)'));
  for (const field of SHOP_FIELDS) lines.push(`  ${`shop.${field}`.padEnd(13)}${shopValue(settings, field, lang)}`);

  const deadlines = DEADLINE_KINDS.map((kind) => [`${kind}${zh ? ` ${DEADLINE_NAMES[kind].zh}` : ''}`, ...SEVERITY.codes.map((s) => formatDuration(policy[kind][s]))]);
  // One duration for every severity: written under the first, the other columns left empty.
  deadlines.push(['next-followup', formatDuration(policy.nextFollowup), ...SEVERITY.codes.slice(1).map(() => '')]);
  const deadlineHead = ['deadline', ...SEVERITY.codes.map((s) => `${s}${zh ? ` ${labelOf(SEVERITY, s, 'zh')}` : ''}`)];
  lines.push('', style.heading(zh ? '处理期限（d = 工作日，h = 小时）' : 'Deadlines (d = working days, h = hours)'), renderGrid(deadlineHead, deadlines));
  lines.push(
    zh
      ? `  wait.max   ${formatDuration(settings.waitMax)}（投诉暂停等待超过此时长，kesu due 会提示处理）`
      : `  wait.max   ${formatDuration(settings.waitMax)} (a complaint paused longer than this shows in kesu due for a decision)`,
  );

  lines.push('', style.heading(zh ? '致歉信模板（kesu letter）' : 'The letter (kesu letter)'), ...LETTER_LANGS.map((letterLang) => `  letter.template.${letterLang}  ${templateValue(settings, letterLang, lang)}`));
  lines.push('', style.heading(zh ? '通知（本店的命令，见 kesu notify）' : 'Notifications (the shop\'s own command, see kesu notify)'));
  for (const { key, value } of NOTIFY_VALUES) lines.push(`  ${key.padEnd(15)}${value(settings, lang)}`);
  lines.push('', style.heading(zh ? '重大投诉（kesu open 在终端中列出，符合任一条即为重大并升级）' : 'Major complaints (kesu open lists them on a terminal; one that applies makes it major and escalates it)'));
  for (const criterion of settings.majorCriteria) lines.push(`  - ${visible(criterionWords(criterion, lang), { oneLine: true })}`);
  lines.push(`  escalate.to  ${visible(escalatedTo(settings.escalateTo, lang), { oneLine: true })}`);

  const categories = CATEGORY.codes.map((category) => [
    `${category}${zh ? ` ${labelOf(CATEGORY, category, 'zh')}` : ''}`,
    visible(settings.departments[category], { oneLine: true }),
    String(settings.followupsRequired[category]),
  ]);
  lines.push('', style.heading(zh ? '类别：责任部门与所需满意回访次数' : 'Categories: department and satisfied follow-ups required'), renderGrid(['category', 'department', 'followups'], categories));
  lines.push('', ...standardLines(settings, { lang, style }));
  lines.push(
    '',
    style.dim(
      zh
        ? '修改：kesu config set deadline.answer.normal 5d | wait.max 10d | department.quality 品控部 | followups.quality 2 | workweek mon-sat | by 小王 | shop.name 某某电器；kesu config add holiday 2026-10-01..2026-10-07；kesu config add workday 2026-10-10；kesu config holidays cn 2026 2027'
        : 'Change: kesu config set deadline.answer.normal 5d | wait.max 10d | department.quality QC | followups.quality 2 | workweek mon-sat | by Alice | shop.name "Acme Appliances"; kesu config add holiday 2026-12-25; kesu config add workday 2026-10-10; kesu config holidays cn 2026 2027 (or US, DE-BY, …)',
    ),
  );
  return `${lines.join('\n')}\n`;
}

/** The compensation standards, the most specific first as they apply; "none" when the shop has set none. */
function standardLines(settings: Settings, { lang, style }: Pick<RenderContext, 'lang' | 'style'>): string[] {
  const zh = lang === 'zh';
  const heading = style.heading(zh ? '赔付标准（超出须审批：kesu resolve --approved-by）' : 'Compensation standards (above one needs kesu resolve --approved-by)');
  const entries = Object.entries(settings.standards).sort(([a], [b]) => (a < b ? -1 : 1));
  if (entries.length === 0) return [heading, zh ? '  （未设置）kesu config set standard.quality.urgent "退款 100"' : '  (none) kesu config set standard.quality.urgent "refund 100"'];
  return [heading, ...entries.map(([key, standard]) => `  ${`standard.${key}`.padEnd(30)}${describeStandard(standard)[lang]}`)];
}

/** What changed in the compensation standards, a sentence each (set, changed or removed). */
function standardChanges(before: Settings, after: Settings, lang: Lang): string[] {
  const zh = lang === 'zh';
  const lines: string[] = [];
  for (const key of new Set([...Object.keys(before.standards), ...Object.keys(after.standards)])) {
    const [was, is] = [before.standards[key], after.standards[key]].map((standard) => (standard === undefined ? null : describeStandard(standard)[lang]));
    if (was === is) continue;
    if (is === null) lines.push(zh ? `已移除赔付标准 standard.${key}（原为 ${was}）。` : `standard.${key} is removed (was ${was}).`);
    else if (was === null) lines.push(zh ? `standard.${key} 已设为 ${is}（此前未设置）。` : `standard.${key} is now ${is} (was not set).`);
    else lines.push(zh ? `standard.${key} 已改为 ${is}（原为 ${was}）。` : `standard.${key} is now ${is} (was ${was}).`);
  }
  return lines;
}

/** The official calendar's years loaded, by the package they were copied from: "cn 2025 2026 (chinese-days 1.5.7)". */
function officialYears(official: readonly OfficialYear[], lang: Lang): string {
  const groups = new Map<string, number[]>();
  for (const entry of official) groups.set(`${entry.name}\u0000${entry.source}`, [...(groups.get(`${entry.name}\u0000${entry.source}`) ?? []), entry.year]);
  return [...groups]
    .map(([key, years]) => {
      const [name, source] = key.split('\u0000');
      return lang === 'zh' ? `${name} ${years.join(' ')}（来自 ${source}）` : `${name} ${years.join(' ')} (from ${source})`;
    })
    .join(lang === 'zh' ? '；' : '; ');
}

/** A detail of the shop as shown, "—" / "（未设置）" when not set. */
function shopValue(settings: Settings, field: (typeof SHOP_FIELDS)[number], lang: Lang): string {
  const value = settings.shop[field];
  return value === null ? (lang === 'zh' ? '（未设置）' : '(not set)') : visible(value, { oneLine: true });
}

const LETTER_LANGS = ['en', 'zh'] as const;

/** A letter's template as shown: the built-in one, or the shop's with its length. */
function templateValue(settings: Settings, letterLang: Lang, lang: Lang): string {
  const template = settings.letter.template[letterLang];
  if (template === null) return lang === 'zh' ? '内置' : 'built-in';
  const lines = template.trimEnd().split('\n').length;
  return lang === 'zh' ? `本店自定（${lines} 行）` : `the shop's own (${lines} lines)`;
}

/** A letter's template set, replaced or restored to the built-in one: a sentence each. */
function letterTemplateChanges(before: Settings, after: Settings, lang: Lang): string[] {
  return LETTER_LANGS.flatMap((letterLang) => {
    const [was, is] = [before.letter.template[letterLang], after.letter.template[letterLang]];
    if (was === is) return [];
    const key = `letter.template.${letterLang}`;
    if (is === null) return [lang === 'zh' ? `${key} 已恢复为内置模板。` : `${key} is the built-in template again.`];
    const now = templateValue(after, letterLang, lang);
    if (lang === 'zh') return [`${key} 已改为${now}${was === null ? '（原为内置）' : '，替换了原有的自定模板'}；kesu letter 此后按它写信。`];
    return [`${key} is now ${now}${was === null ? ' (was built-in)' : ', replacing the shop\'s earlier one'}; kesu letter writes with it from now on.`];
  });
}

/** A setting as `kesu config set` names it, and its value as shown. */
interface SettingValue {
  readonly key: string;
  readonly value: (settings: Settings, lang: Lang) => string;
  /** A change that counts for deadlines set from then on only. */
  readonly deadlines?: boolean;
}

/** The notify.* settings as shown: the command as typed, the list, yes or no. */
const NOTIFY_VALUES: readonly SettingValue[] = [
  { key: 'notify.command', value: (s, lang) => (s.notify.command === null ? (lang === 'zh' ? '（未设置：不发通知）' : '(not set: no notifications)') : visible(s.notify.command, { oneLine: true })) },
  { key: 'notify.on', value: (s, lang) => (s.notify.on.length === 0 ? (lang === 'zh' ? '（无）' : '(none)') : s.notify.on.join(',')) },
  { key: 'notify.phones', value: (s, lang) => (s.notify.phones ? (lang === 'zh' ? 'yes（完整电话）' : 'yes (phones in full)') : lang === 'zh' ? 'no（电话打码）' : 'no (phones masked)') },
];

const SETTING_VALUES: readonly SettingValue[] = [
  { key: 'workweek', deadlines: true, value: (s, lang) => s.calendar.workweek.map((day) => WEEKDAYS[lang][day]).join(' ') },
  { key: 'by', value: (s, lang) => (s.defaultActor === null ? (lang === 'zh' ? '系统用户' : 'the system user') : visible(s.defaultActor, { oneLine: true })) },
  ...SHOP_FIELDS.map((field) => ({ key: `shop.${field}`, value: (s: Settings, lang: Lang) => shopValue(s, field, lang) })),
  ...DEADLINE_KINDS.flatMap((kind) =>
    SEVERITY.codes.map((severity) => ({ key: `deadline.${kind}.${severity}`, deadlines: true, value: (s: Settings) => formatDuration(s.policy[kind][severity]) })),
  ),
  { key: 'deadline.next-followup', deadlines: true, value: (s) => formatDuration(s.policy.nextFollowup) },
  { key: 'wait.max', value: (s) => formatDuration(s.waitMax) },
  ...NOTIFY_VALUES,
  { key: 'escalate.to', value: (s, lang) => visible(escalatedTo(s.escalateTo, lang), { oneLine: true }) },
  ...CATEGORY.codes.map((category) => ({ key: `department.${category}`, value: (s: Settings) => visible(s.departments[category], { oneLine: true }) })),
  ...CATEGORY.codes.map((category) => ({ key: `followups.${category}`, value: (s: Settings) => String(s.followupsRequired[category]) })),
];

/** What `kesu config set|add|remove` changed, a sentence a line: the new value and the old, the days added or removed. */
export function renderSettingsChange(before: Settings, after: Settings, { lang, now }: RenderContext): string {
  const zh = lang === 'zh';
  const lines: string[] = [];
  const later = zh ? '；此后设定的期限按此计算，已设定的不变' : '; deadlines set from now on follow it, those already set stay';
  for (const { key, value, deadlines } of SETTING_VALUES) {
    const [was, is] = [value(before, lang), value(after, lang)];
    if (was === is) continue;
    lines.push(zh ? `${key} 已改为 ${is}（原为 ${was}）${deadlines ? later : ''}。` : `${key} is now ${is} (was ${was})${deadlines ? later : ''}.`);
  }
  const year = now.slice(0, 4);
  for (const list of ['holidays', 'extraWorkdays'] as const) {
    const [was, is] = [new Set(before.calendar[list]), new Set(after.calendar[list])];
    const added = after.calendar[list].filter((date) => !was.has(date));
    const removed = before.calendar[list].filter((date) => !is.has(date));
    const name = list === 'holidays' ? (zh ? '节假日' : ['holiday', 'holidays']) : zh ? '调休上班日' : ['make-up working day', 'make-up working days'];
    for (const [dates, verb] of [[added, zh ? '已添加' : 'Added'], [removed, zh ? '已移除' : 'Removed']] as const) {
      if (dates.length === 0) continue;
      const days = dayRuns(dates, lang, year);
      lines.push(typeof name === 'string' ? `${verb}${name} ${days}（${dates.length} 天）${later}。` : `${verb} ${dates.length} ${name[dates.length === 1 ? 0 : 1]}: ${days}${later}.`);
    }
  }
  lines.push(...standardChanges(before, after, lang));
  lines.push(...officialChanges(before.calendar.official, after.calendar.official, lang).map((line) => `${line}${later}${zh ? '。' : '.'}`));
  lines.push(...letterTemplateChanges(before, after, lang));
  for (const criterion of after.majorCriteria.filter((entry) => !before.majorCriteria.includes(entry))) {
    const words = visible(criterionWords(criterion, lang), { oneLine: true });
    lines.push(zh ? `已添加重大投诉标准：${words}。` : `Added a criterion of a major complaint: ${words}.`);
  }
  for (const criterion of before.majorCriteria.filter((entry) => !after.majorCriteria.includes(entry))) {
    const words = visible(criterionWords(criterion, lang), { oneLine: true });
    lines.push(zh ? `已移除重大投诉标准：${words}。` : `Removed a criterion of a major complaint: ${words}.`);
  }
  if (lines.length === 0) return zh ? '设置没有变化：它已是这个值。\n' : 'Nothing changed: the setting already had that value.\n';
  return `${lines.join('\n')}\n`;
}

/** The official calendar's years loaded, reloaded and removed, a sentence each (without its end). */
function officialChanges(before: readonly OfficialYear[], after: readonly OfficialYear[], lang: Lang): string[] {
  const zh = lang === 'zh';
  const key = (entry: OfficialYear): string => `${entry.name} ${entry.year}`;
  const was = new Map(before.map((entry) => [key(entry), entry]));
  const is = new Set(after.map(key));
  const lines: string[] = [];
  for (const entry of after) {
    const old = was.get(key(entry));
    if (old === entry) continue;
    const counts = zh
      ? `${entry.holidays.length} 个节假日${entry.workdays.length ? `、${entry.workdays.length} 个调休上班日` : ''}`
      : `${entry.holidays.length} holidays${entry.workdays.length ? `, ${entry.workdays.length} make-up working days` : ''}`;
    const verb = old ? (zh ? '已重新加载' : 'Reloaded') : zh ? '已加载' : 'Loaded';
    lines.push(zh ? `${verb} ${entry.name} ${entry.year} 年日历（来自 ${entry.source}）：${counts}` : `${verb} the ${entry.name} calendar for ${entry.year} from ${entry.source}: ${counts}`);
  }
  for (const entry of before) {
    if (!is.has(key(entry))) lines.push(zh ? `已移除 ${entry.name} ${entry.year} 年日历（手动添加的日期保留）` : `Removed the ${entry.name} calendar for ${entry.year} (dates added by hand stay)`);
  }
  return lines;
}

/** Dates as runs of days, "Thu 1 Oct – Wed 7 Oct, Sat 10 Oct". */
function dayRuns(dates: readonly LocalDate[], lang: Lang, year: string): string {
  const runs: LocalDate[][] = [];
  for (const date of [...dates].sort()) {
    const last = runs.at(-1);
    if (last && addDays(last.at(-1)!, 1) === date) last.push(date);
    else runs.push([date]);
  }
  const day = (date: LocalDate): string => formatDate(date, lang, year);
  return runs.map((run) => (run.length === 1 ? day(run[0]!) : `${day(run[0]!)}${lang === 'zh' ? ' 至 ' : ' – '}${day(run.at(-1)!)}`)).join(lang === 'zh' ? '、' : ', ');
}
