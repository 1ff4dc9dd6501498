import { agendaHorizon, buildAgenda } from '../../workflow/agenda.js';
import { instant } from '../../workflow/time.js';
import { LOCAL_ZONE } from '../clock.js';
import type { CliContext } from '../context.js';
import { parseCount } from '../options.js';
import { renderAgenda } from '../render/agenda.js';
import { complaintJson, toJsonText } from '../render/json.js';

/** How far ahead the agenda looks at the most, in working days: about a year. */
const MAX_AGENDA_DAYS = 366;

export interface DueOptions {
  days?: string;
}

export async function due(context: CliContext, options: DueOptions): Promise<string> {
  const store = await context.store('read');
  const days = options.days === undefined ? 3 : parseCount(options.days, '--days', { max: MAX_AGENDA_DAYS, why: { en: 'the agenda looks at most a year of working days ahead', zh: '日程最多查看一年内的工作日' } });
  const settings = await store.settings();
  const horizon = agendaHorizon(settings.calendar, context.now, days, LOCAL_ZONE);
  const running = await store.list({ statuses: null, dueBefore: instant(horizon) + 1 });
  const waiting = await store.list({ statuses: null, waiting: true });
  const escalated = await store.list({ statuses: null, escalated: true });
  const agenda = buildAgenda(running, context.now, { waiting, escalated, policy: { calendar: settings.calendar, waitMax: settings.waitMax, zone: LOCAL_ZONE } });
  if (context.json) return toJsonText(agenda.flatMap((group) => group.complaints.map((c) => ({ ...complaintJson(c, context.now), agenda: group.kind }))));
  return renderAgenda(agenda, horizon, context);
}
