// A refusal by the procedure or of invalid data: one sentence in each language saying what was
// wrong and what to do. The shell shows the one in the user's language and exits with 1.

export interface Sentence {
  readonly en: string;
  readonly zh: string;
}

export type DomainErrorCode = 'not-allowed' | 'invalid' | 'not-found' | 'out-of-order' | 'conflict';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly sentence: Sentence,
  ) {
    super(sentence.en);
    this.name = 'DomainError';
  }
}

export function invalid(en: string, zh: string): DomainError {
  return new DomainError('invalid', { en, zh });
}
