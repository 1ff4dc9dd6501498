import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { complaintRow, ROW_COLUMNS } from '../../src/store/bulk.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { fold } from '../../src/workflow/complaint.js';
import { DomainError } from '../../src/workflow/errors.js';
import { DEFAULT_SETTINGS } from '../../src/workflow/settings.js';
import { addHours, type IsoTime } from '../../src/workflow/time.js';
import { decide, type ChangeCommand, type Command } from '../../src/workflow/transitions.js';
import { CATEGORIES, CLOSE_REASONS, SEVERITIES, type Status } from '../../src/workflow/vocab.js';
import { SHANGHAI } from '../workflow/builders.js';

// The moves the spec's table allows, per command: from a status to the statuses it may lead to.
const TABLE: Record<ChangeCommand['type'], Partial<Record<Status, Status[]>>> = {
  assign: { open: ['assigned'], assigned: ['assigned'] },
  resolve: { open: ['resolved', 'closed'], assigned: ['resolved', 'closed'] },
  followup: { resolved: ['closed', 'resolved', 'open', 'assigned'] },
  close: { open: ['closed'], assigned: ['closed'], resolved: ['closed'] },
  reopen: { closed: ['open', 'assigned'] },
  log: { open: ['open'], assigned: ['assigned'], resolved: ['resolved'], closed: ['closed'] },
  answer: { open: ['open'], assigned: ['assigned'] },
  edit: { open: ['open'], assigned: ['assigned'], resolved: ['resolved'], closed: ['closed'] },
  void: { open: ['open'], assigned: ['assigned'], resolved: ['resolved'], closed: ['closed'] },
  unvoid: { open: ['open'], assigned: ['assigned'], resolved: ['resolved'], closed: ['closed'] },
  wait: { open: ['open'], assigned: ['assigned'], resolved: ['resolved'] },
  resume: { open: ['open'], assigned: ['assigned'], resolved: ['resolved'] },
  escalate: { open: ['open'], assigned: ['assigned'], resolved: ['resolved'] },
};

const START: IsoTime = '2026-10-01T09:00:00+08:00';
const NOW: IsoTime = '2026-11-23T12:00:00+08:00';

type Step = { command: Omit<ChangeCommand, 'at' | 'by'>; hours: number };

const stepArbitrary: fc.Arbitrary<Step> = fc.record({
  hours: fc.integer({ min: -6, max: 60 }), // negative: an out-of-order time that must be refused
  command: fc.oneof(
    fc.record({ type: fc.constant('assign' as const), assignee: fc.constantFrom('Li', 'Zhang', ''), department: fc.constantFrom(null, 'QC'), note: fc.constant(null) }),
    fc.record({
      type: fc.constant('resolve' as const),
      unfounded: fc.boolean(),
      solution: fc.constantFrom('refund given', null),
      finding: fc.constantFrom('not our fault', null),
      compensation: fc.constantFrom(null, { kind: 'refund' as const, cents: 2550 }, { kind: null, cents: 100 }),
      rootCause: fc.constant(null),
      correctiveAction: fc.constant(null),
      note: fc.constant(null),
    }),
    fc.record({ type: fc.constant('followup' as const), satisfaction: fc.integer({ min: 0, max: 6 }), method: fc.constant('phone' as const), note: fc.constant(null) }),
    fc.record({ type: fc.constant('close' as const), reason: fc.constantFrom(...CLOSE_REASONS), note: fc.constant(null) }),
    fc.record({ type: fc.constant('reopen' as const), note: fc.constant(null) }),
    fc.record({
      type: fc.constant('log' as const),
      text: fc.constantFrom('called the customer', ''),
      kind: fc.constant('note' as const),
      substantiated: fc.constantFrom(null, true, false),
      responsibility: fc.constant(null),
      rootCause: fc.constant(null),
    }),
    fc.record({ type: fc.constant('answer' as const), text: fc.constantFrom('we replace it by Friday', ''), kind: fc.constant('call' as const), substantiated: fc.constant(null), responsibility: fc.constant(null), rootCause: fc.constant(null) }),
    fc.record({
      type: fc.constant('edit' as const),
      values: fc.record(
        { severity: fc.constantFrom(...SEVERITIES), category: fc.constantFrom(...CATEGORIES), customer: fc.constantFrom('Wang', 'Li', ''), ref: fc.constantFrom('F-1', 'F-2', null) },
        { requiredKeys: [] },
      ),
      note: fc.constant(null),
    }),
    fc.record({ type: fc.constant('void' as const), reason: fc.constantFrom('a test', ''), note: fc.constant(null) }),
    fc.record({ type: fc.constant('unvoid' as const), note: fc.constant(null) }),
    fc.record({ type: fc.constant('wait' as const), on: fc.constantFrom('customer' as const, 'supplier' as const, 'other' as const), note: fc.constantFrom(null, 'photos') }),
    fc.record({ type: fc.constant('resume' as const), note: fc.constant(null) }),
    fc.record({ type: fc.constant('escalate' as const), to: fc.constantFrom(null, '王店长'), note: fc.constantFrom('the customer threatens the press', ''), overdue: fc.boolean() }),
  ) as fc.Arbitrary<Step['command']>,
});

describe('any sequence of commands keeps the invariants', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kesu-property-'));
  const store = SqliteStore.open(join(dir, 'kesu.db'));
  // The projection as stored, read past the store: the columns list, due and report go by.
  const raw = new Database(join(dir, 'kesu.db'), { readonly: true });
  const storedRow = raw.prepare(`SELECT id, ${ROW_COLUMNS.map((column) => column.name).join(', ')} FROM complaints WHERE id = ?`);
  afterAll(() => {
    raw.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('projection = fold of events, statuses move only along the table, refusals change nothing, kesu check finds nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CATEGORIES),
        fc.constantFrom(...SEVERITIES),
        fc.array(stepArbitrary, { minLength: 1, maxLength: 25 }),
        async (category, severity, steps) => {
          const context = { now: NOW, settings: DEFAULT_SETTINGS, zone: SHANGHAI };
          const open: Command = {
            type: 'open', uuid: crypto.randomUUID(), ref: null, customer: 'Wang', phone: null, channel: 'phone',
            category, severity, description: 'kettle leaks', request: null, order: null, at: START, by: 'Amy',
          };
          const { id } = (await store.create(() => decide(null, open, context))).complaint;
          let clock = START;
          for (const step of steps) {
            const before = await store.find(id);
            const at = addHours(clock, step.hours);
            const command = { ...step.command, at, by: 'Amy' } as ChangeCommand;
            let refused = false;
            try {
              await store.transact(id, (complaint, settings) => decide(complaint, command, { now: NOW, settings, zone: SHANGHAI }));
              clock = at;
            } catch (error) {
              if (!(error instanceof DomainError)) throw error;
              refused = true;
            }
            const after = await store.find(id);
            // The stored projection is exactly what the stored events say.
            expect(storedRow.get(id)).toEqual(complaintRow(fold(id, after.events)));
            expect(after.events.map((e) => e.seq)).toEqual(after.events.map((_, i) => i + 1));
            if (refused) {
              expect(after).toEqual(before);
            } else {
              expect(TABLE[command.type][before.complaint.status]).toContain(after.complaint.status);
            }
          }
          // and what the store derives besides the row (customer links moved by corrections and voids, report facts) agrees too
          expect((await store.check()).problems).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
