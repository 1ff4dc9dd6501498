import { DEFAULT_FOLLOWUP_METHOD, FOLLOWUP_METHOD, SATISFACTION } from '../../workflow/vocab.js';
import type { CliContext } from '../context.js';
import { optionalVocab, parseId, parseVocabOption } from '../options.js';
import { changeComplaint } from './change.js';

export interface FollowupOptions {
  satisfaction: string;
  method?: string;
  note?: string;
  at?: string;
  by?: string;
  verbose?: boolean;
}

export async function followup(context: CliContext, idText: string, options: FollowupOptions): Promise<string> {
  const id = parseId(idText);
  return changeComplaint(context, id, {
    type: 'followup',
    satisfaction: Number(parseVocabOption(SATISFACTION, options.satisfaction, '--satisfaction')),
    method: optionalVocab(FOLLOWUP_METHOD, options.method, '--method') ?? DEFAULT_FOLLOWUP_METHOD,
    note: options.note ?? null,
  }, options);
}
