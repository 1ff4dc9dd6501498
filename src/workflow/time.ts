// Times in kesu are ISO 8601 strings with the offset of the shop's clock ("2026-10-30T10:00:00+08:00").
// The local date and wall-clock time are read straight from the string, so nothing here depends on
// the machine's time zone: the shell decides the offset when it reads the clock or the user's input.

/**
 * A time as kesu writes it, "2026-10-30T10:00:00+08:00": a type of its own, so that the compiler
 * tells it from a date. Made by the readers and formatters here, which check what they make.
 */
export type IsoTime = `${number}-${number}-${number}T${string}`;
/** A calendar date, "YYYY-MM-DD". */
export type LocalDate = `${number}-${number}-${number}`;
/** A calendar month, "YYYY-MM". */
export type Month = `${number}-${number}`;

const ISO_PATTERN = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function isIsoTime(text: string): text is IsoTime {
  // The way kesu writes times, read without a pattern (this runs for every event of an import).
  if (!Number.isNaN(writtenInstant(text))) return isValidDate(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2));
  // Date.parse rolls 2026-02-30 over into March and takes 24:00, so the fields are checked too.
  const match = ISO_PATTERN.exec(text);
  if (!match || !isLocalDate(match[1]!)) return false;
  if (Number(match[2]) > 23 || Number(match[3]) > 59 || Number(match[4] ?? 0) > 59) return false;
  return !Number.isNaN(Date.parse(text));
}

function parts(time: IsoTime): { date: LocalDate; offset: string } {
  const match = ISO_PATTERN.exec(time);
  if (!match) throw new Error(`not an ISO time with offset: ${time}`);
  return { date: match[1]! as LocalDate, offset: match[5] === 'Z' ? '+00:00' : match[5]! };
}

export function localDateOf(time: IsoTime): LocalDate {
  // The date is the first ten characters of every ISO time kesu writes; anything else is checked.
  if (time.length >= 20 && time.charCodeAt(10) === 84 /* T */ && time.charCodeAt(4) === 45 && time.charCodeAt(7) === 45) return time.slice(0, 10) as LocalDate;
  return parts(time).date;
}

export function offsetOf(time: IsoTime): string {
  // "…+08:00" at the end, the way kesu writes times; "Z" and anything unusual go through the pattern.
  const sign = time.charCodeAt(time.length - 6);
  if (time.length >= 22 && (sign === 43 || sign === 45) && time.charCodeAt(time.length - 3) === 58) return time.slice(-6);
  return parts(time).offset;
}

/** Milliseconds since the epoch; the same as Date.parse, without its cost for the times kesu writes. */
export function instant(time: IsoTime): number {
  const ms = writtenInstant(time);
  return Number.isNaN(ms) ? Date.parse(time) : ms;
}

/**
 * The instant of a time written the way kesu writes times ("2026-10-30T10:00:00+08:00"), read field
 * by field with every field checked (Date.parse is slow when called per event); NaN for any other
 * text, valid or not.
 */
function writtenInstant(time: string): number {
  if (time.length === 25 && time.charCodeAt(10) === 84 && time.charCodeAt(19) !== 46) {
    const year = digits(time, 0, 4);
    const month = digits(time, 5, 2);
    const day = digits(time, 8, 2);
    const hours = digits(time, 11, 2);
    const minutes = digits(time, 14, 2);
    const seconds = digits(time, 17, 2);
    const offsetHours = digits(time, 20, 2);
    const offsetMinutes = digits(time, 23, 2);
    const sign = time.charCodeAt(19);
    if (
      time.charCodeAt(4) === 45 && time.charCodeAt(7) === 45 && time.charCodeAt(13) === 58 && time.charCodeAt(16) === 58 && time.charCodeAt(22) === 58 &&
      (sign === 43 || sign === 45) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) &&
      hours <= 23 && minutes <= 59 && seconds <= 59 && offsetHours <= 23 && offsetMinutes <= 59
    ) {
      const offset = (sign === 45 ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
      return ((dayNumber(year, month, day) * 24 + hours) * 60 + minutes - offset) * 60_000 + seconds * 1000;
    }
  }
  return Number.NaN;
}

/** The number written at `from` in `length` decimal digits, or NaN when a character is not a digit. */
function digits(text: string, from: number, length: number): number {
  let value = 0;
  for (let at = from; at < from + length; at++) {
    const code = text.charCodeAt(at) - 48;
    if (code < 0 || code > 9) return Number.NaN;
    value = value * 10 + code;
  }
  return value;
}

export function compareTimes(a: IsoTime, b: IsoTime): number {
  return instant(a) - instant(b);
}

function offsetMinutes(offset: string): number {
  const sign = offset.startsWith('-') ? -1 : 1;
  const [hours, minutes] = offset.slice(1).split(':').map(Number);
  return sign * ((hours ?? 0) * 60 + (minutes ?? 0));
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/** The instant `ms` written in the given offset, to the second. */
export function formatInOffset(ms: number, offset: string): IsoTime {
  const local = Math.floor(ms / 1000) + offsetMinutes(offset) * 60;
  const days = Math.floor(local / 86_400);
  const second = local - days * 86_400;
  return `${dateOfDay(days)}T${pad2(Math.floor(second / 3600))}:${pad2(Math.floor(second / 60) % 60)}:${pad2(second % 60)}${offset}`;
}

export function addHours(time: IsoTime, hours: number): IsoTime {
  return formatInOffset(instant(time) + hours * 3_600_000, offsetOf(time));
}

/** The last second of a local date, in the given offset. */
export function endOfDay(date: LocalDate, offset: string): IsoTime {
  return `${date}T23:59:59${offset}`;
}

export function startOfDay(date: LocalDate, offset: string): IsoTime {
  return `${date}T00:00:00${offset}`;
}

/**
 * The instants that the times of these local dates can have, whatever their offset: a time's date
 * is the one written in its own offset, so they reach from the first moment of `from` in the
 * farthest offset east to the last moment of `to` in the farthest west. Not only the zones in use
 * (+14:00 to -12:00): a time may be typed with any offset kesu reads, up to ±23:59.
 */
export function instantsOfDays(days: { readonly from: LocalDate; readonly to: LocalDate }): { from: number; to: number } {
  return { from: instant(startOfDay(days.from, '+23:59')), to: instant(endOfDay(days.to, '-23:59')) + 999 };
}

// Dates are counted as whole days since 1970-01-01 (the proleptic Gregorian calendar, as Date.UTC
// counts them), with integer arithmetic only: date arithmetic runs for every day of every deadline
// of every imported form, and building Date objects for it was a tenth of an import's time.

/** Days from 1970-01-01 to the given date (negative before it). */
function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The date ("YYYY-MM-DD") of a day number. */
export function dateOfDay(days: number): LocalDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year < 1000 ? pad(year, 4) : year}-${pad2(month)}-${pad2(day)}` as LocalDate;
}

/** The day number of a "YYYY-MM-DD" date (a day past the month's end rolls over, as Date.UTC does). */
export function dayNumberOf(date: LocalDate): number {
  if (date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    const n = dayNumber(digits(date, 0, 4), digits(date, 5, 2), digits(date, 8, 2));
    if (!Number.isNaN(n)) return n;
  }
  const [y, m, d] = date.split('-').map(Number);
  return Math.round(Date.UTC(y!, m! - 1, d!) / 86_400_000);
}

/** 0 = Sunday … 6 = Saturday, of a day number (1970-01-01 was a Thursday). */
export function weekdayOfDay(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return dateOfDay(dayNumberOf(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: LocalDate): number {
  return weekdayOfDay(dayNumberOf(date));
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2999) return false;
  return day <= daysInMonth(year, month);
}

export function isLocalDate(text: string): text is LocalDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return !!match && isValidDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** "2026-10" of a date or time. */
export function monthOf(dateOrTime: LocalDate | IsoTime): Month {
  return dateOrTime.slice(0, 7) as Month;
}

export function addMonths(month: Month, months: number): Month {
  const [y, m] = month.split('-').map(Number);
  const index = y! * 12 + (m! - 1) + months;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}` as Month;
}

export function lastDayOfMonth(month: Month): LocalDate {
  return addDays(firstDayOf(addMonths(month, 1)), -1);
}

export function firstDayOf(month: Month): LocalDate {
  return `${month}-01`;
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return dayNumberOf(to) - dayNumberOf(from);
}

// ISO 8601 weeks run Monday to Sunday, and week 1 of a year is the week holding its 4 January
// (its first Thursday), so a week belongs to the year of its Thursday: 2026-W53 ends on
// Sun 3 Jan 2027, and 2026-W01 began on Mon 29 Dec 2025. Hand-written on the day numbers above
// rather than with dayjs's isoWeek plugin: the workflow's dates are strings and never a Date.

/** An ISO 8601 week: the ISO year (its Thursday's) and the week's number in it, 1–53. */
export interface IsoWeek {
  readonly year: number;
  readonly week: number;
}

/** The Monday of the ISO week that holds a date. */
export function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

function mondayOfWeekOne(year: number): LocalDate {
  return mondayOf(`${pad(year, 4)}-01-04` as LocalDate);
}

/** 52, or 53 for a year that begins on a Thursday (or a leap year that begins on a Wednesday). */
export function isoWeeksIn(year: number): number {
  return daysBetween(mondayOfWeekOne(year), mondayOfWeekOne(year + 1)) / 7;
}

/** The ISO week a date falls in. */
export function isoWeekOf(date: LocalDate): IsoWeek {
  const monday = mondayOf(date);
  const year = Number(addDays(monday, 3).slice(0, 4));
  return { year, week: daysBetween(mondayOfWeekOne(year), monday) / 7 + 1 };
}

/** The Monday a week begins on; the week must exist (1 to isoWeeksIn(year)). */
export function firstDayOfWeek({ year, week }: IsoWeek): LocalDate {
  return addDays(mondayOfWeekOne(year), (week - 1) * 7);
}

/** "2026-W49", as ISO 8601 writes a week. */
export function formatIsoWeek({ year, week }: IsoWeek): string {
  return `${pad(year, 4)}-W${pad(week)}`;
}

export interface WallClock {
  readonly date: LocalDate;
  /** "HH:mm:ss", or null when only a date was given. */
  readonly time: string | null;
}

/**
 * Reads a date or date-time in the forms the spec accepts: 2026-10-05, 2026/10/5, 2026.10.05,
 * 2026年10月5日, each with an optional time (09:00, 9:00:30, 9点, 下午3点, 3pm), or a full ISO time
 * with offset. Given `today` (a person typing, never a form), also as people say them: today,
 * yesterday, 今天, 昨天, 前天, and a date of this year (12-06, 12月6日), each with an optional time,
 * and a time alone (15:00, 下午3点), today's.
 * Forms that could be read two ways (05/10/2026) are refused, never guessed.
 */
export type DateReading =
  | { readonly ok: true; readonly wall: WallClock; readonly iso: IsoTime | null }
  | { readonly ok: false; readonly reason: 'ambiguous' | 'invalid' };

/** Whether a date and time as read is a date alone, without a time of day or an offset: the whole day. */
export function isDateAlone({ wall, iso }: { readonly wall: WallClock; readonly iso: IsoTime | null }): boolean {
  return iso === null && wall.time === null;
}

/** Days before today that the words for them mean. */
const DAYS_AGO: Readonly<Record<string, number>> = { today: 0, yesterday: 1, 今天: 0, 今日: 0, 昨天: 1, 昨日: 1, 前天: 2 };

export function readDateTime(input: string, today?: LocalDate): DateReading {
  const text = input.normalize('NFKC').trim();
  if (isIsoTime(text)) {
    const date = localDateOf(text);
    const [, time] = /T(\d{2}:\d{2}(?::\d{2})?)/.exec(text) ?? [];
    return { ok: true, wall: { date, time: normalizeTime(time ?? '00:00') }, iso: text };
  }
  const ymd = /^(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?)(?:\s*[T ]?\s*(.*))?$/.exec(text);
  if (ymd) return withClock(Number(ymd[1]), Number(ymd[2] ?? ymd[4]), Number(ymd[3] ?? ymd[5]), ymd[6]);
  if (/^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}/.test(text)) return { ok: false, reason: 'ambiguous' };
  if (today === undefined) return { ok: false, reason: 'invalid' };
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const said = /^(today|yesterday|今天|今日|昨天|昨日|前天)\s*(.*)$/i.exec(text);
  if (said) {
    const date = dateOfDay(dayNumber(year, month, day) - DAYS_AGO[said[1]!.toLowerCase()]!);
    return withClock(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)), said[2]);
  }
  // Month and day of this year: 12-06 (as China writes it; 12/06 is read two ways round the world) or 12月6日.
  const md = /^(\d{1,2})\s*-\s*(\d{1,2})(?:\s+(.*))?$/.exec(text) ?? /^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?\s*(.*)$/.exec(text);
  if (md) return withClock(year, Number(md[1]), Number(md[2]), md[3]);
  // A time alone is today's.
  const time = readClock(text);
  return time === null ? { ok: false, reason: 'invalid' } : { ok: true, wall: { date: today, time }, iso: null };
}

/** A date, and the time of day written after it (none when `rest` is empty). */
function withClock(year: number, month: number, day: number, rest: string | undefined): DateReading {
  if (!isValidDate(year, month, day)) return { ok: false, reason: 'invalid' };
  const date = `${year}-${pad(month)}-${pad(day)}` as LocalDate;
  const clock = (rest ?? '').trim();
  if (clock === '') return { ok: true, wall: { date, time: null }, iso: null };
  const time = readClock(clock);
  if (time === null) return { ok: false, reason: 'invalid' };
  return { ok: true, wall: { date, time }, iso: null };
}

/** A time of day: 09:00, 9:00:30, 9点30分, 下午3点, 3pm, 3:30 PM. */
function readClock(text: string): string | null {
  const match = /^(上午|下午|晚上)?\s*(\d{1,2})\s*(?:[:：点时]\s*(\d{1,2})?\s*(?:[:：分]\s*(\d{1,2})?\s*秒?)?)?\s*(am|pm)?$/i.exec(text);
  if (!match) return null;
  let hours = Number(match[2]);
  const minutes = Number(match[3] ?? 0);
  const seconds = Number(match[4] ?? 0);
  const half = match[5]?.toLowerCase();
  if (half !== undefined) {
    // 12am is midnight, 12pm noon; a 24-hour time with am or pm is a typo.
    if (match[1] !== undefined || hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (half === 'pm' ? 12 : 0);
  } else if (!/[:：点时]/.test(text)) return null;
  if ((match[1] === '下午' || match[1] === '晚上') && hours < 12) hours += 12;
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
}

function normalizeTime(time: string): string {
  return time.length === 5 ? `${time}:00` : time;
}

/**
 * The shop's clock, as the shell knows it from the machine's time zone (the workflow reads none):
 * which offset a local time has, which changes where clocks change for daylight saving.
 */
export interface Zone {
  /** A local wall-clock time (a date alone: its first moment) as an ISO time with the offset in force then. */
  wallToIso(wall: WallClock): IsoTime;
  /** The same instant with the offset in force then. */
  toLocal(time: IsoTime): IsoTime;
}

/** A zone whose offset never changes (China's +08:00 all year). */
export function fixedZone(offset: string): Zone {
  return {
    wallToIso: (wall) => `${wall.date}T${wall.time ?? '00:00:00'}${offset}`,
    toLocal: (time) => formatInOffset(instant(time), offset),
  };
}

/** The last second of a local date on the shop's clock, with the offset in force that day. */
export function endOfLocalDay(date: LocalDate, zone: Zone): IsoTime {
  return zone.wallToIso({ date, time: '23:59:59' });
}
