// Dates and times as a person reads them, in English and Chinese: the one style of every time kesu
// shows, in tables, records and sentences alike (a refusal's sentence is made here in the workflow,
// so the style lives here too). Machine output (JSON, CSV, the import's cells) keeps ISO 8601.
import { localDateOf, weekdayOf, type IsoTime, type LocalDate } from './time.js';
import type { Lang } from './vocab.js';

export const WEEKDAYS: Record<Lang, readonly string[]> = {
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  zh: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Fri 30 Oct" / "10月30日 周五"; the year is added when it is not `currentYear`. */
export function formatDate(date: LocalDate, lang: Lang, currentYear?: string): string {
  const [year, month, day] = date.split('-');
  const weekday = WEEKDAYS[lang][weekdayOf(date)];
  const showYear = currentYear !== undefined && year !== currentYear;
  if (lang === 'zh') return `${showYear ? `${year}年` : ''}${Number(month)}月${Number(day)}日 ${weekday}`;
  return `${weekday} ${Number(day)} ${MONTHS[Number(month) - 1]}${showYear ? ` ${year}` : ''}`;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "3 November 2026" / "2026年11月3日": a date as a letter gives it, whole and without its weekday. */
export function formatLetterDate(date: LocalDate, lang: Lang): string {
  const [year, month, day] = date.split('-');
  return lang === 'zh' ? `${year}年${Number(month)}月${Number(day)}日` : `${Number(day)} ${MONTH_NAMES[Number(month) - 1]} ${year}`;
}

/** "10:00": the wall-clock time of a time, in its own offset. */
export function clockOf(time: IsoTime): string {
  return time.slice(11, 16);
}

/** "Fri 30 Oct 10:00", local to the time's own offset. */
export function formatTime(time: IsoTime, lang: Lang, currentYear?: string): string {
  return `${formatDate(localDateOf(time), lang, currentYear)} ${clockOf(time)}`;
}

/** A time given as a date alone (a complaint received on a day, no time said) shows as its date alone. */
export function formatGivenTime(time: IsoTime, dateOnly: boolean, lang: Lang, currentYear?: string): string {
  return dateOnly ? formatDate(localDateOf(time), lang, currentYear) : formatTime(time, lang, currentYear);
}
