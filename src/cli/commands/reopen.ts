import type { CliContext } from '../context.js';
import { parseId } from '../options.js';
import { changeComplaint } from './change.js';

export interface ReopenOptions {
  note?: string;
  at?: string;
  by?: string;
  verbose?: boolean;
}

export async function reopen(context: CliContext, idText: string, options: ReopenOptions): Promise<string> {
  return changeComplaint(context, parseId(idText), {
    type: 'reopen',
    note: options.note ?? null,
  }, options);
}
