import type { Migration } from './index.js';

/**
 * Complaints can be corrected (kesu edit) and voided (kesu void), and reports count each one as it
 * stood at a period's end:
 * - complaints.voided: 1 while a complaint is voided. It keeps its row, which list, due, the reports,
 *   the import's duplicate check and the customer links leave out: the agenda, received-day and
 *   customer indexes become partial (voided = 0), and complaints_voided finds the voided ones;
 * - event_facts gains what a correction or a void can change, as it stood after each event: voided,
 *   the day received, category, channel, severity and the customer (identity.ts customerKey), so
 *   that a report reads a complaint corrected after its period as it was at the period's end.
 * The new columns of the complaints already stored are filled by the rebuild of what derives from
 * the events (db.ts), which follows the migrations.
 */
export const corrections: Migration = {
  version: 5,
  name: 'corrections',
  sql: `
    ALTER TABLE complaints ADD COLUMN voided INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX complaints_voided ON complaints (id) WHERE voided = 1;

    DROP INDEX complaints_agenda;
    CREATE INDEX complaints_agenda ON complaints (major DESC, next_due_ms) WHERE status <> 'closed' AND voided = 0;
    DROP INDEX complaints_received_on;
    CREATE INDEX complaints_received_on ON complaints (received_on, previous_on, previous2_on) WHERE voided = 0;
    DROP INDEX complaints_customer;
    CREATE INDEX complaints_customer ON complaints (customer_key, received_on, id) WHERE voided = 0;

    ALTER TABLE event_facts ADD COLUMN voided INTEGER;
    ALTER TABLE event_facts ADD COLUMN received_on TEXT;
    ALTER TABLE event_facts ADD COLUMN category TEXT;
    ALTER TABLE event_facts ADD COLUMN channel TEXT;
    ALTER TABLE event_facts ADD COLUMN severity TEXT;
    ALTER TABLE event_facts ADD COLUMN customer_key TEXT;
  `,
};
