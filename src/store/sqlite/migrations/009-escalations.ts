import type { Migration } from './index.js';

/**
 * Complaints are escalated to the manager (a major complaint, a second reopening, a passed deadline
 * of a major complaint, by hand), and need the manager until they are closed:
 * - complaints.escalated_ms: when the escalation that stands was made (ms), null when none stands;
 *   complaints_escalated finds them (list --escalated, and due, which shows them first);
 * - event_facts.escalation_reason: why, on an escalated event (the report counts them by reason).
 * The new columns of the complaints already stored are filled by the rebuild of what derives from
 * the events (db.ts), which follows the migrations.
 */
export const escalations: Migration = {
  version: 9,
  name: 'escalations',
  sql: `
    ALTER TABLE complaints ADD COLUMN escalated_ms INTEGER;
    CREATE INDEX complaints_escalated ON complaints (escalated_ms) WHERE escalated_ms IS NOT NULL AND voided = 0;
    ALTER TABLE event_facts ADD COLUMN escalation_reason TEXT;
  `,
};
