import type { Migration } from './index.js';

/**
 * Notifications by the shop's own command (notify.command):
 * - notifications: the log, a row per notification from when it is queued (outcome 'pending', with
 *   the JSON its command gets) to its outcome (sent, failed, timed-out; the payload then dropped), so
 *   that a runner that dies leaves the attempt on record;
 * - agenda_notices: the agenda items `due --notify` has sent, once each ever (the primary key).
 */
export const notifications: Migration = {
  version: 8,
  name: 'notifications',
  sql: `
    CREATE TABLE notifications (
      id           INTEGER PRIMARY KEY,
      at           TEXT NOT NULL,
      type         TEXT NOT NULL,
      complaint_id INTEGER,
      event_seq    INTEGER,
      outcome      TEXT NOT NULL CHECK (outcome IN ('pending', 'sent', 'failed', 'timed-out')),
      exit_code    INTEGER,
      stderr       TEXT,
      payload      TEXT
    ) STRICT;
    CREATE TABLE agenda_notices (
      notice          TEXT NOT NULL,
      complaint_id    INTEGER NOT NULL,
      deadline        TEXT NOT NULL,
      due_on          TEXT NOT NULL,
      notification_id INTEGER NOT NULL,
      PRIMARY KEY (notice, complaint_id, deadline, due_on)
    ) STRICT, WITHOUT ROWID;
  `,
};
