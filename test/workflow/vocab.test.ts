import { describe, expect, it } from 'vitest';
import {
  ALL_STATUSES,
  alternatives,
  describeChoice,
  SATISFACTION_SCALE,
  SATISFIED_FROM,
  CATEGORIES,
  CATEGORY,
  CHANNEL,
  CHANNELS,
  COMPENSATION_KIND,
  COMPENSATION_KINDS,
  describeCodes,
  FOLLOWUP_METHOD,
  FOLLOWUP_METHODS,
  isCode,
  labelOf,
  normalizeInput,
  parseCode,
  RESPONSIBILITIES,
  RESPONSIBILITY,
  SATISFACTION,
  SATISFACTIONS,
  SEVERITIES,
  SEVERITY,
  STATUS,
  STATUSES,
  CLOSE_REASON,
  YES_NO_ANSWER,
  LOG_KIND,
  OUTCOME,
  OUTCOMES,
  LOG_KINDS,
  CLOSE_REASONS,
  type Vocabulary,
} from '../../src/workflow/vocab.js';

// The Chinese labels the spec's "Vocabularies" table promises, copied from it verbatim.
const SPEC_CHINESE_LABELS: [string, Vocabulary<string>, Record<string, string[]>][] = [
  [
    'channel',
    CHANNEL,
    {
      'in-person': ['现场', '当面'],
      phone: ['电话'],
      email: ['邮件', '电子邮件'],
      letter: ['来信', '信件', '意见单'],
      chat: ['在线', '聊天', '微信'],
      social: ['社交媒体', '网络'],
      'third-party': ['第三方', '媒体', '监管部门'],
    },
  ],
  [
    'category',
    CATEGORY,
    {
      quality: ['质量', '产品质量'],
      service: ['服务', '服务态度'],
      delivery: ['交期', '配送', '送货'],
      'wrong-item': ['错发', '漏发', '数量'],
      'after-sales': ['售后', '维修'],
      billing: ['价格', '账单', '收费'],
      facility: ['环境', '设施'],
      other: ['其他'],
    },
  ],
  ['severity', SEVERITY, { normal: ['一般', '普通'], urgent: ['紧急'], major: ['重大'] }],
  [
    'responsibility',
    RESPONSIBILITY,
    {
      customer: ['顾客', '客户'],
      store: ['本店', '门店'],
      supplier: ['供应商', '厂家'],
      'third-party': ['第三方'],
      unknown: ['不明'],
    },
  ],
  [
    'compensation kind',
    COMPENSATION_KIND,
    {
      refund: ['退款'],
      replacement: ['换货', '更换'],
      repair: ['维修'],
      voucher: ['代金券', '优惠券'],
      gift: ['赠品', '礼品'],
      none: ['无'],
    },
  ],
  ['follow-up method', FOLLOWUP_METHOD, { phone: ['电话'], visit: ['上门', '拜访'], email: ['邮件'], message: ['短信', '消息'] }],
  ['satisfaction', SATISFACTION, { '1': ['非常不满意'], '2': ['不满意'], '3': ['一般'], '4': ['满意'], '5': ['非常满意'] }],
];

const cases = SPEC_CHINESE_LABELS.flatMap(([name, vocab, labels]) =>
  Object.entries(labels).flatMap(([code, zh]) => zh.map((label) => ({ name, vocab, code, label }))),
);

describe('parseCode: the Chinese labels of the spec', () => {
  it.each(cases)('$name: $label → $code', ({ vocab, code, label }) => {
    expect(parseCode(vocab, label)).toBe(code);
  });

  it('covers every code of every vocabulary in the table', () => {
    const all: [Vocabulary<string>, readonly string[]][] = [
      [CHANNEL, CHANNELS],
      [CATEGORY, CATEGORIES],
      [SEVERITY, SEVERITIES],
      [RESPONSIBILITY, RESPONSIBILITIES],
      [COMPENSATION_KIND, COMPENSATION_KINDS],
      [FOLLOWUP_METHOD, FOLLOWUP_METHODS],
      [SATISFACTION, SATISFACTIONS],
    ];
    for (const [vocab, codes] of all) {
      const inTable = SPEC_CHINESE_LABELS.find(([, v]) => v === vocab)?.[2] ?? {};
      expect(Object.keys(inTable).sort(), vocab.name).toEqual([...codes].sort());
    }
  });

  it('accepts Chinese labels with surrounding and full-width spaces', () => {
    expect(parseCode(CATEGORY, '　质量 ')).toBe('quality');
  });
});

describe('parseCode: codes and English labels', () => {
  const vocabularies: Vocabulary<string>[] = [
    STATUS,
    CHANNEL,
    CATEGORY,
    SEVERITY,
    RESPONSIBILITY,
    COMPENSATION_KIND,
    FOLLOWUP_METHOD,
    SATISFACTION,
    CLOSE_REASON,
    OUTCOME,
    LOG_KIND,
    YES_NO_ANSWER,
  ];

  it.each(vocabularies.map((vocab) => ({ name: vocab.name, vocab })))('every $name code parses to itself', ({ vocab }) => {
    for (const code of vocab.codes) expect(parseCode(vocab, code)).toBe(code);
  });

  it.each(vocabularies.map((vocab) => ({ name: vocab.name, vocab })))('every $name label, in en and zh, parses to its code', ({ vocab }) => {
    for (const code of vocab.codes) {
      const labels = vocab.labels[code];
      expect(labels, `${vocab.name} ${code}`).toBeDefined();
      for (const label of [...(labels?.en ?? []), ...(labels?.zh ?? [])]) {
        expect(parseCode(vocab, label), `${vocab.name} "${label}"`).toBe(code);
      }
    }
  });

  it.each([
    [CATEGORY, 'QUALITY', 'quality'],
    [CATEGORY, 'Quality', 'quality'],
    [CATEGORY, 'ＱＵＡＬＩＴＹ', 'quality'],
    [CATEGORY, 'ＷＲＯＮＧ－ＩＴＥＭ', 'wrong-item'],
    [CATEGORY, 'wrong_item', 'wrong-item'],
    [CATEGORY, 'Wrong Item', 'wrong-item'],
    [CATEGORY, 'wrong  item', 'wrong-item'],
    [CATEGORY, 'WRONG-ITEM', 'wrong-item'],
    [CATEGORY, 'wrongitem', 'wrong-item'],
    [CATEGORY, 'After Sales', 'after-sales'],
    [CATEGORY, 'Product Quality', 'quality'],
    [CHANNEL, 'In Person', 'in-person'],
    [CHANNEL, 'IN_PERSON', 'in-person'],
    [CHANNEL, 'Third Party', 'third-party'],
    [CHANNEL, 'E-Mail', 'email'],
    [CHANNEL, 'Social Media', 'social'],
    [SEVERITY, ' Major ', 'major'],
    [SATISFACTION, '５', '5'],
    [SATISFACTION, 'Very Satisfied', '5'],
    [FOLLOWUP_METHOD, 'SMS', 'message'],
    [YES_NO_ANSWER, 'Y', 'yes'],
  ] as const)('%s: "%s" → %s', (vocab, text, code) => {
    expect(parseCode(vocab as Vocabulary<string>, text)).toBe(code);
  });

  it.each([
    [CATEGORY, 'banana'],
    [CATEGORY, ''],
    [CATEGORY, '   '],
    [CATEGORY, 'qualityx'],
    [CATEGORY, '电话'],
    [CHANNEL, '质量'],
    [SEVERITY, 'critical'],
    [SATISFACTION, '6'],
    [SATISFACTION, '0'],
    [COMPENSATION_KIND, 'cash'],
  ] as const)('%s: unknown text "%s" gives undefined', (vocab, text) => {
    expect(parseCode(vocab as Vocabulary<string>, text)).toBeUndefined();
  });

  it('reads the same label in different vocabularies as their own codes', () => {
    expect(parseCode(SEVERITY, '一般')).toBe('normal');
    expect(parseCode(SATISFACTION, '一般')).toBe('3');
    expect(parseCode(CATEGORY, '维修')).toBe('after-sales');
    expect(parseCode(COMPENSATION_KIND, '维修')).toBe('repair');
  });
});

describe('labelOf', () => {
  it.each([
    [CATEGORY, 'wrong-item', 'wrong item', '错发'],
    [CATEGORY, 'quality', 'quality', '质量'],
    [CATEGORY, 'delivery', 'delivery', '配送'],
    [CHANNEL, 'in-person', 'in person', '现场'],
    [CHANNEL, 'third-party', 'third party', '第三方'],
    [SEVERITY, 'major', 'major', '重大'],
    [SATISFACTION, '1', 'very dissatisfied', '非常不满意'],
    [SATISFACTION, '4', 'satisfied', '满意'],
    [STATUS, 'closed', 'closed', '已结案'],
    [OUTCOME, 'withdrawn', 'withdrawn', '客户撤诉'],
    [OUTCOME, 'satisfied', 'satisfied', '客户满意'],
    [CLOSE_REASON, 'duplicate', 'duplicate', '重复投诉'],
  ] as const)('%s %s: en "%s", zh "%s"', (vocab, code, en, zh) => {
    const v = vocab as Vocabulary<string>;
    expect(labelOf(v, code, 'en')).toBe(en);
    expect(labelOf(v, code, 'zh')).toBe(zh);
  });

  it('gives a label in each language for every code, which parses back to the code', () => {
    const vocabularies: Vocabulary<string>[] = [STATUS, CHANNEL, CATEGORY, SEVERITY, RESPONSIBILITY, COMPENSATION_KIND, FOLLOWUP_METHOD, SATISFACTION, OUTCOME, LOG_KIND];
    for (const vocab of vocabularies) {
      for (const code of vocab.codes) {
        for (const lang of ['en', 'zh'] as const) {
          const label = labelOf(vocab, code, lang);
          expect(label.length, `${vocab.name} ${code} ${lang}`).toBeGreaterThan(0);
          expect(parseCode(vocab, label), `${vocab.name} ${code} ${lang}`).toBe(code);
        }
      }
    }
  });

  it('never shows two codes of one vocabulary under the same label', () => {
    const vocabularies: Vocabulary<string>[] = [STATUS, CHANNEL, CATEGORY, SEVERITY, RESPONSIBILITY, COMPENSATION_KIND, FOLLOWUP_METHOD, SATISFACTION, OUTCOME, LOG_KIND];
    for (const vocab of vocabularies) {
      for (const lang of ['en', 'zh'] as const) {
        const labels = vocab.codes.map((code) => labelOf(vocab, code, lang));
        expect(new Set(labels).size, `${vocab.name} ${lang}`).toBe(labels.length);
      }
    }
  });
});

describe('helpers', () => {
  it('normalizeInput folds width, case, underscores and runs of spaces', () => {
    expect(normalizeInput('  ＷＲＯＮＧ＿ＩＴＥＭ ')).toBe('wrong item');
    expect(normalizeInput('After   Sales')).toBe('after sales');
  });

  it('describeCodes lists the codes in order', () => {
    expect(describeCodes(SEVERITY)).toBe('normal, urgent, major');
  });

  it('describeChoice offers the codes, or the shown Chinese labels, as one choice in a sentence', () => {
    expect(describeChoice(COMPENSATION_KIND, 'en')).toBe('refund, replacement, repair, voucher, gift or none');
    expect(describeChoice(COMPENSATION_KIND, 'zh')).toBe('退款、换货、维修、代金券、赠品或无');
    expect(describeChoice(CLOSE_REASON, 'zh')).toBe('客户撤诉、未能解决或重复投诉');
    expect([alternatives([], 'en'), alternatives(['a'], 'en'), alternatives(['a', 'b'], 'en'), alternatives(['甲', '乙'], 'zh')]).toEqual(['', 'a', 'a or b', '甲或乙']);
  });

  it('names the ends of the satisfaction scale and where satisfied begins from the vocabulary', () => {
    expect(SATISFACTION_SCALE).toEqual({ lowest: SATISFACTIONS[0], highest: SATISFACTIONS.at(-1) });
    expect(isCode(SATISFACTION, String(SATISFIED_FROM))).toBe(true);
    expect(labelOf(SATISFACTION, String(SATISFIED_FROM) as (typeof SATISFACTIONS)[number], 'en')).toBe('satisfied');
  });

  it('reads the word for every status in a filter in either language', () => {
    expect(['all', 'ALL', '全部', '所有'].map((word) => parseCode(ALL_STATUSES, word))).toEqual(['all', 'all', 'all', 'all']);
    expect(parseCode(ALL_STATUSES, 'open')).toBeUndefined();
  });

  it('isCode accepts only the stored codes', () => {
    expect(isCode(CATEGORY, 'wrong-item')).toBe(true);
    expect(isCode(CATEGORY, 'wrong item')).toBe(false);
    expect(isCode(CATEGORY, 3)).toBe(false);
    expect(isCode(STATUS, 'closed')).toBe(true);
  });

  it('keeps the outcome codes to satisfied, unfounded and the close reasons', () => {
    expect([...OUTCOMES]).toEqual(['satisfied', 'unfounded', ...CLOSE_REASONS]);
    expect([...STATUSES]).toEqual(['open', 'assigned', 'resolved', 'closed']);
    expect([...LOG_KINDS]).toEqual(['note', 'call', 'visit', 'finding']);
  });
});
