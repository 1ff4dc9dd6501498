// The shell's side of time: reading the clock and turning the user's local wall-clock times into
// ISO times with this machine's offset (the workflow never reads the clock itself).
import dayjs from 'dayjs';
import { addDays, formatInOffset, instant, isDateAlone, isIsoTime, localDateOf, readDateTime, type IsoTime, type WallClock, type Zone } from '../workflow/time.js';
import { UserError } from './errors.js';

export function currentTime(): IsoTime {
  return dayjs().format('YYYY-MM-DDTHH:mm:ssZ') as IsoTime;
}

/** A clock that always says `time` (an ISO time with its offset), or undefined when none is given. */
export function fixedClock(time: string | undefined): (() => IsoTime) | undefined {
  if (time === undefined || time === '' || !isIsoTime(time)) return undefined;
  return () => time;
}

/** A local wall-clock time as an ISO time with the offset in force at that moment here. */
function wallToIso(wall: WallClock): IsoTime {
  const time = wall.time ?? '00:00:00';
  // An import turns a date into an ISO time for every step of every form: the offset is looked up
  // once per date, and dayjs is asked only on a day when the offset changes (daylight saving), where
  // a wall-clock time may not exist or exist twice.
  const offset = dayOffset(wall.date);
  if (offset !== null) return `${wall.date}T${time}${offset}`;
  return dayjs(`${wall.date}T${time}`).format('YYYY-MM-DDTHH:mm:ssZ') as IsoTime;
}

/**
 * A time typed with an offset of its own (2026-10-29T20:00:00+00:00, or Z) as the same instant with
 * the offset in force then here: the shop's days are its local ones, so its calendar counts, and
 * list --since and show name, the day it was here.
 */
function isoToLocal(iso: IsoTime): IsoTime {
  const ms = instant(iso);
  // Rounded: an offset of long ago may have seconds (Amsterdam's +00:19:32), which ISO times here do not.
  const minutes = -Math.round(new Date(ms).getTimezoneOffset());
  const hours = Math.floor(Math.abs(minutes) / 60);
  const offset = `${minutes < 0 ? '-' : '+'}${String(hours).padStart(2, '0')}:${String(Math.abs(minutes) % 60).padStart(2, '0')}`;
  return formatInOffset(ms, offset);
}

/** This machine's time zone (TZ), as the workflow asks for it. */
export const LOCAL_ZONE: Zone = { wallToIso, toLocal: isoToLocal };

const offsetsByDate = new Map<string, string | null>();

/** The offset in force all day on a local date here, or null when it changes during that day. */
function dayOffset(date: string): string | null {
  let offset = offsetsByDate.get(date);
  if (offset === undefined) {
    const start = dayjs(`${date}T00:00:00`);
    const end = dayjs(`${date}T23:59:59`);
    offset = start.isValid() && start.format('YYYY-MM-DDTHH:mm:ss') === `${date}T00:00:00` && start.utcOffset() === end.utcOffset() ? start.format('Z') : null;
    if (offsetsByDate.size > 10_000) offsetsByDate.clear();
    offsetsByDate.set(date, offset);
  }
  return offset;
}

/** A time given to a flag, and whether only a date was given (no time of day). */
export interface GivenTime {
  readonly at: IsoTime;
  readonly dateOnly: boolean;
}

/**
 * Reads --at / --received in the spec's date forms and as people say them (today, 昨天 15:00,
 * 12-06 09:00: `now` says which day is today); a date without a time means the start of that day.
 */
export function readTimeOption(text: string, flag: string, now: IsoTime): GivenTime {
  const reading = readAtOption(text, flag, now);
  const { wall, iso } = reading;
  return { at: iso === null ? wallToIso(wall) : isoToLocal(iso), dateOnly: isDateAlone(reading) };
}

/**
 * A time as a person types it to --received (2026-12-05 10:00, or 2026-12-05 when only the date was
 * given), which readTimeOption reads back the same here: the answer to edit at a question.
 */
export function typedTime({ at, dateOnly }: GivenTime): string {
  return dateOnly ? at.slice(0, 10) : at.slice(0, 16).replace('T', ' ');
}

export function parseAtOption(text: string, flag: string, now: IsoTime): IsoTime {
  return readTimeOption(text, flag, now).at;
}

/**
 * The instant just after the time given to --until, which includes what it names: a date alone
 * includes its whole day (up to the first moment of the next one).
 */
export function parseUntilOption(text: string, flag: string, now: IsoTime): number {
  const reading = readAtOption(text, flag, now);
  const { wall, iso } = reading;
  if (isDateAlone(reading)) return instant(wallToIso({ date: addDays(wall.date, 1), time: null }));
  return instant(iso ?? wallToIso(wall)) + 1;
}

/** The date and time given to a flag as read, or a UserError saying what is wrong with it. */
function readAtOption(text: string, flag: string, now: IsoTime): { wall: WallClock; iso: IsoTime | null } {
  const reading = readDateTime(text, localDateOf(isoToLocal(now)));
  if (!reading.ok) {
    throw reading.reason === 'ambiguous'
      ? new UserError('invalid', {
          en: `${flag} "${text}" could be read two ways; write the year first, like 2026-10-05 09:00.`,
          zh: `${flag} “${text}”有歧义；请把年份写在前面，例如 2026-10-05 09:00。`,
        })
      : new UserError('invalid', {
          en: `${flag} "${text}" is not a date or time; write it like 2026-10-05 09:00, 12-06 15:00 or yesterday 15:00.`,
          zh: `${flag} “${text}”不是有效的日期或时间；请写成 2026-10-05 09:00、12-06 15:00 或 昨天 15:00。`,
        });
  }
  return reading;
}
