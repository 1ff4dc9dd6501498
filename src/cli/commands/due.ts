import { agendaHorizon, buildAgenda } from '../../workflow/agenda.js';
import { instant } from '../../workflow/time.js';
import { LOCAL_ZONE } from '../clock.js';
import type { CliContext } from '../context.js';
import { parsePositiveInt } from '../options.js';
import { renderAgenda } from '../render/agenda.js';
import { complaintJson, toJsonText } from '../render/json.js';

export interface DueOptions {
  days?: string;
}

export async function due(context: CliContext, options: DueOptions): Promise<string> {
  const store = await context.store('read');
  const days = options.days === undefined ? 3 : parsePositiveInt(options.days, '--days');
  const horizon = agendaHorizon(store.settings().calendar, context.now, days, LOCAL_ZONE);
  const agenda = buildAgenda(store.dueBefore(instant(horizon) + 1), context.now);
  if (context.json) return toJsonText(agenda.flatMap((group) => group.complaints.map((c) => complaintJson(c, context.now))));
  return renderAgenda(agenda, horizon, context);
}
