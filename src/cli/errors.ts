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

export function usage(en: string, zh: string): UsageError {
  return new UsageError({ en, zh });
}
