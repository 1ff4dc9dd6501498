/** A problem with the database file itself (not a refusal of the procedure). */
export class StoreError extends Error {
  constructor(
    readonly code: 'unreadable' | 'too-new',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
