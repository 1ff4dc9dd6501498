import { agendaHorizon, buildAgenda } from '../../workflow/agenda.js';
import { endOfLocalDay, instant, localDateOf } from '../../workflow/time.js';
import type { Store } from '../../store/index.js';
import type { Settings } from '../../workflow/settings.js';
import { LOCAL_ZONE } from '../clock.js';
import type { CliContext } from '../context.js';
import { parseCount } from '../options.js';
import { renderAgenda } from '../render/agenda.js';
import { complaintJson, toJsonText } from '../render/json.js';

/** How far ahead the agenda looks at the most, in working days: about a year. */
const MAX_AGENDA_DAYS = 366;

export interface DueOptions {
  days?: string;
  /** Send the overdue and due-today items to the shop's notification command, each once ever. */
  notify?: boolean;
}

export async function due(context: CliContext, options: DueOptions): Promise<string> {
  const store = await context.store(options.notify ? 'change' : 'read');
  const days = options.days === undefined ? 3 : parseCount(options.days, '--days', { max: MAX_AGENDA_DAYS, why: { en: 'the agenda looks at most a year of working days ahead', zh: '日程最多查看一年内的工作日' } });
  const settings = await store.settings();
  const horizon = agendaHorizon(settings.calendar, context.now, days, LOCAL_ZONE);
  const running = await store.list({ statuses: null, dueBefore: instant(horizon) + 1 });
  const waiting = await store.list({ statuses: null, waiting: true });
  const escalated = await store.list({ statuses: null, escalated: true });
  const agenda = buildAgenda(running, context.now, { waiting, escalated, policy: { calendar: settings.calendar, waitMax: settings.waitMax, zone: LOCAL_ZONE } });
  // With --json the output stays the agenda's array; kesu notify log --json says what was sent.
  const sent = options.notify ? await notifyAgenda(context, store, settings) : '';
  if (context.json) return toJsonText(agenda.flatMap((group) => group.complaints.map((c) => ({ ...complaintJson(c, context.now), agenda: group.kind }))));
  return `${renderAgenda(agenda, horizon, context)}${sent}`;
}

/** `due --notify`: the running deadlines passed or ending today, each sent once ever; a line saying how many were. */
async function notifyAgenda(context: CliContext, store: Store, settings: Settings): Promise<string> {
  const zh = context.lang === 'zh';
  if (settings.notify.command === null) {
    return zh ? '未设置 notify.command，未发送通知；用 kesu config set notify.command 命令 设置。\n' : 'No notification sent: notify.command is not set (kesu config set notify.command CMD).\n';
  }
  const endOfToday = endOfLocalDay(localDateOf(context.now), LOCAL_ZONE);
  const complaints = await store.list({ statuses: null, dueBefore: instant(endOfToday) + 1 });
  const { agendaItems } = await import('../../workflow/notify.js');
  const items = agendaItems(complaints, context.now, settings.notify.on);
  const { notifyAgenda: send } = await import('../services/notify.js');
  const sent = items.length === 0 ? 0 : await send(context, store, settings, items);
  const skipped = items.length - sent;
  if (zh) return `已发送 ${sent} 条通知${skipped > 0 ? `（另有 ${skipped} 条此前已发过）` : ''}；kesu notify log 可查看结果。\n`;
  return `Sent ${sent} notification${sent === 1 ? '' : 's'}${skipped > 0 ? ` (${skipped} sent before, not again)` : ''}; kesu notify log says how each went.\n`;
}
