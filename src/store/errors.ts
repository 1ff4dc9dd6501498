import type { Sentence } from '../workflow/errors.js';

/** A problem with the database file itself (not a refusal of the procedure), in one sentence in each language. */
export class StoreError extends Error {
  constructor(
    readonly code: 'unreadable' | 'unwritable' | 'too-new',
    readonly sentence: Sentence,
  ) {
    super(sentence.en);
    this.name = 'StoreError';
  }
}
