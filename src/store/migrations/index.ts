import { initial } from './001-initial.js';
import { reportFacts } from './002-report-facts.js';
import type { Db } from '../db.js';

export interface Migration {
  /** Applied in order; the database's PRAGMA user_version is the last one applied. */
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** Fills what the SQL added from the records already there, in the same transaction. */
  readonly fill?: (db: Db) => void;
}

export const MIGRATIONS: readonly Migration[] = [initial, reportFacts];
