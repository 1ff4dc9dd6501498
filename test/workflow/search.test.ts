// What search looks in (the complaint as its events leave it, and every note), how a query is read,
// and where in a complaint it is shown to have matched.
import { describe, expect, it } from 'vitest';
import { apply, fold, type Complaint, type NewEvent } from '../../src/workflow/complaint.js';
import { findMatch, searchFields, searchTerms, searchText } from '../../src/workflow/search.js';
import { decide } from '../../src/workflow/transitions.js';
import { assign, at, context, log, NOW, openCommand, resolve } from './builders.js';

/** A complaint received, noted, assigned and resolved, with its events. */
function history() {
  const ctx = context(NOW);
  const events: NewEvent[] = [];
  let complaint: Complaint | null = null;
  const run = (command: Parameters<typeof decide>[1]) => {
    for (const event of decide(complaint, command, ctx)) {
      complaint = apply(complaint, event);
      events.push(event);
    }
  };
  run(openCommand({ customer: '黄 磊', phone: '+86 138-0013-8000', description: '电饭煲漏电了，\n差点触电', request: '退货', order: 'DD-2026-001', ref: 'Ｆ-001' }));
  run(log(at('2026-10-30T11:00'), { text: '已电话联系顾客，约好周三上门', kind: 'call' }));
  run(assign(at('2026-10-30T12:00'), { note: '交给品控' }));
  run(resolve(at('2026-10-30T15:00'), { solution: 'Replaced the Rice Cooker', note: null }));
  return { complaint: fold(1, events), events };
}

describe('the search text', () => {
  it('holds every field search looks in, folded (case, width, every space), one a line, and the phone as its digits', () => {
    const { complaint, events } = history();
    expect(searchText(complaint, events).split('\n')).toEqual([
      '电饭煲漏电了,差点触电', // NFKC: the full-width comma is a comma
      '退货',
      '已电话联系顾客,约好周三上门',
      '交给品控',
      'replacedthericecooker',
      '黄磊',
      'dd-2026-001',
      'f-001',
      '8613800138000',
    ]);
  });

  it('is made from the complaint as its events leave it: a later value replaces the earlier', () => {
    const { complaint, events } = history();
    const again = apply(complaint, { ...resolveEvent(events), solution: 'Refunded in full' });
    expect(searchText(again, events)).toContain('refundedinfull');
    expect(searchText(again, events)).not.toContain('replaced');
  });

  it('lists the fields in the order a match is shown, notes after the request', () => {
    const { complaint, events } = history();
    expect(searchFields(complaint, events).map(({ field }) => field)).toEqual(['description', 'request', 'note', 'note', 'solution', 'customer', 'phone', 'order', 'ref']);
  });
});

function resolveEvent(events: readonly NewEvent[]) {
  return events.find((event) => event.type === 'resolved')!;
}

describe('a query', () => {
  it('is folded as the text is: case, width and every space do not matter', () => {
    expect(searchTerms('  漏 电 ')).toEqual(['漏电']);
    expect(searchTerms('ＲＩＣＥ　cooker')).toEqual(['ricecooker']);
    expect(searchTerms(' \t ')).toEqual([]);
  });

  it('typed like a phone number is looked for by its digits too', () => {
    expect(searchTerms('138-0013-8000')).toEqual(['138-0013-8000', '13800138000']);
    expect(searchTerms('(138) 0013')).toEqual(['(138)0013', '1380013']);
    // spaces alone are folded away already
    expect(searchTerms('138 0013')).toEqual(['1380013']);
    // a form or order number with letters is a text
    expect(searchTerms('DD-2026')).toEqual(['dd-2026']);
  });

  it('holds % _ and quotes as themselves', () => {
    expect(searchTerms(`50%_"'`)).toEqual([`50%_"'`]);
  });
});

describe('where it matched', () => {
  it('is the first field that holds it, with the part of the text as typed', () => {
    const { complaint, events } = history();
    const match = (query: string) => {
      const found = findMatch(complaint, events, searchTerms(query));
      return found && { field: found.field, matched: found.text.slice(found.start, found.end) };
    };
    expect(match('漏电')).toEqual({ field: 'description', matched: '漏电' });
    // across a line break, as typed
    expect(match('了，差点')).toEqual({ field: 'description', matched: '了，\n差点' });
    expect(match('周三上门')).toEqual({ field: 'note', matched: '周三上门' });
    expect(match('rice cooker')).toEqual({ field: 'solution', matched: 'Rice Cooker' });
    expect(match('黄磊')).toEqual({ field: 'customer', matched: '黄 磊' });
    expect(match('138 0013 8000')).toEqual({ field: 'phone', matched: '138-0013-8000' });
    expect(match('f-001')).toEqual({ field: 'ref', matched: 'Ｆ-001' });
    expect(match('nothing like it')).toBeNull();
  });
});
