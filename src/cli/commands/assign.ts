import type { Question } from '../asking.js';
import type { CliContext } from '../context.js';
import { parseId } from '../options.js';
import { changeComplaint } from './change.js';

export interface AssignOptions {
  to?: string;
  dept?: string;
  note?: string;
  at?: string;
  by?: string;
  verbose?: boolean;
}

const ASSIGNEE: Question = { flag: '--to', field: 'assignee', answer: 'line', words: { en: 'Who will handle it?', zh: '交给谁处理？' } };

export async function assign(context: CliContext, idText: string, options: AssignOptions): Promise<string> {
  const id = parseId(idText);
  return changeComplaint(context, id, {
    type: 'assign',
    assignee: options.to ?? (await context.ask(ASSIGNEE, { id, step: { type: 'assign' } })),
    department: options.dept ?? null,
    note: options.note ?? null,
  }, options);
}
