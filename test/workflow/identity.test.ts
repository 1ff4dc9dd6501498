// Who a customer is, and how kesu compares names, causes and actions: without regard to case, width
// and every space.
import { describe, expect, it } from 'vitest';
import { customerKey, looseKey } from '../../src/workflow/identity.js';

describe('looseKey', () => {
  it('ignores case, width and every space, of every kind, wherever it stands', () => {
    for (const typed of ['黄磊', '黄 磊', '黄　磊', ' 黄\t磊\n', '黄\u00a0磊', '黄\u200b磊']) expect(looseKey(typed), JSON.stringify(typed)).toBe('黄磊');
    expect(looseKey('ＷＡＮＧ  Fang')).toBe('wangfang');
    expect(looseKey('员工 培训不足')).toBe(looseKey('员工培训不足'));
  });

  it('ignores the characters drawn as nothing: zero-width spaces and joiners, the soft hyphen, word joiners', () => {
    for (const typed of ['王\u200b芳', '王\u200d芳', '王\u00ad芳', '\u2060王芳\ufeff', '王\u200c\u200b芳']) expect(looseKey(typed)).toBe('王芳');
  });

  it('keeps everything else: punctuation and digits tell texts apart', () => {
    expect(looseKey('F-1')).not.toBe(looseKey('F1'));
    expect(looseKey('王芳2')).not.toBe(looseKey('王芳'));
  });
});

describe('customerKey', () => {
  it('is the name compared loosely with the phone by its digits: one customer however either is typed', () => {
    expect(customerKey('黄 磊', '138 0013 8000')).toBe(customerKey('黄磊', '13800138000'));
    expect(customerKey('黄　磊', '(138) 0013-8000')).toBe(customerKey('黄磊', '13800138000'));
  });

  it('tells apart the same name with another phone, or with none', () => {
    expect(customerKey('黄磊', '13800138000')).not.toBe(customerKey('黄磊', '13900139000'));
    expect(customerKey('黄磊', '13800138000')).not.toBe(customerKey('黄磊', null));
  });
});
