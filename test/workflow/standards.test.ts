// Compensation standards (issue 16, item 5): which standard applies, when a compensation is above
// it, and decide's refusal without an approver; the standard applied is kept in the event.
import { describe, expect, it } from 'vitest';
import { setSetting } from '../../src/workflow/config.js';
import { DomainError } from '../../src/workflow/errors.js';
import { factsOf } from '../../src/workflow/report-facts.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src/workflow/settings.js';
import { isAboveStandard, parseStandard, standardFor } from '../../src/workflow/standards.js';
import { at, context, openCommand, play, resolve, thrownBy } from './builders.js';

/** The settings after `kesu config set` of each pair, in order. */
function settingsWith(...pairs: [string, string][]): Settings {
  return pairs.reduce((settings, [key, value]) => setSetting(settings, key, value), DEFAULT_SETTINGS);
}

const SHOP = settingsWith(['standard.*.*', 'refund 50'], ['standard.quality.*', 'voucher 80'], ['standard.*.urgent', 'refund 200'], ['standard.quality.urgent', 'refund 100']);
const QUALITY = openCommand({ category: 'quality', severity: 'normal' });
const LATER = at('2026-11-02T15:00');

describe('the standard that applies', () => {
  it('is the most specific one set: category.severity, then category.*, then *.severity, then *.*', () => {
    expect(standardFor(SHOP.standards, 'quality', 'urgent')).toEqual({ category: 'quality', severity: 'urgent', kind: 'refund', cents: 10000 });
    expect(standardFor(SHOP.standards, 'quality', 'major')).toEqual({ category: 'quality', severity: '*', kind: 'voucher', cents: 8000 });
    expect(standardFor(SHOP.standards, 'service', 'urgent')).toEqual({ category: '*', severity: 'urgent', kind: 'refund', cents: 20000 });
    expect(standardFor(SHOP.standards, 'service', 'normal')).toEqual({ category: '*', severity: '*', kind: 'refund', cents: 5000 });
    expect(standardFor(DEFAULT_SETTINGS.standards, 'service', 'normal')).toBeNull();
  });

  it('is typed as a kind in either language and an amount as resolve reads money; a kind alone allows no money', () => {
    expect(parseStandard('refund 100')).toEqual({ kind: 'refund', cents: 10000 });
    expect(parseStandard('退款 ¥25.5')).toEqual({ kind: 'refund', cents: 2550 });
    expect(parseStandard('代金券100元')).toEqual({ kind: 'voucher', cents: 10000 });
    expect(parseStandard('replacement')).toEqual({ kind: 'replacement', cents: 0 });
    expect(parseStandard('cash 100')).toBeUndefined();
    expect(parseStandard('refund 12,5')).toBeUndefined();
    expect(parseStandard('100')).toBeUndefined();
  });

  it('is set by category and severity words of either language, and removed by ""', () => {
    const set = settingsWith(['standard.质量.紧急', '退款 80']);
    expect(set.standards).toEqual({ 'quality.urgent': { kind: 'refund', cents: 8000 } });
    expect(setSetting(set, 'standard.quality.urgent', '').standards).toEqual({});
    expect(thrownBy(() => setSetting(set, 'standard.food.urgent', 'refund 1'))).toBeInstanceOf(DomainError);
    expect(thrownBy(() => setSetting(set, 'standard.quality.urgent.x', 'refund 1'))).toBeInstanceOf(DomainError);
    expect(thrownBy(() => setSetting(set, 'standard.quality.urgent', 'refund -1'))).toBeInstanceOf(DomainError);
  });
});

describe('above the standard', () => {
  const refund100 = { kind: 'refund' as const, cents: 10000 };
  it('is more money than the standard allows, or another kind; the standard itself, less, or nothing is not', () => {
    expect(isAboveStandard({ kind: 'refund', cents: 10001 }, refund100)).toBe(true);
    expect(isAboveStandard({ kind: 'voucher', cents: 100 }, refund100)).toBe(true);
    expect(isAboveStandard({ kind: 'replacement', cents: null }, refund100)).toBe(true);
    expect(isAboveStandard({ kind: 'refund', cents: 10000 }, refund100)).toBe(false);
    expect(isAboveStandard({ kind: 'none', cents: 0 }, refund100)).toBe(false);
    expect(isAboveStandard(null, refund100)).toBe(false);
    expect(isAboveStandard({ kind: 'refund', cents: 999999 }, null)).toBe(false);
  });
});

describe('decide', () => {
  it('refuses a compensation above the standard without an approver, naming the standard and the flag', () => {
    const error = thrownBy(() => play([QUALITY, resolve(LATER, { compensation: { kind: 'voucher', cents: 9000 } })], context(undefined, SHOP))) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error.refusal).toEqual({
      rule: 'above-standard',
      field: 'approvedBy',
      params: { standard: { category: 'quality', severity: '*', kind: 'voucher', cents: 8000 }, kind: 'voucher', cents: 9000 },
    });
    expect(error.code).toBe('invalid');
    expect(error.sentence.en).toBe(
      'The compensation, voucher 90.00, is above the standard for quality/*, voucher 80.00; give --approved-by NAME with the name of who approved it.',
    );
  });

  it('records the approver and the standard applied in the resolved event; the facts say it was above', () => {
    const { events, complaint } = play([QUALITY, resolve(LATER, { compensation: { kind: 'voucher', cents: 9000 }, approvedBy: ' 张店长 ' })], context(undefined, SHOP));
    expect(events[1]).toMatchObject({ type: 'resolved', approvedBy: '张店长', standard: { category: 'quality', severity: '*', kind: 'voucher', cents: 8000 } });
    expect(complaint).toMatchObject({ approvedBy: '张店长', aboveStandard: { category: 'quality', severity: '*', kind: 'voucher', cents: 8000 } });
    expect(factsOf(events).map((facts) => [facts.aboveStandard, facts.approvedBy])).toEqual([
      [null, null],
      [true, '张店长'],
    ]);
  });

  it('keeps the standard of a compensation within it, and no approver or standard when the shop has none', () => {
    const within = play([QUALITY, resolve(LATER, { compensation: { kind: 'voucher', cents: 8000 } })], context(undefined, SHOP));
    expect(within.events[1]).toMatchObject({ standard: { kind: 'voucher', cents: 8000 } });
    expect(within.events[1]).not.toHaveProperty('approvedBy');
    expect(within.complaint.aboveStandard).toBeNull();
    const none = play([QUALITY, resolve(LATER, { compensation: { kind: 'refund', cents: 999999 } })]);
    expect(none.events[1]).not.toHaveProperty('standard');
    expect(factsOf(none.events)[1]!.aboveStandard).toBe(false);
  });

  it('refuses an approver name that is no plain one-line text', () => {
    const error = thrownBy(() => play([QUALITY, resolve(LATER, { compensation: { kind: 'voucher', cents: 9000 }, approvedBy: 'x\u001b[31m' })], context(undefined, SHOP))) as DomainError;
    expect(error.refusal).toMatchObject({ rule: 'control-character', field: 'approvedBy' });
  });
});
