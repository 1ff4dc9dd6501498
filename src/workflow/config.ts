// Changing the shop's policy by name, as `kesu config set|add|remove` does, with every value checked.
import { DEADLINE_KINDS, parseDuration, type DeadlineKind } from './deadlines.js';
import type { OfficialYear } from './calendar.js';
import { invalid } from './errors.js';
import { normalizeTemplate } from './letter.js';
import { settingsProblems, SHOP_FIELDS, type Settings } from './settings.js';
import { parseStandard, standardKey } from './standards.js';
import { checkText } from './transitions.js';
import { parseNotifyOn, type NotifySettings } from './notify.js';
import { addDays, readDateTime, weekdayOf, type LocalDate } from './time.js';
import { quoted } from './text.js';
import { CATEGORY, COMPENSATION_KIND, MAJOR_CRITERION, parseCode, SEVERITY, describeCodes, looseText } from './vocab.js';

const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY_NAMES = {
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  zh: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
};

/** `kesu config set KEY VALUE`. */
export function setSetting(settings: Settings, key: string, value: string): Settings {
  const [head, first, second] = key.toLowerCase().split('.');
  let next: Settings | undefined;
  if (head === 'workweek' && first === undefined) {
    next = { ...settings, calendar: { ...settings.calendar, workweek: parseWorkweek(value) } };
  } else if (head === 'by' && first === undefined) {
    const name = settingText(value, key, 'by');
    next = { ...settings, defaultActor: name === '' ? null : name };
  } else if (head === 'shop' && (SHOP_FIELDS as readonly string[]).includes(first ?? '') && second === undefined) {
    // One line each, as the slip prints it; "" takes it off the slip.
    const text = settingText(value, key, 'department');
    next = { ...settings, shop: { ...settings.shop, [first!]: text === '' ? null : text } };
  } else if (head === 'letter' && first === 'template') {
    // The template's text (the shell reads it from the file named); "" restores the built-in one.
    if (second !== 'en' && second !== 'zh') {
      throw invalid(`Say which language's letter: letter.template.en or letter.template.zh.`, `请指明哪种语言的信件：letter.template.en 或 letter.template.zh。`);
    }
    const template = value === '' ? null : normalizeTemplate(value);
    next = { ...settings, letter: { template: { ...settings.letter.template, [second]: template } } };
  } else if (head === 'notify' && second === undefined && (first === 'command' || first === 'on' || first === 'phones')) {
    next = { ...settings, notify: notifySetting(settings.notify, first, value, key) };
  } else if (head === 'escalate' && first === 'to' && second === undefined) {
    // One name, as --to names an assignee; "" is the store manager again.
    const name = settingText(value, key, 'by');
    next = { ...settings, escalateTo: name === '' ? null : name };
  } else if (head === 'wait' && first === 'max' && second === undefined) {
    next = { ...settings, waitMax: duration(value) };
  } else if (head === 'deadline' && first === 'next-followup' && second === undefined) {
    next = { ...settings, policy: { ...settings.policy, nextFollowup: duration(value) } };
  } else if (head === 'deadline' && (DEADLINE_KINDS as readonly string[]).includes(first ?? '') && second !== undefined) {
    const kind = first as DeadlineKind;
    const severity = parseCode(SEVERITY, second);
    if (severity) {
      next = { ...settings, policy: { ...settings.policy, [kind]: { ...settings.policy[kind], [severity]: duration(value) } } };
    }
  } else if (head === 'standard' && first !== undefined && second !== undefined && key.split('.').length === 3) {
    next = withStandard(settings, first, second, value);
  } else if ((head === 'department' || head === 'followups') && first !== undefined && second === undefined) {
    const category = parseCode(CATEGORY, first);
    if (!category) throw invalid(`"${first}" is not a category; use one of: ${describeCodes(CATEGORY)}.`, `“${first}”不是投诉类别；可用：${describeCodes(CATEGORY)}。`);
    next =
      head === 'department'
        ? { ...settings, departments: { ...settings.departments, [category]: settingText(value, key, 'department') } }
        : { ...settings, followupsRequired: { ...settings.followupsRequired, [category]: wholeNumber(value) } };
  }
  if (!next) {
    throw invalid(
      `There is no setting "${key}"; kesu config lists them (workweek, by, shop.name, deadline.answer.normal, wait.max, department.quality, followups.quality, …).`,
      `没有名为“${key}”的设置；kesu config 会列出全部设置（workweek、by、shop.name、deadline.answer.normal、wait.max、department.quality、followups.quality 等）。`,
    );
  }
  return checked(next);
}

/** `kesu config set standard.<category>.<severity> "refund 100"`; "" removes it. */
function withStandard(settings: Settings, category: string, severity: string, value: string): Settings {
  const key = standardKey(category, severity);
  if (key === undefined) {
    throw invalid(
      `"standard.${category}.${severity}" names no category and severity; write it like standard.quality.urgent, with * for any (${describeCodes(CATEGORY)}; ${describeCodes(SEVERITY)}).`,
      `“standard.${category}.${severity}”不是有效的类别和严重程度；请写成 standard.quality.urgent，* 表示任意（${describeCodes(CATEGORY)}；${describeCodes(SEVERITY)}）。`,
    );
  }
  const { [key]: _old, ...others } = settings.standards;
  if (value.trim() === '') return { ...settings, standards: others };
  const standard = parseStandard(value);
  if (standard === undefined) {
    throw invalid(
      `"${quoted(value)}" is not a compensation standard; write the kind and the most paid without approval, like "refund 100" (kinds: ${describeCodes(COMPENSATION_KIND)}).`,
      `“${quoted(value)}”不是有效的赔付标准；请写赔付方式和无需审批的最高金额，例如“退款 100”（方式：${describeCodes(COMPENSATION_KIND)}）。`,
    );
  }
  return { ...settings, standards: { ...others, [key]: standard } };
}

/**
 * A name given to a setting, checked as the command that uses it checks it (who does a step, a
 * department: one line of plain text), trimmed; a refusal names the setting.
 */
function settingText(value: string, key: string, field: 'by' | 'department'): string {
  return checkText(value, field, () => ({ en: `the value of ${key}`, zh: `${key} 的值`, flag: null })) ?? '';
}

/** `notify.command` ("" removes it), `notify.on` (a comma list), `notify.phones yes|no`. */
function notifySetting(notify: NotifySettings, field: 'command' | 'on' | 'phones', value: string, key: string): NotifySettings {
  if (field === 'on') return { ...notify, on: parseNotifyOn(value) };
  if (field === 'phones') return { ...notify, phones: yesOrNo(value, key) };
  const command = settingText(value, key, 'department');
  return { ...notify, command: command === '' ? null : command };
}

function yesOrNo(text: string, key: string): boolean {
  const word = text.normalize('NFKC').trim().toLowerCase();
  if (['yes', 'y', 'true', '是'].includes(word)) return true;
  if (['no', 'n', 'false', '否'].includes(word)) return false;
  throw invalid(`"${quoted(text)}" is not a value of ${key}; give yes or no.`, `“${quoted(text)}”不是 ${key} 的有效值；请写 yes 或 no。`);
}

/**
 * `kesu config add|remove major.criterion TEXT`: a criterion of a major complaint in the shop's
 * words, or one of those every shop starts with (by its code or its words), added or removed.
 */
export function changeMajorCriteria(settings: Settings, change: 'add' | 'remove', text: string): Settings {
  const key = 'major.criterion';
  const words = settingText(text, key, 'department');
  if (words === '') throw invalid('Give the criterion in words, e.g. kesu config add major.criterion "a child hurt".', '请用文字给出标准，例如 kesu config add major.criterion "儿童受伤"。');
  const criterion = parseCode(MAJOR_CRITERION, words) ?? words;
  const same = (entry: string): boolean => entry === criterion || looseText(entry) === looseText(criterion);
  const present = settings.majorCriteria.some(same);
  if (change === 'add' && present) throw invalid(`"${words}" is already a criterion of a major complaint; kesu config lists them.`, `“${words}”已是重大投诉标准；kesu config 会列出全部标准。`);
  if (change === 'remove' && !present) throw invalid(`"${words}" is not a criterion of a major complaint; kesu config lists them.`, `“${words}”不是重大投诉标准；kesu config 会列出全部标准。`);
  const majorCriteria = change === 'add' ? [...settings.majorCriteria, criterion] : settings.majorCriteria.filter((entry) => !same(entry));
  return checked({ ...settings, majorCriteria });
}

export type DayList = 'holiday' | 'workday';

/** `kesu config add|remove holiday|workday DATES` — dates, lists and ranges like 2026-10-01..2026-10-07. */
export function changeDays(settings: Settings, list: DayList, change: 'add' | 'remove', datesText: string): Settings {
  const dates = parseDates(datesText);
  const field = list === 'holiday' ? 'holidays' : 'extraWorkdays';
  const current = new Set(settings.calendar[field]);
  // A date that cannot be meant as typed is most likely a typo for another: said, not stored.
  const missing = change === 'remove' ? dates.find((date) => !current.has(date)) : undefined;
  if (missing) {
    throw invalid(
      `${missing} is not in the ${list === 'holiday' ? 'holidays' : 'make-up working days'}, so there is nothing to remove; kesu config lists them.`,
      `${missing} 不在${list === 'holiday' ? '节假日' : '调休上班日'}列表中，无需移除；kesu config 会列出该列表。`,
    );
  }
  for (const date of dates) {
    if (change === 'add') current.add(date);
    else current.delete(date);
  }
  const other = list === 'holiday' ? 'extraWorkdays' : 'holidays';
  const clash = change === 'add' ? dates.find((date) => settings.calendar[other].includes(date)) : undefined;
  if (clash) {
    throw invalid(
      `${clash} is already a ${list === 'holiday' ? 'make-up working day' : 'holiday'}; remove it from that list first.`,
      `${clash} 已设为${list === 'holiday' ? '调休上班日' : '节假日'}；请先从该列表中移除。`,
    );
  }
  const open = change === 'add' && list === 'workday' ? dates.find((date) => settings.calendar.workweek.includes(weekdayOf(date))) : undefined;
  if (open) {
    const [en, zh] = [DAY_NAMES.en[weekdayOf(open)], DAY_NAMES.zh[weekdayOf(open)]];
    throw invalid(
      `${open} is a ${en}, a working day already; a make-up working day is one the shop is usually closed on, so check the date.`,
      `${open} 是${zh}，本来就是工作日；调休上班日应是平时不营业的日子，请检查日期。`,
    );
  }
  return checked({ ...settings, calendar: { ...settings.calendar, [field]: [...current].sort() } });
}

/**
 * `kesu config holidays NAME [YEAR…]`: the years given, copied in; a year already loaded is
 * replaced (a reload). One official calendar at a time: a shop follows one country's.
 */
export function loadOfficialYears(settings: Settings, years: readonly OfficialYear[]): Settings {
  const other = settings.calendar.official.find((loaded) => years.some((year) => year.name !== loaded.name));
  if (other) {
    throw invalid(
      `The shop follows the ${other.name} calendar; remove it first with kesu config remove holidays ${other.name}.`,
      `本店使用 ${other.name} 日历；请先用 kesu config remove holidays ${other.name} 移除它。`,
    );
  }
  const replaced = new Set(years.map((year) => year.year));
  const official = [...settings.calendar.official.filter((loaded) => !replaced.has(loaded.year)), ...years].sort((a, b) => a.year - b.year);
  return checked({ ...settings, calendar: { ...settings.calendar, official } });
}

/** `kesu config remove holidays NAME [YEAR…]`: those years of the official calendar, or all of them; the dates typed by hand stay. */
export function removeOfficialYears(settings: Settings, name: string, years: readonly number[]): Settings {
  const loaded = settings.calendar.official.filter((official) => official.name === name.toUpperCase() || official.name === name.toLowerCase());
  const notLoaded = years.find((year) => !loaded.some((official) => official.year === year));
  if (loaded.length === 0 || notLoaded !== undefined) {
    const what = notLoaded === undefined ? name : `${name} ${notLoaded}`;
    throw invalid(`The ${what} calendar is not loaded, so there is nothing to remove; kesu config lists what is.`, `未加载 ${what} 日历，无需移除；kesu config 会列出已加载的日历。`);
  }
  const removed = new Set(years.length === 0 ? loaded.map((official) => official.year) : years);
  const official = settings.calendar.official.filter((entry) => !(loaded.includes(entry) && removed.has(entry.year)));
  return checked({ ...settings, calendar: { ...settings.calendar, official } });
}

function parseWorkweek(text: string): number[] {
  const days = new Set<number>();
  for (const part of text.normalize('NFKC').toLowerCase().split(/[,，、\s]+/).filter(Boolean)) {
    const [from, to] = part.split('-').map(weekday);
    if (from === undefined || (part.includes('-') && to === undefined)) {
      throw invalid(
        `"${text}" is not a list of weekdays; write it like mon-fri, mon-sat or 1,2,3,4,5 (0 = Sunday).`,
        `“${text}”不是有效的工作日列表；请写成 mon-fri、mon-sat 或 1,2,3,4,5（0 表示周日）。`,
      );
    }
    for (let day = from; ; day = (day + 1) % 7) {
      days.add(day);
      if (to === undefined || day === to) break;
    }
  }
  return [...days].sort();
}

/** A weekday as people write it: 0–6 (0 = Sunday), mon or monday, 周一 or 星期一; nothing else (a typo is refused, not read as its first letters). */
function weekday(text: string): number | undefined {
  if (/^[0-6]$/.test(text)) return Number(text);
  const named = WEEKDAY_NAMES.findIndex((name, day) => text === name || text === DAY_NAMES.en[day]!.toLowerCase());
  if (named !== -1) return named;
  const chinese = /^(?:周|星期|礼拜)([日天一二三四五六])$/.exec(text);
  return chinese ? '日一二三四五六'.indexOf(chinese[1] === '天' ? '日' : chinese[1]!) : undefined;
}

/** Plain decimal digits (full-width too), else NaN, which the settings' check refuses: 0x2, 1e1 and 2.0 are not counts. */
function wholeNumber(text: string): number {
  const digits = text.normalize('NFKC').trim();
  return /^[0-9]{1,3}$/.test(digits) ? Number(digits) : Number.NaN;
}

function duration(text: string) {
  const parsed = parseDuration(text);
  if (!parsed) {
    throw invalid(`"${text}" is not a deadline; write it like 5d (working days) or 24h (hours).`, `“${text}”不是有效的期限；请写成 5d（工作日）或 24h（小时）。`);
  }
  return parsed;
}

function parseDates(text: string): LocalDate[] {
  const dates: LocalDate[] = [];
  for (const part of text.normalize('NFKC').split(/[,\s]+/).filter(Boolean)) {
    const [from, to] = part.split('..').map(readDate);
    if (!from || (part.includes('..') && !to)) {
      throw invalid(`"${part}" is not a date or range; write it like 2026-10-01 or 2026-10-01..2026-10-07.`, `“${part}”不是日期或日期范围；请写成 2026-10-01 或 2026-10-01..2026-10-07。`);
    }
    const last = to ?? from;
    if (last < from || dates.length > 400) throw invalid(`The range ${part} runs backwards or is too long.`, `日期范围 ${part} 顺序颠倒或过长。`);
    for (let date = from; date <= last; date = addDays(date, 1)) dates.push(date);
  }
  return dates;
}

function readDate(text: string): LocalDate | undefined {
  const reading = readDateTime(text);
  // A date without a time: readDateTime has checked it is a real day.
  return reading.ok && reading.wall.time === null ? reading.wall.date : undefined;
}

function checked(settings: Settings): Settings {
  const problems = settingsProblems(settings);
  if (problems.length) {
    throw invalid(
      `That setting cannot be used: ${problems.map((p) => p.en).join('; ')}.`,
      `该设置无法使用：${problems.map((p) => p.zh).join('；')}。`,
    );
  }
  return settings;
}
