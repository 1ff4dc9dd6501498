import { describe, expect, it } from 'vitest';
import {
  apply,
  deadlineEnds,
  fold,
  formatMoney,
  nextDue,
  overdueAt,
  parseMoney,
  pendingDeadlines,
  satisfiedSinceResolved,
} from '../../src/workflow/complaint.js';
import { assign, at, close, complaintAfter, complaintIn, followup, historyIn, log, openCommand, play, reopen, resolve } from './builders.js';

const dueOf = (pending: ReturnType<typeof pendingDeadlines>): Record<string, string> =>
  Object.fromEntries(pending.map(({ kind, deadline }) => [kind, deadline.due]));

describe('pendingDeadlines, nextDue and overdueAt per status', () => {
  it('open: the answer is pending', () => {
    // given received Friday 30 October, answer due by the end of Friday 6 November
    const complaint = complaintIn('open');

    // then
    expect(dueOf(pendingDeadlines(complaint))).toEqual({ answer: '2026-11-06T23:59:59+08:00' });
    expect(nextDue(complaint)?.due).toBe('2026-11-06T23:59:59+08:00');
    expect(overdueAt(complaint, at('2026-11-06T23:59:59'))).toEqual([]);
    expect(overdueAt(complaint, at('2026-11-07T00:00:00'))).toEqual(['answer']);
  });

  it('assigned: the answer and the solution are pending, and the nearer one is next', () => {
    // given assigned Monday 2 November 09:00, solution due by the end of Thursday 5 November
    const complaint = complaintIn('assigned');

    // then
    expect(dueOf(pendingDeadlines(complaint))).toEqual({
      answer: '2026-11-06T23:59:59+08:00',
      solution: '2026-11-05T23:59:59+08:00',
    });
    expect(nextDue(complaint)?.due).toBe('2026-11-05T23:59:59+08:00');
    expect(overdueAt(complaint, at('2026-11-05T23:59:59'))).toEqual([]);
    expect(overdueAt(complaint, at('2026-11-06T10:00:00'))).toEqual(['solution']);
    expect(overdueAt(complaint, at('2026-11-07T00:00:00')).sort()).toEqual(['answer', 'solution']);
  });

  it('resolved: only the follow-up is pending; passed answer and solution deadlines no longer count', () => {
    // given resolved Monday 2 November 15:00, follow-up due by the end of Monday 9 November
    const complaint = complaintIn('resolved');

    // then
    expect(dueOf(pendingDeadlines(complaint))).toEqual({ followup: '2026-11-09T23:59:59+08:00' });
    expect(nextDue(complaint)?.due).toBe('2026-11-09T23:59:59+08:00');
    expect(overdueAt(complaint, at('2026-11-07T12:00:00'))).toEqual([]);
    expect(overdueAt(complaint, at('2026-11-10T00:00:00'))).toEqual(['followup']);
  });

  it('resolved and waiting for a further follow-up: the next one is pending', () => {
    const complaint = complaintAfter(
      [assign(at('2026-11-02T09:00')), resolve(at('2026-11-02T15:00')), followup(at('2026-11-10T10:00'), 5)],
      openCommand({ category: 'quality' }),
    );

    expect(dueOf(pendingDeadlines(complaint))).toEqual({ followup: '2026-11-17T23:59:59+08:00' });
    expect(overdueAt(complaint, at('2026-11-12T10:00'))).toEqual([]);
    expect(overdueAt(complaint, at('2026-11-18T10:00'))).toEqual(['followup']);
  });

  it('closed: nothing is pending, nothing is due, nothing is overdue', () => {
    const complaint = complaintIn('closed');

    expect(pendingDeadlines(complaint)).toEqual([]);
    expect(nextDue(complaint)).toBeNull();
    expect(overdueAt(complaint, at('2030-01-01T00:00'))).toEqual([]);
  });

  it('reopened: the re-armed deadlines are pending, the old follow-up one is not', () => {
    const complaint = complaintAfter([
      assign(at('2026-11-02T09:00')),
      resolve(at('2026-11-02T15:00')),
      followup(at('2026-11-10T10:00'), 2),
    ]);

    expect(complaint.status).toBe('assigned');
    expect(dueOf(pendingDeadlines(complaint))).toEqual({
      answer: '2026-11-17T23:59:59+08:00',
      solution: '2026-11-13T23:59:59+08:00',
    });
    expect(overdueAt(complaint, at('2026-11-12T10:00'))).toEqual([]);
  });

  it('a major complaint is overdue one second after its 24 hours', () => {
    const complaint = complaintIn('open', openCommand({ severity: 'major' }));

    expect(overdueAt(complaint, at('2026-10-31T10:00:00'))).toEqual([]);
    expect(overdueAt(complaint, at('2026-10-31T10:00:01'))).toEqual(['answer']);
  });

  it('compares with a clock in another offset as the same instant', () => {
    const complaint = complaintIn('open');

    expect(overdueAt(complaint, '2026-11-06T15:59:59Z')).toEqual([]);
    expect(overdueAt(complaint, '2026-11-06T16:00:00Z')).toEqual(['answer']);
  });
});

describe('satisfiedSinceResolved', () => {
  it('counts follow-ups of 4 or 5 since the resolution', () => {
    const { complaint } = historyIn('resolved', openCommand({ category: 'quality' }));
    expect(satisfiedSinceResolved(complaint)).toBe(0);

    const after = complaintAfter(
      [assign(at('2026-11-02T09:00')), resolve(at('2026-11-02T15:00')), followup(at('2026-11-10T10:00'), 4)],
      openCommand({ category: 'quality' }),
    );
    expect(satisfiedSinceResolved(after)).toBe(1);
  });

  it('is 0 before any resolution', () => {
    expect(satisfiedSinceResolved(complaintIn('assigned'))).toBe(0);
  });
});

describe('apply and fold', () => {
  it('apply does not change the complaint it is given', () => {
    // given
    const { complaint } = historyIn('open');
    const before = structuredClone(complaint);

    // when
    const [event] = historyIn('assigned').events.slice(-1);
    const after = apply(complaint, event!);

    // then
    expect(complaint).toEqual(before);
    expect(after.status).toBe('assigned');
    expect(after).not.toBe(complaint);
  });

  it('a log entry of kind finding records its text as the finding', () => {
    const complaint = complaintAfter([log(at('2026-11-02T09:00'), { kind: 'finding', text: 'first look' })]);

    expect(complaint.finding).toBe('first look');
  });

  it('refuses an event other than opened without a complaint, and no events at all', () => {
    const [, assigned] = historyIn('assigned').events;
    expect(() => apply(null, assigned!)).toThrow(/needs an opened complaint/);
    expect(() => fold(1, [])).toThrow(/no events/);
  });

  it('fold gives the complaint the id it is told', () => {
    expect(fold(42, historyIn('open').events).id).toBe(42);
  });
});

describe('money', () => {
  it.each([
    ['25.5', 2550],
    ['25.50', 2550],
    ['25', 2500],
    ['¥25', 2500],
    ['￥25', 2500],
    ['25元', 2500],
    ['1,234.56', 123456],
    ['1,234,567', 123456700],
    ['0.05', 5],
    ['0', 0],
    [' 12.3 ', 1230],
    ['１２．５', 1250],
    ['$3', 300],
  ])('parseMoney("%s") is %i cents', (text, cents) => {
    expect(parseMoney(text)).toBe(cents);
  });

  it.each(['', 'abc', '25.555', '-5', '.5', '1.2.3', '25 yuan', '¥', '1e3', '12,5', '1,23.00'])('parseMoney("%s") is not an amount', (text) => {
    expect(parseMoney(text)).toBeUndefined();
  });

  it.each([
    [2550, '25.50'],
    [2500, '25.00'],
    [5, '0.05'],
    [0, '0.00'],
    [123456, '1234.56'],
    [-250, '-2.50'],
  ])('formatMoney(%i) is "%s"', (cents, text) => {
    expect(formatMoney(cents)).toBe(text);
  });

  it('parse and format agree, to the cent', () => {
    for (const cents of [1, 10, 99, 100, 101, 2550, 99999, 123456789]) expect(parseMoney(formatMoney(cents))).toBe(cents);
    expect(formatMoney(parseMoney('25.5')!)).toBe('25.50');
    expect(formatMoney(parseMoney('0.1')! + parseMoney('0.2')!)).toBe('0.30');
  });
});

describe('deadlineEnds: whether the step that ended each deadline came in time', () => {
  // Received Friday 30 October 10:00: answer due by the end of Friday 6 November.
  const ends = (...commands: Parameters<typeof play>[0]) => deadlineEnds(play([openCommand(), ...commands]).events);

  it('a deadline still running has no end', () => {
    expect(ends()).toEqual({ answer: null, solution: null, followup: null });
    expect(ends(assign(at('2026-11-02T09:00')))).toEqual({ answer: null, solution: null, followup: null });
  });

  it('a resolve by the due time meets the answer and the solution; one after it meets them late', () => {
    // assigned Monday 2 November 09:00: solution due by the end of Thursday 5 November
    expect(ends(assign(at('2026-11-02T09:00')), resolve(at('2026-11-05T23:59')))).toEqual({ answer: 'met', solution: 'met', followup: null });
    expect(ends(assign(at('2026-11-02T09:00')), resolve(at('2026-11-06T10:00')))).toEqual({ answer: 'met', solution: 'late', followup: null });
    expect(ends(resolve(at('2026-11-20T09:00')))).toEqual({ answer: 'late', solution: null, followup: null });
  });

  it('the follow-up deadline is met by the first follow-up made while it ran, and ends with the close', () => {
    const resolved = [assign(at('2026-11-02T09:00')), resolve(at('2026-11-02T15:00'))] as const;
    const due = complaintAfter([...resolved]).deadlines.followup!.due;
    expect(due < at('2026-11-30T10:00')).toBe(true);
    // a satisfied follow-up in time closes it (one is enough for this complaint)
    expect(ends(...resolved, followup(at('2026-11-03T10:00'), 5)).followup).toBe('met');
    expect(ends(...resolved, followup(at('2026-11-30T10:00'), 5)).followup).toBe('late');
  });

  it('a deadline ended without its step (a withdrawal) has no verdict, late or not', () => {
    expect(ends(close(at('2026-11-20T09:00'), 'withdrawn'))).toEqual({ answer: null, solution: null, followup: null });
    expect(ends(close(at('2026-11-02T09:00'), 'withdrawn')).answer).toBeNull();
    const resolved = [resolve(at('2026-11-02T15:00'))] as const;
    expect(ends(...resolved, close(at('2026-11-30T10:00'), 'withdrawn')).followup).toBeNull();
  });

  it('a reopen starts the answer again: the old verdict no longer stands', () => {
    const history = [resolve(at('2026-11-20T09:00')), close(at('2026-11-20T10:00'), 'withdrawn'), reopen(at('2026-11-21T09:00'))] as const;
    expect(ends(...history).answer).toBeNull();
    expect(ends(...history, resolve(at('2026-11-21T10:00'))).answer).toBe('met');
  });
});
