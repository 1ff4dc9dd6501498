// Every vocabulary of the procedure: stable codes (stored), labels in English and Chinese (shown),
// and the tolerant parser that accepts codes and labels in any case or width.

export type Lang = 'en' | 'zh';

export const STATUSES = ['open', 'assigned', 'resolved', 'closed'] as const;
export const CHANNELS = ['in-person', 'phone', 'email', 'letter', 'chat', 'social', 'third-party'] as const;
export const CATEGORIES = ['quality', 'service', 'delivery', 'wrong-item', 'after-sales', 'billing', 'facility', 'other'] as const;
export const SEVERITIES = ['normal', 'urgent', 'major'] as const;
export const RESPONSIBILITIES = ['customer', 'store', 'supplier', 'third-party', 'unknown'] as const;
export const COMPENSATION_KINDS = ['refund', 'replacement', 'repair', 'voucher', 'gift', 'none'] as const;
export const FOLLOWUP_METHODS = ['phone', 'visit', 'email', 'message'] as const;
export const SATISFACTIONS = ['1', '2', '3', '4', '5'] as const;
export const CLOSE_REASONS = ['withdrawn', 'unresolved', 'duplicate'] as const;
export const OUTCOMES = ['satisfied', 'unfounded', ...CLOSE_REASONS] as const;
export const LOG_KINDS = ['note', 'call', 'visit', 'finding'] as const;
/** The criteria of a major complaint (重大客诉) every shop starts with; a shop adds its own in words. */
export const MAJOR_CRITERIA = ['product-harm', 'hurt-in-shop', 'valuables-lost', 'press-or-regulator', 'malicious-claim', 'food-poisoning'] as const;
/** Why a complaint was escalated to the manager. */
export const ESCALATION_REASONS = ['major', 'reopened-again', 'deadline-passed', 'by-hand'] as const;
/** Whom a paused complaint waits on (`kesu wait --on`). */
const WAIT_PARTIES = ['customer', 'supplier', 'other'] as const;
const YES_NO = ['yes', 'no'] as const;

export type Status = (typeof STATUSES)[number];
export type Channel = (typeof CHANNELS)[number];
export type Category = (typeof CATEGORIES)[number];
export type Severity = (typeof SEVERITIES)[number];
/** What a complaint is taken as when its form or the person recording it does not say. */
export const DEFAULT_CHANNEL: Channel = 'in-person';
export const DEFAULT_SEVERITY: Severity = 'normal';
export const DEFAULT_FOLLOWUP_METHOD: FollowupMethod = 'phone';
export type Responsibility = (typeof RESPONSIBILITIES)[number];
export type CompensationKind = (typeof COMPENSATION_KINDS)[number];
export type FollowupMethod = (typeof FOLLOWUP_METHODS)[number];
export type CloseReason = (typeof CLOSE_REASONS)[number];
export type Outcome = (typeof OUTCOMES)[number];
export type LogKind = (typeof LOG_KINDS)[number];
export type WaitParty = (typeof WAIT_PARTIES)[number];
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/** The first English and Chinese label of each code are the ones shown; the rest are accepted. */
interface Labels {
  readonly en: readonly string[];
  readonly zh: readonly string[];
}

export interface Vocabulary<C extends string> {
  readonly name: string;
  readonly codes: readonly C[];
  readonly labels: { readonly [K in C]: Labels };
}

function vocabulary<C extends string>(name: string, codes: readonly C[], labels: { [K in C]: Labels }): Vocabulary<C> {
  return { name, codes, labels };
}

export const STATUS = vocabulary('status', STATUSES, {
  open: { en: ['open'], zh: ['待处理', '已受理'] },
  assigned: { en: ['assigned'], zh: ['已指派', '处理中'] },
  resolved: { en: ['resolved'], zh: ['已解决', '待回访'] },
  closed: { en: ['closed'], zh: ['已结案', '已关闭'] },
});

export const CHANNEL = vocabulary('channel', CHANNELS, {
  'in-person': { en: ['in person', 'in-person', 'counter', 'visit'], zh: ['现场', '当面'] },
  phone: { en: ['phone', 'telephone', 'call'], zh: ['电话'] },
  email: { en: ['email', 'e-mail', 'mail'], zh: ['邮件', '电子邮件'] },
  letter: { en: ['letter', 'opinion card', 'card'], zh: ['来信', '信件', '意见单'] },
  chat: { en: ['chat', 'online chat', 'wechat'], zh: ['在线', '聊天', '微信'] },
  social: { en: ['social media', 'social'], zh: ['社交媒体', '网络'] },
  'third-party': { en: ['third party', 'regulator', 'media', 'consumer association'], zh: ['第三方', '媒体', '监管部门', '消协'] },
});

export const CATEGORY = vocabulary('category', CATEGORIES, {
  quality: { en: ['quality', 'product quality'], zh: ['质量', '产品质量'] },
  service: { en: ['service', 'service attitude'], zh: ['服务', '服务态度'] },
  delivery: { en: ['delivery', 'late delivery'], zh: ['配送', '交期', '送货'] },
  'wrong-item': { en: ['wrong item', 'wrong goods', 'wrong quantity', 'missing item'], zh: ['错发', '漏发', '数量'] },
  'after-sales': { en: ['after-sales', 'after sales', 'repair'], zh: ['售后', '维修'] },
  billing: { en: ['billing', 'price', 'charge'], zh: ['账单', '价格', '收费'] },
  facility: { en: ['facility', 'environment', 'premises'], zh: ['设施', '环境'] },
  other: { en: ['other'], zh: ['其他'] },
});

export const SEVERITY = vocabulary('severity', SEVERITIES, {
  normal: { en: ['normal', 'ordinary'], zh: ['一般', '普通'] },
  urgent: { en: ['urgent', 'safety'], zh: ['紧急'] },
  major: { en: ['major', 'serious'], zh: ['重大'] },
});

export const RESPONSIBILITY = vocabulary('responsibility', RESPONSIBILITIES, {
  customer: { en: ['customer'], zh: ['顾客', '客户'] },
  store: { en: ['store', 'shop', 'us'], zh: ['本店', '门店'] },
  supplier: { en: ['supplier', 'manufacturer'], zh: ['供应商', '厂家'] },
  'third-party': { en: ['third party'], zh: ['第三方'] },
  unknown: { en: ['unknown'], zh: ['不明'] },
});

export const COMPENSATION_KIND = vocabulary('compensation kind', COMPENSATION_KINDS, {
  refund: { en: ['refund'], zh: ['退款'] },
  replacement: { en: ['replacement', 'exchange'], zh: ['换货', '更换'] },
  repair: { en: ['repair'], zh: ['维修'] },
  voucher: { en: ['voucher', 'coupon'], zh: ['代金券', '优惠券'] },
  gift: { en: ['gift'], zh: ['赠品', '礼品'] },
  none: { en: ['none'], zh: ['无'] },
});

export const FOLLOWUP_METHOD = vocabulary('follow-up method', FOLLOWUP_METHODS, {
  phone: { en: ['phone', 'call'], zh: ['电话'] },
  visit: { en: ['visit'], zh: ['上门', '拜访'] },
  email: { en: ['email', 'e-mail'], zh: ['邮件'] },
  message: { en: ['message', 'text', 'sms'], zh: ['短信', '消息'] },
});

export const SATISFACTION = vocabulary('satisfaction', SATISFACTIONS, {
  '1': { en: ['very dissatisfied'], zh: ['非常不满意'] },
  '2': { en: ['dissatisfied'], zh: ['不满意'] },
  '3': { en: ['neutral'], zh: ['一般'] },
  '4': { en: ['satisfied'], zh: ['满意'] },
  '5': { en: ['very satisfied'], zh: ['非常满意'] },
});

export type Satisfaction = (typeof SATISFACTIONS)[number];

/** The ends of the satisfaction scale, as messages and help name it. */
export const SATISFACTION_SCALE: { readonly lowest: Satisfaction; readonly highest: Satisfaction } = {
  lowest: SATISFACTIONS[0],
  highest: SATISFACTIONS.at(-1)!,
};

/**
 * The satisfaction from which a follow-up counts as satisfied (4, satisfied, and 5): it counts
 * towards closing, a lower one reopens the complaint, and the report's satisfied share counts it.
 */
export const SATISFIED_FROM = 4;

export const CLOSE_REASON = vocabulary('close reason', CLOSE_REASONS, {
  // The first Chinese label is the one shown; the others are read too (forms typed before).
  withdrawn: { en: ['withdrawn'], zh: ['客户撤诉', '撤回', '顾客撤诉'] },
  unresolved: { en: ['unresolved'], zh: ['未能解决', '未解决'] },
  duplicate: { en: ['duplicate'], zh: ['重复投诉', '重复'] },
});

export const OUTCOME = vocabulary('outcome', OUTCOMES, {
  satisfied: { en: ['satisfied'], zh: ['客户满意', '满意结案'] },
  unfounded: { en: ['unfounded'], zh: ['投诉不成立'] },
  withdrawn: CLOSE_REASON.labels.withdrawn,
  unresolved: CLOSE_REASON.labels.unresolved,
  duplicate: CLOSE_REASON.labels.duplicate,
});

/** The word a status filter takes for every status (list --status all). */
export const ALL_STATUSES = vocabulary('status filter', ['all'] as const, {
  all: { en: ['all'], zh: ['全部', '所有'] },
});

/** The word a status filter takes for the complaints voided (list --status voided), whatever their status. */
export const VOIDED_STATUS = vocabulary('status filter', ['voided'] as const, {
  voided: { en: ['voided', 'void'], zh: ['已作废', '作废'] },
});

export const LOG_KIND = vocabulary('entry kind', LOG_KINDS, {
  note: { en: ['note'], zh: ['备注', '记录'] },
  call: { en: ['call', 'phone call'], zh: ['通话', '电话'] },
  visit: { en: ['visit'], zh: ['走访', '上门'] },
  finding: { en: ['finding', 'investigation'], zh: ['调查', '调查结果'] },
});

export const WAIT_PARTY = vocabulary('waiting party', WAIT_PARTIES, {
  customer: { en: ['the customer', 'customer'], zh: ['客户'] },
  supplier: { en: ['a supplier', 'supplier', 'manufacturer'], zh: ['供应商', '厂家'] },
  other: { en: ['someone else', 'other', 'others'], zh: ['其他'] },
});

export const MAJOR_CRITERION = vocabulary('major criterion', MAJOR_CRITERIA, {
  'product-harm': { en: ['injury or property loss caused by what was sold', 'product harm'], zh: ['所售商品造成人身伤害或财产损失', '商品致害'] },
  'hurt-in-shop': { en: ['a customer hurt in the shop', 'hurt in the shop'], zh: ['顾客在店内受伤', '店内受伤'] },
  'valuables-lost': { en: ['valuables lost at the service desk', 'valuables lost'], zh: ['服务台寄存的贵重物品丢失', '贵重物品丢失'] },
  'press-or-regulator': { en: ['raised through the press or a regulator', 'press or regulator', 'press', 'regulator'], zh: ['经媒体或监管部门投诉', '媒体或监管部门'] },
  'malicious-claim': { en: ['a malicious claim', 'malicious claim'], zh: ['恶意索赔'] },
  'food-poisoning': { en: ['food poisoning'], zh: ['食物中毒'] },
});

export const ESCALATION_REASON = vocabulary('escalation reason', ESCALATION_REASONS, {
  major: { en: ['a major complaint'], zh: ['重大投诉'] },
  'reopened-again': { en: ['reopened a second time'], zh: ['再次重新处理'] },
  'deadline-passed': { en: ['a deadline of a major complaint passed'], zh: ['重大投诉超过期限'] },
  'by-hand': { en: ['escalated by hand'], zh: ['人工升级'] },
});

export const YES_NO_ANSWER = vocabulary('yes/no', YES_NO, {
  yes: { en: ['yes', 'y', 'true'], zh: ['是', '属实', '成立'] },
  no: { en: ['no', 'n', 'false'], zh: ['否', '不属实', '不成立'] },
});

/** Full-width to half-width (NFKC), trimmed, lower case, with `_` and runs of spaces read as `-`-free words. */
export function normalizeInput(text: string): string {
  return looseText(text).replace(/[\s_]+/g, ' ');
}

/** Text compared without regard to case, width and spacing. */
export function looseText(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

const lookupCache = new WeakMap<Vocabulary<string>, Map<string, string>>();

function lookupTable<C extends string>(vocab: Vocabulary<C>): Map<string, C> {
  let table = lookupCache.get(vocab) as Map<string, C> | undefined;
  if (!table) {
    table = new Map();
    for (const code of vocab.codes) {
      const keys = [code, code.replace(/-/g, ' '), ...vocab.labels[code].en, ...vocab.labels[code].zh];
      for (const key of keys) {
        const normal = normalizeInput(key);
        if (!table.has(normal)) table.set(normal, code);
        if (!table.has(normal.replace(/[ -]/g, ''))) table.set(normal.replace(/[ -]/g, ''), code);
      }
    }
    lookupCache.set(vocab, table);
  }
  return table;
}

/** The code meant by `text` (a code, an English or Chinese label, any case or width), or undefined. */
export function parseCode<C extends string>(vocab: Vocabulary<C>, text: string): C | undefined {
  const normal = normalizeInput(text);
  const table = lookupTable(vocab);
  return table.get(normal) ?? table.get(normal.replace(/[ -]/g, ''));
}

/** The label shown for a code in the given language. */
export function labelOf<C extends string>(vocab: Vocabulary<C>, code: C, lang: Lang): string {
  // A code no vocabulary has (a record changed outside kesu) is shown as it is.
  return vocab.labels[code]?.[lang][0] ?? code;
}

/** "quality, service, …" — the accepted codes, for error messages. */
export function describeCodes<C extends string>(vocab: Vocabulary<C>): string {
  return vocab.codes.join(', ');
}

/**
 * The codes as a choice in a sentence: "refund, replacement, repair, voucher, gift or none" in
 * English, the shown labels "退款、换货、维修、代金券、赠品或无" in Chinese.
 */
export function describeChoice<C extends string>(vocab: Vocabulary<C>, lang: Lang): string {
  return alternatives(lang === 'en' ? vocab.codes : vocab.codes.map((code) => labelOf(vocab, code, 'zh')), lang);
}

/** "a, b or c" / "甲、乙或丙". */
export function alternatives(words: readonly string[], lang: Lang): string {
  const last = words.at(-1) ?? '';
  if (words.length < 2) return last;
  return lang === 'en' ? `${words.slice(0, -1).join(', ')} or ${last}` : `${words.slice(0, -1).join('、')}或${last}`;
}

export function isCode<C extends string>(vocab: Vocabulary<C>, value: unknown): value is C {
  return typeof value === 'string' && (vocab.codes as readonly string[]).includes(value);
}
