// Shared by every command that changes a complaint: decide inside the store's transaction, then
// say what happened and print the complaint as it now stands (render/change.ts).
import { deadlinesSetBy, type Complaint, type ComplaintEvent } from '../../workflow/complaint.js';
import { deadlinesMissingYears } from '../../workflow/deadlines.js';
import { eventsToNotify } from '../../workflow/notify.js';
import { decide, type ChangeCommand } from '../../workflow/transitions.js';
import type { ComplaintWithEvents } from '../../store/index.js';
import { LOCAL_ZONE } from '../clock.js';
import { warn, type CliContext } from '../context.js';
import { renderChange } from '../render/change.js';
import { renderComplaint } from '../render/complaint.js';
import type { Settings } from '../../workflow/settings.js';
import type { AppliedStandard } from '../../workflow/standards.js';
import { complaintJson, toJsonText } from '../render/json.js';

/** A change command before its time and its actor are known (each variant without `at` and `by`). */
type UnsignedCommand = WithoutTimeAndActor<ChangeCommand>;
type WithoutTimeAndActor<C> = C extends unknown ? Omit<C, 'at' | 'by'> : never;

/** When it happened and who did it, as given with `--at` and `--by`; `--verbose` for the whole record after it. */
export interface WhenAndWho {
  readonly at?: string;
  readonly by?: string;
  readonly verbose?: boolean;
}

export async function changeComplaint(context: CliContext, id: number, command: UnsignedCommand, stamp: WhenAndWho): Promise<string> {
  // --at is read before the store is opened, so that a bad one fails without touching anything.
  const given = stamp.at === undefined ? null : context.at(stamp.at);
  const store = await context.store('change');
  let decided: { before: Complaint; added: number; settings: Settings } | null = null;
  const { complaint, events } = await store.transact(id, (complaint, settings) => {
    // Without --at, the command happens when it gets its turn to write, not when it started
    // waiting for another kesu process: else a writer that waited would find a later entry
    // already there and be refused as out of order.
    const now = given === null ? context.clock() : context.now;
    const by = context.actor(stamp.by, settings);
    const added = decide(complaint, { ...command, at: given ?? now, by } as ChangeCommand, { now, settings, zone: LOCAL_ZONE });
    decided = { before: complaint, added: added.length, settings };
    return added;
  });
  const { before, added, settings } = decided!;
  await warnMissingCalendarYears(context, settings, added === 0 ? [] : events.slice(-added));
  await notifyAdded(context, settings, { complaint, events }, added === 0 ? [] : events.slice(-added));
  if (context.json) return renderRecord(context, complaint, events);
  return renderChange({ before, after: complaint, added: events.slice(-added), settings }, events, context, Boolean(stamp.verbose));
}

/**
 * Warns, once for the command, of the deadlines it counted into years the shop's official calendar
 * lacks (their holidays were not skipped): how to load them, or that they are not published yet.
 */
export async function warnMissingCalendarYears(context: CliContext, settings: Settings, events: readonly ComplaintEvent[]): Promise<void> {
  const missing = deadlinesMissingYears(settings.calendar, events.flatMap(deadlinesSetBy));
  if (missing.length === 0) return;
  const { missingYearsWarning } = await import('../services/official-calendars.js');
  warn(context, 'calendar-year-missing', missingYearsWarning(missing));
}

/** `standard`: the compensation standard in force for the complaint, for show to say; undefined: not said. */
export function renderRecord(context: CliContext, complaint: Complaint, events: readonly ComplaintEvent[], standard?: AppliedStandard | null): string {
  return context.json ? toJsonText(complaintJson(complaint, context.now, events)) : renderComplaint(complaint, events, context, standard);
}

/**
 * After a change committed: the shop's notification command for the events added it asked for
 * (notify.on), in the background; the notification code is loaded only when there is one to send.
 */
export async function notifyAdded(context: CliContext, settings: Settings, { complaint, events }: ComplaintWithEvents, added: readonly ComplaintEvent[]): Promise<void> {
  const notified = eventsToNotify(settings.notify, added);
  if (notified.length === 0) return;
  const { notifyEvents } = await import('../services/notify.js');
  await notifyEvents(context, settings, complaint, events, notified);
}
