import type { CliContext } from '../context.js';
import { parseId } from '../options.js';
import { changeComplaint } from './change.js';

export interface AssignOptions {
  to: string;
  dept?: string;
  note?: string;
  at?: string;
  by?: string;
  verbose?: boolean;
}

export async function assign(context: CliContext, idText: string, options: AssignOptions): Promise<string> {
  return changeComplaint(context, parseId(idText), {
    type: 'assign',
    assignee: options.to,
    department: options.dept ?? null,
    note: options.note ?? null,
  }, options);
}
