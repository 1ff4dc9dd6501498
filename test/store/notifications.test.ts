// The notification log and the agenda items sent (migration 7), through the Store interface.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/store.js';

const dir = mkdtempSync(join(tmpdir(), 'kesu-notify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const AT = '2026-12-07T08:00:00+08:00';

describe('the notification log', () => {
  test('a queued notification is pending with its payload until its outcome is recorded, then the payload is dropped', async () => {
    const store = SqliteStore.open(join(dir, 'log.db'));
    const ids = await store.queueNotifications(AT, [
      { type: 'reopened', complaintId: 4, eventSeq: 7, payload: '{"a":1}' },
      { type: 'test', complaintId: null, eventSeq: null, payload: '{"b":2}' },
    ]);
    expect(ids).toEqual([1, 2]);
    // a runner that never ran leaves them on record, pending
    expect((await store.notificationLog(10)).map((entry) => [entry.id, entry.outcome])).toEqual([[2, 'pending'], [1, 'pending']]);
    expect(await store.queuedNotifications([1, 2, 99])).toEqual([
      { id: 1, type: 'reopened', complaintId: 4, payload: '{"a":1}' },
      { id: 2, type: 'test', complaintId: null, payload: '{"b":2}' },
    ]);
    await store.recordNotification(1, { outcome: 'failed', exitCode: 3, stderr: 'boom' });
    // recorded once: a second runner given the same id finds nothing to send
    expect(await store.queuedNotifications([1])).toEqual([]);
    await store.recordNotification(1, { outcome: 'sent', exitCode: 0, stderr: null });
    expect((await store.notificationLog(1))[0]).toEqual({ id: 2, at: AT, type: 'test', complaintId: null, eventSeq: null, outcome: 'pending', exitCode: null, stderr: null });
    expect((await store.notificationLog(2))[1]).toEqual({ id: 1, at: AT, type: 'reopened', complaintId: 4, eventSeq: 7, outcome: 'failed', exitCode: 3, stderr: 'boom' });
    store.close();
  });

  test('an agenda item is queued once ever per notice, complaint, deadline and due date', async () => {
    const store = SqliteStore.open(join(dir, 'once.db'));
    const item = (type: string, deadline: 'answer' | 'solution', dueOn: `${number}-${number}-${number}`) => ({ type, complaintId: 1, eventSeq: null, payload: '{}', once: { deadline, dueOn } });
    expect(await store.queueNotifications(AT, [item('due', 'answer', '2026-12-07'), item('due', 'answer', '2026-12-07')])).toEqual([1]);
    expect(await store.queueNotifications(AT, [item('due', 'answer', '2026-12-07')])).toEqual([]);
    // the same deadline overdue the next day, another deadline, and the deadline moved to another day: each new
    expect(await store.queueNotifications(AT, [item('overdue', 'answer', '2026-12-07'), item('due', 'solution', '2026-12-07'), item('due', 'answer', '2026-12-09')])).toEqual([2, 3, 4]);
    store.close();
  });
});
