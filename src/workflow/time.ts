// Times in kesu are ISO 8601 strings with the offset of the shop's clock ("2026-10-30T10:00:00+08:00").
// The local date and wall-clock time are read straight from the string, so nothing here depends on
// the machine's time zone: the shell decides the offset when it reads the clock or the user's input.

export type IsoTime = string;
/** A calendar date, "YYYY-MM-DD". */
export type LocalDate = string;

const ISO_PATTERN = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function isIsoTime(text: string): boolean {
  // Date.parse rolls 2026-02-30 over into March and takes 24:00, so the fields are checked too.
  const match = ISO_PATTERN.exec(text);
  if (!match || !isLocalDate(match[1]!)) return false;
  if (Number(match[2]) > 23 || Number(match[3]) > 59 || Number(match[4] ?? 0) > 59) return false;
  return !Number.isNaN(Date.parse(text));
}

function parts(time: IsoTime): { date: LocalDate; offset: string } {
  const match = ISO_PATTERN.exec(time);
  if (!match) throw new Error(`not an ISO time with offset: ${time}`);
  return { date: match[1]!, offset: match[5] === 'Z' ? '+00:00' : match[5]! };
}

export function localDateOf(time: IsoTime): LocalDate {
  return parts(time).date;
}

export function offsetOf(time: IsoTime): string {
  return parts(time).offset;
}

export function instant(time: IsoTime): number {
  return Date.parse(time);
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

/** The instant `ms` written in the given offset, to the second. */
export function formatInOffset(ms: number, offset: string): IsoTime {
  const shifted = new Date(ms + offsetMinutes(offset) * 60_000);
  return (
    `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}` +
    `T${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}${offset}`
  );
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

function dateToUtc(date: LocalDate): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

function utcToDate(day: Date): LocalDate {
  return `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const day = dateToUtc(date);
  day.setUTCDate(day.getUTCDate() + days);
  return utcToDate(day);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: LocalDate): number {
  return dateToUtc(date).getUTCDay();
}

export function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2999) return false;
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

export function isLocalDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return !!match && isValidDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** "2026-10" of a date or time. */
export function monthOf(dateOrTime: string): string {
  return dateOrTime.slice(0, 7);
}

export function addMonths(month: string, months: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y! * 12 + (m! - 1) + months;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

export function lastDayOfMonth(month: string): LocalDate {
  return addDays(`${addMonths(month, 1)}-01`, -1);
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((dateToUtc(to).getTime() - dateToUtc(from).getTime()) / 86_400_000);
}

export interface WallClock {
  readonly date: LocalDate;
  /** "HH:mm:ss", or null when only a date was given. */
  readonly time: string | null;
}

/**
 * Reads a date or date-time in the forms the spec accepts: 2026-10-05, 2026/10/5, 2026.10.05,
 * 2026年10月5日, each with an optional time (09:00, 9:00:30, 9点, 9时30分), or a full ISO time with
 * offset. Forms that could be read two ways (05/10/2026) are refused, never guessed.
 */
export type DateReading =
  | { readonly ok: true; readonly wall: WallClock; readonly iso: IsoTime | null }
  | { readonly ok: false; readonly reason: 'ambiguous' | 'invalid' };

export function readDateTime(input: string): DateReading {
  const text = input.normalize('NFKC').trim();
  if (isIsoTime(text)) {
    const date = localDateOf(text);
    const [, time] = /T(\d{2}:\d{2}(?::\d{2})?)/.exec(text) ?? [];
    return { ok: true, wall: { date, time: normalizeTime(time ?? '00:00') }, iso: text };
  }
  const ymd = /^(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?)(?:\s*[T ]?\s*(.*))?$/.exec(text);
  if (!ymd) {
    if (/^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}/.test(text)) return { ok: false, reason: 'ambiguous' };
    return { ok: false, reason: 'invalid' };
  }
  const year = Number(ymd[1]);
  const month = Number(ymd[2] ?? ymd[4]);
  const day = Number(ymd[3] ?? ymd[5]);
  if (!isValidDate(year, month, day)) return { ok: false, reason: 'invalid' };
  const date = `${year}-${pad(month)}-${pad(day)}`;
  const rest = (ymd[6] ?? '').trim();
  if (rest === '') return { ok: true, wall: { date, time: null }, iso: null };
  const time = readClock(rest);
  if (time === null) return { ok: false, reason: 'invalid' };
  return { ok: true, wall: { date, time }, iso: null };
}

function readClock(text: string): string | null {
  const match = /^(上午|下午|晚上)?\s*(\d{1,2})\s*(?:[:：点时]\s*(\d{1,2})?\s*(?:[:：分]\s*(\d{1,2})?\s*秒?)?)?$/.exec(text);
  if (!match) return null;
  let hours = Number(match[2]);
  const minutes = Number(match[3] ?? 0);
  const seconds = Number(match[4] ?? 0);
  if ((match[1] === '下午' || match[1] === '晚上') && hours < 12) hours += 12;
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  if (!/[:：点时]/.test(text)) return null;
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
}

function normalizeTime(time: string): string {
  return time.length === 5 ? `${time}:00` : time;
}
