import { describe, expect, it } from 'vitest';
import { fold } from '../../src/workflow/complaint.js';
import { DomainError } from '../../src/workflow/errors.js';
import { DEFAULT_SETTINGS } from '../../src/workflow/settings.js';
import { ALLOWED_COMMANDS, checkPhone, decide, type ChangeCommand } from '../../src/workflow/transitions.js';
import { MAX_TEXT } from '../../src/workflow/text.js';
import { CLOSE_REASONS, STATUSES, type Status } from '../../src/workflow/vocab.js';
import {
  assign,
  at,
  close,
  commandOfType,
  complaintAfter,
  complaintIn,
  historyIn,
  context,
  followup,
  FRI,
  log,
  openCommand,
  play,
  reopen,
  resolve,
  thrownBy,
} from './builders.js';

const MON_9 = at('2026-11-02T09:00');
const MON_15 = at('2026-11-02T15:00');
const TUE_10 = at('2026-11-03T10:00');
const NEXT_TUE_10 = at('2026-11-10T10:00');

// unvoid and resume aside: what a voided complaint takes, and a resume of one that does not wait, are
// not the procedure's table (see 'void and unvoid', 'a clock that pauses').
const CHANGE_TYPES: readonly ChangeCommand['type'][] = ['assign', 'answer', 'resolve', 'followup', 'close', 'reopen', 'log', 'edit', 'void', 'wait', 'escalate'];

function domainError(fn: () => unknown): DomainError {
  const error = thrownBy(fn);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('— open → open', () => {
  it('records the complaint with its answer deadline and the department of its category', () => {
    // given
    const command = openCommand({ category: 'wrong-item', ref: ' F-0012 ', request: '  ', order: 'SO-1' });

    // when
    const events = decide(null, command, context());
    const complaint = fold(7, events);

    // then
    expect(events.map((e) => e.type)).toEqual(['opened']);
    expect(complaint).toMatchObject({
      id: 7,
      uuid: command.uuid,
      ref: 'F-0012',
      status: 'open',
      outcome: null,
      category: 'wrong-item',
      channel: 'in-person',
      severity: 'normal',
      customer: { name: 'Wang Fang', phone: '138 0013 8000' },
      description: 'The cake was stale.',
      request: null,
      order: 'SO-1',
      receivedAt: FRI,
      receivedBy: 'Li',
      assignee: null,
      department: 'warehouse',
      reopenCount: 0,
      followups: [],
      closedAt: null,
      lastEventAt: FRI,
    });
    expect(complaint.deadlines.answer?.due).toBe('2026-11-06T23:59:59+08:00');
    expect(complaint.deadlines.answer?.notable).toEqual([
      { date: '2026-10-31', kind: 'weekend' },
      { date: '2026-11-01', kind: 'weekend' },
    ]);
    expect(complaint.deadlines.solution).toBeNull();
    expect(complaint.deadlines.followup).toBeNull();
  });

  it('a major complaint must be answered within 24 hours', () => {
    const complaint = complaintAfter([], openCommand({ severity: 'major' }));

    expect(complaint.deadlines.answer?.due).toBe('2026-10-31T10:00:00+08:00');
  });

  it('an urgent complaint must be answered by the end of the next working day', () => {
    const complaint = complaintAfter([], openCommand({ severity: 'urgent' }));

    expect(complaint.deadlines.answer?.due).toBe('2026-11-02T23:59:59+08:00');
  });

  it('counts the answer deadline in the shop calendar of the settings', () => {
    const settings = { ...DEFAULT_SETTINGS, calendar: { workweek: [1, 2, 3, 4, 5], holidays: ['2026-11-04' as const], extraWorkdays: [], official: [] } };

    const [opened] = decide(null, openCommand(), context(undefined, settings));

    expect(opened?.type === 'opened' && opened.answerDeadline.due).toBe('2026-11-09T23:59:59+08:00');
  });

  it('a complaint without a phone keeps none', () => {
    expect(complaintAfter([], openCommand({ phone: null })).customer.phone).toBeNull();
    expect(complaintAfter([], openCommand({ phone: '  ' })).customer.phone).toBeNull();
  });
});

describe('open, assigned → assign → assigned', () => {
  it('from open: hands over with a solution deadline counted from the assignment', () => {
    // given
    const history = historyIn('open');

    // when
    const events = decide(history.complaint, assign(MON_9, { assignee: ' Zhao ' }), context());
    const after = fold(1, [...history.events, ...events]);

    // then
    expect(events.map((e) => e.type)).toEqual(['assigned']);
    expect(after.status).toBe('assigned');
    expect(after.assignee).toBe('Zhao');
    expect(after.department).toBe('front desk');
    expect(after.deadlines.solution?.due).toBe('2026-11-05T23:59:59+08:00');
    expect(after.deadlines.solution?.from).toBe(MON_9);
    expect(after.deadlines.answer?.due).toBe('2026-11-06T23:59:59+08:00');
  });

  it('from assigned: re-assigns to another person and department, re-arming the solution deadline', () => {
    // given
    const history = play([openCommand(), assign(MON_9)]);

    // when
    const events = decide(history.complaint, assign(TUE_10, { assignee: 'Qian', department: 'QC' }), context());
    const after = fold(1, [...history.events, ...events]);

    // then
    expect(after.status).toBe('assigned');
    expect(after.assignee).toBe('Qian');
    expect(after.department).toBe('QC');
    expect(after.deadlines.solution?.due).toBe('2026-11-06T23:59:59+08:00');
  });

  it('a major complaint needs its solution by the end of the next working day', () => {
    const after = complaintAfter([assign(at('2026-10-30T11:00'))], openCommand({ severity: 'major' }));

    expect(after.deadlines.solution?.due).toBe('2026-11-02T23:59:59+08:00');
  });
});

describe('open, assigned → resolve → resolved', () => {
  it('from open: records the solution and the compensation, and the first follow-up is due', () => {
    const after = complaintAfter([
      resolve(MON_15, { rootCause: 'old stock', correctiveAction: 'check dates daily', finding: 'stale' }),
    ]);

    expect(after.status).toBe('resolved');
    expect(after.solution).toBe('Refunded the cake');
    expect(after.compensation).toEqual({ kind: 'refund', cents: 2550 });
    expect(after.rootCause).toBe('old stock');
    expect(after.correctiveAction).toBe('check dates daily');
    expect(after.finding).toBe('stale');
    expect(after.resolvedAt).toBe(MON_15);
    expect(after.deadlines.followup?.due).toBe('2026-11-09T23:59:59+08:00');
    expect(after.closedAt).toBeNull();
  });

  it('from assigned', () => {
    const after = complaintAfter([assign(MON_9), resolve(MON_15)]);

    expect(after.status).toBe('resolved');
    expect(after.assignee).toBe('Zhao');
    expect(after.deadlines.followup?.due).toBe('2026-11-09T23:59:59+08:00');
  });

  it('an urgent complaint is followed up within 24 hours of the resolution', () => {
    const after = complaintAfter([resolve(MON_15)], openCommand({ severity: 'urgent' }));

    expect(after.deadlines.followup?.due).toBe('2026-11-03T15:00:00+08:00');
  });

  it.each(['open', 'assigned'] as const)('from %s with --unfounded: closed with outcome unfounded', (status) => {
    // given
    const history = play(status === 'open' ? [openCommand()] : [openCommand(), assign(MON_9)]);

    // when
    const events = decide(
      history.complaint,
      resolve(MON_15, { unfounded: true, solution: null, compensation: null, finding: 'The cake was within its date.' }),
      context(),
    );
    const after = fold(1, [...history.events, ...events]);

    // then
    expect(events.map((e) => e.type)).toEqual(['resolved', 'closed']);
    expect(after.status).toBe('closed');
    expect(after.outcome).toBe('unfounded');
    expect(after.finding).toBe('The cake was within its date.');
    expect(after.substantiated).toBe(false);
    expect(after.resolvedAt).toBe(MON_15);
    expect(after.closedAt).toBe(MON_15);
    expect(after.deadlines.followup).toBeNull();
  });

  it('--unfounded needs the finding sent back to the customer', () => {
    const error = domainError(() =>
      decide(complaintIn('open'), resolve(MON_15, { unfounded: true, finding: '  ', compensation: null }), context()),
    );
    expect(error.code).toBe('invalid');
    expect(error.sentence.en).toMatch(/--finding/);
  });

  it('--unfounded with a compensation is refused, not recorded without it', () => {
    const error = domainError(() => decide(complaintIn('assigned'), resolve(MON_15, { unfounded: true, finding: 'no fault' }), context()));
    expect(error.code).toBe('invalid');
    expect(error.sentence.en).toBe(
      'A complaint found unfounded is closed without compensation; leave out --compensation and --compensation-kind, or resolve it with --solution if the shop compensates.',
    );
    // Saying there was none is no contradiction.
    for (const compensation of [{ kind: 'none', cents: null }, { kind: null, cents: 0 }, { kind: 'none', cents: 0 }] as const) {
      expect(decide(complaintIn('assigned'), resolve(MON_15, { unfounded: true, finding: 'no fault', compensation }), context()).at(-1)!.type).toBe('closed');
    }
  });

  it('a name is one line: the customer, the assignee and who did it', () => {
    expect(domainError(() => decide(null, openCommand({ customer: '赵\n敏' }), context())).sentence.en).toBe(
      'Write the customer name (--customer) on one line; remove the line break from it.',
    );
    expect(domainError(() => decide(complaintIn('open'), assign(MON_15, { assignee: 'Li\r\nWei' }), context())).sentence.zh).toBe('责任人 (--to)只能写一行，请去掉其中的换行。');
    expect(domainError(() => decide(complaintIn('open'), assign(MON_15, { by: 'Zhao\nQian' }), context())).code).toBe('invalid');
  });

  it('a resolution needs its solution', () => {
    const error = domainError(() => decide(complaintIn('assigned'), resolve(MON_15, { solution: '' }), context()));
    expect(error.code).toBe('invalid');
    expect(error.sentence.en).toMatch(/--solution/);
  });
});

describe('resolved → followup with satisfaction ≥ 4', () => {
  it.each([4, 5])('category service needs 1 satisfied follow-up: satisfaction %i closes it as satisfied', (satisfaction) => {
    // given
    const history = play([openCommand({ category: 'service' }), assign(MON_9), resolve(MON_15)]);

    // when
    const events = decide(history.complaint, followup(NEXT_TUE_10, satisfaction, { note: 'happy' }), context());
    const after = fold(1, [...history.events, ...events]);

    // then
    expect(events.map((e) => e.type)).toEqual(['followed-up', 'closed']);
    expect(after.status).toBe('closed');
    expect(after.outcome).toBe('satisfied');
    expect(after.closedAt).toBe(NEXT_TUE_10);
    expect(after.followups).toEqual([{ at: NEXT_TUE_10, by: 'Li', method: 'phone', satisfaction, note: 'happy' }]);
    expect(after.reopenCount).toBe(0);
  });

  it('category quality needs 2: the first stays resolved with the next follow-up due 5 working days later', () => {
    // given
    const history = play([openCommand({ category: 'quality' }), assign(MON_9), resolve(MON_15)]);

    // when
    const events = decide(history.complaint, followup(NEXT_TUE_10, 5), context());
    const after = fold(1, [...history.events, ...events]);

    // then
    expect(events.map((e) => e.type)).toEqual(['followed-up']);
    expect(after.status).toBe('resolved');
    expect(after.outcome).toBeNull();
    expect(after.followups).toHaveLength(1);
    expect(after.deadlines.followup?.due).toBe('2026-11-17T23:59:59+08:00');
    expect(after.deadlines.followup?.from).toBe(NEXT_TUE_10);
  });

  it('category quality: the second satisfied follow-up closes it', () => {
    const after = complaintAfter(
      [assign(MON_9), resolve(MON_15), followup(NEXT_TUE_10, 5), followup(at('2026-11-17T10:00'), 4)],
      openCommand({ category: 'quality' }),
    );

    expect(after.status).toBe('closed');
    expect(after.outcome).toBe('satisfied');
    expect(after.followups.map((f) => f.satisfaction)).toEqual([5, 4]);
  });

  it('the required number is configurable per category', () => {
    // given service needs 3 here
    const settings = { ...DEFAULT_SETTINGS, followupsRequired: { ...DEFAULT_SETTINGS.followupsRequired, service: 3 } };
    const ctx = context(undefined, settings);
    const steps = [openCommand({ category: 'service' }), resolve(MON_15), followup(NEXT_TUE_10, 5), followup(at('2026-11-11T10:00'), 5)];

    // when
    const twice = play(steps, ctx).complaint;
    const thrice = play([...steps, followup(at('2026-11-12T10:00'), 4)], ctx).complaint;

    // then
    expect(twice.status).toBe('resolved');
    expect(thrice.status).toBe('closed');
  });

  it('satisfied follow-ups before a reopening do not count towards closing', () => {
    // given a quality complaint: one satisfied follow-up, then a dissatisfied one, then resolved again
    const history = play([
      openCommand({ category: 'quality' }),
      assign(MON_9),
      resolve(MON_15),
      followup(NEXT_TUE_10, 5),
      followup(at('2026-11-11T10:00'), 2),
      resolve(at('2026-11-12T10:00')),
    ]);

    // when one satisfied follow-up is made after the new resolution
    const events = decide(history.complaint, followup(at('2026-11-13T10:00'), 5), context());

    // then it still needs a second one
    expect(events.map((e) => e.type)).toEqual(['followed-up']);
  });

  it('a follow-up at the very time of the resolution counts', () => {
    const after = complaintAfter([resolve(MON_15), followup(MON_15, 5)]);

    expect(after.status).toBe('closed');
  });
});

describe('resolved → followup with satisfaction ≤ 3 → reopened', () => {
  it.each([1, 2, 3])('satisfaction %i with an assignee: assigned, both deadlines re-armed from the reopening', (satisfaction) => {
    // given
    const history = play([openCommand(), assign(MON_9), resolve(MON_15)]);

    // when
    const events = decide(history.complaint, followup(NEXT_TUE_10, satisfaction), context());
    const after = fold(1, [...history.events, ...events]);

    // then
    expect(events.map((e) => e.type)).toEqual(['followed-up', 'reopened']);
    expect(after.status).toBe('assigned');
    expect(after.assignee).toBe('Zhao');
    expect(after.reopenCount).toBe(1);
    expect(after.outcome).toBeNull();
    expect(after.followups.map((f) => f.satisfaction)).toEqual([satisfaction]);
    expect(after.deadlines.answer?.from).toBe(NEXT_TUE_10);
    expect(after.deadlines.answer?.due).toBe('2026-11-17T23:59:59+08:00');
    expect(after.deadlines.solution?.from).toBe(NEXT_TUE_10);
    expect(after.deadlines.solution?.due).toBe('2026-11-13T23:59:59+08:00');
    expect(after.deadlines.followup).toBeNull();
  });

  it('without an assignee: open, only the answer deadline re-armed', () => {
    // given resolved straight from open
    const history = play([openCommand(), resolve(MON_15)]);

    // when
    const events = decide(history.complaint, followup(NEXT_TUE_10, 2), context());
    const after = fold(1, [...history.events, ...events]);

    // then
    expect(after.status).toBe('open');
    expect(after.assignee).toBeNull();
    expect(after.reopenCount).toBe(1);
    expect(after.deadlines.answer?.due).toBe('2026-11-17T23:59:59+08:00');
    expect(after.deadlines.solution).toBeNull();
    expect(after.deadlines.followup).toBeNull();
  });

  it('each reopening adds one to the count', () => {
    const after = complaintAfter([
      resolve(MON_15),
      followup(at('2026-11-03T10:00'), 1),
      resolve(at('2026-11-04T10:00')),
      followup(at('2026-11-05T10:00'), 3),
    ]);

    expect(after.status).toBe('open');
    expect(after.reopenCount).toBe(2);
  });

  it('a major complaint reopened must be answered within 24 hours of the reopening', () => {
    const after = complaintAfter([assign(MON_9), resolve(MON_15), followup(NEXT_TUE_10, 1)], openCommand({ severity: 'major' }));

    expect(after.deadlines.answer?.due).toBe('2026-11-11T10:00:00+08:00');
    expect(after.deadlines.solution?.due).toBe('2026-11-11T23:59:59+08:00');
  });
});

describe('any but closed → close --reason → closed', () => {
  const cases = (['open', 'assigned', 'resolved'] as const).flatMap((status) => CLOSE_REASONS.map((reason) => ({ status, reason })));

  it.each(cases)('from $status with reason $reason', ({ status, reason }) => {
    // given
    const history = historyIn(status);
    const when = at('2026-11-03T11:00');

    // when
    const events = decide(history.complaint, close(when, reason, { note: 'customer called' }), context());

    // then
    expect(events).toEqual([{ type: 'closed', at: when, by: 'Li', note: 'customer called', outcome: reason }]);
    const after = fold(1, [...history.events, ...events]);
    expect(after.status).toBe('closed');
    expect(after.outcome).toBe(reason);
    expect(after.closedAt).toBe(when);
  });
});

describe('closed → reopen', () => {
  it('with an assignee: assigned, count + 1, outcome cleared, deadlines re-armed from the reopening', () => {
    // given closed as withdrawn after it was assigned
    const history = play([openCommand(), assign(MON_9), close(MON_15, 'withdrawn')]);

    // when
    const events = decide(history.complaint, reopen(NEXT_TUE_10, { note: 'customer changed her mind' }), context());
    const after = fold(1, [...history.events, ...events]);

    // then
    expect(events.map((e) => e.type)).toEqual(['reopened']);
    expect(events[0]?.note).toBe('customer changed her mind');
    expect(after.status).toBe('assigned');
    expect(after.reopenCount).toBe(1);
    expect(after.outcome).toBeNull();
    expect(after.closedAt).toBeNull();
    expect(after.deadlines.answer?.due).toBe('2026-11-17T23:59:59+08:00');
    expect(after.deadlines.solution?.due).toBe('2026-11-13T23:59:59+08:00');
  });

  it('without an assignee: open', () => {
    const after = complaintAfter([resolve(MON_15, { unfounded: true, finding: 'no fault', compensation: null }), reopen(NEXT_TUE_10)]);

    expect(after.status).toBe('open');
    expect(after.reopenCount).toBe(1);
    expect(after.deadlines.answer?.due).toBe('2026-11-17T23:59:59+08:00');
    expect(after.deadlines.solution).toBeNull();
  });

  it('a complaint closed as satisfied can be reopened too', () => {
    const after = complaintAfter([assign(MON_9), resolve(MON_15), followup(NEXT_TUE_10, 5), reopen(at('2026-11-20T10:00'))]);

    expect(after.status).toBe('assigned');
    expect(after.followups).toHaveLength(1);
    expect(after.deadlines.followup).toBeNull();
  });
});

describe('any → log → unchanged', () => {
  it.each(STATUSES)('in %s: the status stays, the entry is kept', (status) => {
    // given
    const { complaint, events: before } = historyIn(status);
    const when = at('2026-11-04T10:00');

    // when
    const events = decide(complaint, log(when, { text: ' Spoke to the baker ' }), context());
    const after = fold(1, [...before, ...events]);

    // then
    expect(events).toEqual([
      { type: 'logged', at: when, by: 'Li', note: 'Spoke to the baker', kind: 'call', substantiated: null, responsibility: null, rootCause: null },
    ]);
    expect(after.status).toBe(status);
    expect(after.deadlines).toEqual(complaint.deadlines);
    expect(after.lastEventAt).toBe(when);
  });

  it('a finding records whether it is substantiated, who is responsible and the root cause', () => {
    const after = complaintAfter([
      log(MON_9, { kind: 'finding', text: 'Sold past its date', substantiated: true, responsibility: 'store', rootCause: 'no date check' }),
      log(MON_15, { kind: 'note', text: 'customer will come Tuesday' }),
    ]);

    expect(after.status).toBe('open');
    expect(after.finding).toBe('Sold past its date');
    expect(after.substantiated).toBe(true);
    expect(after.responsibility).toBe('store');
    expect(after.rootCause).toBe('no date check');
  });

  it('an entry needs its text', () => {
    const error = domainError(() => decide(complaintIn('open'), log(MON_9, { text: '  ' }), context()));
    expect(error.code).toBe('invalid');
  });
});

describe('every other move is refused', () => {
  // The spec's table, written out here so that a change to ALLOWED_COMMANDS has to change the test too.
  // The spec's table, with an answer while the answer is owed, and a correction or a void in any status.
  const SPEC_TABLE: Record<Status, ChangeCommand['type'][]> = {
    open: ['assign', 'answer', 'resolve', 'close', 'log', 'edit', 'void', 'wait', 'resume', 'escalate'],
    assigned: ['assign', 'answer', 'resolve', 'close', 'log', 'edit', 'void', 'wait', 'resume', 'escalate'],
    resolved: ['followup', 'close', 'log', 'edit', 'void', 'wait', 'resume', 'escalate'],
    closed: ['reopen', 'log', 'edit', 'void'],
  };

  it('ALLOWED_COMMANDS is the table of the spec', () => {
    for (const status of STATUSES) expect([...ALLOWED_COMMANDS[status]].sort(), status).toEqual([...SPEC_TABLE[status]].sort());
  });

  const pairs = STATUSES.flatMap((status) => CHANGE_TYPES.map((type) => ({ status, type, allowed: ALLOWED_COMMANDS[status].includes(type) })));

  it.each(pairs.filter((p) => !p.allowed))('$type in $status is refused as not allowed, naming the status and the allowed commands', ({ status, type }) => {
    // given
    const complaint = complaintIn(status);

    // when
    const error = domainError(() => decide(complaint, commandOfType(type, at('2026-11-04T10:00')), context()));

    // then
    expect(error.code).toBe('not-allowed');
    expect(error.message).toBe(error.sentence.en);
    expect(error.sentence.en).toContain(`is ${status}`);
    expect(error.sentence.en).toContain(`cannot take ${type}`);
    expect(error.sentence.en).toContain(`from ${status} you can: ${ALLOWED_COMMANDS[status].join(', ')}.`);
    for (const allowed of ALLOWED_COMMANDS[status]) expect(error.sentence.zh).toContain(allowed);
    expect(error.sentence.zh.length).toBeGreaterThan(0);
  });

  it.each(pairs.filter((p) => p.allowed))('$type in $status is accepted', ({ status, type }) => {
    const events = decide(complaintIn(status), commandOfType(type, at('2026-11-04T10:00')), context());

    expect(events.length).toBeGreaterThan(0);
  });

  it('the refusal names the status in Chinese', () => {
    const error = domainError(() => decide(complaintIn('closed'), assign(at('2026-11-04T10:00')), context()));
    expect(error.sentence.zh).toContain('已结案');
    expect(error.sentence.zh).toContain('reopen');
  });

  it('a refused command does not change the complaint it was given', () => {
    const complaint = complaintIn('resolved');
    const before = structuredClone(complaint);

    thrownBy(() => decide(complaint, assign(at('2026-11-04T10:00')), context()));

    expect(complaint).toEqual(before);
  });

  it('open is only for a new complaint, and the other commands need one', () => {
    expect(() => decide(complaintIn('open'), openCommand({ at: MON_9 }), context())).toThrow();
    expect(() => decide(null, assign(MON_9), context())).toThrow();
  });
});

describe('refusals of the data', () => {
  it('a time in the future is refused, for a new complaint and for a change', () => {
    const now = at('2026-11-02T12:00');

    const onOpen = domainError(() => decide(null, openCommand({ at: at('2026-11-02T12:01') }), context(now)));
    const onAssign = domainError(() => decide(complaintIn('open'), assign(at('2026-11-02T12:00:01')), context(now)));

    expect(onOpen.code).toBe('invalid');
    expect(onOpen.sentence.en).toMatch(/in the future/);
    expect(onAssign.code).toBe('invalid');
    expect(decide(complaintIn('open'), assign(now), context(now))).toHaveLength(1);
  });

  it('a time before the last event is refused as out of order; the same time is accepted', () => {
    // given an assignment on Monday 15:00
    const complaint = complaintAfter([assign(MON_15)]);

    // when a note is logged before it
    const error = domainError(() => decide(complaint, log(MON_9), context()));

    // then
    expect(error.code).toBe('out-of-order');
    expect(error.sentence).toEqual({
      en: 'The time Mon 2 Nov 09:00 is before the last entry of complaint 1, at Mon 2 Nov 15:00; give --at a time no earlier than that.',
      zh: '时间 11月2日 周一 09:00 早于投诉 1 的最后一条记录（11月2日 周一 15:00）；--at 不能早于这个时间。',
    });
    expect(decide(complaint, log(MON_15), context())).toHaveLength(1);
  });

  it('compares times as instants, whatever their offsets', () => {
    const complaint = complaintAfter([assign(MON_15)]);

    expect(() => decide(complaint, log('2026-11-02T06:59:00Z'), context())).toThrow(DomainError);
    expect(decide(complaint, log('2026-11-02T07:00:00Z'), context())).toHaveLength(1);
  });

  it.each([
    ['an empty customer', { customer: '' }, /customer/],
    ['a blank customer', { customer: '   ' }, /customer/],
    ['an empty description', { description: '' }, /--desc/],
    ['a blank description', { description: ' \n ' }, /--desc/],
    ['an empty receiver', { by: ' ' }, /--by/],
    ['a description too long', { description: 'x'.repeat(MAX_TEXT + 1) }, /too long/],
  ] as const)('opening with %s is refused', (_, fields, message) => {
    const error = domainError(() => decide(null, openCommand(fields), context()));

    expect(error.code).toBe('invalid');
    expect(error.sentence.en).toMatch(message);
    expect(error.sentence.zh.length).toBeGreaterThan(0);
  });

  it('a description of exactly the longest length is kept', () => {
    expect(complaintAfter([], openCommand({ description: 'x'.repeat(MAX_TEXT) })).description).toHaveLength(MAX_TEXT);
  });

  it('an assignment needs an assignee', () => {
    const error = domainError(() => decide(complaintIn('open'), assign(MON_9, { assignee: ' ' }), context()));
    expect(error.code).toBe('invalid');
    expect(error.sentence.en).toMatch(/--to/);
  });

  it('a compensation amount without its kind is refused', () => {
    const error = domainError(() =>
      decide(complaintIn('assigned'), resolve(MON_15, { compensation: { kind: null, cents: 2550 } }), context()),
    );

    expect(error.code).toBe('invalid');
    expect(error.sentence.en).toMatch(/--compensation-kind/);
  });

  it('a compensation kind without an amount, or no compensation, is fine', () => {
    expect(complaintAfter([resolve(MON_15, { compensation: { kind: 'replacement', cents: null } })]).compensation).toEqual({
      kind: 'replacement',
      cents: null,
    });
    expect(complaintAfter([resolve(MON_15, { compensation: null })]).compensation).toEqual({ kind: null, cents: null });
  });

  it.each([0, 6, -1, 2.5, Number.NaN])('satisfaction %s is refused', (satisfaction) => {
    const error = domainError(() => decide(complaintIn('resolved'), followup(NEXT_TUE_10, satisfaction), context()));

    expect(error.code).toBe('invalid');
    expect(error.sentence.en).toMatch(/from 1 \(very dissatisfied\) to 5 \(very satisfied\)/);
  });

  it.each(['abc', '1234', '138-0013-800x', '+86 138 0013 8000 1234 5678 90'])('phone "%s" is refused', (phone) => {
    const error = domainError(() => decide(null, openCommand({ phone }), context()));

    expect(error.code).toBe('invalid');
    expect(error.sentence.en).toContain('is not a phone number');
  });

  it.each([
    ['13800138000', '13800138000'],
    ['+86 138-0013-8000', '+86 138-0013-8000'],
    ['(021) 5555 1234', '(021) 5555 1234'],
    ['１３８００１３８０００', '13800138000'],
    ['  12345 ', '12345'],
  ])('phone "%s" is kept as "%s"', (phone, kept) => {
    expect(checkPhone(phone)).toBe(kept);
    expect(complaintAfter([], openCommand({ phone })).customer.phone).toBe(kept);
  });

  it('a refusal of data writes nothing: the complaint given is unchanged', () => {
    const complaint = complaintIn('resolved');
    const before = structuredClone(complaint);

    thrownBy(() => decide(complaint, followup(NEXT_TUE_10, 9), context()));
    decide(complaint, followup(NEXT_TUE_10, 2), context());

    expect(complaint).toEqual(before);
  });
});


describe('satisfied follow-ups are counted per round of handling', () => {
  it('a satisfied follow-up before a reopen does not count after the next resolve, even at the same moment', () => {
    // given: a quality complaint (2 satisfied follow-ups needed) whose history was typed up with dates only
    const day = at('2026-11-02T00:00');
    const quality = openCommand({ category: 'quality' });
    // when: satisfied once, then dissatisfied (reopens), resolved again, then satisfied once — all at the same time
    const complaint = complaintAfter([resolve(day), followup(day, 5), followup(day, 2), resolve(day), followup(day, 5)], quality);
    // then: one satisfied follow-up in this round is not enough to close
    expect(complaint.status).toBe('resolved');
    expect(complaint.satisfiedThisRound).toBe(1);
  });
});
