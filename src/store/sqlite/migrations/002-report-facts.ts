import type { Migration } from './index.js';

/**
 * The report reads facts the store keeps as it writes, instead of folding every event of its window
 * (on a store of a million complaints the fold took over a second a month):
 * - event_facts: one row per event, what the complaint was after it and what the step counts for
 *   (workflow/report-facts.ts);
 * - complaints.channel, for the received complaints by channel;
 * - complaints.short_phone: a customer phone too short to be masked as a phone-like run, which
 *   reports mask wherever it is typed;
 * - complaints.previous_on / previous2_on: the days the same customer's two complaints before this
 *   one were received (identity.ts customerKey; by day received, then id), so that repeat customers
 *   are counted from an index: the second complaint of each customer in a span is the one whose
 *   previous is in the span and whose previous2 is not.
 * The report no longer reads a window of events by time, so their time index (events_at) goes, and
 * the trend counts follow-ups from event_facts, so the followups table goes. The facts, the new
 * columns and the links of the complaints already stored are filled by the rebuild of what derives
 * from the events (db.ts), which follows the migrations.
 */
export const reportFactsSchema: Migration = {
  version: 2,
  name: 'report-facts',
  sql: `
    CREATE TABLE event_facts (
      complaint_id       INTEGER NOT NULL,
      seq                INTEGER NOT NULL,
      type               TEXT NOT NULL,
      on_date            TEXT NOT NULL,
      through            TEXT NOT NULL,
      status             TEXT NOT NULL,
      due_ms             INTEGER,
      department         TEXT,
      responsibility     TEXT,
      substantiated      INTEGER,
      root_cause         TEXT,
      corrective_action  TEXT,
      on_time            INTEGER,
      solution_on_time   INTEGER,
      satisfaction       INTEGER,
      compensation_cents INTEGER,
      compensation_kind  TEXT,
      PRIMARY KEY (complaint_id, seq)
    ) STRICT, WITHOUT ROWID;
    -- report: the steps of a period counted from the index alone.
    CREATE INDEX event_facts_steps ON event_facts (type, on_date, through, on_time, solution_on_time, satisfaction, compensation_kind, compensation_cents);

    ALTER TABLE complaints ADD COLUMN channel TEXT;
    ALTER TABLE complaints ADD COLUMN short_phone TEXT;
    ALTER TABLE complaints ADD COLUMN previous_on TEXT;
    ALTER TABLE complaints ADD COLUMN previous2_on TEXT;
    CREATE INDEX complaints_short_phone ON complaints (short_phone) WHERE short_phone IS NOT NULL;
    -- A customer's complaints in order, to link each new one to those before and after it.
    CREATE INDEX complaints_customer ON complaints (customer_key, received_on, id);
    DROP INDEX complaints_received_on;
    -- report: received per day, and repeat customers, from the index alone.
    CREATE INDEX complaints_received_on ON complaints (received_on, previous_on, previous2_on);
    DROP INDEX events_at;
    -- The trend's follow-ups are counted from event_facts now.
    DROP TABLE followups;
  `,
};
