// The notification log and the agenda items sent (migration 7): the SQL of notifications.
import type { NotificationEntry, NotificationOutcome, NotificationResult, NotificationToSend, QueuedNotification } from '../index.js';
import type { IsoTime } from '../../workflow/time.js';
import type { Db } from './db.js';

interface LogRow {
  id: number;
  at: IsoTime;
  type: string;
  complaint_id: number | null;
  event_seq: number | null;
  outcome: NotificationOutcome;
  exit_code: number | null;
  stderr: string | null;
}

export class NotificationLog {
  private prepared: ReturnType<NotificationLog['prepare']> | null = null;

  constructor(private readonly db: Db) {}

  /** Prepared on first use: most commands never touch the log. */
  private get statements() {
    return (this.prepared ??= this.prepare());
  }

  private prepare() {
    const { db } = this;
    return {
      sent: db.prepare<[string, number | null, string, string], number>('SELECT 1 FROM agenda_notices WHERE notice = ? AND complaint_id = ? AND deadline = ? AND due_on = ?').pluck(),
      markSent: db.prepare('INSERT INTO agenda_notices (notice, complaint_id, deadline, due_on, notification_id) VALUES (?, ?, ?, ?, ?)'),
      insert: db.prepare<[IsoTime, string, number | null, number | null, string]>(
        "INSERT INTO notifications (at, type, complaint_id, event_seq, outcome, payload) VALUES (?, ?, ?, ?, 'pending', ?)",
      ),
      queued: db.prepare<[number], { id: number; type: string; complaint_id: number | null; payload: string }>(
        "SELECT id, type, complaint_id, payload FROM notifications WHERE id = ? AND outcome = 'pending' AND payload IS NOT NULL",
      ),
      record: db.prepare("UPDATE notifications SET outcome = ?, exit_code = ?, stderr = ?, payload = NULL WHERE id = ? AND outcome = 'pending'"),
      log: db.prepare<[number], LogRow>('SELECT id, at, type, complaint_id, event_seq, outcome, exit_code, stderr FROM notifications ORDER BY id DESC LIMIT ?'),
    };
  }

  /** Queues the notifications in one write; an agenda item already sent is left out. Returns the ids queued. */
  queue(at: IsoTime, items: readonly NotificationToSend[]): number[] {
    return this.db
      .transaction(() => {
        const ids: number[] = [];
        for (const item of items) {
          const key = item.once === undefined ? null : ([item.type, item.complaintId, item.once.deadline, item.once.dueOn] as const);
          if (key !== null && this.statements.sent.get(...key) !== undefined) continue;
          const id = Number(this.statements.insert.run(at, item.type, item.complaintId, item.eventSeq, item.payload).lastInsertRowid);
          if (key !== null) this.statements.markSent.run(...key, id);
          ids.push(id);
        }
        return ids;
      })
      .immediate();
  }

  /** The notifications of `ids` still to send, with their payloads. */
  queued(ids: readonly number[]): QueuedNotification[] {
    return ids.flatMap((id) => {
      const row = this.statements.queued.get(id);
      return row === undefined ? [] : [{ id: row.id, type: row.type, complaintId: row.complaint_id, payload: row.payload }];
    });
  }

  record(id: number, { outcome, exitCode, stderr }: NotificationResult): void {
    this.statements.record.run(outcome, exitCode, stderr, id);
  }

  log(limit: number): NotificationEntry[] {
    return this.statements.log.all(limit).map((row) => ({
      id: row.id,
      at: row.at,
      type: row.type,
      complaintId: row.complaint_id,
      eventSeq: row.event_seq,
      outcome: row.outcome,
      exitCode: row.exit_code,
      stderr: row.stderr,
    }));
  }
}
