import { parseMoney } from '../../workflow/complaint.js';
import { DomainError } from '../../workflow/errors.js';
import { COMPENSATION_KIND } from '../../workflow/vocab.js';
import type { Question } from '../asking.js';
import type { CliContext } from '../context.js';
import { UserError } from '../errors.js';
import { optionalVocab, parseId } from '../options.js';
import { changeComplaint } from './change.js';

export interface ResolveOptions {
  solution?: string;
  compensation?: string;
  compensationKind?: string;
  rootCause?: string;
  action?: string;
  unfounded?: boolean;
  finding?: string;
  approvedBy?: string;
  note?: string;
  at?: string;
  by?: string;
  verbose?: boolean;
}

const SOLUTION: Question = {
  flag: '--solution',
  field: 'solution',
  answer: 'text',
  words: { en: 'What was agreed with the customer, and done?', zh: '与客户商定并已执行的处理方案' },
  missing: {
    en: 'Missing --solution: say what was agreed with the customer (or use --unfounded --finding TEXT).',
    zh: '缺少 --solution：请写明与客户商定的处理方案（或用 --unfounded --finding 说明投诉不成立）。',
  },
};

const FINDING: Question = {
  flag: '--finding',
  field: 'finding',
  answer: 'text',
  words: { en: 'What did the investigation find? (it is sent back to the customer)', zh: '调查结论（将答复给客户）' },
  missing: { en: 'Missing --finding: say what the investigation found, to send back to the customer.', zh: '缺少 --finding：请写明调查结论，以便答复客户。' },
};

const APPROVER: Question = {
  flag: '--approved-by',
  field: 'approvedBy',
  answer: 'line',
  words: { en: 'The compensation is above the shop\'s standard: who approved it?', zh: '赔付超出本店赔付标准：批准人是谁？' },
};

export async function resolve(context: CliContext, idText: string, options: ResolveOptions): Promise<string> {
  const id = parseId(idText);
  const kind = optionalVocab(COMPENSATION_KIND, options.compensationKind, '--compensation-kind');
  let cents: number | null = null;
  if (options.compensation !== undefined) {
    const parsed = parseMoney(options.compensation);
    if (parsed === undefined) {
      throw new UserError('invalid', {
        en: `--compensation "${options.compensation}" is not an amount; write it like 25.50.`,
        zh: `--compensation “${options.compensation}”不是金额；请写成 25.50 这样的数字。`,
      });
    }
    cents = parsed;
  }
  // Asked for after the flags given are read, so that a typo fails at once.
  const unfounded = Boolean(options.unfounded);
  const about = { id, step: { type: 'resolve' as const } };
  const solution = options.solution ?? (unfounded ? null : await context.ask(SOLUTION, about));
  const finding = options.finding ?? (unfounded ? await context.ask(FINDING, about) : null);
  const command = {
    type: 'resolve' as const,
    unfounded,
    solution,
    finding,
    compensation: kind === null && cents === null ? null : { kind, cents },
    approvedBy: options.approvedBy ?? null,
    rootCause: options.rootCause ?? null,
    correctiveAction: options.action ?? null,
    note: options.note ?? null,
  };
  try {
    return await changeComplaint(context, id, command, options);
  } catch (error) {
    // On a terminal, a compensation above the standard asks who approved it; off one, the refusal stands.
    if (!(error instanceof DomainError && error.rule === 'above-standard' && context.interactive)) throw error;
    context.err(`${error.sentence[context.lang]}\n`);
    return changeComplaint(context, id, { ...command, approvedBy: await context.ask(APPROVER) }, options);
  }
}
