import type { AgendaGroup } from '../../workflow/agenda.js';
import { localDateOf, type IsoTime } from '../../workflow/time.js';
import type { RenderContext } from './complaint.js';
import { renderList } from './complaint.js';
import { t } from './i18n.js';
import { formatDate } from '../../workflow/time-words.js';

/** The agenda up to `horizon` (the end of the last working day it looks ahead to). */
export function renderAgenda(agenda: readonly AgendaGroup[], horizon: IsoTime, context: RenderContext): string {
  const { lang, style } = context;
  const groups = agenda.map((group) => `${style.heading(`${groupTitle(group, context)} (${group.complaints.length})`)}\n${renderList(group.complaints, context)}`);
  if (agenda.every((group) => group.kind === 'waiting')) {
    // Say how far it looked, so that "nothing" is not read as "nothing at all".
    const until = formatDate(localDateOf(horizon), lang);
    groups.unshift(lang === 'zh' ? `截至${until}结束，没有逾期或到期的投诉。\n` : `Nothing is overdue or due by the end of ${until}.\n`);
  }
  return groups.join('\n');
}

function groupTitle(group: AgendaGroup, { lang, style }: RenderContext): string {
  switch (group.kind) {
    case 'manager':
      return style.major(t('managerGroup', lang));
    case 'overdue':
      return style.overdue(t('overdueGroup', lang));
    case 'decide':
      return style.overdue(t('waitedTooLongGroup', lang));
    case 'today':
      return t('todayGroup', lang);
    case 'waiting':
      return t('waitingGroup', lang);
    case 'day':
      return formatDate(group.date, lang);
  }
}
