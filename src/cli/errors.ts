// Errors by kind; program.ts turns them into exit codes in one place.
import type { Sentence } from '../workflow/errors.js';

/** The command line itself is wrong (unknown flag, missing value): exit 2. */
export class UsageError extends Error {
  constructor(readonly sentence: Sentence) {
    super(sentence.en);
    this.name = 'UsageError';
  }
}

/** The input is understood but cannot be done (a file missing, a bad value): exit 1. */
export class UserError extends Error {
  constructor(
    readonly code: string,
    readonly sentence: Sentence,
  ) {
    super(sentence.en);
    this.name = 'UserError';
  }
}

/**
 * The file cannot be read as CSV; `row` and `line` say where, when it is about a place in the file.
 * Here rather than in csv.ts, so that the import's writing thread, which only rebuilds these from
 * its reader's messages, does not load the CSV reader and its decoders.
 */
export class CsvReadError extends UserError {
  constructor(
    en: string,
    zh: string,
    readonly row: number | null = null,
    readonly line: number | null = null,
  ) {
    super('invalid-csv', { en, zh });
    this.name = 'CsvReadError';
  }
}

/** What is said when someone stops a question with Ctrl-C, or leaves a needed one with Ctrl-D. */
const CANCELLED: Sentence = {
  en: 'Cancelled: nothing was recorded; run the command again when ready.',
  zh: '已取消，未记录任何内容；准备好后请重新运行该命令。',
};

/** Ctrl-C at a question: exit 130, as a shell says of a program stopped by Ctrl-C. */
export class InterruptedError extends UserError {
  constructor() {
    super('cancelled', CANCELLED);
    this.name = 'InterruptedError';
  }
}

/** Ctrl-D at a question the command cannot do without: exit 1. */
export function cancelled(): UserError {
  return new UserError('cancelled', CANCELLED);
}

/** A required option without its value: as commander's own check says it, and a question that cannot be asked. */
export function missingOption(flag: string): Sentence {
  return { en: `Missing required option ${flag}; give it a value.`, zh: `缺少必填选项 ${flag}；请补上它的值。` };
}

/** A command's argument not given, likewise. */
export function missingArgument(name: string): Sentence {
  return { en: `Missing argument ${name}; see kesu help for the usage.`, zh: `缺少参数 ${name}；用 kesu help 查看用法。` };
}

export function usage(en: string, zh: string): UsageError {
  return new UsageError({ en, zh });
}
