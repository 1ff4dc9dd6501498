import type { Migration } from './index.js';

/**
 * Compensation standards and approvals (kesu resolve --approved-by):
 * - event_facts.above_standard: 1 on a resolve whose compensation was above the standard its event
 *   kept, 0 on any other resolve; event_facts.approved_by: the name of who approved a resolve's
 *   compensation;
 * - event_facts_above_standard: the resolves above their standard, by day, for the report's count,
 *   amount and approvers.
 * The new columns of the events already stored are filled by the rebuild of what derives from the
 * events (db.ts), which follows the migrations.
 */
export const standards: Migration = {
  version: 7,
  name: 'standards',
  sql: `
    ALTER TABLE event_facts ADD COLUMN above_standard INTEGER;
    ALTER TABLE event_facts ADD COLUMN approved_by TEXT;
    CREATE INDEX event_facts_above_standard ON event_facts (on_date, through, approved_by, compensation_cents) WHERE above_standard = 1;
  `,
};
