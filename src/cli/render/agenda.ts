import type { AgendaGroup } from '../../workflow/agenda.js';
import type { RenderContext } from './complaint.js';
import { renderList } from './complaint.js';
import { formatDate, t } from './i18n.js';

export function renderAgenda(agenda: readonly AgendaGroup[], context: RenderContext): string {
  const { lang, style } = context;
  if (agenda.length === 0) return `${t('nothingDue', lang)}\n`;
  return agenda
    .map((group) => {
      const title =
        group.kind === 'overdue' ? style.overdue(t('overdueGroup', lang)) : group.kind === 'today' ? t('todayGroup', lang) : formatDate(group.date, lang);
      return `${style.heading(`${title} (${group.complaints.length})`)}\n${renderList(group.complaints, context)}`;
    })
    .join('\n');
}
