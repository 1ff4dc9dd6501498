// Notifications by the shop's own command (`notify.*` settings): which events and agenda items
// are sent, and the agenda's overdue and due-today items `due --notify` sends once each.
import { EVENT_TYPES, pendingDeadlines, type Complaint, type ComplaintEvent } from './complaint.js';
import type { DeadlineKind } from './deadlines.js';
import { invalid } from './errors.js';
import { quoted } from './text.js';
import { compareTimes, localDateOf, type IsoTime, type LocalDate } from './time.js';

/** What a notification can be about: an event a change adds, or an item of the agenda (`due --notify`). */
const AGENDA_NOTICES = ['overdue', 'due'] as const;
type AgendaNotice = (typeof AGENDA_NOTICES)[number];
export const NOTIFY_TYPES: readonly string[] = [...EVENT_TYPES, ...AGENDA_NOTICES];

/**
 * The shop's default: escalations, reopenings and overdue deadlines. A name not (yet) an event type
 * of this build is left out, so that the default is always a valid list.
 */
const DEFAULT_NOTIFY_ON: readonly string[] = ['escalated', 'reopened', 'overdue'].filter((type) => NOTIFY_TYPES.includes(type));

export interface NotifySettings {
  /** A shell command line, run with `sh -c`; null: no notifications. */
  readonly command: string | null;
  /** The event types (and `overdue`, `due`) that are sent. */
  readonly on: readonly string[];
  /** Whether the customer's phone is sent unmasked. */
  readonly phones: boolean;
}

export const DEFAULT_NOTIFY: NotifySettings = { command: null, on: DEFAULT_NOTIFY_ON, phones: false };

/** `notify.on`: a comma list of event types, `overdue` and `due`; "" for none. */
export function parseNotifyOn(text: string): string[] {
  const names = text.normalize('NFKC').toLowerCase().split(/[,，、\s]+/).filter(Boolean);
  const unknown = names.find((name) => !NOTIFY_TYPES.includes(name));
  if (unknown !== undefined) {
    throw invalid(
      `"${quoted(unknown)}" is not something kesu can notify; use a comma list of: ${NOTIFY_TYPES.join(', ')}.`,
      `“${quoted(unknown)}”不是可通知的事项；请用逗号分隔以下各项：${NOTIFY_TYPES.join('、')}。`,
    );
  }
  return [...new Set(names)];
}

/** The events a change added that the shop is notified of: none without a command. */
export function eventsToNotify(notify: NotifySettings, added: readonly ComplaintEvent[]): ComplaintEvent[] {
  return notify.command === null ? [] : added.filter((event) => notify.on.includes(event.type));
}

/** An agenda item sent once ever: the complaint, its deadline of that kind, due on that day. */
export interface AgendaItem {
  readonly notice: AgendaNotice;
  readonly complaint: Complaint;
  readonly deadline: DeadlineKind;
  readonly due: IsoTime;
  readonly dueOn: LocalDate;
}

/**
 * The running deadlines that have passed (`overdue`) or end today (`due`), of the notices the shop
 * asked for; a complaint waiting on someone has none (its deadlines are paused).
 */
export function agendaItems(complaints: readonly Complaint[], now: IsoTime, on: readonly string[]): AgendaItem[] {
  const today = localDateOf(now);
  const items: AgendaItem[] = [];
  for (const complaint of complaints) {
    if (complaint.waiting !== null) continue;
    for (const { kind, deadline } of pendingDeadlines(complaint)) {
      const dueOn = localDateOf(deadline.due);
      const notice: AgendaNotice | null = compareTimes(deadline.due, now) < 0 ? 'overdue' : dueOn === today ? 'due' : null;
      if (notice !== null && on.includes(notice)) items.push({ notice, complaint, deadline: kind, due: deadline.due, dueOn });
    }
  }
  return items;
}
