// The official calendars `kesu config holidays` copies into the shop's settings: China's public
// holidays and make-up working days from chinese-days (the State Council's schedule, as data),
// other countries' public holidays from date-holidays. Loaded only by the commands that need them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type DateHolidays from 'date-holidays';
import type { MissingYear, OfficialYear } from '../../workflow/calendar.js';
import type { Sentence } from '../../workflow/errors.js';
import { quoted } from '../../workflow/text.js';
import { addDays, type LocalDate } from '../../workflow/time.js';
import { UserError } from '../errors.js';

const require = createRequire(import.meta.url);

/** One year of a calendar as its package has it, or null when the package has no data for that year (yet). */
type YearReader = (year: number) => OfficialYear | null;

/** A calendar a package knows: its name as stored, its reader, and the first year it has (null: any year). */
export interface OfficialCalendar {
  readonly name: string;
  readonly read: YearReader;
  readonly first: number | null;
}

/** The calendar `text` names (cn, US, DE-BY); refused when no package knows it. */
export function officialCalendar(text: string): OfficialCalendar {
  const name = /^cn$/i.test(text) ? 'cn' : text.toUpperCase();
  if (name === 'cn') return chineseDays();
  const [country, region, extra] = name.split('-');
  // date-holidays reads every country's rules when loaded (about a megabyte): only for a country other than China.
  const Holidays = require('date-holidays') as typeof DateHolidays;
  const known = new Holidays();
  const regions = country ? known.getStates(country) : undefined;
  if (extra !== undefined || !country || !known.getCountries()[country] || (region !== undefined && !regions?.[region])) {
    throw new UserError('invalid', {
      en: `"${quoted(text)}" is not an official calendar kesu knows; use cn (China, with make-up working days) or a country code, with its region if you like (US, DE-BY).`,
      zh: `kesu 没有“${quoted(text)}”这个官方日历；请用 cn（中国，含调休上班日）或国家代码，可加地区（US、DE-BY）。`,
    });
  }
  return { name, read: dateHolidays(region === undefined ? new Holidays(country) : new Holidays(country, region), name), first: null };
}

interface ChineseDaysData {
  readonly holidays: Readonly<Record<string, string>>;
  readonly workdays: Readonly<Record<string, string>>;
}

/** chinese-days' data (its dist/chinese-days.json: each date of a holiday and of a make-up working day, with its festival). */
function chineseDays(): OfficialCalendar {
  const data = JSON.parse(readFileSync(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8')) as ChineseDaysData;
  const source = `chinese-days ${packageVersion('chinese-days')}`;
  const inYear = (dates: Readonly<Record<string, string>>, year: number): LocalDate[] =>
    Object.keys(dates)
      .filter((date) => date.startsWith(`${year}-`))
      .sort() as LocalDate[];
  const read: YearReader = (year) => {
    const holidays = inYear(data.holidays, year);
    // Every year has holidays: a year without any is before the data or not announced yet.
    return holidays.length === 0 ? null : { name: 'cn', year, source, holidays, workdays: inYear(data.workdays, year) };
  };
  return { name: 'cn', read, first: Math.min(...Object.keys(data.holidays).map((date) => Number(date.slice(0, 4)))) };
}

const DAY_MS = 86_400_000;

/** date-holidays' public holidays (not bank holidays, school holidays or observances), a holiday of several days with each day. */
function dateHolidays(calendar: DateHolidays, name: string): YearReader {
  const source = `date-holidays ${packageVersion('date-holidays')}`;
  return (year) => {
    const holidays = new Set<LocalDate>();
    for (const holiday of calendar.getHolidays(year)) {
      if (holiday.type !== 'public') continue;
      const first = holiday.date.slice(0, 10) as LocalDate;
      const days = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS));
      for (let day = 0; day < days; day++) holidays.add(addDays(first, day));
    }
    const dates = [...holidays].filter((date) => date.startsWith(`${year}-`)).sort();
    return dates.length === 0 ? null : { name, year, source, holidays: dates, workdays: [] };
  };
}

/** Years the calendar's package does not have: before its data, or not published yet. */
export function noDataYet({ name, first }: OfficialCalendar, years: readonly number[]): Sentence {
  const early = years.filter((year) => first !== null && year < first);
  const later = years.filter((year) => !early.includes(year)).join(', ');
  const parts: Sentence[] = [];
  if (early.length > 0) parts.push({ en: `The ${name} calendar starts in ${first}; there is none for ${early.join(', ')}.`, zh: `${name} 日历从 ${first} 年开始，没有 ${early.join('、')} 年的数据。` });
  if (later && name === 'cn') {
    parts.push({
      en: `There is no official calendar for ${later} yet: the State Council announces each year's holidays in November, and kesu has them once its chinese-days package is updated (npm update chinese-days).`,
      zh: `${later} 年的官方日历尚未发布：国务院每年 11 月公布次年节假日安排，kesu 的 chinese-days 包更新后（npm update chinese-days）即可加载。`,
    });
  } else if (later) parts.push({ en: `The ${name} calendar has no public holidays for ${later}.`, zh: `${name} 日历在 ${later} 年没有法定节假日。` });
  return { en: parts.map((part) => part.en).join(' '), zh: parts.map((part) => part.zh).join('') };
}

/**
 * The warning for deadlines counted into years the shop's official calendar lacks: how to load
 * each, or that its package has no data for it yet.
 */
export function missingYearsWarning(missing: readonly MissingYear[]): Sentence {
  const sentences = [...new Set(missing.map((year) => year.name))].map((name) => {
    const years = missing.filter((year) => year.name === name).map((year) => year.year);
    const calendar = officialCalendar(name);
    const { read } = calendar;
    const absent = years.filter((year) => read(year) === null);
    const loadable = years.filter((year) => !absent.includes(year));
    const parts: Sentence[] = [];
    if (loadable.length > 0) {
      parts.push({
        en: `A deadline was counted into ${loadable.join(', ')} without ${loadable.length === 1 ? "that year's" : "those years'"} ${name} holidays, which are not loaded: load them with kesu config holidays ${name} ${loadable.join(' ')}.`,
        zh: `有期限计入了 ${loadable.join('、')} 年，但未加载该年的 ${name} 节假日，未予扣除：请用 kesu config holidays ${name} ${loadable.join(' ')} 加载。`,
      });
    }
    if (absent.length > 0) {
      const notYet = noDataYet(calendar, absent);
      parts.push({
        en: `A deadline was counted into ${absent.join(', ')} without ${absent.length === 1 ? "that year's" : "those years'"} ${name} holidays. ${notYet.en}`,
        zh: `有期限计入了 ${absent.join('、')} 年，未扣除该年的 ${name} 节假日。${notYet.zh}`,
      });
    }
    return parts;
  });
  const all = sentences.flat();
  return { en: all.map((part) => part.en).join(' '), zh: all.map((part) => part.zh).join('') };
}

function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
}
