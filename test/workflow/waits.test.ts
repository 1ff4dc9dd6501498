// A clock that pauses: a complaint waiting on someone has its deadlines paused, and the end of the
// wait pushes them back by the working days waited (clock time for deadlines in hours). Every date
// below is counted by hand on the calendar of November 2026 (Sun 1, Mon 2 … Mon 9, Mon 16) and of
// National Day 2026 (holidays Thu 1 – Wed 7 Oct, make-up working day Sat 10 Oct).
import { describe, expect, it } from 'vitest';
import { deadlineEnds, fold, nextDue, overdueAt, pendingDeadlines, type NewEvent } from '../../src/workflow/complaint.js';
import { DomainError } from '../../src/workflow/errors.js';
import { factsOf } from '../../src/workflow/report-facts.js';
import { DEFAULT_SETTINGS } from '../../src/workflow/settings.js';
import { decide, type Command } from '../../src/workflow/transitions.js';
import { answer, assign, at, close, context, edit, followup, log, openCommand, play, resolve, resume, thrownBy, unvoid, voidIt, wait } from './builders.js';

const MON_2_NOV = at('2026-11-02T09:00');
const dueOf = (commands: readonly Command[]) => {
  const { complaint } = play(commands);
  return Object.fromEntries(pendingDeadlines(complaint).map(({ kind, deadline }) => [kind, deadline.due]));
};
const resumedOf = (events: readonly NewEvent[]) => events.find((event) => event.type === 'resumed') as Extract<NewEvent, { type: 'resumed' }>;

describe('a wait pushes the pending deadlines back by the time waited', () => {
  it('a deadline in days moves by the working days after the wait began up to the day it ended', () => {
    // answer: 5 working days from Mon 2 Nov → Mon 9 Nov; waited Tue 3 10:00 – Thu 5 15:00: Wed 4, Thu 5 → 2
    const open = openCommand({ at: MON_2_NOV });
    expect(dueOf([open])).toEqual({ answer: '2026-11-09T23:59:59+08:00' });
    const { events, complaint } = play([open, wait(at('2026-11-03T10:00')), resume(at('2026-11-05T15:00'))]);
    // Mon 9 + 2 working days: Tue 10, Wed 11
    expect(complaint.deadlines.answer).toMatchObject({ due: '2026-11-11T23:59:59+08:00', from: MON_2_NOV, pushedBack: 2 });
    expect(resumedOf(events)).toMatchObject({ since: at('2026-11-03T10:00'), on: 'customer', workdays: 2, minutes: 53 * 60 });
    expect(complaint.waiting).toBeNull();
    expect(complaint.waits).toEqual([{ since: at('2026-11-03T10:00'), until: at('2026-11-05T15:00'), on: 'customer' }]);
  });

  it('over National Day, the closed days are not waited and the push skips them too', () => {
    const settings = { ...DEFAULT_SETTINGS, calendar: { ...DEFAULT_SETTINGS.calendar, holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'], extraWorkdays: ['2026-10-10'] } } as typeof DEFAULT_SETTINGS;
    const ctx = context(undefined, settings);
    // answer: 5 working days from Mon 28 Sep: Tue 29, Wed 30, (1–7 Oct closed), Thu 8, Fri 9, Sat 10 (make-up) → Sat 10 Oct
    const open = openCommand({ at: at('2026-09-28T09:00') });
    expect(play([open], ctx).complaint.deadlines.answer?.due).toBe('2026-10-10T23:59:59+08:00');
    // waited Wed 30 Sep 16:00 – Fri 9 Oct 10:00: working days Thu 8, Fri 9 → 2; Sat 10 + 2: (Sun 11), Mon 12, Tue 13
    const { events, complaint } = play([open, wait(at('2026-09-30T16:00'), { on: 'supplier' }), resume(at('2026-10-09T10:00'))], ctx);
    expect(resumedOf(events)).toMatchObject({ workdays: 2, on: 'supplier' });
    expect(complaint.deadlines.answer?.due).toBe('2026-10-13T23:59:59+08:00');
    expect(complaint.deadlines.answer?.notable).toContainEqual({ date: '2026-10-11', kind: 'weekend' });
  });

  it('a deadline in hours moves by the clock time waited, to the minute', () => {
    // major: answer within 24 hours of Mon 2 Nov 09:00 → Tue 3 Nov 09:00
    const open = openCommand({ at: MON_2_NOV, severity: 'major' });
    expect(dueOf([open])).toEqual({ answer: '2026-11-03T09:00:00+08:00' });
    // waited 11:00 – 14:30 the same day: 3 h 30 min
    const sameDay = play([open, wait(at('2026-11-02T11:00')), resume(at('2026-11-02T14:30'))]);
    expect(sameDay.complaint.deadlines.answer).toMatchObject({ due: '2026-11-03T12:30:00+08:00', pushedBack: 210 });
    expect(resumedOf(sameDay.events)).toMatchObject({ workdays: 0, minutes: 210 });
    // waited overnight 18:00 – 08:00: 14 hours
    const overnight = play([open, wait(at('2026-11-02T18:00')), resume(at('2026-11-03T08:00'))]);
    expect(overnight.complaint.deadlines.answer?.due).toBe('2026-11-03T23:00:00+08:00');
  });

  it('every pending deadline moves: the answer and the solution of an assigned complaint', () => {
    // answer Mon 9 Nov; solution 3 working days from Mon 2: Tue 3, Wed 4, Thu 5
    const commands = [openCommand({ at: MON_2_NOV }), assign(at('2026-11-02T15:00'))];
    expect(dueOf(commands)).toEqual({ answer: '2026-11-09T23:59:59+08:00', solution: '2026-11-05T23:59:59+08:00' });
    // waited Tue 3 09:00 – Wed 4 17:00: Wed 4 → 1
    expect(dueOf([...commands, wait(at('2026-11-03T09:00')), resume(at('2026-11-04T17:00'))])).toEqual({
      answer: '2026-11-10T23:59:59+08:00',
      solution: '2026-11-06T23:59:59+08:00',
    });
  });

  it('a wait begun and ended on one day moves no deadline in days', () => {
    const { events, complaint } = play([openCommand({ at: MON_2_NOV }), wait(at('2026-11-03T10:00')), resume(at('2026-11-03T16:00'))]);
    expect(resumedOf(events)).toMatchObject({ workdays: 0, minutes: 360, answerDeadline: null, solutionDeadline: null, followupDeadline: null });
    expect(complaint.deadlines.answer?.due).toBe('2026-11-09T23:59:59+08:00');
    expect(complaint.deadlines.answer?.pushedBack).toBeUndefined();
  });

  it('a deadline re-armed during the wait owes nothing for the time before it was set', () => {
    // waits from Mon 2 10:00; the severity corrected to urgent on Wed 4 10:00 re-arms the answer: 1 working day → Thu 5
    const commands = [openCommand({ at: MON_2_NOV }), wait(at('2026-11-02T10:00')), edit(at('2026-11-04T10:00'), { severity: 'urgent' })];
    expect(dueOf(commands)).toEqual({ answer: '2026-11-05T23:59:59+08:00' });
    // resumed Fri 6 10:00: counted from Wed 4 (Thu 5, Fri 6 → 2), so Thu 5 + 2: Fri 6, (Sat, Sun), Mon 9
    const { events, complaint } = play([...commands, resume(at('2026-11-06T10:00'))]);
    expect(complaint.deadlines.answer?.due).toBe('2026-11-09T23:59:59+08:00');
    // the wait itself lasted Tue 3 – Fri 6: 4 working days
    expect(resumedOf(events).workdays).toBe(4);
  });
});

describe('while it waits', () => {
  const waiting = play([openCommand({ at: MON_2_NOV }), wait(at('2026-11-03T10:00'), { note: 'Photos of the damage' })]);

  it('no deadline runs: none is overdue after its due time, and none is next', () => {
    expect(waiting.complaint.waiting).toEqual({ since: at('2026-11-03T10:00'), on: 'customer', by: 'Li', note: 'Photos of the damage' });
    expect(overdueAt(waiting.complaint, at('2026-11-20T10:00'))).toEqual([]);
    expect(nextDue(waiting.complaint)).toBeNull();
    // still owed: the answer has not been given
    expect(pendingDeadlines(waiting.complaint).map((p) => p.kind)).toEqual(['answer']);
  });

  it('a note, a finding, a correction, a void and an unvoid leave it waiting', () => {
    const { complaint } = play([
      openCommand({ at: MON_2_NOV }),
      wait(at('2026-11-03T10:00')),
      log(at('2026-11-03T11:00'), { kind: 'note' }),
      log(at('2026-11-03T11:30'), { kind: 'finding', substantiated: true }),
      edit(at('2026-11-03T12:00'), { customer: 'Wang Fei' }),
      voidIt(at('2026-11-03T13:00')),
      unvoid(at('2026-11-03T14:00')),
    ]);
    expect(complaint.waiting?.since).toBe(at('2026-11-03T10:00'));
  });

  it.each([
    ['a call logged', log(at('2026-11-11T10:00'), { kind: 'call' })],
    ['a visit logged', log(at('2026-11-11T10:00'), { kind: 'visit' })],
    ['an assignment', assign(at('2026-11-11T10:00'))],
    ['a close', close(at('2026-11-11T10:00'), 'withdrawn')],
  ])('%s ends the wait first, its deadlines pushed back', (_, step) => {
    const { events, complaint } = play([openCommand({ at: MON_2_NOV }), wait(at('2026-11-03T10:00')), step]);
    expect(events.slice(2).map((event) => event.type)[0]).toBe('resumed');
    expect(complaint.waiting).toBeNull();
    expect(resumedOf(events).at).toBe(at('2026-11-11T10:00'));
  });

  it('an answer given while it waits ends the wait, and is on time against the deadline pushed back', () => {
    // waited Tue 3 10:00 until the answer on Wed 11 10:00: Wed 4, Thu 5, Fri 6, Mon 9, Tue 10, Wed 11 → 6;
    // Mon 9 + 6: Tue 10, Wed 11, Thu 12, Fri 13, Mon 16, Tue 17
    const { events, complaint } = play([openCommand({ at: MON_2_NOV }), wait(at('2026-11-03T10:00')), answer(at('2026-11-11T10:00'))]);
    expect(events.map((event) => event.type)).toEqual(['opened', 'waiting', 'resumed', 'answered']);
    expect(resumedOf(events).workdays).toBe(6);
    expect(complaint.deadlines.answer?.due).toBe('2026-11-17T23:59:59+08:00');
    expect(deadlineEnds(events).answer).toBe('met');
    expect(factsOf(events).at(-1)?.onTime).toBe(true);
    // without the wait, the same answer is late
    const unpaused = play([openCommand({ at: MON_2_NOV }), answer(at('2026-11-11T10:00'))]).events;
    expect(deadlineEnds(unpaused).answer).toBe('late');
  });

  it('a follow-up made after the customer could not be reached is on time against the pushed follow-up deadline', () => {
    // resolved Mon 2 15:00: follow-up 5 working days → Mon 9; waited Tue 3 – Thu 12: 7 working days → Wed 18
    const { events, complaint } = play([
      openCommand({ at: MON_2_NOV }),
      assign(at('2026-11-02T10:00')),
      resolve(at('2026-11-02T15:00')),
      wait(at('2026-11-03T10:00'), { note: 'customer away' }),
      followup(at('2026-11-12T10:00'), 5),
    ]);
    expect(events.slice(-3).map((event) => event.type)).toEqual(['resumed', 'followed-up', 'closed']);
    expect(resumedOf(events).followupDeadline?.due).toBe('2026-11-18T23:59:59+08:00');
    expect(complaint.status).toBe('closed');
    expect(factsOf(events).find((fact, index) => events[index]!.type === 'followed-up')?.onTime).toBe(true);
  });

  it('the report facts say it waits after each event, and how long the wait lasted on the event that ended it', () => {
    const { events } = play([openCommand({ at: MON_2_NOV }), wait(at('2026-11-03T10:00')), log(at('2026-11-04T10:00'), { kind: 'note' }), resume(at('2026-11-05T15:00'))]);
    expect(factsOf(events).map((facts) => [facts.waiting, facts.waitedWorkdays, facts.dueMs === null])).toEqual([
      [false, null, false],
      [true, null, true],
      [true, null, true],
      [false, 2, false],
    ]);
  });
});

describe('what the procedure refuses', () => {
  const refusal = (commands: readonly Command[], last: Command) => {
    const { complaint } = play(commands);
    const error = thrownBy(() => decide(complaint, last, context()));
    expect(error).toBeInstanceOf(DomainError);
    return { code: (error as DomainError).code, rule: (error as DomainError).rule, message: (error as DomainError).sentence.en };
  };

  it('a second wait while one lasts', () => {
    expect(refusal([openCommand({ at: MON_2_NOV }), wait(at('2026-11-03T10:00'))], wait(at('2026-11-04T10:00'), { on: 'supplier' }))).toEqual({
      code: 'not-allowed',
      rule: 'already-waiting',
      message: 'Complaint 1 is already waiting on the customer, since Tue 3 Nov 10:00; resume it first with kesu resume 1.',
    });
  });

  it('a resume when nothing waits', () => {
    expect(refusal([openCommand({ at: MON_2_NOV })], resume(at('2026-11-03T10:00')))).toEqual({
      code: 'not-allowed',
      rule: 'not-waiting',
      message: 'Complaint 1 is not waiting on anyone, so there is nothing to resume; kesu list --waiting lists the ones that are.',
    });
  });

  it('a wait for a closed complaint, and a resume before the wait began', () => {
    const closed = [openCommand({ at: MON_2_NOV }), close(at('2026-11-02T10:00'), 'withdrawn')];
    expect(refusal(closed, wait(at('2026-11-03T10:00'))).rule).toBe('not-allowed');
    expect(refusal([openCommand({ at: MON_2_NOV }), wait(at('2026-11-03T10:00'))], resume(at('2026-11-03T09:00'))).rule).toBe('out-of-order');
  });

  it('the resume folded from the events it made is the resume it decided', () => {
    const { events } = play([openCommand({ at: MON_2_NOV }), wait(at('2026-11-03T10:00')), resume(at('2026-11-05T15:00'))]);
    expect(fold(1, events).deadlines.answer).toEqual(resumedOf(events).answerDeadline);
  });
});
