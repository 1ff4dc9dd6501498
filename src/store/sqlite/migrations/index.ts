import { initial } from './001-initial.js';
import { reportFactsSchema } from './002-report-facts.js';
import { formNumbers } from './003-form-numbers.js';
import { search } from './004-search.js';
import { corrections } from './005-corrections.js';
import { waits } from './006-waits.js';
import { standards } from './007-standards.js';
import { notifications } from './008-notifications.js';
import { escalations } from './009-escalations.js';

export interface Migration {
  /** Applied in order; the database's PRAGMA user_version is the last one applied. */
  readonly version: number;
  readonly name: string;
  /**
   * Frozen once released: SQL alone, never a call of live code whose later change would change what
   * the migration did. What derives from the events (rows, report facts, links) is not filled here
   * but rebuilt by its own version (bulk.ts DERIVED_VERSION), right after the migrations.
   */
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [initial, reportFactsSchema, formNumbers, search, corrections, waits, standards, notifications, escalations];

/** PRAGMA application_id of a kesu database ("KESU" in ASCII), set by migration 3. */
export const KESU_APPLICATION_ID = 0x4b455355;
