// The shop's policy: calendar, deadlines, category -> department, follow-ups required.
import type { Sentence } from './errors.js';
import { calendarProblems, DEFAULT_CALENDAR, type Calendar } from './calendar.js';
import { DEADLINE_KINDS, DEFAULT_POLICY, durationProblems, type DeadlinePolicy, type Duration } from './deadlines.js';
import { CATEGORIES, MAJOR_CRITERIA, SEVERITIES, type Category } from './vocab.js';

export interface Settings {
  readonly calendar: Calendar;
  readonly policy: DeadlinePolicy;
  readonly departments: { readonly [C in Category]: string };
  readonly followupsRequired: { readonly [C in Category]: number };
  /** Who records things when --by is not given; null means the operating-system user. */
  readonly defaultActor: string | null;
  /** The shop as its acknowledgement slip names it (`kesu slip`); null: not said on the slip. */
  readonly shop: ShopDetails;
  /** How long a complaint may wait on someone (`kesu wait`) before `due` asks for a decision. */
  readonly waitMax: Duration;
  /**
   * What makes a complaint major, as `open` lists them on a terminal: the codes of the criteria every
   * shop starts with (vocab.ts MAJOR_CRITERIA) and the shop's own, in its words.
   */
  readonly majorCriteria: readonly string[];
  /** Whom a complaint is escalated to (`escalate.to`); null: the store manager. */
  readonly escalateTo: string | null;
}

export interface ShopDetails {
  readonly name: string | null;
  readonly address: string | null;
  readonly phone: string | null;
}

export const SHOP_FIELDS = ['name', 'address', 'phone'] as const;

/** The criteria of a major complaint a terminal lists for one choice: a screen's worth. */
const MAX_CRITERIA = 20;

/** What the slip's heading holds: a line of a receipt, a few at most, not a page. */
const SHOP_DETAIL_MAX = 200;

export const DEFAULT_SETTINGS: Settings = {
  calendar: DEFAULT_CALENDAR,
  policy: DEFAULT_POLICY,
  departments: {
    quality: 'QC',
    service: 'front desk',
    delivery: 'logistics',
    'wrong-item': 'warehouse',
    'after-sales': 'after-sales',
    billing: 'accounts',
    facility: 'facilities',
    other: 'front desk',
  },
  followupsRequired: {
    quality: 2,
    service: 1,
    delivery: 1,
    'wrong-item': 1,
    'after-sales': 1,
    billing: 1,
    facility: 1,
    other: 1,
  },
  defaultActor: null,
  shop: { name: null, address: null, phone: null },
  waitMax: { amount: 10, unit: 'workdays' },
  majorCriteria: MAJOR_CRITERIA,
  escalateTo: null,
};

/** Every problem with a set of settings, as sentences; empty when they are valid. */
export function settingsProblems(settings: Settings): Sentence[] {
  const problems = calendarProblems(settings.calendar);
  for (const kind of DEADLINE_KINDS) {
    for (const severity of SEVERITIES) problems.push(...durationProblems(settings.policy[kind][severity]));
  }
  problems.push(...durationProblems(settings.policy.nextFollowup));
  problems.push(...durationProblems(settings.waitMax));
  for (const category of CATEGORIES) {
    const required = settings.followupsRequired[category];
    if (!Number.isInteger(required) || required < 1 || required > 10) {
      problems.push({
        en: `follow-ups required for ${category} must be a whole number from 1 to 10`,
        zh: `${category} 所需满意回访次数须为 1 到 10 的整数`,
      });
    }
    if (!settings.departments[category]?.trim()) problems.push({ en: `the department for ${category} must not be empty`, zh: `${category} 的责任部门不能为空` });
  }
  if (settings.majorCriteria.length > MAX_CRITERIA) problems.push({ en: `at most ${MAX_CRITERIA} criteria of a major complaint`, zh: `重大投诉标准最多 ${MAX_CRITERIA} 条` });
  for (const field of SHOP_FIELDS) {
    const length = [...(settings.shop[field] ?? '')].length;
    if (length > SHOP_DETAIL_MAX) problems.push({ en: `shop.${field} must be at most ${SHOP_DETAIL_MAX} characters, not ${length}`, zh: `shop.${field} 最多 ${SHOP_DETAIL_MAX} 个字符，而不是 ${length} 个` });
  }
  return problems;
}

/** Stored settings merged over the defaults, so a setting added in a later version has a value. */
export function withDefaults(stored: Partial<Settings>): Settings {
  return {
    calendar: { ...DEFAULT_SETTINGS.calendar, ...stored.calendar },
    policy: {
      answer: { ...DEFAULT_POLICY.answer, ...stored.policy?.answer },
      solution: { ...DEFAULT_POLICY.solution, ...stored.policy?.solution },
      followup: { ...DEFAULT_POLICY.followup, ...stored.policy?.followup },
      nextFollowup: stored.policy?.nextFollowup ?? DEFAULT_POLICY.nextFollowup,
    },
    departments: { ...DEFAULT_SETTINGS.departments, ...stored.departments },
    followupsRequired: { ...DEFAULT_SETTINGS.followupsRequired, ...stored.followupsRequired },
    defaultActor: stored.defaultActor ?? null,
    shop: { ...DEFAULT_SETTINGS.shop, ...stored.shop },
    waitMax: stored.waitMax ?? DEFAULT_SETTINGS.waitMax,
    majorCriteria: stored.majorCriteria ?? DEFAULT_SETTINGS.majorCriteria,
    escalateTo: stored.escalateTo ?? null,
  };
}
