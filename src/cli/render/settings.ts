import { DEADLINE_KINDS, formatDuration } from '../../workflow/deadlines.js';
import type { Settings } from '../../workflow/settings.js';
import { CATEGORY, labelOf, SEVERITY, type Lang } from '../../workflow/vocab.js';
import type { RenderContext } from './complaint.js';
import { renderGrid } from './grid.js';
import { visible } from './visible.js';
import { DEADLINE_NAMES } from './i18n.js';
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
  lines.push(`  by         ${settings.defaultActor === null ? (zh ? '（系统用户）' : '(the system user)') : visible(settings.defaultActor, { oneLine: true })}`);

  const deadlines = DEADLINE_KINDS.map((kind) => [`${kind}${zh ? ` ${DEADLINE_NAMES[kind].zh}` : ''}`, ...SEVERITY.codes.map((s) => formatDuration(policy[kind][s]))]);
  // One duration for every severity: written under the first, the other columns left empty.
  deadlines.push(['next-followup', formatDuration(policy.nextFollowup), ...SEVERITY.codes.slice(1).map(() => '')]);
  const deadlineHead = ['deadline', ...SEVERITY.codes.map((s) => `${s}${zh ? ` ${labelOf(SEVERITY, s, 'zh')}` : ''}`)];
  lines.push('', style.heading(zh ? '处理期限（d = 工作日，h = 小时）' : 'Deadlines (d = working days, h = hours)'), renderGrid(deadlineHead, deadlines));

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
        ? '修改：kesu config set deadline.answer.normal 5d | department.quality 品控部 | followups.quality 2 | workweek mon-sat | by 小王；kesu config add holiday 2026-10-01..2026-10-07；kesu config add workday 2026-10-11'
        : 'Change: kesu config set deadline.answer.normal 5d | department.quality QC | followups.quality 2 | workweek mon-sat | by Alice; kesu config add holiday 2026-12-25; kesu config add workday 2026-10-11',
    ),
  );
  return `${lines.join('\n')}\n`;
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
  ...DEADLINE_KINDS.flatMap((kind) =>
    SEVERITY.codes.map((severity) => ({ key: `deadline.${kind}.${severity}`, deadlines: true, value: (s: Settings) => formatDuration(s.policy[kind][severity]) })),
  ),
  { key: 'deadline.next-followup', deadlines: true, value: (s) => formatDuration(s.policy.nextFollowup) },
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
  if (lines.length === 0) return zh ? '设置没有变化：它已是这个值。\n' : 'Nothing changed: the setting already had that value.\n';
  return `${lines.join('\n')}\n`;
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
