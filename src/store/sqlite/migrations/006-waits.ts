import type { Migration } from './index.js';

/**
 * Complaints can wait on the customer, a supplier or someone else (kesu wait), their deadlines paused:
 * - complaints.waiting_ms: since when it waits (ms), null while it does not; complaints_waiting finds
 *   the waiting ones (list --waiting, and due, which shows them apart);
 * - event_facts.waiting: 1 when the complaint waited after the event (complaints waiting at a period's
 *   end); event_facts.waited_workdays: the working days a wait lasted, on the event that ended it.
 * The new columns of the complaints already stored are filled by the rebuild of what derives from
 * the events (db.ts), which follows the migrations.
 */
export const waits: Migration = {
  version: 6,
  name: 'waits',
  sql: `
    ALTER TABLE complaints ADD COLUMN waiting_ms INTEGER;
    CREATE INDEX complaints_waiting ON complaints (waiting_ms) WHERE waiting_ms IS NOT NULL AND voided = 0;
    ALTER TABLE event_facts ADD COLUMN waiting INTEGER;
    ALTER TABLE event_facts ADD COLUMN waited_workdays INTEGER;
  `,
};
