// Plain builders for workflow tests: commands with sensible defaults, a decide context, and
// complaints made by folding the events that `decide` returns for a sequence of commands.
import { fold, type Complaint, type NewEvent } from '../../src/workflow/complaint.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src/workflow/settings.js';
import { decide, type ChangeCommand, type Command, type DecideContext } from '../../src/workflow/transitions.js';
import { fixedZone, type IsoTime } from '../../src/workflow/time.js';
import type { CloseReason, Status } from '../../src/workflow/vocab.js';

export type OpenCommand = Extract<Command, { type: 'open' }>;
type Of<T extends ChangeCommand['type']> = Extract<ChangeCommand, { type: T }>;
type Fields<C> = Partial<Omit<C, 'type'>>;

/** Friday 30 October 2026, 10:00 in the shop's clock (+08:00). */
export const FRI: IsoTime = '2026-10-30T10:00:00+08:00';
/** Late enough that every time used in the tests has already passed. */
export const NOW: IsoTime = '2026-12-31T18:00:00+08:00';

/** `2026-11-02T09:00` → `2026-11-02T09:00:00+08:00`. */
export function at(local: string): IsoTime {
  return `${local.length === 16 ? `${local}:00` : local}+08:00` as IsoTime;
}

/** The tests' shop keeps China's clock: +08:00 all year. */
export const SHANGHAI = fixedZone('+08:00');

export function context(now: IsoTime = NOW, settings: Settings = DEFAULT_SETTINGS): DecideContext {
  return { now, settings, zone: SHANGHAI };
}

export function openCommand(fields: Fields<OpenCommand> = {}): OpenCommand {
  return {
    type: 'open',
    at: FRI,
    by: 'Li',
    uuid: '00000000-0000-4000-8000-000000000001',
    ref: null,
    customer: 'Wang Fang',
    phone: '138 0013 8000',
    channel: 'in-person',
    category: 'service',
    severity: 'normal',
    description: 'The cake was stale.',
    request: 'A refund',
    order: null,
    ...fields,
  };
}

export function assign(when: IsoTime, fields: Fields<Of<'assign'>> = {}): Of<'assign'> {
  return { type: 'assign', at: when, by: 'Li', assignee: 'Zhao', department: null, note: null, ...fields };
}

export function resolve(when: IsoTime, fields: Fields<Of<'resolve'>> = {}): Of<'resolve'> {
  return {
    type: 'resolve',
    at: when,
    by: 'Zhao',
    unfounded: false,
    solution: 'Refunded the cake',
    finding: null,
    compensation: { kind: 'refund', cents: 2550 },
    rootCause: null,
    correctiveAction: null,
    note: null,
    ...fields,
  };
}

export function followup(when: IsoTime, satisfaction: number, fields: Fields<Of<'followup'>> = {}): Of<'followup'> {
  return { type: 'followup', at: when, by: 'Li', satisfaction, method: 'phone', note: null, ...fields };
}

export function close(when: IsoTime, reason: CloseReason, fields: Fields<Of<'close'>> = {}): Of<'close'> {
  return { type: 'close', at: when, by: 'Li', reason, note: null, ...fields };
}

export function reopen(when: IsoTime, fields: Fields<Of<'reopen'>> = {}): Of<'reopen'> {
  return { type: 'reopen', at: when, by: 'Li', note: null, ...fields };
}

export function log(when: IsoTime, fields: Fields<Of<'log'>> = {}): Of<'log'> {
  return {
    type: 'log',
    at: when,
    by: 'Li',
    text: 'Called the customer',
    kind: 'call',
    substantiated: null,
    responsibility: null,
    rootCause: null,
    ...fields,
  };
}

export function answer(when: IsoTime, fields: Fields<Of<'answer'>> = {}): Of<'answer'> {
  return { type: 'answer', at: when, by: 'Li', text: 'We replace it by Friday', kind: 'call', substantiated: null, responsibility: null, rootCause: null, ...fields };
}

export function edit(when: IsoTime, values: Of<'edit'>['values'], fields: Fields<Of<'edit'>> = {}): Of<'edit'> {
  return { type: 'edit', at: when, by: 'Li', values, note: null, ...fields };
}

export function voidIt(when: IsoTime, fields: Fields<Of<'void'>> = {}): Of<'void'> {
  return { type: 'void', at: when, by: 'Li', reason: 'A test entry', note: null, ...fields };
}

export function unvoid(when: IsoTime, fields: Fields<Of<'unvoid'>> = {}): Of<'unvoid'> {
  return { type: 'unvoid', at: when, by: 'Li', note: null, ...fields };
}

export function wait(when: IsoTime, fields: Fields<Of<'wait'>> = {}): Of<'wait'> {
  return { type: 'wait', at: when, by: 'Li', on: 'customer', note: 'Photos of the damage', ...fields };
}

export function resume(when: IsoTime, fields: Fields<Of<'resume'>> = {}): Of<'resume'> {
  return { type: 'resume', at: when, by: 'Li', note: null, ...fields };
}

export function escalate(when: IsoTime, fields: Fields<Of<'escalate'>> = {}): Of<'escalate'> {
  return { type: 'escalate', at: when, by: 'Li', to: null, note: 'The customer threatens to call the press', ...fields };
}

/** A valid command of each change type, for tables of the procedure. */
export function commandOfType(type: ChangeCommand['type'], when: IsoTime): ChangeCommand {
  switch (type) {
    case 'assign':
      return assign(when);
    case 'resolve':
      return resolve(when);
    case 'followup':
      return followup(when, 5);
    case 'close':
      return close(when, 'withdrawn');
    case 'reopen':
      return reopen(when);
    case 'log':
      return log(when);
    case 'answer':
      return answer(when);
    case 'edit':
      return edit(when, { customer: 'Wang Fei' });
    case 'void':
      return voidIt(when);
    case 'unvoid':
      return unvoid(when);
    case 'wait':
      return wait(when);
    case 'resume':
      return resume(when);
    case 'escalate':
      return escalate(when);
  }
}

export interface History {
  readonly events: NewEvent[];
  readonly complaint: Complaint;
}

/** Decides each command against the complaint so far and folds all the events (id 1). */
export function play(commands: readonly Command[], ctx: DecideContext = context()): History {
  const events: NewEvent[] = [];
  for (const command of commands) {
    const complaint = events.length === 0 ? null : fold(1, events);
    events.push(...decide(complaint, command, ctx));
  }
  return { events, complaint: fold(1, events) };
}

/** The complaint after the given commands, opened on Friday 30 October at 10:00 unless `open` says otherwise. */
export function complaintAfter(commands: readonly ChangeCommand[] = [], open: OpenCommand = openCommand()): Complaint {
  return play([open, ...commands]).complaint;
}

/** A complaint opened on Friday 30 October and brought to the given status by Monday 2 November 15:00. */
export function historyIn(status: Status, open: OpenCommand = openCommand()): History {
  const steps: Record<Status, ChangeCommand[]> = {
    open: [],
    assigned: [assign(at('2026-11-02T09:00'))],
    resolved: [assign(at('2026-11-02T09:00')), resolve(at('2026-11-02T15:00'))],
    closed: [assign(at('2026-11-02T09:00')), close(at('2026-11-02T15:00'), 'withdrawn')],
  };
  return play([open, ...steps[status]]);
}

export function complaintIn(status: Status, open: OpenCommand = openCommand()): Complaint {
  return historyIn(status, open).complaint;
}

/** Runs `fn` and returns the error it throws, failing when it throws nothing. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but nothing was thrown');
}
