// Correcting, voiding and answering (issue 14): what decide records and refuses, and what the
// complaint is after it, by hand-worked examples on the default calendar (Monday to Friday).
import { describe, expect, it } from 'vitest';
import { deadlineEnds, fold, pendingDeadlines, type NewEvent } from '../../src/workflow/complaint.js';
import { DomainError } from '../../src/workflow/errors.js';
import { factsOf } from '../../src/workflow/report-facts.js';
import { restoreComplaint } from '../../src/workflow/restore.js';
import { eventDetails } from '../../src/workflow/complaint.js';
import { decide, type Command } from '../../src/workflow/transitions.js';
import {
  answer,
  assign,
  at,
  close,
  complaintIn,
  context,
  edit,
  followup,
  FRI,
  historyIn,
  log,
  openCommand,
  play,
  reopen,
  resolve,
  thrownBy,
  unvoid,
  voidIt,
} from './builders.js';

const MON_9 = at('2026-11-02T09:00');
const TUE_10 = at('2026-11-03T10:00');
const WED_10 = at('2026-11-04T10:00');

function refusal(fn: () => unknown): DomainError {
  const error = thrownBy(fn);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

/** The complaint after the commands, opened on Friday 30 October 10:00 (normal, service, phone 138 0013 8000). */
const after = (...commands: Command[]) => play([openCommand(), ...commands]);

describe('edit records a correction: each field before and after, never a change in place', () => {
  it('keeps only the fields whose value changes, in a fixed order, and the complaint takes the new values', () => {
    const { events, complaint } = after(edit(MON_9, { phone: '139 1111 2222', customer: 'Wang Fang', description: 'The cake was mouldy.', request: '' }));

    expect(events[1]).toMatchObject({
      type: 'corrected',
      at: MON_9,
      changes: [
        { field: 'phone', before: '138 0013 8000', after: '139 1111 2222' },
        { field: 'description', before: 'The cake was stale.', after: 'The cake was mouldy.' },
        { field: 'request', before: 'A refund', after: null },
      ],
      answerDeadline: null,
      solutionDeadline: null,
      followupDeadline: null,
    });
    expect(complaint).toMatchObject({ customer: { name: 'Wang Fang', phone: '139 1111 2222' }, description: 'The cake was mouldy.', request: null });
  });

  it('refuses a correction that changes nothing, and an empty value where one is required', () => {
    const open = complaintIn('open');
    expect(refusal(() => decide(open, edit(MON_9, { customer: ' Wang Fang ', severity: 'normal' }), context()))).toMatchObject({ code: 'invalid', rule: 'nothing-to-correct' });
    expect(refusal(() => decide(open, edit(MON_9, { customer: '  ' }), context()))).toMatchObject({ rule: 'required', field: 'customer' });
    expect(refusal(() => decide(open, edit(MON_9, { description: '' }), context()))).toMatchObject({ rule: 'required', field: 'description' });
    expect(refusal(() => decide(open, edit(MON_9, { phone: '12' }), context()))).toMatchObject({ rule: 'phone', field: 'phone' });
    expect(refusal(() => decide(open, edit(MON_9, { ref: 'F\u001b1' }), context()))).toMatchObject({ rule: 'control-character', field: 'ref' });
    expect(refusal(() => decide(open, edit(MON_9, { customer: 'Wang', order: 'A\nB' }), context()))).toMatchObject({ rule: 'one-line', field: 'order' });
  });

  it('corrects a closed complaint too, and any status keeps its status', () => {
    for (const status of ['open', 'assigned', 'resolved', 'closed'] as const) {
      const { events } = historyIn(status);
      const corrected = [...events, ...decide(fold(1, events), edit(at('2026-11-04T10:00'), { channel: 'phone' }), context())];
      expect(fold(1, corrected)).toMatchObject({ status, channel: 'phone' });
    }
  });

  describe('a new severity re-arms the pending deadlines under it, from the correction', () => {
    it('raised: the answer and the solution of an assigned complaint', () => {
      const { events, complaint } = after(assign(MON_9), edit(TUE_10, { severity: 'major' }));
      const corrected = events.findLast((event) => event.type === 'corrected')! as Extract<NewEvent, { type: 'corrected' }>;
      // major: answer in 24 hours, solution in 1 working day, both counted from Tue 3 Nov 10:00
      expect(corrected.answerDeadline).toMatchObject({ due: '2026-11-04T10:00:00+08:00', from: TUE_10, duration: { amount: 24, unit: 'hours' } });
      expect(corrected.solutionDeadline).toMatchObject({ due: '2026-11-04T23:59:59+08:00', from: TUE_10 });
      expect(corrected.followupDeadline).toBeNull();
      expect(complaint.deadlines.answer!.due).toBe('2026-11-04T10:00:00+08:00');
      expect(complaint.deadlines.solution!.due).toBe('2026-11-04T23:59:59+08:00');
      // raised to major: taken to the manager, as a major complaint recorded so is
      expect(events.at(-1)).toMatchObject({ type: 'escalated', reason: 'major', at: TUE_10, to: null });
      expect(complaint.escalation).toMatchObject({ reason: 'major', at: TUE_10 });
    });

    it('lowered: from the correction too, so a lowered complaint is not overdue at once', () => {
      const major = openCommand({ severity: 'major' });
      const { complaint } = play([major, edit(MON_9, { severity: 'normal' })]);
      // 5 working days from Mon 2 Nov: Mon 9 Nov
      expect(complaint.deadlines.answer).toMatchObject({ due: '2026-11-09T23:59:59+08:00', from: MON_9 });
    });

    it('a first follow-up after the resolve, but not the next one, which deadline.next-followup sets whatever the severity', () => {
      const resolved = after(resolve(MON_9), edit(TUE_10, { severity: 'urgent' }));
      expect(resolved.complaint.deadlines.followup).toMatchObject({ due: '2026-11-04T10:00:00+08:00', from: TUE_10 });
      const quality = play([openCommand({ category: 'quality' }), resolve(MON_9), followup(TUE_10, 5), edit(WED_10, { severity: 'urgent' })]);
      expect((quality.events.at(-1) as Extract<NewEvent, { type: 'corrected' }>).followupDeadline).toBeNull();
    });

    it('none that is met or not pending: an answered complaint keeps its answer deadline, a closed one re-arms none', () => {
      const answered = after(answer(MON_9), edit(TUE_10, { severity: 'major' }));
      expect(answered.complaint.deadlines.answer!.from).toBe(FRI);
      const closed = play([openCommand(), close(MON_9, 'withdrawn'), edit(TUE_10, { severity: 'major' })]);
      expect(closed.events.findLast((event) => event.type === 'corrected')).toMatchObject({ answerDeadline: null, solutionDeadline: null, followupDeadline: null });
    });
  });

  describe('a corrected received time', () => {
    it('moves the answer deadline that counts from the receipt, under the severity it now has', () => {
      // received Wed 28 Oct 10:00 instead: 5 working days, Wed 4 Nov
      const { complaint, events } = after(edit(MON_9, { receivedAt: at('2026-10-28T10:00') }));
      expect(complaint.receivedAt).toBe('2026-10-28T10:00:00+08:00');
      expect(complaint.deadlines.answer).toMatchObject({ due: '2026-11-04T23:59:59+08:00', from: '2026-10-28T10:00:00+08:00' });
      expect(events.at(-1)).toMatchObject({ changes: [{ field: 'receivedAt', before: FRI, after: '2026-10-28T10:00:00+08:00' }] });
    });

    it('leaves an answer deadline re-armed by a reopen alone', () => {
      const { complaint } = after(close(MON_9, 'withdrawn'), reopen(TUE_10), edit(WED_10, { receivedAt: at('2026-10-29T10:00') }));
      expect(complaint.deadlines.answer!.from).toBe(TUE_10);
    });

    it('may not be later than the first step after the opening, nor in the future', () => {
      const logged = play([openCommand(), log(at('2026-10-30T11:00'))]).complaint;
      expect(refusal(() => decide(logged, edit(MON_9, { receivedAt: at('2026-10-30T12:00') }), context()))).toMatchObject({
        rule: 'received-after-step',
        field: 'receivedAt',
        params: { complaint: 1, firstStepAt: '2026-10-30T11:00:00+08:00' },
      });
      const open = complaintIn('open');
      expect(refusal(() => decide(open, edit(MON_9, { receivedAt: at('2027-01-01T10:00') }), context())).sentence.en).toBe(
        'The time Fri 1 Jan 2027 10:00 is in the future (it is now Thu 31 Dec 18:00); give --received a time that has already passed.',
      );
      // later than the opening said, but before any other step: accepted
      expect(decide(open, edit(MON_9, { receivedAt: at('2026-10-31T10:00') }), context())).toHaveLength(1);
    });

    it('may not be later than the correction itself, when it is the first step', () => {
      const open = complaintIn('open');
      expect(refusal(() => decide(open, edit(MON_9, { receivedAt: at('2026-11-02T10:00') }), context()))).toMatchObject({
        rule: 'received-after-step',
        field: 'receivedAt',
        params: { complaint: 1, firstStepAt: MON_9 },
      });
      expect(decide(open, edit(MON_9, { receivedAt: MON_9 }), context())).toHaveLength(1);
    });
  });

  describe('a new category', () => {
    it('does not move an assignee, nor the department handed to', () => {
      const { complaint, events } = after(assign(MON_9, { assignee: 'Zhao' }), edit(TUE_10, { category: 'quality' }));
      expect(complaint).toMatchObject({ category: 'quality', assignee: 'Zhao', department: 'front desk' });
      expect((events.at(-1) as Extract<NewEvent, { type: 'corrected' }>).changes.map((c) => c.field)).toEqual(['category']);
    });

    it('takes its default department along while no one is assigned and the department is the old default', () => {
      const { complaint, events } = after(edit(MON_9, { category: 'quality' }));
      expect(complaint.department).toBe('QC');
      expect((events.at(-1) as Extract<NewEvent, { type: 'corrected' }>).changes).toEqual([
        { field: 'category', before: 'service', after: 'quality' },
        { field: 'department', before: 'front desk', after: 'QC' },
      ]);
      // a department given with it wins
      expect(after(edit(MON_9, { category: 'quality', department: 'Bakery' })).complaint.department).toBe('Bakery');
    });
  });
});

describe('void and unvoid', () => {
  it('a voided complaint has no pending deadline and takes only unvoid; unvoid gives its deadlines back', () => {
    const { complaint: voided } = after(assign(MON_9), voidIt(TUE_10, { reason: 'A test entry' }));
    expect(voided.voided).toEqual({ at: TUE_10, by: 'Li', reason: 'A test entry' });
    expect(pendingDeadlines(voided)).toEqual([]);
    for (const command of [log(WED_10), edit(WED_10, { customer: 'X' }), answer(WED_10), voidIt(WED_10), close(WED_10, 'withdrawn')]) {
      const error = refusal(() => decide(voided, command, context()));
      expect(error).toMatchObject({ code: 'not-allowed', rule: 'voided' });
      expect(error.sentence.en).toBe(`Complaint 1 is voided ("A test entry"), so it cannot take ${command.type}; bring it back first with kesu unvoid 1.`);
    }
    const { complaint: back } = after(assign(MON_9), voidIt(TUE_10), unvoid(WED_10));
    expect(back.voided).toBeNull();
    expect(pendingDeadlines(back).map((p) => p.kind)).toEqual(['answer', 'solution']);
  });

  it('unvoid of a complaint not voided, and a void without its reason, are refused', () => {
    expect(refusal(() => decide(complaintIn('open'), unvoid(MON_9), context()))).toMatchObject({ code: 'not-allowed', rule: 'not-voided' });
    expect(refusal(() => decide(complaintIn('open'), voidIt(MON_9, { reason: ' ' }), context()))).toMatchObject({ rule: 'required', field: 'reason' });
  });
});

describe('answer: the reply given to the customer meets the answer deadline without resolving', () => {
  it('records an answered event; the answer is owed no more, the solution still is', () => {
    const { complaint, events } = after(assign(MON_9), answer(TUE_10, { text: ' We replace it by Friday ' }));
    expect(events.at(-1)).toMatchObject({ type: 'answered', note: 'We replace it by Friday', kind: 'call' });
    expect(complaint).toMatchObject({ status: 'assigned', answeredAt: TUE_10 });
    expect(pendingDeadlines(complaint).map((p) => p.kind)).toEqual(['solution']);
    expect(deadlineEnds(events)).toMatchObject({ answer: 'met', solution: null });
  });

  it('late, it is met late; a second answer or the resolve after it changes nothing', () => {
    const { events, complaint } = after(answer(at('2026-11-09T10:00')), answer(at('2026-11-10T10:00')), resolve(at('2026-11-11T10:00')));
    expect(complaint.answeredAt).toBe('2026-11-09T10:00:00+08:00');
    expect(deadlineEnds(events).answer).toBe('late');
  });

  it('log --answered is an answer; an answer needs its text and is refused once resolved', () => {
    const { events } = after(log(MON_9, { answered: true, kind: 'visit' }));
    expect(events.at(-1)).toMatchObject({ type: 'answered', kind: 'visit', note: 'Called the customer' });
    expect(refusal(() => decide(complaintIn('open'), answer(MON_9, { text: '' }), context()))).toMatchObject({ rule: 'required', field: 'answer' });
    expect(refusal(() => decide(complaintIn('resolved'), answer(WED_10), context()))).toMatchObject({ rule: 'not-allowed', params: { command: 'answer' } });
    expect(refusal(() => decide(complaintIn('resolved'), log(WED_10, { answered: true }), context()))).toMatchObject({ rule: 'not-allowed', params: { command: 'answer' } });
  });

  it('a reopen re-arms the deadline, and the next answer meets it again', () => {
    const { complaint } = after(answer(MON_9), resolve(TUE_10), followup(WED_10, 2));
    expect(complaint).toMatchObject({ status: 'open', answeredAt: null });
    expect(pendingDeadlines(complaint).map((p) => p.kind)).toEqual(['answer']);
  });

  it('in the report facts, the first answer of each arming is timed, and the resolve only when no answer came first', () => {
    const { events } = after(answer(MON_9), answer(TUE_10), resolve(WED_10), followup(at('2026-11-05T10:00'), 2), resolve(at('2026-11-20T10:00')));
    // opened, answered, answered, resolved, followed-up, reopened, resolved (late: due Thu 12 Nov)
    expect(factsOf(events).map((facts) => facts.onTime)).toEqual([null, true, null, null, true, null, false]);
  });
});

describe('restoring an export of the new events', () => {
  /** A complaint as an export gives it back: each event with its details. */
  const exported = (events: readonly NewEvent[]) => ({
    events: events.map((event, index) => ({ seq: index + 1, type: event.type, at: event.at, by: event.by, note: event.note, details: eventDetails(event) })),
  });

  it('reads corrections, voids, unvoids and answers back to the same events', () => {
    const { events } = after(answer(MON_9), edit(TUE_10, { severity: 'major', phone: '' }), voidIt(WED_10), unvoid(at('2026-11-05T10:00')));
    const reading = restoreComplaint(exported(events));
    expect(reading).toMatchObject({ ok: true, events });
  });

  it('refuses a correction whose before is not what the complaint had, or that names no field', () => {
    const { events } = after(edit(TUE_10, { severity: 'major' }));
    const changed = exported(events);
    (changed.events[1]!.details as { changes: { before: string }[] }).changes[0]!.before = 'urgent';
    expect(restoreComplaint(changed)).toMatchObject({ ok: false, problems: [{ path: 'events[1].details.changes[0].before' }] });
    (changed.events[1]!.details as { changes: unknown[] }).changes = [];
    expect(restoreComplaint(changed)).toMatchObject({ ok: false, problems: [{ path: 'events[1].details.changes' }] });
    (changed.events[1]!.details as { changes: unknown[] }).changes = [{ field: 'status', before: 'open', after: 'closed' }];
    expect(restoreComplaint(changed)).toMatchObject({ ok: false, problems: [{ path: 'events[1].details.changes[0].field' }] });
  });
});
