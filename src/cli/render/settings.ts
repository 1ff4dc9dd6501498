import { DEADLINE_KINDS, formatDuration } from '../../workflow/deadlines.js';
import type { Settings } from '../../workflow/settings.js';
import { CATEGORY, labelOf, SEVERITY } from '../../workflow/vocab.js';
import type { RenderContext } from './complaint.js';
import { renderGrid } from './grid.js';
import { visible } from './visible.js';
import { DEADLINE_NAMES } from './i18n.js';
import { WEEKDAYS } from '../../workflow/time-words.js';

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
