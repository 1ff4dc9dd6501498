import { DEADLINE_KINDS, formatDuration } from '../../workflow/deadlines.js';
import type { OfficialYear } from '../../workflow/calendar.js';
import { SHOP_FIELDS, type Settings } from '../../workflow/settings.js';
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

  lines.push('', style.heading(zh ? '重大投诉（kesu open 在终端中列出，符合任一条即为重大并升级）' : 'Major complaints (kesu open lists them on a terminal; one that applies makes it major and escalates it)'));
  for (const criterion of settings.majorCriteria) lines.push(`  - ${visible(criterionWords(criterion, lang), { oneLine: true })}`);
  lines.push(`  escalate.to  ${visible(escalatedTo(settings.escalateTo, lang), { oneLine: true })}`);

  const categories = CATEGORY.codes.map((category) => [
    `${category}${zh ? ` ${labelOf(CATEGORY, category, 'zh')}` : ''}`,
    visible(settings.departments[category], { oneLine: true }),
    String(settings.followupsRequired[category]),
  ]);
  lines.push('', style.heading(zh ? '类别：责任部门与所需满意回访次数' : 'Categories: department and satisfied follow-ups required'), renderGrid(['category', 'department', 'followups'], categories));
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

/** A setting as `kesu config set` names it, and its value as shown. */
interface SettingValue {
  readonly key: string;
  readonly value: (settings: Settings, lang: Lang) => string;
  /** A change that counts for deadlines set from then on only. */
  readonly deadlines?: boolean;
}

const SETTING_VALUES: readonly SettingValue[] = [
  { key: 'workweek', deadlines: true, value: (s, lang) => s.calendar.workweek.map((day) => WEEKDAYS[lang][day]).join(' ') },
  { key: 'by', value: (s, lang) => (s.defaultActor === null ? (lang === 'zh' ? '系统用户' : 'the system user') : visible(s.defaultActor, { oneLine: true })) },
  ...SHOP_FIELDS.map((field) => ({ key: `shop.${field}`, value: (s: Settings, lang: Lang) => shopValue(s, field, lang) })),
  ...DEADLINE_KINDS.flatMap((kind) =>
    SEVERITY.codes.map((severity) => ({ key: `deadline.${kind}.${severity}`, deadlines: true, value: (s: Settings) => formatDuration(s.policy[kind][severity]) })),
  ),
  { key: 'deadline.next-followup', deadlines: true, value: (s) => formatDuration(s.policy.nextFollowup) },
  { key: 'wait.max', value: (s) => formatDuration(s.waitMax) },
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
  lines.push(...officialChanges(before.calendar.official, after.calendar.official, lang).map((line) => `${line}${later}${zh ? '。' : '.'}`));
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
