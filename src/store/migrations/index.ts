import { initial } from './001-initial.js';

export interface Migration {
  /** Applied in order; the database's PRAGMA user_version is the last one applied. */
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [initial];
