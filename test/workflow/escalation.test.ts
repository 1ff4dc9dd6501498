// Nobody misses a major complaint (issue 16, items 1–2): what makes a complaint major, and every
// way it reaches the manager — recorded major, raised to major, reopened a second time, a deadline
// of a major complaint passed, by hand — each an `escalated` event that stands until the close.
import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../src/workflow/complaint.js';
import { DomainError } from '../../src/workflow/errors.js';
import { DEFAULT_SETTINGS } from '../../src/workflow/settings.js';
import { decide, defaultSeverity } from '../../src/workflow/transitions.js';
import { answer, assign, at, close, context, edit, escalate, followup, log, openCommand, play, reopen, resolve, thrownBy, voidIt, wait } from './builders.js';

const MON_2 = at('2026-11-02T09:00');
const escalations = (events: readonly NewEvent[]) =>
  events.filter((event) => event.type === 'escalated').map((event) => (event.type === 'escalated' ? [event.reason, event.at, event.deadline] : null));

describe('what makes a complaint major', () => {
  it('received through the press or a regulator, it is major unless said otherwise, and that is why', () => {
    expect(defaultSeverity('third-party')).toBe('major');
    expect(defaultSeverity('phone')).toBe('normal');
    const { complaint } = play([openCommand({ channel: 'third-party', severity: 'major' })]);
    expect(complaint.majorCriterion).toBe('press-or-regulator');
    // said otherwise: a normal complaint, no criterion, no escalation
    const said = play([openCommand({ channel: 'third-party', severity: 'normal' })]);
    expect(said.complaint.majorCriterion).toBeNull();
    expect(said.events.map((event) => event.type)).toEqual(['opened']);
  });

  it('a criterion given is recorded as the shop keeps it: its code, by the code or its words, or the shop\u2019s own words', () => {
    expect(play([openCommand({ severity: 'major', majorCriterion: '食物中毒' })]).complaint.majorCriterion).toBe('food-poisoning');
    expect(play([openCommand({ severity: 'major', majorCriterion: 'hurt-in-shop' })]).complaint.majorCriterion).toBe('hurt-in-shop');
    const settings = { ...DEFAULT_SETTINGS, majorCriteria: [...DEFAULT_SETTINGS.majorCriteria, '儿童受伤'] };
    expect(play([openCommand({ severity: 'major', majorCriterion: '儿童受伤' })], context(undefined, settings)).complaint.majorCriterion).toBe('儿童受伤');
  });

  it('a severity not said is decide\u2019s to take: major with a criterion, else the channel\u2019s default; a criterion beside another severity refused', () => {
    const severityOf = (fields: Parameters<typeof openCommand>[0]) => play([openCommand(fields)]).complaint.severity;
    expect(severityOf({ severity: null, majorCriterion: 'food-poisoning' })).toBe('major');
    expect(severityOf({ severity: null, channel: 'third-party' })).toBe('major');
    expect(severityOf({ severity: null, channel: 'phone' })).toBe('normal');
    expect(severityOf({ severity: null, majorCriterion: '  ' })).toBe('normal');
    const error = thrownBy(() => decide(null, openCommand({ severity: 'urgent', majorCriterion: 'food-poisoning' }), context())) as DomainError;
    expect({ rule: error.rule, code: error.code, en: error.sentence.en }).toEqual({
      rule: 'criterion-not-major',
      code: 'invalid',
      en: '--criterion says what makes the complaint major, and --severity says urgent; leave out --severity or give --severity major.',
    });
  });

  it('a criterion the shop does not have is refused, naming the shop\u2019s', () => {
    const error = thrownBy(() => decide(null, openCommand({ severity: 'major', majorCriterion: 'a ghost' }), context()));
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).rule).toBe('major-criterion');
    expect((error as DomainError).sentence.en).toContain('"a ghost" is not one of the shop\'s criteria of a major complaint (injury or property loss caused by what was sold; a customer hurt in the shop;');
  });
});

describe('escalation to the manager', () => {
  it('a major complaint is escalated as it is recorded, to the shop\u2019s escalate.to, and stands until it is resolved or closed', () => {
    const settings = { ...DEFAULT_SETTINGS, escalateTo: '王店长' };
    const { events, complaint } = play([openCommand({ at: MON_2, severity: 'major' })], context(undefined, settings));
    expect(events.map((event) => event.type)).toEqual(['opened', 'escalated']);
    expect(events[1]).toMatchObject({ reason: 'major', to: '王店长', at: MON_2, deadline: null, due: null });
    expect(complaint.escalation).toMatchObject({ reason: 'major', to: '王店长', at: MON_2 });
    const closed = play([openCommand({ at: MON_2, severity: 'major' }), answer(at('2026-11-02T10:00')), close(at('2026-11-02T11:00'), 'withdrawn')]);
    expect(closed.complaint.escalation).toBeNull();
    const resolved = play([openCommand({ at: MON_2, severity: 'major' }), resolve(at('2026-11-02T11:00'))]);
    expect(resolved.complaint.escalation).toBeNull();
  });

  it('raised to major by a correction; lowered, nothing', () => {
    expect(escalations(play([openCommand({ at: MON_2 }), edit(at('2026-11-02T10:00'), { severity: 'major' })]).events)).toEqual([['major', at('2026-11-02T10:00'), null]]);
    // a major one lowered: the escalation made when it was recorded still stands
    const lowered = play([openCommand({ at: MON_2, severity: 'major' }), edit(at('2026-11-02T10:00'), { severity: 'normal' })]);
    expect(escalations(lowered.events)).toEqual([['major', MON_2, null]]);
  });

  it('reopened a second time, and every time after, not the first', () => {
    const history = [
      openCommand({ at: MON_2 }),
      assign(at('2026-11-02T10:00')),
      resolve(at('2026-11-02T11:00')),
      followup(at('2026-11-03T10:00'), 2), // first reopening
      resolve(at('2026-11-04T10:00')),
      followup(at('2026-11-05T10:00'), 3), // second
      resolve(at('2026-11-06T10:00')),
      close(at('2026-11-06T11:00'), 'unresolved'),
      reopen(at('2026-11-09T10:00')), // third
    ];
    expect(escalations(play(history).events)).toEqual([
      ['reopened-again', at('2026-11-05T10:00'), null],
      ['reopened-again', at('2026-11-09T10:00'), null],
    ]);
  });

  it('a passed deadline of a major complaint, when kesu next touches it, each deadline once', () => {
    // major: answer within 24 hours, by Tue 3 Nov 09:00
    const { events } = play([
      openCommand({ at: MON_2, severity: 'major' }),
      log(at('2026-11-03T08:00'), { kind: 'note' }), // before the due time: nothing
      log(at('2026-11-03T10:00'), { kind: 'note' }), // after it: escalated, then the note
      log(at('2026-11-03T11:00'), { kind: 'note' }), // the same deadline: not again
    ]);
    expect(events.map((event) => event.type)).toEqual(['opened', 'escalated', 'logged', 'escalated', 'logged', 'logged']);
    expect(events[3]).toMatchObject({ type: 'escalated', reason: 'deadline-passed', deadline: 'answer', due: at('2026-11-03T09:00'), at: at('2026-11-03T10:00') });
    // a normal complaint's passed deadline is not escalated
    expect(escalations(play([openCommand({ at: MON_2 }), log(at('2026-11-20T10:00'), { kind: 'note' })]).events)).toEqual([]);
  });

  it('a paused deadline is not passed; a void is no step', () => {
    const paused = play([openCommand({ at: MON_2, severity: 'major' }), wait(at('2026-11-02T10:00')), log(at('2026-11-04T10:00'), { kind: 'note' })]);
    expect(escalations(paused.events)).toEqual([['major', MON_2, null]]);
    const voided = play([openCommand({ at: MON_2, severity: 'major' }), voidIt(at('2026-11-04T10:00'))]);
    expect(escalations(voided.events)).toEqual([['major', MON_2, null]]);
  });

  it('by hand: with why and to whom; the sweep (--overdue) records only the passed deadlines, maybe none', () => {
    const { events } = play([openCommand({ at: MON_2 }), escalate(at('2026-11-02T10:00'), { to: '李经理', note: 'Threatens the press' })]);
    expect(events.at(-1)).toMatchObject({ type: 'escalated', reason: 'by-hand', to: '李经理', note: 'Threatens the press' });
    const complaint = play([openCommand({ at: MON_2, severity: 'major' })]).complaint;
    const sweep = (when: string) => decide(complaint, escalate(at(when), { overdue: true, note: null }), context());
    expect(sweep('2026-11-03T08:00')).toEqual([]);
    expect(sweep('2026-11-03T10:00').map((event) => event.type === 'escalated' && event.reason)).toEqual(['deadline-passed']);
    // a note is needed by hand
    expect((thrownBy(() => decide(complaint, escalate(at('2026-11-02T10:00'), { note: '' }), context())) as DomainError).rule).toBe('required');
  });
});
