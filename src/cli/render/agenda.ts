import type { AgendaGroup } from '../../workflow/agenda.js';
import { localDateOf, type IsoTime } from '../../workflow/time.js';
import type { RenderContext } from './complaint.js';
import { renderList } from './complaint.js';
import { t } from './i18n.js';
import { formatDate } from '../../workflow/time-words.js';

/** The agenda up to `horizon` (the end of the last working day it looks ahead to). */
export function renderAgenda(agenda: readonly AgendaGroup[], horizon: IsoTime, context: RenderContext): string {
  const { lang, style } = context;
  if (agenda.length === 0) {
    // Say how far it looked, so that "nothing" is not read as "nothing at all".
    const until = formatDate(localDateOf(horizon), lang);
    return lang === 'zh' ? `截至${until}结束，没有逾期或到期的投诉。\n` : `Nothing is overdue or due by the end of ${until}.\n`;
  }
  return agenda
    .map((group) => {
      const title =
        group.kind === 'overdue' ? style.overdue(t('overdueGroup', lang)) : group.kind === 'today' ? t('todayGroup', lang) : formatDate(group.date, lang);
      return `${style.heading(`${title} (${group.complaints.length})`)}\n${renderList(group.complaints, context)}`;
    })
    .join('\n');
}
