import { LOG_KIND, RESPONSIBILITY, YES_NO_ANSWER } from '../../workflow/vocab.js';
import type { CliContext } from '../context.js';
import { optionalVocab, parseId } from '../options.js';
import { changeComplaint } from './change.js';

export interface LogOptions {
  kind?: string;
  substantiated?: string;
  responsibility?: string;
  rootCause?: string;
  answered?: boolean;
  at?: string;
  by?: string;
  verbose?: boolean;
}

export async function log(context: CliContext, idText: string, words: string[], options: LogOptions): Promise<string> {
  const id = parseId(idText);
  const substantiated = optionalVocab(YES_NO_ANSWER, options.substantiated, '--substantiated');
  return changeComplaint(context, id, {
    type: 'log',
    text: words.join(' '),
    kind: optionalVocab(LOG_KIND, options.kind, '--kind'),
    substantiated: substantiated === null ? null : substantiated === 'yes',
    responsibility: optionalVocab(RESPONSIBILITY, options.responsibility, '--responsibility'),
    rootCause: options.rootCause ?? null,
    answered: options.answered === true,
  }, options);
}
