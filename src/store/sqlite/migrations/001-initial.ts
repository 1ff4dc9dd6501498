import type { Migration } from './index.js';

// Complaints are a projection of their events: a complaint is read by folding its events (a few
// rows, by primary key), and its row holds only the columns that list, due, report and import
// filter, sort and look up by, kept up to date in the same transaction as the events. No copy of
// the whole record: it would double what every write stores (measured: 40% of a store's bytes).
export const initial: Migration = {
  version: 1,
  name: 'initial',
  sql: `
    CREATE TABLE complaints (
      id          INTEGER PRIMARY KEY,
      -- Random, so unique without an index (one would cost every insert a random b-tree write).
      uuid        TEXT NOT NULL,
      ref         TEXT UNIQUE,
      status      TEXT NOT NULL CHECK (status IN ('open', 'assigned', 'resolved', 'closed')),
      severity    TEXT NOT NULL,
      category    TEXT NOT NULL,
      customer    TEXT NOT NULL,
      assignee    TEXT,
      received_ms INTEGER NOT NULL,
      closed_ms   INTEGER,
      next_due_ms INTEGER,
      -- formKey (identity.ts) hashed to 53 bits: a short, fixed-width index; a match is checked
      -- against the full key of the complaint found (bulk.ts), so a collision never hides a form.
      form_key    INTEGER NOT NULL,
      -- The report's twelve-month figures, counted in SQL: the local date received ("2026-10-05",
      -- the shop's day, whatever the machine's zone) and the customer as report.ts tells customers
      -- apart (identity.ts customerKey: the name compared loosely, with the phone's digits).
      received_on  TEXT NOT NULL,
      customer_key TEXT NOT NULL,
      major       INTEGER GENERATED ALWAYS AS (severity = 'major') VIRTUAL
    ) STRICT;

    CREATE TABLE events (
      complaint_id INTEGER NOT NULL REFERENCES complaints (id),
      seq          INTEGER NOT NULL,
      type         TEXT NOT NULL,
      at           TEXT NOT NULL,
      at_ms        INTEGER NOT NULL,
      actor        TEXT NOT NULL,
      note         TEXT,
      data         TEXT NOT NULL,
      PRIMARY KEY (complaint_id, seq)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE settings (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    -- list and due: the complaints not yet closed, major first, nearest deadline first.
    CREATE INDEX complaints_agenda ON complaints (major DESC, next_due_ms) WHERE status <> 'closed';
    CREATE INDEX complaints_received ON complaints (received_ms);
    -- No index on customer: list --customer matches parts of names (LIKE '%…%'), which no index serves.
    CREATE INDEX complaints_assignee ON complaints (assignee);
    CREATE INDEX complaints_form_key ON complaints (form_key);
    -- report: the events of a period; the complaints closed since its start (open at its start);
    -- received per day and repeat customers, from the index alone.
    CREATE INDEX events_at ON events (at_ms);
    CREATE INDEX complaints_closed ON complaints (closed_ms, received_ms) WHERE closed_ms IS NOT NULL;
    CREATE INDEX complaints_received_on ON complaints (received_on, customer_key);

    -- report: the follow-ups by local date with their satisfaction (the trend), written by the store
    -- with each follow-up event. An index on expressions or generated columns of events would not
    -- do: SQLite reads each follow-up's event row to check the range (measured: 4x slower); nor a
    -- trigger: run for every event written, it cost an import more than the events themselves.
    CREATE TABLE followups (
      followed_on  TEXT NOT NULL,
      complaint_id INTEGER NOT NULL,
      seq          INTEGER NOT NULL,
      satisfaction INTEGER NOT NULL,
      PRIMARY KEY (followed_on, complaint_id, seq)
    ) STRICT, WITHOUT ROWID;
  `,
};
