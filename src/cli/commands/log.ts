import { LOG_KIND, RESPONSIBILITY, YES_NO_ANSWER } from '../../workflow/vocab.js';
import type { Question } from '../asking.js';
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

const ENTRY: Question = {
  flag: 'text',
  field: 'entry',
  answer: 'text',
  words: { en: 'What happened?', zh: '发生了什么？' },
};

export async function log(context: CliContext, idText: string, words: string[], options: LogOptions): Promise<string> {
  const id = parseId(idText);
  // What was given is read before anything is asked, so that a typo fails at once.
  const substantiated = optionalVocab(YES_NO_ANSWER, options.substantiated, '--substantiated');
  const kind = optionalVocab(LOG_KIND, options.kind, '--kind');
  const responsibility = optionalVocab(RESPONSIBILITY, options.responsibility, '--responsibility');
  return changeComplaint(context, id, {
    type: 'log',
    text: words.length > 0 ? words.join(' ') : await context.ask(ENTRY, { id, step: { type: 'log', answered: options.answered === true } }),
    kind,
    substantiated: substantiated === null ? null : substantiated === 'yes',
    responsibility,
    rootCause: options.rootCause ?? null,
    answered: options.answered === true,
  }, options);
}
