// The shop's policy: calendar, deadlines, category -> department, follow-ups required.
import type { Sentence } from './errors.js';
import { calendarProblems, DEFAULT_CALENDAR, type Calendar } from './calendar.js';
import { DEADLINE_KINDS, DEFAULT_POLICY, durationProblems, type DeadlinePolicy, type Duration } from './deadlines.js';
import { letterTemplateProblems } from './letter.js';
import { standardsProblems, type Standards } from './standards.js';
import { CATEGORIES, MAJOR_CRITERIA, SEVERITIES, type Category, type Lang } from './vocab.js';
import { DEFAULT_NOTIFY, NOTIFY_TYPES, type NotifySettings } from './notify.js';

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
  /** The apology letter's template per language (`kesu letter`); null: the built-in one. */
  readonly letter: { readonly template: { readonly [L in Lang]: string | null } };
  /** The compensation standards (`kesu config set standard.quality.urgent "refund 100"`); none by default. */
  readonly standards: Standards;
  /** Notifications by the shop's own command (`notify.command`, `notify.on`, `notify.phones`). */
  readonly notify: NotifySettings;
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
  letter: { template: { en: null, zh: null } },
  standards: {},
  notify: DEFAULT_NOTIFY,
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
  for (const [lang, template] of Object.entries(settings.letter.template) as [Lang, string | null][]) {
    if (template !== null) problems.push(...letterTemplateProblems(template, lang));
  }
  problems.push(...standardsProblems(settings.standards));
  const unknown = settings.notify.on.filter((type) => !NOTIFY_TYPES.includes(type));
  if (unknown.length > 0) problems.push({ en: `notify.on names ${unknown.join(', ')}, which kesu cannot notify`, zh: `notify.on 中的 ${unknown.join('、')} 不是可通知的事项` });
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
    letter: { template: { ...DEFAULT_SETTINGS.letter.template, ...stored.letter?.template } },
    standards: { ...stored.standards },
    notify: { ...DEFAULT_NOTIFY, ...stored.notify },
    majorCriteria: stored.majorCriteria ?? DEFAULT_SETTINGS.majorCriteria,
    escalateTo: stored.escalateTo ?? null,
  };
}
