import { factsOf } from '../../../workflow/report-facts.js';
import type { ComplaintEvent } from '../../../workflow/complaint.js';
import { shortPhoneOf } from '../../../workflow/identity.js';
import { factColumns } from '../../bulk.js';
import type { Db } from '../db.js';
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
 * the trend counts follow-ups from event_facts, so the followups table goes.
 */
export const reportFacts: Migration = {
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
  fill: fillReportFacts,
};

const FILL_CHUNK = 5_000;

/** The facts of the complaints already stored. */
function fillReportFacts(db: Db): void {
  const insert = db.prepare(`INSERT INTO event_facts VALUES (${new Array(17).fill('?').join(', ')})`);
  const setComplaint = db.prepare('UPDATE complaints SET channel = ?, short_phone = ? WHERE id = ?');
  const rows = db.prepare<[number, number], { complaint_id: number; seq: number; type: string; at: string; data: string }>(
    'SELECT complaint_id, seq, type, at, data FROM events WHERE complaint_id BETWEEN ? AND ? ORDER BY complaint_id, seq',
  );
  const write = (id: number, events: ComplaintEvent[]): void => {
    factsOf(events).forEach((facts, index) => insert.run(id, index + 1, events[index]!.type, ...factColumns(facts)));
    const opened = events[0] as Extract<ComplaintEvent, { type: 'opened' }>;
    setComplaint.run(opened.channel, shortPhoneOf(opened.phone), id);
  };
  // A few thousand complaints at a time: better-sqlite3 runs no other statement while a cursor is
  // open, and a store of years does not fit in memory at once.
  const last = (db.prepare('SELECT coalesce(max(id), 0) FROM complaints').pluck().get() as number) ?? 0;
  for (let first = 1; first <= last; first += FILL_CHUNK) {
    const byComplaint = new Map<number, ComplaintEvent[]>();
    for (const row of rows.all(first, first + FILL_CHUNK - 1)) {
      const event = { ...(JSON.parse(row.data) as object), type: row.type, at: row.at, seq: row.seq, by: '', note: null } as ComplaintEvent;
      const list = byComplaint.get(row.complaint_id);
      if (list) list.push(event);
      else byComplaint.set(row.complaint_id, [event]);
    }
    for (const [id, events] of byComplaint) write(id, events);
  }
  db.exec(`
    UPDATE complaints SET previous_on = linked.p1, previous2_on = linked.p2
    FROM (
      SELECT id, lag(received_on) OVER customer AS p1, lag(received_on, 2) OVER customer AS p2
      FROM complaints WINDOW customer AS (PARTITION BY customer_key ORDER BY received_on, id)
    ) AS linked
    WHERE linked.id = complaints.id`);
}
