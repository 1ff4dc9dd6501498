// Any sequence of commands keeps the invariants of the procedure. The seed is fixed, so a run is
// repeatable; change it locally to explore further.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, pendingDeadlines, type Complaint, type NewEvent } from '../../src/workflow/complaint.js';
import { DomainError } from '../../src/workflow/errors.js';
import { addHours, compareTimes, type IsoTime } from '../../src/workflow/time.js';
import { ALLOWED_COMMANDS, decide, type ChangeCommand } from '../../src/workflow/transitions.js';
import { CATEGORIES, CLOSE_REASONS, SEVERITIES, STATUSES } from '../../src/workflow/vocab.js';
import { close, commandOfType, context, edit, followup, FRI, openCommand, resolve } from './builders.js';

const ctx = context('2030-01-01T00:00:00+08:00');

const step = fc.record({
  type: fc.constantFrom<ChangeCommand['type']>('assign', 'resolve', 'followup', 'close', 'reopen', 'log', 'answer', 'edit', 'void', 'unvoid', 'wait', 'resume', 'escalate'),
  hoursLater: fc.integer({ min: 0, max: 72 }),
  satisfaction: fc.integer({ min: 1, max: 5 }),
  reason: fc.constantFrom(...CLOSE_REASONS),
  unfounded: fc.boolean(),
});

const scenario = fc.record({
  category: fc.constantFrom(...CATEGORIES),
  severity: fc.constantFrom(...SEVERITIES),
  steps: fc.array(step, { maxLength: 30 }),
});

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** The step as a command: the builders' valid one of its type, but where the scenario chose a value. */
function commandOf(s: Step, when: IsoTime, complaint: Complaint): ChangeCommand {
  switch (s.type) {
    case 'resolve':
      return s.unfounded ? resolve(when, { unfounded: true, finding: 'not our fault', compensation: null }) : resolve(when);
    case 'followup':
      return followup(when, s.satisfaction);
    case 'close':
      return close(when, s.reason);
    case 'edit':
      // Always a change: the next severity.
      return edit(when, { severity: SEVERITIES[(SEVERITIES.indexOf(complaint.severity) + 1) % SEVERITIES.length] });
    default:
      return commandOfType(s.type, when);
  }
}

function checkInvariants(complaint: Complaint, events: readonly NewEvent[]): void {
  expect(STATUSES).toContain(complaint.status);
  const closed = complaint.status === 'closed';
  expect(complaint.outcome !== null).toBe(closed);
  expect(complaint.closedAt !== null).toBe(closed);
  if (complaint.status === 'assigned') expect(complaint.assignee).not.toBeNull();
  expect(complaint.reopenCount).toBe(events.filter((e) => e.type === 'reopened').length);
  expect(complaint.followups).toHaveLength(events.filter((e) => e.type === 'followed-up').length);
  expect(complaint.lastEventAt).toBe(events.at(-1)?.at);
  expect(complaint.voided !== null).toBe(events.findLast((e) => e.type === 'voided' || e.type === 'unvoided')?.type === 'voided');
  // A wait runs from its waiting event to the resume that ends it; a closed complaint never waits.
  expect(complaint.waiting !== null).toBe(events.findLast((e) => e.type === 'waiting' || e.type === 'resumed')?.type === 'waiting');
  if (closed) expect(complaint.waiting).toBeNull();
  // An escalation stands from the escalated event until a resolve or a close; a major complaint was escalated as it was recorded.
  const standing = events.findLast((e) => e.type === 'escalated' || e.type === 'closed' || e.type === 'resolved');
  expect(complaint.escalation !== null).toBe(standing?.type === 'escalated');
  if (events[0]?.type === 'opened' && events[0].severity === 'major') expect(events[1]?.type).toBe('escalated');
  // The second reopening and every one after it are escalated.
  events.forEach((event, index) => {
    if (event.type === 'reopened' && events.slice(0, index + 1).filter((e) => e.type === 'reopened').length >= 2) {
      expect(events.slice(index + 1).find((e) => e.type === 'escalated' || e.at !== event.at)).toMatchObject({ type: 'escalated', reason: 'reopened-again' });
    }
  });
  for (const [index, event] of events.entries()) {
    if (event.type === 'resumed') expect(events.slice(0, index).findLast((e) => e.type === 'waiting' || e.type === 'resumed')?.type).toBe('waiting');
  }
  const kinds = pendingDeadlines(complaint).map((p) => p.kind);
  if (complaint.voided !== null) expect(kinds).toEqual([]);
  else {
    // The answer is owed until an answer or a resolve since the deadline was armed.
    if (complaint.status === 'open' || complaint.status === 'assigned') expect(kinds.includes('answer')).toBe(complaint.answeredAt === null);
    if (complaint.status === 'assigned') expect(kinds).toContain('solution');
    if (complaint.status === 'resolved') expect(kinds).toEqual(['followup']);
  }
  for (const { deadline } of pendingDeadlines(complaint)) expect(compareTimes(deadline.due, deadline.from)).toBeGreaterThan(0);
}

describe('any sequence of commands', () => {
  it('is accepted exactly when the procedure allows it, and keeps the invariants', () => {
    fc.assert(
      fc.property(scenario, ({ category, severity, steps }) => {
        // given
        const events: NewEvent[] = decide(null, openCommand({ category, severity }), ctx);
        let when = FRI;

        for (const s of steps) {
          const complaint = fold(1, events);
          when = addHours(when, s.hoursLater);
          const command = commandOf(s, when, complaint);

          // when
          let decided: NewEvent[] | DomainError;
          try {
            decided = decide(complaint, command, ctx);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            decided = error;
          }

          // then
          // A voided complaint takes only unvoid; the others, what the procedure's table allows.
          // wait while waiting, and resume while not, are refused too.
          const allowed =
            complaint.voided !== null
              ? command.type === 'unvoid'
              : ALLOWED_COMMANDS[complaint.status].includes(command.type) &&
                !(command.type === 'wait' && complaint.waiting !== null) &&
                !(command.type === 'resume' && complaint.waiting === null);
          if (allowed) {
            expect(decided).toBeInstanceOf(Array);
            events.push(...(decided as NewEvent[]));
          } else {
            expect(decided).toBeInstanceOf(DomainError);
            expect((decided as DomainError).code).toBe('not-allowed');
          }
          checkInvariants(fold(1, events), events);
        }
      }),
      { seed: 20261030, numRuns: 300 },
    );
  });
});
