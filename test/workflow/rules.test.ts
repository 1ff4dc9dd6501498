// One rule, one check, whatever the way in: a rule of decide refuses a command and an imported row
// with the same DomainError ({ rule, field, params }); the command line's sentence names the flag,
// the import says it on the column that holds the input, in the words of a cell.
import { describe, expect, it } from 'vitest';
import { DomainError, type Refusal } from '../../src/workflow/errors.js';
import { cellProblem, readForm } from '../../src/workflow/form-reading.js';
import { mapHeaders, type FormField } from '../../src/workflow/forms.js';
import { DEFAULT_SETTINGS } from '../../src/workflow/settings.js';
import { decide } from '../../src/workflow/transitions.js';
import { assign, at, complaintAfter, complaintIn, context, followup, openCommand, resolve, SHANGHAI, thrownBy } from './builders.js';

const NOW = '2026-11-19T12:00:00+08:00';
const BASIC = ['receivedAt', 'customer', 'category', 'description'];
const ROW = ['2026-10-05 10:00', 'Wang Fang', 'service', 'Rude at the till'];

interface Way {
  /** The rule and what decide says it about. */
  readonly refusal: Omit<Refusal, 'params'> & { readonly params: object };
  /** The command it refuses, and the flag its sentence names (null: a sentence that names none). */
  readonly command: () => unknown;
  readonly flag: string | null;
  /** The row it refuses: the columns and cells added to a basic form, or put in place of its cells. */
  readonly header: readonly string[];
  readonly cells: readonly string[];
  /** The column the row's problem is said on, as the file writes it. */
  readonly column: string;
  /** The date column of the step before, for a time out of order. */
  readonly previous?: FormField;
}

const WAYS: Record<string, Way> = {
  'a text too long': {
    refusal: { rule: 'too-long', field: 'description', params: { length: 4001, max: 4000 } },
    command: () => decide(null, openCommand({ at: at('2026-10-05T10:00'), description: 'x'.repeat(4001) }), context(NOW)),
    flag: '--desc',
    header: ['receivedAt', 'customer', 'category', '投诉内容'],
    cells: [ROW[0]!, ROW[1]!, ROW[2]!, 'x'.repeat(4001)],
    column: '投诉内容',
  },
  'a control character': {
    refusal: { rule: 'control-character', field: 'customer', params: { character: '\u001b' } },
    command: () => decide(null, openCommand({ at: at('2026-10-05T10:00'), customer: 'Wang\u001b[2J' }), context(NOW)),
    flag: '--customer',
    header: ['receivedAt', '客户姓名', 'category', 'description'],
    cells: [ROW[0]!, 'Wang\u001b[2J', ROW[2]!, ROW[3]!],
    column: '客户姓名',
  },
  'a name on more than one line': {
    refusal: { rule: 'one-line', field: 'assignee', params: { found: 'tab' } },
    command: () => decide(complaintIn('open'), assign(at('2026-11-02T09:00'), { assignee: 'Li\tNa' }), context(NOW)),
    flag: '--to',
    header: [...BASIC, '责任人'],
    cells: [...ROW, 'Li\tNa'],
    column: '责任人',
  },
  'a phone that is not one': {
    refusal: { rule: 'phone', field: 'phone', params: { value: 'call me' } },
    command: () => decide(null, openCommand({ at: at('2026-10-05T10:00'), phone: 'call me' }), context(NOW)),
    flag: null,
    header: [...BASIC, '联系电话'],
    cells: [...ROW, 'call me'],
    column: '联系电话',
  },
  "an opening's time in the future": {
    refusal: { rule: 'future', field: 'at', params: { at: '2026-12-01T00:00:00+08:00' } },
    command: () => decide(null, openCommand({ at: at('2026-12-01T00:00') }), context(NOW)),
    flag: '--received',
    header: ['投诉日期', 'customer', 'category', 'description'],
    cells: ['2026-12-01', ROW[1]!, ROW[2]!, ROW[3]!],
    column: '投诉日期',
  },
  "a later step's time in the future": {
    refusal: { rule: 'future', field: 'at', params: { at: '2026-12-01T00:00:00+08:00' } },
    command: () => decide(complaintIn('resolved'), followup(at('2026-12-01T00:00'), 5), context(NOW)),
    flag: '--at',
    header: [...BASIC, 'solution', 'followupAt', 'satisfaction'],
    cells: [...ROW, 'Apologised', '2026-12-01', '5'],
    column: 'followupAt',
  },
  'a time before the step before': {
    refusal: { rule: 'out-of-order', field: 'at', params: { at: '2026-10-04T00:00:00+08:00', lastEventAt: '2026-10-05T10:00:00+08:00' } },
    command: () => decide(complaintAfter([], openCommand({ at: at('2026-10-05T10:00') })), resolve(at('2026-10-04T00:00')), context(NOW)),
    flag: '--at',
    header: [...BASIC, 'solution', '处理日期'],
    cells: [...ROW, 'Apologised', '2026-10-04'],
    column: '处理日期',
    previous: 'receivedAt',
  },
  'an amount without its kind': {
    refusal: { rule: 'compensation-kind', field: 'compensation', params: {} },
    command: () => decide(complaintIn('open'), resolve(at('2026-11-03T10:00'), { compensation: { kind: null, cents: 2500 } }), context(NOW)),
    flag: '--compensation-kind',
    header: [...BASIC, 'solution', '赔付金额'],
    cells: [...ROW, 'Refunded', '25'],
    column: '赔付金额',
  },
};

/** The DomainError `fn` throws, and the rule's refusal in it. */
function refusedBy(fn: () => unknown): { error: DomainError; refusal: Refusal } {
  const error = thrownBy(fn);
  expect(error).toBeInstanceOf(DomainError);
  const { refusal } = error as DomainError;
  if (refusal === null) throw new Error('expected a refusal by a rule');
  return { error: error as DomainError, refusal };
}

function rowProblems(header: readonly string[], cells: readonly string[]) {
  const columns = mapHeaders(header);
  if (!columns.ok) throw new Error(columns.problem.en);
  let uuids = 0;
  const reading = readForm({ row: 2, cells }, columns.columns, { now: NOW, settings: DEFAULT_SETTINGS, zone: SHANGHAI, newUuid: () => `uuid-${++uuids}`, defaultActor: 'clerk' });
  if (reading.ok) throw new Error('expected the row to be refused');
  return reading.errors;
}

describe('one rule, one check: a command names the flag, an import row the column', () => {
  it.each(Object.entries(WAYS))('%s', (_, way) => {
    // given the command the rule refuses
    const { error, refusal } = refusedBy(way.command);

    // then decide says which rule, which input and the values of its sentence, and the command line names the flag
    expect(refusal).toMatchObject(way.refusal);
    expect([error.rule, error.field]).toEqual([way.refusal.rule, way.refusal.field]);
    expect(error.code).toBe(refusal.rule === 'out-of-order' ? 'out-of-order' : 'invalid');
    if (way.flag !== null) expect(error.sentence.en).toContain(way.flag);

    // and the row is refused by the same rule, on the column that holds the input, in the words of a cell
    expect(rowProblems(way.header, way.cells)).toEqual([
      expect.objectContaining({ row: 2, column: way.column, sentence: cellProblem(refusal, way.previous ?? null) }),
    ]);
  });

  it('says the same rule in each language, naming the flag or the column', () => {
    const { error, refusal } = refusedBy(WAYS['an amount without its kind']!.command);
    expect(error.sentence).toEqual({
      en: 'A compensation amount needs its kind: add --compensation-kind refund, replacement, repair, voucher, gift or none.',
      zh: '填写了赔付金额，还需要赔付方式：请加上 --compensation-kind（退款、换货、维修、代金券、赠品或无）。',
    });
    expect(cellProblem(refusal, null)).toEqual({
      en: 'an amount without its kind (compensationKind/赔付方式: refund, replacement, repair, voucher, gift, none)',
      zh: '填写了赔付金额却没有赔付方式（请在“赔付方式”列填写：退款、换货、维修、代金券、赠品或无）',
    });
  });
});
