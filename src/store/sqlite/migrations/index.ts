import { initial } from './001-initial.js';
import { reportFacts } from './002-report-facts.js';
import { formNumbers } from './003-form-numbers.js';
import type { Db } from '../db.js';

export interface Migration {
  /** Applied in order; the database's PRAGMA user_version is the last one applied. */
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** Fills what the SQL added from the records already there, in the same transaction. */
  readonly fill?: (db: Db) => void;
}

export const MIGRATIONS: readonly Migration[] = [initial, reportFacts, formNumbers];

/** PRAGMA application_id of a kesu database ("KESU" in ASCII), set by migration 3. */
export const KESU_APPLICATION_ID = 0x4b455355;
