// The report's twelve-month counts are counted by SQL in the store and defined from the events in
// report.ts (countsOfEvents): on random complaints, the two must agree, and a report made the way
// the command makes it (from the facts the store keeps beside each event, read with SQL) must equal
// the report folded from every event of the store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { packForms, type FormToWrite } from '../../src/store/bulk.js';
import { openDatabase } from '../../src/store/sqlite/db.js';
import { MIGRATIONS } from '../../src/store/sqlite/migrations/index.js';
import { fold } from '../../src/workflow/complaint.js';
import { DomainError } from '../../src/workflow/errors.js';
import { reportFromFacts, reportRequest, type DayCount, type PeriodFacts, type PeriodQuery, type ReportPeriod } from '../../src/workflow/report.js';
import { computeReport, countsOfEvents, type ReportEvent } from '../helpers/report-oracle.js';
import { DEFAULT_SETTINGS } from '../../src/workflow/settings.js';
import { addDays, firstDayOf, formatInOffset, instant, lastDayOfMonth, type IsoTime, type LocalDate, type Month } from '../../src/workflow/time.js';
import type { ChangeCommand } from '../../src/workflow/transitions.js';
import { decide } from '../../src/workflow/transitions.js';
import { context, openCommand, SHANGHAI } from '../workflow/builders.js';

/** Complaints over 2025 and 2026; the report is made long after. */
const FIRST_MS = instant('2025-01-01T00:00:00+00:00');
const SPAN_DAYS = 700;
const NOW: IsoTime = '2027-03-01T12:00:00+08:00';
// Shops in several zones: an event's day is the local date written in its own time (usually one
// offset per complaint; now and then a step in another, so that local dates can go backwards).
const OFFSETS = ['+08:00', '+00:00', '-10:00', '+13:00'] as const;
// Spellings of the same few customers (case, width, spacing) with and without phones.
const NAMES = ['王芳', '王 芳', ' 王芳', 'Wang Fang', 'wang  fang', 'ＷＡＮＧ ＦＡＮＧ', '李四'] as const;
const PHONES = [null, '13800138000', '138 0013 8000', '１３８００１３８０００', '12345', '139-0000-1111'] as const;

/** A standard for every complaint, so that some resolves are above it (and need an approver). */
const STANDARDS = { ...DEFAULT_SETTINGS, standards: { '*.*': { kind: 'refund' as const, cents: 5000 } } };

type Step = {
  readonly hours: number;
  readonly offset: (typeof OFFSETS)[number];
  readonly command: Omit<ChangeCommand, 'at' | 'by'>;
  /** For a correction: the received time moved by this many hours from the opening's (null: not corrected). */
  readonly receivedShift: number | null;
};

/**
 * A correction of what the report groups and counts by: the customer (repeat customers), the phone,
 * the category, channel and severity (the by… counts, the deadlines), the form number (a clash with
 * another complaint's is refused by the store, and skipped).
 */
const editArbitrary = fc.record({
  type: fc.constant('edit' as const),
  values: fc.record(
    {
      customer: fc.constantFrom(...NAMES),
      phone: fc.constantFrom(...PHONES),
      category: fc.constantFrom('quality' as const, 'service' as const, 'billing' as const),
      channel: fc.constantFrom('phone' as const, 'email' as const),
      severity: fc.constantFrom('normal' as const, 'urgent' as const, 'major' as const),
      ref: fc.constantFrom('R-0', 'X-1', null),
    },
    { requiredKeys: [] },
  ),
  note: fc.constant(null),
});
const stepArbitrary: fc.Arbitrary<Step> = fc.record({
  // Often within the same month (a step and a void of it in one period), else up to 40 days on.
  hours: fc.oneof(fc.integer({ min: 1, max: 48 }), fc.integer({ min: 1, max: 24 * 40 })),
  // Mostly the complaint's own offset; sometimes another, so that local dates can go backwards.
  offset: fc.constantFrom(...OFFSETS),
  // Up to 45 days earlier than received, or 10 days later (refused when after the first step).
  receivedShift: fc.option(fc.integer({ min: -24 * 45, max: 24 * 10 }), { freq: 3 }),
  command: fc.oneof(
    fc.constant({ type: 'assign' as const, assignee: 'Zhao', department: null, note: null }),
    fc.record({
      type: fc.constant('resolve' as const),
      unfounded: fc.boolean(),
      solution: fc.constant('refunded'),
      finding: fc.constant(null),
      // Within the standard (refund 50), above it in amount or in kind, with an approver or without (refused).
      compensation: fc.constantFrom(null, { kind: 'refund' as const, cents: 2550 }, { kind: 'refund' as const, cents: 9000 }, { kind: 'voucher' as const, cents: 1000 }),
      approvedBy: fc.constantFrom(null, '张店长', 'Zhou 13800138000'),
      rootCause: fc.constantFrom(null, 'Supplier batch'),
      correctiveAction: fc.constant(null),
      note: fc.constant(null),
    }),
    fc.record({ type: fc.constant('followup' as const), satisfaction: fc.integer({ min: 1, max: 5 }), method: fc.constant('phone' as const), note: fc.constant(null) }),
    fc.constant({ type: 'close' as const, reason: 'withdrawn' as const, note: null }),
    fc.constant({ type: 'reopen' as const, note: null }),
    fc.constant({ type: 'answer' as const, text: 'We replace it', kind: 'call' as const, substantiated: null, responsibility: null, rootCause: null }),
    { arbitrary: editArbitrary, weight: 2 },
    { arbitrary: fc.constant({ type: 'void' as const, reason: 'a test entry', note: null }), weight: 2 },
    fc.constant({ type: 'unvoid' as const, note: null }),
    { arbitrary: fc.record({ type: fc.constant('wait' as const), on: fc.constantFrom('customer' as const, 'supplier' as const), note: fc.constant(null) }), weight: 2 },
    fc.constant({ type: 'resume' as const, note: null }),
    fc.constant({ type: 'escalate' as const, to: null, note: 'the customer threatens the press' }),
  ) as fc.Arbitrary<Step['command']>,
});

interface RandomComplaint {
  readonly minute: number;
  readonly offset: (typeof OFFSETS)[number];
  readonly customer: string;
  readonly phone: string | null;
  readonly steps: readonly Step[];
}

const complaintArbitrary: fc.Arbitrary<RandomComplaint> = fc.record({
  minute: fc.integer({ min: 0, max: SPAN_DAYS * 24 * 60 }),
  offset: fc.constantFrom(...OFFSETS),
  customer: fc.constantFrom(...NAMES),
  phone: fc.constantFrom(...PHONES),
  steps: fc.array(stepArbitrary, { maxLength: 6 }),
});

/** A new store holding the complaints, each driven through `decide` (refused steps are skipped). */
async function storeOf(complaints: readonly RandomComplaint[]): Promise<SqliteStore> {
  const store = new SqliteStore(openDatabase(':memory:'));
  const decided = context(NOW, STANDARDS);
  for (const [index, complaint] of complaints.entries()) {
    let ms = FIRST_MS + complaint.minute * 60_000;
    const received = formatInOffset(ms, complaint.offset);
    const { id } = (await store.create(() =>
      // A form number each, and a description each, so that an import of the same complaints takes
      // every one: a form whose number a correction removed is otherwise the same form as another of
      // that customer and day (identity.ts formKey), and the import rightly takes it once.
      decide(null, openCommand({ at: received, uuid: `uuid-${index}`, ref: `R-${index}`, customer: complaint.customer, phone: complaint.phone, description: `Complaint ${index}` }), decided),
    )).complaint;
    const receivedMs = ms;
    for (const step of complaint.steps) {
      ms += step.hours * 3_600_000;
      const offset = step.hours % 3 === 0 ? step.offset : complaint.offset;
      let command = { ...step.command, at: formatInOffset(ms, offset), by: 'Li' } as ChangeCommand;
      if (command.type === 'edit' && step.receivedShift !== null) {
        command = { ...command, values: { ...command.values, receivedAt: formatInOffset(receivedMs + step.receivedShift * 3_600_000, complaint.offset) } };
      }
      try {
        await store.transact(id, (current) => decide(current, command, decided));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    }
  }
  return store;
}

/** Every event of the store, with its complaint. */
async function everyEvent(store: SqliteStore): Promise<ReportEvent[]> {
  const all: ReportEvent[] = [];
  for await (const { complaint, events } of store.everyComplaint()) all.push(...events.map((event) => ({ ...event, complaintId: complaint.id })));
  return all;
}

/** The report for `period` from the store's facts, as kesu report makes it. */
async function reportOfStore(store: SqliteStore, period: ReportPeriod) {
  return reportFromFacts(await store.reportFacts(reportRequest(period, NOW, SHANGHAI)), period);
}

const byDate = (days: readonly DayCount[]) => [...days].sort((a, b) => a.date.localeCompare(b.date));
const dayArbitrary = fc.integer({ min: -5, max: SPAN_DAYS + 60 }).map((n) => addDays('2025-01-01', n));

describe('the report’s twelve-month counts: SQL in the store = the definition in report.ts', () => {
  test('received and follow-ups per day, and repeat customers, over any span, as they stood at any later day', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(complaintArbitrary, { maxLength: 40 }), dayArbitrary, dayArbitrary, fc.option(fc.integer({ min: 0, max: 60 })), async (complaints, a, b, later) => {
        const store = await storeOf(complaints);
        try {
          const [from, to] = a <= b ? [a, b] : [b, a];
          // The day things stood at: long after (every correction counts), or soon after the span's end.
          const last = later === null ? '2999-12-31' : addDays(to, later);
          const defined = countsOfEvents(await everyEvent(store), last);
          const counted = store.reportCounts(last);
          expect(byDate(counted.days(from, to))).toEqual(byDate(defined.days(from, to)));
          expect(counted.repeatCustomers(from, to)).toBe(defined.repeatCustomers(from, to));
        } finally {
          store.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  test('a report from the store’s facts equals the report folded from every event', async () => {
    const monthArbitrary = fc.integer({ min: 0, max: 23 }).map((n) => `${2025 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}` as Month);
    await fc.assert(
      fc.asyncProperty(fc.array(complaintArbitrary, { minLength: 1, maxLength: 40 }), monthArbitrary, async (complaints, month) => {
        const store = await storeOf(complaints);
        try {
          const period: ReportPeriod = { from: firstDayOf(month), to: lastDayOfMonth(month), label: 'month' };
          const whole = computeReport({ events: await everyEvent(store), period, settings: DEFAULT_SETTINGS, now: NOW, zone: SHANGHAI });
          expect(await reportOfStore(store, period)).toEqual(whole);
          // The customer links that corrections and voids moved are what kesu check rebuilds from the events.
          expect((await store.check()).problems).toEqual([]);
        } finally {
          store.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  const monthArbitrary = fc.integer({ min: 0, max: 23 }).map((n) => `${2025 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}` as Month);
  const reportOf = (store: SqliteStore, month: Month) => reportOfStore(store, { from: firstDayOf(month), to: lastDayOfMonth(month), label: 'month' });

  test('an import (a bulk write of packed forms) keeps the same facts as the commands', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(complaintArbitrary, { minLength: 1, maxLength: 30 }), monthArbitrary, async (complaints, month) => {
        const store = await storeOf(complaints);
        const imported = new SqliteStore(openDatabase(':memory:'));
        try {
          const forms: FormToWrite[] = [];
          for await (const { events } of store.everyComplaint()) forms.push({ complaint: fold(0, events), events, row: forms.length + 2, cells: null });
          const bulk = imported.beginBulk();
          expect(bulk.addPacked(packForms(forms)).imported).toBe(forms.length);
          bulk.commit();
          expect(await reportOf(imported, month)).toEqual(await reportOf(store, month));
        } finally {
          store.close();
          imported.close();
        }
      }),
      { numRuns: 30 },
    );
  });

  test('a database of schema 1 gets the facts of its complaints from migration 2', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(complaintArbitrary, { minLength: 1, maxLength: 30 }), monthArbitrary, async (complaints, month) => {
        const dir = mkdtempSync(join(tmpdir(), 'kesu-migrate-'));
        const store = await storeOf(complaints);
        try {
          // The same records in a database at schema 1, as an older kesu wrote them.
          const old = join(dir, 'old.db');
          openDatabase(old, { migrations: MIGRATIONS.slice(0, 1) }).close();
          const raw = new Database(old);
          const columns = 'id, uuid, ref, status, severity, category, customer, assignee, received_on, customer_key, received_ms, closed_ms, next_due_ms, form_key';
          const insertComplaint = raw.prepare(`INSERT INTO complaints (${columns}) VALUES (${columns.split(', ').map(() => '?').join(', ')})`);
          const insertEvent = raw.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
          const source = (store as unknown as { db: Database.Database }).db;
          for (const row of source.prepare(`SELECT ${columns} FROM complaints`).raw(true).all()) insertComplaint.run(...(row as unknown[]));
          for (const row of source.prepare('SELECT * FROM events').raw(true).all()) insertEvent.run(...(row as unknown[]));
          raw.close();
          const migrated = new SqliteStore(openDatabase(old));
          expect(await reportOf(migrated, month)).toEqual(await reportOf(store, month));
          migrated.close();
        } finally {
          store.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 20 },
    );
  });

  test('steps written in another offset than the opening, and a far-off offset: the same report both ways', async () => {
    const store = new SqliteStore(openDatabase(':memory:'));
    const decided = context(NOW, STANDARDS);
    const act = (id: number, command: Omit<ChangeCommand, 'by'>) => store.transact(id, (current) => decide(current, { ...command, by: 'Li' } as ChangeCommand, decided));
    try {
      // Opened on 1 October in +13:00, resolved and closed on 30 September in +00:00 (later instants).
      const early = (await store.create(() => decide(null, openCommand({ at: '2026-10-01T00:30:00+13:00', uuid: 'u-1', customer: '王芳' }), decided))).complaint.id;
      const refund = { type: 'resolve', unfounded: false, solution: 'refunded', finding: null, compensation: { kind: 'refund', cents: 2550 }, rootCause: null, correctiveAction: null, note: null };
      await act(early, { ...refund, at: '2026-09-30T12:00:00+00:00' } as Omit<ChangeCommand, 'by'>);
      await act(early, { type: 'close', reason: 'withdrawn', note: null, at: '2026-09-30T12:05:00+00:00' } as Omit<ChangeCommand, 'by'>);
      // Resolved in October, then an entry dated 1 November (+14:00), then a follow-up dated 31 October (-10:00).
      const late = (await store.create(() => decide(null, openCommand({ at: '2026-10-20T09:00:00+08:00', uuid: 'u-2', customer: '李四' }), decided))).complaint.id;
      await act(late, { ...refund, at: '2026-10-21T09:00:00+08:00' } as Omit<ChangeCommand, 'by'>);
      await act(late, { type: 'log', text: 'called', kind: 'note', substantiated: null, responsibility: null, rootCause: null, at: '2026-11-01T00:30:00+14:00' } as Omit<ChangeCommand, 'by'>);
      await act(late, { type: 'followup', satisfaction: 2, method: 'phone', note: null, at: '2026-10-31T20:00:00-10:00' } as Omit<ChangeCommand, 'by'>);
      // Received on 31 October in -13:00 (an offset beyond the zones in use, which kesu reads), still open.
      await store.create(() => decide(null, openCommand({ at: '2026-10-31T23:00:00-13:00', uuid: 'u-3', customer: '赵六' }), decided));
      for (const month of ['2026-09', '2026-10', '2026-11'] as const) {
        const period: ReportPeriod = { from: firstDayOf(month), to: lastDayOfMonth(month), label: 'month' };
        const whole = computeReport({ events: await everyEvent(store), period, settings: DEFAULT_SETTINGS, now: NOW, zone: SHANGHAI });
        expect(await reportOfStore(store, period), month).toEqual(whole);
      }
    } finally {
      store.close();
    }
  });
});

describe("the store's one read of a report's facts, while another connection writes", () => {
  test('holds one state: what the other connection commits between its queries is not seen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kesu-snapshot-'));
    const file = join(dir, 'kesu.db');
    const reader = new SqliteStore(openDatabase(file));
    const writer = new SqliteStore(openDatabase(file));
    const decided = context(NOW, STANDARDS);
    let opened = 0;
    // better-sqlite3 writes at once: the commit is done when create returns its promise.
    const openOn = (date: LocalDate) =>
      void writer.create(() => decide(null, openCommand({ at: `${date}T09:00:00+08:00`, uuid: `u-${++opened}`, customer: `客户${opened}` }), decided));
    const period: ReportPeriod = { from: '2026-10-01', to: '2026-10-31', label: 'month' };
    try {
      openOn('2026-10-05');
      // Another process commits a complaint of September after each period's facts are read (the
      // month, then the month before), and one of October after the first.
      const readPeriod = (reader as unknown as { periodFacts: (query: PeriodQuery) => PeriodFacts }).periodFacts.bind(reader);
      (reader as unknown as { periodFacts: (query: PeriodQuery) => PeriodFacts }).periodFacts = (query) => {
        const read = readPeriod(query);
        openOn(query.span.from.startsWith('2026-10') ? '2026-10-06' : '2026-09-07');
        return read;
      };
      const during = await reportOfStore(reader, period);
      expect(opened).toBe(3);
      expect([during.received, during.previous.received]).toEqual([1, 0]);
      expect(during.trend.slice(-2).map((month) => month.received)).toEqual([0, 1]);
      // A read after them sees all of them.
      delete (reader as unknown as { periodFacts?: unknown }).periodFacts;
      const after = await reportOfStore(reader, period);
      expect([after.received, after.previous.received]).toEqual([2, 1]);
    } finally {
      reader.close();
      writer.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
