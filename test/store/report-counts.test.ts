// The report's twelve-month counts are counted by SQL in the store and defined from the events in
// report.ts (countsOfEvents): on random complaints, the two must agree, and a report made the way
// the command makes it (the store's slice of events, its SQL counts) must equal the report folded
// from every event of the store.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SqliteStore } from '../../src/store/complaints.js';
import { openDatabase } from '../../src/store/db.js';
import { DomainError } from '../../src/workflow/errors.js';
import { computeReport, countsOfEvents, reportWindow, type DayCount, type ReportPeriod } from '../../src/workflow/report.js';
import { DEFAULT_SETTINGS } from '../../src/workflow/settings.js';
import { addDays, formatInOffset, instant, lastDayOfMonth, type LocalDate } from '../../src/workflow/time.js';
import type { ChangeCommand } from '../../src/workflow/transitions.js';
import { decide } from '../../src/workflow/transitions.js';
import { context, openCommand } from '../workflow/builders.js';

/** Complaints over 2025 and 2026; the report is made long after. */
const FIRST_MS = instant('2025-01-01T00:00:00+00:00');
const SPAN_DAYS = 700;
const NOW = '2027-03-01T12:00:00+08:00';
// Shops in several zones: a complaint's days are its own local dates (one offset per complaint).
const OFFSETS = ['+08:00', '+00:00', '-10:00', '+13:00'] as const;
// Spellings of the same few customers (case, width, spacing) with and without phones.
const NAMES = ['王芳', '王 芳', ' 王芳', 'Wang Fang', 'wang  fang', 'ＷＡＮＧ ＦＡＮＧ', '李四'] as const;
const PHONES = [null, '13800138000', '138 0013 8000', '１３８００１３８０００', '12345', '139-0000-1111'] as const;

type Step = { readonly hours: number; readonly command: Omit<ChangeCommand, 'at' | 'by'> };

const stepArbitrary: fc.Arbitrary<Step> = fc.record({
  hours: fc.integer({ min: 1, max: 24 * 40 }),
  command: fc.oneof(
    fc.constant({ type: 'assign' as const, assignee: 'Zhao', department: null, note: null }),
    fc.record({
      type: fc.constant('resolve' as const),
      unfounded: fc.boolean(),
      solution: fc.constant('refunded'),
      finding: fc.constant(null),
      compensation: fc.constantFrom(null, { kind: 'refund' as const, cents: 2550 }),
      rootCause: fc.constantFrom(null, 'Supplier batch'),
      correctiveAction: fc.constant(null),
      note: fc.constant(null),
    }),
    fc.record({ type: fc.constant('followup' as const), satisfaction: fc.integer({ min: 1, max: 5 }), method: fc.constant('phone' as const), note: fc.constant(null) }),
    fc.constant({ type: 'close' as const, reason: 'withdrawn' as const, note: null }),
    fc.constant({ type: 'reopen' as const, note: null }),
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
function storeOf(complaints: readonly RandomComplaint[]): SqliteStore {
  const store = new SqliteStore(openDatabase(':memory:'));
  const decided = context(NOW);
  complaints.forEach((complaint, index) => {
    let ms = FIRST_MS + complaint.minute * 60_000;
    const received = formatInOffset(ms, complaint.offset);
    const id = store.create(() =>
      decide(null, openCommand({ at: received, uuid: `uuid-${index}`, customer: complaint.customer, phone: complaint.phone }), decided),
    ).id;
    for (const step of complaint.steps) {
      ms += step.hours * 3_600_000;
      const command = { ...step.command, at: formatInOffset(ms, complaint.offset), by: 'Li' } as ChangeCommand;
      try {
        store.transact(id, (current) => decide(current, command, decided));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    }
  });
  return store;
}

const byDate = (days: readonly DayCount[]) => [...days].sort((a, b) => a.date.localeCompare(b.date));
const dayArbitrary = fc.integer({ min: -5, max: SPAN_DAYS + 60 }).map((n) => addDays('2025-01-01', n));

describe('the report’s twelve-month counts: SQL in the store = the definition in report.ts', () => {
  test('received and follow-ups per day, and repeat customers, over any span', () => {
    fc.assert(
      fc.property(fc.array(complaintArbitrary, { maxLength: 40 }), dayArbitrary, dayArbitrary, (complaints, a, b) => {
        const store = storeOf(complaints);
        try {
          const [from, to] = a <= b ? [a, b] : [b, a];
          const every = [...store.eachReportEvent({ from: '1900-01-01', to: '2999-12-31' })];
          const defined = countsOfEvents(every, '2999-12-31');
          const counted = store.reportCounts();
          expect(byDate(counted.days(from, to))).toEqual(byDate(defined.days(from, to)));
          expect(counted.repeatCustomers(from, to)).toBe(defined.repeatCustomers(from, to));
        } finally {
          store.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  test('a report from the store’s slice and SQL counts equals the report folded from every event', () => {
    const monthArbitrary = fc.integer({ min: 0, max: 23 }).map((n) => `${2025 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.array(complaintArbitrary, { minLength: 1, maxLength: 40 }), monthArbitrary, (complaints, month) => {
        const store = storeOf(complaints);
        try {
          const period: ReportPeriod = { from: `${month}-01` as LocalDate, to: lastDayOfMonth(month), label: 'month' };
          const every = [...store.eachReportEvent({ from: '1900-01-01', to: '2999-12-31' })];
          const whole = computeReport({ events: every, period, settings: DEFAULT_SETTINGS, now: NOW });
          const sliced = computeReport({
            events: store.eachReportEvent(reportWindow(period)),
            inOrder: true,
            counts: store.reportCounts(),
            period,
            settings: DEFAULT_SETTINGS,
            now: NOW,
          });
          expect(sliced).toEqual(whole);
        } finally {
          store.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
