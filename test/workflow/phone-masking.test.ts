// Issue 12, "nothing leaked": a customer phone typed into free text never reaches a report or
// `export --redact`, whatever separators, widths or digit forms it is written with.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportCsvCells, exportJson } from '../../src/cli/render/export.js';
import { fold } from '../../src/workflow/complaint.js';
import { FORM_FIELDS } from '../../src/workflow/forms.js';
import { customerKey, PHONE_LIKE_DIGITS, phoneDigits, phoneMasker, shortPhoneOf } from '../../src/workflow/identity.js';
import { type Report, type ReportPeriod } from '../../src/workflow/report.js';
import { computeReport } from '../helpers/report-oracle.js';
import { DEFAULT_SETTINGS } from '../../src/workflow/settings.js';
import { checkPhone } from '../../src/workflow/transitions.js';
import { assign, at, followup, log, resolve, SHANGHAI } from './builders.js';
import { Shop } from './shop.js';

const OCTOBER: ReportPeriod = { from: '2026-10-01', to: '2026-10-31', label: 'month' };
const LATER = at('2026-12-31T18:00');
const PHONE = '13800138000';

/** The ASCII digits of `text` in another script or width: each digit is the form's zero plus its value. */
const ARABIC_INDIC = 0x0660;
const DEVANAGARI = 0x0966;
const FULL_WIDTH = 0xff10;
const MATH_BOLD = 0x1d7ce;

function written(text: string, zero: number): string {
  return text.replace(/[0-9]/g, (digit) => String.fromCodePoint(zero + Number(digit)));
}

/**
 * The digits a reader sees in a text, in order, whatever their form: NFKC, then Arabic-Indic and
 * Devanagari digits as their values; everything else dropped, so that digits either side of a
 * separator join up. Written apart from identity.ts, so that it checks it.
 */
function digitsSeenIn(text: string): string {
  return [...text.normalize('NFKC')]
    .map((char) => {
      const code = char.codePointAt(0)!;
      if (code >= 0x30 && code <= 0x39) return char;
      if (code >= ARABIC_INDIC && code <= ARABIC_INDIC + 9) return String(code - ARABIC_INDIC);
      if (code >= DEVANAGARI && code <= DEVANAGARI + 9) return String(code - DEVANAGARI);
      return '';
    })
    .join('');
}

/** The ways 138 0013 8000 leaked: each written into free text by hand. */
const LEAKED_IN_REPORTS = [
  '138/0013/8000',
  '138_0013_8000',
  '138–0013–8000',
  '138、0013、8000',
  '138，0013，8000',
  written('138 0013 8000', ARABIC_INDIC),
];
const LEAKED_IN_EXPORT = [
  ...LEAKED_IN_REPORTS,
  '138\u30000013\u30008000',
  written(PHONE, MATH_BOLD),
];

/** The texts of a report that were typed in: departments, root causes, corrective actions. */
function typedTextsOf(report: Report): string[] {
  return [...Object.keys(report.byDepartment), ...report.topRootCauses.map((entry) => entry.cause), ...report.topCorrectiveActions.map((entry) => entry.action)];
}

describe('the phone masker', () => {
  const mask = phoneMasker();

  it('masks a run of seven or more digits with whatever separators, widths and digit forms it is written', () => {
    for (const text of [
      '138/0013/8000',
      '138_0013_8000',
      '138–0013–8000',
      '138—0013—8000',
      '138、0013、8000',
      '138，0013，8000',
      '138.0013.8000',
      '138 (0013) 8000',
      '138\u30000013\u30008000',
      '138\u00a00013\u202f8000',
      '138\n0013\r\n8000',
      '１３８－００１３－８０００',
      written(PHONE, ARABIC_INDIC),
      written(PHONE, DEVANAGARI),
      written(PHONE, MATH_BOLD),
      '①③⑧⓪⓪①③⑧⓪⓪⓪',
      '¹³⁸⁰⁰¹³⁸⁰⁰⁰',
      '1\u20e33\u20e38\u20e30\u20e30\u20e31\u20e33\u20e38\u20e30\u20e30\u20e30\u20e3',
    ]) {
      expect(mask(`Call ${text} now`), text).toBe('Call *** now');
    }
  });

  it('masks the whole run and keeps the text around it exactly as typed', () => {
    expect(mask('Ｃａｌｌ　（１３８）　００１３　８０００，ｔｈａｎｋｓ')).toBe('Ｃａｌｌ　（***，ｔｈａｎｋｓ');
    expect(mask('+86 138 0013 8000.')).toBe('+***.');
    expect(mask('Tel (021) 5555-0199')).toBe('Tel (***');
    expect(mask('电话：138 0013 8000；地址：1号楼')).toBe('电话：***；地址：1号楼');
  });

  it('ends a run at a letter', () => {
    expect(mask('A1234567B')).toBe('A***B');
    expect(mask('A123B4567C')).toBe('A123B4567C');
    expect(mask('第138号0013单8000')).toBe('第138号0013单8000');
  });

  it('keeps short numbers that are no phone', () => {
    for (const text of ['3件，退2件', 'Order 2026 noted', '退款 25.50 元', 'x', '']) expect(mask(text)).toBe(text);
  });

  it('masks a given phone however short, wherever its digits stand in a run', () => {
    const masked = phoneMasker({ phones: ['12345', null, ''] });
    expect(masked('ext 12-345, room 0012345, desk 12 345 6, code 1234')).toBe('ext ***, room ***, desk ***, code 1234');
    expect(masked('１２３４５ and ١٢٣٤٥')).toBe('*** and ***');
  });

  it('masks in form and order numbers only the given phones', () => {
    const masked = phoneMasker({ phones: ['138 0013 8000'], keepLongRuns: true });
    expect(masked('F-2026-0001234')).toBe('F-2026-0001234');
    expect(masked('SO_138_0013_8000')).toBe('SO_***');
    expect(masked('SO-0013800138000')).toBe('SO-***');
    expect(phoneMasker({ keepLongRuns: true })('SO 138 0013 8000')).toBe('SO 138 0013 8000');
  });

  it('leaves no phone of 7 to 15 digits readable, whatever separators and digit forms it is typed with', () => {
    const zeros = [0x30, FULL_WIDTH, ARABIC_INDIC, MATH_BOLD];
    const separators = ['\u3000', '/', '_', '–', '、', '，', ' ', '-', '.', '\n'];
    const typedPhone = fc
      .array(fc.record({ digit: fc.integer({ min: 0, max: 9 }), zero: fc.constantFrom(...zeros), after: fc.array(fc.constantFrom(...separators), { maxLength: 2 }) }), { minLength: 7, maxLength: 15 })
      .map((digits) => ({
        phone: digits.map(({ digit }) => String(digit)).join(''),
        text: digits.map(({ digit, zero, after }, i) => String.fromCodePoint(zero + digit) + (i < digits.length - 1 ? after.join('') : '')).join(''),
      }));
    fc.assert(
      fc.property(typedPhone, fc.constantFrom('', 'Call ', '电话：', '('), fc.constantFrom('', ' now', '，谢谢', ')'), ({ phone, text }, before, after) => {
        const seen = digitsSeenIn(mask(before + text + after));
        for (let length = PHONE_LIKE_DIGITS; length <= phone.length; length += 1) {
          for (let start = 0; start + length <= phone.length; start += 1) expect(seen).not.toContain(phone.slice(start, start + length));
        }
      }),
    );
  });
});

/** The phone checkPhone keeps, or null where it refuses one. */
function acceptedPhone(raw: string): string | null {
  try {
    return checkPhone(raw);
  } catch {
    return null;
  }
}

describe('phone digits', () => {
  it('reads decimal digits of every script, so that a phone compares equal however it is typed', () => {
    expect(phoneDigits(written('138 0013 8000', ARABIC_INDIC))).toBe(PHONE);
    expect(phoneDigits(written('138-0013-8000', DEVANAGARI))).toBe(PHONE);
    expect(phoneDigits(written(PHONE, MATH_BOLD))).toBe(PHONE);
    expect(phoneDigits('１３８ ００１３ ８０００')).toBe(PHONE);
    expect(phoneDigits(null)).toBe('');
  });

  it('reads the phones that checkPhone accepts as before, so that no stored customer key changes', () => {
    // checkPhone keeps a phone as NFKC with ASCII digits, spaces, brackets, - and a leading +, the
    // old phoneDigits read it as NFKC without \D
    for (const phone of ['138 0013 8000', '+86 (138) 0013-8000', '12345', '0 2 1 - 5 5 5 5']) {
      expect(phoneDigits(phone)).toBe(phone.replace(/\D/g, ''));
    }
    expect(customerKey('Wang Fang', '+86 (138) 0013-8000')).toBe('wangfang\u001f8613800138000');
    // mostly what checkPhone accepts, now and then a digit of another script that it refuses
    const char = fc.oneof({ arbitrary: fc.constantFrom('1', '7', '８', '𝟖', '⁸', '①', ' ', '\u3000', '(', ')', '-', '－'), weight: 20 }, { arbitrary: fc.constantFrom('٨', '८', '+'), weight: 1 });
    const typed = fc.array(char, { minLength: 5, maxLength: 20 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(typed, (raw) => {
        const phone = acceptedPhone(raw);
        if (phone !== null) expect(phoneDigits(phone)).toBe(phone.normalize('NFKC').replace(/\D/g, ''));
      }),
    );
    expect(shortPhoneOf('12-345')).toBe('12345');
    expect(shortPhoneOf('138 0013 8000')).toBeNull();
  });
});

describe('the report shows no phone number', () => {
  /** The report of a month in which each text was typed in as a root cause, a corrective action and a department. */
  function reportOf(texts: readonly string[], phone: string | null = PHONE) {
    const shop = new Shop();
    texts.forEach((text, i) => {
      const day = String(i + 1).padStart(2, '0');
      const id = shop.open({ at: at(`2026-10-${day}T09:00`), phone, customer: `Customer ${i}` });
      shop.act(
        id,
        assign(at(`2026-10-${day}T10:00`), { department: `Desk ${text}` }),
        resolve(at(`2026-10-${day}T11:00`), { rootCause: `Call ${text} back`, correctiveAction: `Noted ${text}` }),
      );
    });
    return computeReport({ events: shop.events, period: OCTOBER, settings: DEFAULT_SETTINGS, now: LATER, zone: SHANGHAI });
  }

  it.each(LEAKED_IN_REPORTS)('masks the phone written %s', (text) => {
    const report = reportOf([text]);
    expect(report.topRootCauses).toEqual([{ cause: 'Call *** back', count: 1 }]);
    expect(report.topCorrectiveActions).toEqual([{ action: 'Noted ***', count: 1 }]);
    expect(report.byDepartment).toEqual({ 'Desk ***': 1 });
    for (const typed of typedTextsOf(report)) expect(digitsSeenIn(typed)).toBe('');
  });

  it('masks a short customer phone however it is split, and inside a longer number', () => {
    const report = reportOf(['12-345', '0012345', '12 345 6'], '12345');
    expect(report.topRootCauses.map((entry) => entry.cause).sort()).toEqual(['Call *** back', 'Call *** back', 'Call *** back']);
    for (const text of typedTextsOf(report)) expect(digitsSeenIn(text)).not.toContain('12345');
  });

  it('keeps short numbers that are no phone, and the text around a masked one', () => {
    const report = reportOf(['x'], null);
    expect(report.topRootCauses).toEqual([{ cause: 'Call x back', count: 1 }]);
    const counted = reportOf(['3件，退2件 / 138-0013-8000。谢谢'], null);
    // (the report shows texts as NFKC, as it groups them: the full-width comma is a comma there)
    expect(counted.topRootCauses).toEqual([{ cause: 'Call 3件,退2件 / ***。谢谢 back', count: 1 }]);
  });
});

describe('export --redact', () => {
  /** A complaint whose customer typed every text field with `text` in it. */
  function complaintWith(text: string, { phone = PHONE, ref = 'F-2026-0001', order = 'SO-77' }: { phone?: string; ref?: string; order?: string } = {}) {
    const shop = new Shop();
    const id = shop.open({
      at: at('2026-10-05T09:00'),
      customer: `王先生 ${text}`,
      phone,
      description: `Call ${text} please`,
      request: `Ring ${text}`,
      ref,
      order,
      by: `前台 ${text}`,
    });
    shop.act(
      id,
      log(at('2026-10-05T09:30'), { text: `Rang ${text}, no answer` }),
      assign(at('2026-10-05T10:00'), { assignee: `小李 ${text}`, department: `Desk ${text}` }),
      resolve(at('2026-10-06T10:00'), { solution: `Called ${text}`, rootCause: `Line ${text}`, correctiveAction: `Note ${text}` }),
      followup(at('2026-10-07T10:00'), 5, { note: `Said ${text} is hers` }),
    );
    return { complaint: fold(id, shop.events), events: shop.events };
  }

  function exported(text: string, options?: Parameters<typeof complaintWith>[1], shortPhones: string[] = []) {
    const entry = complaintWith(text, options);
    return { json: exportJson(entry, LATER, { shortPhones }), cells: exportCsvCells(entry, { shortPhones }) };
  }

  it("masks another customer's short phone in a complaint's texts, and a short phone of its own entirely", () => {
    // complaint 1's customer has the phone 12345; complaint 2's description mentions it
    const { json } = exported('12-345', { phone: '13800138000' }, ['12345']);
    expect(json.description).toBe('Call *** please');
    expect(exported('x', { phone: '12345' }).json.customer.phone).toBe('*****');
    expect(exported('x', { phone: '1234567' }).json.customer.phone).toBe('*****67');
  });

  it.each([
    ['an ideographic zero', '1380〇138000'],
    ['Chinese numerals', '一三八〇〇一三八〇〇〇'],
    ['dingbat circled digits', '❶❸❽⓿⓿❶❸❽⓿⓿⓿'],
    ['double circled digits', '⓵⓷⓼⓪⓪⓵⓷⓼⓪⓪⓪'],
    ['a katakana prolonged sound mark as a dash', '１３８ー００１３ー８０００'],
  ])('masks a phone written with %s', (_, text) => {
    expect(phoneMasker()(`Call ${text} please`)).toBe('Call *** please');
    expect(exported(text).json.description).toBe('Call *** please');
  });

  it.each(LEAKED_IN_EXPORT)('masks the phone written %s in every text field, in JSON and CSV', (text) => {
    const { json, cells } = exported(text);
    expect(json).toMatchObject({
      customer: { name: '王先生 ***', phone: '*******8000' },
      description: 'Call *** please',
      request: 'Ring ***',
      receivedBy: '前台 ***',
      assignee: '小李 ***',
      department: 'Desk ***',
      solution: 'Called ***',
      rootCause: 'Line ***',
      correctiveAction: 'Note ***',
      followups: [{ note: 'Said *** is hers' }],
    });
    expect(json.events!.find((event) => event.type === 'logged')!.note).toBe('Rang ***, no answer');
    const cell = (field: (typeof FORM_FIELDS)[number]) => cells[FORM_FIELDS.indexOf(field)];
    expect(cell('description')).toBe('Call *** please');
    expect(cell('followupNote')).toBe('Said *** is hers');
    for (const shown of [JSON.stringify(json), cells.join('\n')]) expect(digitsSeenIn(shown)).not.toContain('0013');
  });

  it("masks the customer's short phone split by a separator", () => {
    const { json, cells } = exported('12-345', { phone: '12345' });
    expect(json).toMatchObject({ description: 'Call *** please', customer: { name: '王先生 ***', phone: '*****' } });
    expect(cells.join('\n')).not.toContain('12-345');
  });

  it("masks the customer's phone in form and order numbers however it is spaced, and keeps other numbers whole", () => {
    const { json } = exported('x', { ref: 'F-2026-0001234', order: 'SO/138/0013/8000' });
    expect(json).toMatchObject({ ref: 'F-2026-0001234', order: 'SO/***' });
    const short = exported('x', { phone: '12345', ref: 'F-2026-00012', order: 'SO 12-345' });
    expect(short.json).toMatchObject({ ref: 'F-2026-00012', order: 'SO ***' });
  });

  it('keeps the text around a masked phone exactly as it was typed', () => {
    const { json } = exported('（１３８　００１３　８０００）ｐｌｅａｓｅ', { phone: '13912345678' });
    expect(json.description).toBe('Call （***）ｐｌｅａｓｅ please');
  });
});
