// The SQLite store: events appended and the complaint projection saved in one transaction; the
// queries that list, find and report. The only module with SQL (besides migrations).
import { apply, fold, type Complaint, type ComplaintEvent, type EventType, type NewEvent } from '../../workflow/complaint.js';
import { DomainError } from '../../workflow/errors.js';
import { CUSTOMER_KEY_SEPARATOR, customerKey, formKey, looseKey, phoneDigits } from '../../workflow/identity.js';
import type { DayCount, PeriodFacts, PeriodQuery, ReportFactsData, ReportFactsRequest } from '../../workflow/report.js';
import { DEFAULT_SETTINGS, withDefaults, type Settings } from '../../workflow/settings.js';
import { addDays, instantsOfDays, type IsoTime, type LocalDate } from '../../workflow/time.js';
import { type Category, type Channel, type CompensationKind, type EscalationReason, type Responsibility, type Severity } from '../../workflow/vocab.js';
import type {
  AlreadyPresent,
  BackupCopy,
  BulkOutcome,
  ComplaintWithEvents,
  Decision,
  ImportOptions,
  ImportSession,
  CustomerQuery,
  ListFilter,
  NotificationEntry,
  NotificationResult,
  NotificationToSend,
  OpenDecision,
  QueuedNotification,
  RefClash,
  SearchFilter,
  Store,
} from '../index.js';
import {
  CHANGING_COLUMNS,
  complaintRow,
  EVENT_COLUMNS,
  eventValues,
  FACT_COLUMNS,
  factRows,
  FORM_COLUMNS,
  PackReader,
  ROW_COLUMNS,
  rowValues,
  SEARCH_COLUMNS,
  storedSearchText,
  type PackedForms,
  type RowColumn,
  type Value,
} from '../bulk.js';
import { backupDatabase } from './backup.js';
import { SearchIndex, trigramQuery } from './search.js';
import { NotificationLog } from './notifications.js';
import { eventFromRow, type EventRow } from './rows.js';
import { checkDatabase, repairDatabase, type CheckOptions, type CheckReport, type RepairCounts } from './check.js';
import { StoreError } from '../errors.js';
import { closeIntoPlace, createEmptyFile, newDatabasePath, openDatabase, removeDatabase, type Db, type OpenMode, type UpgradeNotice } from './db.js';

/** A bulk write (an import, or the benchmark's store builder): sync, in one transaction. */
export interface BulkWriter {
  /** The settings in force for the whole write. */
  readonly settings: Settings;
  /** Adds new complaints packed by `packForms` (bulk.ts); forms already present are counted, not added. */
  addPacked(forms: PackedForms): BulkOutcome;
  commit(): void;
  rollback(): void;
}

const SETTINGS_KEY = 'settings';
/** The names of a table's columns, for SQL. */
const names = (columns: readonly { readonly name: string }[]): string => columns.map((column) => column.name).join(', ');
/** What a bulk write keeps from one batch to the next. */
interface BulkState {
  nextId: number;
  /** The complaints this write has added, by the row each came from: a later row may repeat one. */
  readonly rowsWritten: RowsById;
  // Arrays kept from one record to the next: a million forms make no garbage of arrays.
  readonly form: Value[];
  readonly row: Value[];
  readonly event: Value[];
  readonly facts: Value[];
  readonly search: Value[];
}

/** A bulk write's outcome as it is built. */
interface Outcome {
  imported: number;
  readonly alreadyPresent: AlreadyPresent[];
  readonly refClashes: RefClash[];
}

/**
 * The row each complaint of an import came from, by id. The ids an import gives follow one another
 * from the store's next one, so the rows are kept in an array of 32-bit numbers by id rather than a
 * Map, which grew a million-form import's peak memory by tens of megabytes (README, Performance);
 * ids kept from an export (a restore) that fall before it go to a Map.
 */
class RowsById {
  private rows = new Int32Array(1024);
  private readonly others = new Map<number, number>();

  constructor(private readonly firstId: number) {}

  set(id: number, row: number): void {
    const at = id - this.firstId;
    // An id far beyond the ones before it (a restore's) would make the array sparse.
    if (at < 0 || at > this.rows.length * 2) {
      this.others.set(id, row);
      return;
    }
    if (at >= this.rows.length) {
      const grown = new Int32Array(this.rows.length * 4);
      grown.set(this.rows);
      this.rows = grown;
    }
    this.rows[at] = row;
  }

  /** The row the complaint came from, or undefined when this import did not add it. */
  get(id: number): number | undefined {
    const at = id - this.firstId;
    // Rows are numbered from 1 (a restore's) or 2 (a CSV's, after its header): 0 is no row.
    const row = at >= 0 && at < this.rows.length ? this.rows[at]! : 0;
    return row === 0 ? this.others.get(id) : row;
  }
}

/** A complaint's row, by column, with its id (bulk.ts complaintRow). */
type ComplaintRow = ReturnType<typeof complaintRow>;

/** Where each column of a complaint's row is in ROW_COLUMNS. */
const ROW_AT = Object.fromEntries(ROW_COLUMNS.map((column, index) => [column.name, index])) as Record<RowColumn, number>;
/** The placeholders of a row of `columns`, with `extra` more before and after them. */
const placeholders = (columns: readonly unknown[], extra = 0): string => new Array(columns.length + extra).fill('?').join(', ');
/**
 * The page cache of a bulk write, in KiB: as fast as four times as much for an import (README,
 * Performance), and less than the 16 MB better-sqlite3 gives a connection.
 */
const BULK_CACHE_KIB = 8_192;

/** The last fact of complaint `id` whose `through` is not after `day`: the complaint as it stood at the end of that day. */
const factAt = (id: string, day: string, alias = 'f'): string =>
  `${alias}.complaint_id = ${id} AND ${alias}.seq = (SELECT max(seq) FROM event_facts g WHERE g.complaint_id = ${id} AND g.through <= ${day})`;
/** The last fact of each complaint `c` whose `through` is not after @to: the complaint as it stood at the end of @to. */
const FACT_AT_END = factAt('c.id', '@to');
/** The steps of the span @from–@to that count (those no later than the report's last day, @last). */
const STEPS_IN_SPAN = "on_date BETWEEN @from AND @to AND through <= @last";
/**
 * The complaints corrected, voided or unvoided after the end of `day`: the only ones whose row may
 * not say what they were then (the others' row is as they stood), so that a report can read those few
 * from their facts at that day and every other from its row and the indexes. Corrections are rare:
 * this reads the steps index of those three types only.
 */
const lateAfter = (day: string): string =>
  `SELECT complaint_id FROM event_facts INDEXED BY event_facts_steps WHERE type IN ('corrected', 'voided', 'unvoided') AND through > ${day}`;
/** The complaints voided at the end of `day`: voided now and not since, or voided by their fact at that day. */
const voidedAt = (day: string): string => `
  SELECT id FROM complaints INDEXED BY complaints_voided WHERE voided = 1 AND id NOT IN (${lateAfter(day)})
  UNION ALL
  SELECT f.complaint_id FROM event_facts f WHERE f.complaint_id IN (${lateAfter(day)}) AND ${factAt('f.complaint_id', day)} AND f.voided = 1`;

/**
 * What the report reads of a period (report.ts PeriodFacts), from the facts kept beside each event
 * (002-report-facts.ts, 004-corrections.ts) and the indexes: never a fold of the events. Each
 * complaint counts as it stood at the period's end (@to), a voided one in no figure. The hints name
 * the indexes because, without statistics (kesu never runs ANALYZE), SQLite may prefer a worse one.
 * Exported for the query-plan tests.
 */
export const REPORT_FACTS_SQL = {
  // Received in the span by their row, and those corrected since, each as its fact at the end says.
  received: `
    SELECT f.category, f.channel, f.severity, f.department, f.responsibility, f.substantiated, count(*) AS n
    FROM (
        SELECT id FROM complaints INDEXED BY complaints_received_on WHERE voided = 0 AND received_on BETWEEN @from AND @to
        UNION SELECT complaint_id FROM (${lateAfter('@to')})
      ) AS candidate
      JOIN event_facts f ON ${factAt('candidate.id', '@to')}
    WHERE f.voided = 0 AND f.received_on BETWEEN @from AND @to
    GROUP BY 1, 2, 3, 4, 5, 6`,
  steps: `
    SELECT type, on_time, solution_on_time, satisfaction, compensation_kind, sum(coalesce(compensation_cents, 0)) AS cents, count(*) AS n
    FROM event_facts INDEXED BY event_facts_steps
    WHERE type IN ('answered', 'resolved', 'followed-up', 'closed', 'reopened') AND ${STEPS_IN_SPAN}
      AND complaint_id NOT IN (${voidedAt('@to')})
    GROUP BY 1, 2, 3, 4, 5`,
  // The day received as it stood at the end: the row's, but for a complaint corrected since, its
  // fact's at the end (the resolve's own when it came after the end, its events in other offsets).
  resolveSpans: `
    SELECT
      CASE WHEN f.complaint_id IN (${lateAfter('@to')})
        THEN coalesce((SELECT e.received_on FROM event_facts e WHERE ${factAt('f.complaint_id', '@to', 'e')}), f.received_on)
        ELSE c.received_on END,
      f.on_date, count(*) AS n
    FROM event_facts f INDEXED BY event_facts_steps JOIN complaints c ON c.id = f.complaint_id
    WHERE f.type = 'resolved' AND ${STEPS_IN_SPAN} AND f.complaint_id NOT IN (${voidedAt('@to')})
    GROUP BY 1, 2`,
  // Only those with a cause or an action: the others are in no ranking.
  resolvedCauses: `
    SELECT c.id, f.root_cause, f.corrective_action
    FROM complaints c JOIN event_facts f ON ${FACT_AT_END}
    WHERE c.id IN (SELECT complaint_id FROM event_facts INDEXED BY event_facts_steps WHERE type = 'resolved' AND ${STEPS_IN_SPAN})
      AND f.voided = 0 AND (f.root_cause IS NOT NULL OR f.corrective_action IS NOT NULL)
    ORDER BY c.id`,
  // A complaint open at the end of @to is not closed now, or was closed by a step after @to (so at
  // @afterMs or later: the first instant of the next day anywhere), and was received by @to
  // (so by @toMs: its last instant anywhere); or it was corrected or voided since.
  open: `
    SELECT count(*) AS open, coalesce(sum(f.due_ms < @endMs), 0) AS overdue, coalesce(sum(f.waiting), 0) AS waiting
    FROM complaints c JOIN event_facts f ON ${FACT_AT_END}
    WHERE c.id IN (
        SELECT id FROM complaints INDEXED BY complaints_agenda WHERE status <> 'closed' AND voided = 0 AND received_ms <= @toMs
        UNION
        SELECT id FROM complaints INDEXED BY complaints_closed WHERE closed_ms >= @afterMs AND received_ms <= @toMs
        UNION
        SELECT complaint_id FROM (${lateAfter('@to')})
      )
      AND f.status <> 'closed' AND f.voided = 0`,
  // The escalations made in the span, by reason.
  escalations: `
    SELECT escalation_reason, count(*) AS n
    FROM event_facts INDEXED BY event_facts_steps
    WHERE type = 'escalated' AND ${STEPS_IN_SPAN} AND complaint_id NOT IN (${voidedAt('@to')})
    GROUP BY 1`,
  // The waits that ended in the span, and the working days they lasted.
  waitsEnded: `
    SELECT count(*) AS n, coalesce(sum(waited_workdays), 0) AS workdays
    FROM event_facts INDEXED BY event_facts_steps
    WHERE type = 'resumed' AND ${STEPS_IN_SPAN} AND complaint_id NOT IN (${voidedAt('@to')})`,
  // The resolves above their standard (the partial index holds only those), by who approved them.
  approvals: `
    SELECT approved_by, count(*) AS n, sum(coalesce(compensation_cents, 0)) AS cents
    FROM event_facts INDEXED BY event_facts_above_standard
    WHERE above_standard = 1 AND ${STEPS_IN_SPAN} AND complaint_id NOT IN (${voidedAt('@to')})
    GROUP BY 1`,
  shortPhones: 'SELECT DISTINCT short_phone FROM complaints INDEXED BY complaints_short_phone WHERE short_phone IS NOT NULL',
} as const;

/**
 * The lookups by key: complaints by their form key (open and import; a voided complaint is no form
 * already present), one complaint's events (show and every change), and the events of the
 * complaints whose ids are given as a JSON array, in (complaint, seq) order (list, due). Exported
 * for the query-plan tests.
 */
export const LOOKUP_SQL = {
  idsByFormKey: 'SELECT id, ref_key FROM complaints WHERE form_key = ? AND voided = 0',
  byRefKey: 'SELECT id, customer, received_on FROM complaints WHERE ref_key = ?',
  idByUuid: 'SELECT id FROM complaints WHERE uuid = ?',
  events: 'SELECT complaint_id, seq, type, at, actor, note, data FROM events WHERE complaint_id = ? ORDER BY seq',
  eventsOf: `
    SELECT complaint_id, seq, type, at, actor, note, data FROM events
    WHERE complaint_id IN (SELECT value FROM json_each(?)) ORDER BY complaint_id, seq`,
} as const;

/**
 * The report's twelve-month counts (report.ts LongCounts), from indexes alone for every complaint
 * not corrected or voided since: complaints received per local date and follow-ups per local date
 * with their satisfaction summed, as things stood at the end of @last; customers with two or more
 * complaints received in @from–@to, as things stood at the end of @to. Exported for the query-plan
 * tests.
 */
export const REPORT_COUNTS_SQL = {
  // By their row, and those corrected since by their fact at @last: a date may come twice, to be added.
  received: `
    SELECT received_on AS date, count(*) AS n FROM complaints INDEXED BY complaints_received_on
    WHERE voided = 0 AND received_on BETWEEN @from AND @to AND id NOT IN (${lateAfter('@last')}) GROUP BY received_on
    UNION ALL
    SELECT f.received_on, count(*) FROM event_facts f
    WHERE f.complaint_id IN (${lateAfter('@last')}) AND ${factAt('f.complaint_id', '@last')} AND f.voided = 0 AND f.received_on BETWEEN @from AND @to
    GROUP BY f.received_on`,
  // Those no later than the report's last day, @last, as the report's steps.
  followups: `
    SELECT on_date AS date, count(*) AS n, sum(satisfaction) AS total FROM event_facts INDEXED BY event_facts_steps
    WHERE type = 'followed-up' AND on_date BETWEEN @from AND @to AND through <= @last AND complaint_id NOT IN (${voidedAt('@last')})
    GROUP BY on_date`,
  // The second complaint of each customer in the span: its previous one is in the span, the one before not.
  repeatCustomers: `
    SELECT count(*) AS n FROM complaints INDEXED BY complaints_received_on
    WHERE voided = 0 AND received_on BETWEEN @from AND @to AND previous_on >= @from AND (previous2_on IS NULL OR previous2_on < @from)`,
  // The customers of complaints corrected or voided since @to, counted again with those complaints as
  // they were at its end: what to add to the count above (which the rows' links give as they are now).
  repeatCustomersSince: `
    WITH late AS MATERIALIZED (${lateAfter('@to')}),
      at_end AS MATERIALIZED (
        SELECT f.customer_key AS key, f.received_on AS day, f.voided FROM event_facts f
        WHERE f.complaint_id IN late AND ${factAt('f.complaint_id', '@to')}),
      keys AS (SELECT customer_key AS key FROM complaints WHERE id IN late UNION SELECT key FROM at_end),
      as_now AS (
        SELECT customer_key AS key FROM complaints INDEXED BY complaints_customer
        WHERE customer_key IN keys AND voided = 0 AND received_on BETWEEN @from AND @to),
      as_then AS (
        SELECT customer_key AS key FROM complaints INDEXED BY complaints_customer
        WHERE customer_key IN keys AND voided = 0 AND received_on BETWEEN @from AND @to AND id NOT IN late
        UNION ALL
        SELECT key FROM at_end WHERE voided = 0 AND day BETWEEN @from AND @to)
    SELECT (SELECT count(*) FROM (SELECT key FROM as_then GROUP BY key HAVING count(*) >= 2))
      - (SELECT count(*) FROM (SELECT key FROM as_now GROUP BY key HAVING count(*) >= 2)) AS n`,
} as const;

/**
 * A customer's complaints just before and just after one (by day received, then id; voided ones
 * aside), from the complaints_customer index: to link a complaint into its customer's order
 * (previous_on, previous2_on: repeat customers). Exported for the query-plan tests.
 */
export const LINK_SQL = {
  before: `
    SELECT
      (SELECT received_on FROM complaints WHERE customer_key = @key AND voided = 0 AND (received_on, id) < (@on, @id) ORDER BY received_on DESC, id DESC LIMIT 1),
      (SELECT received_on FROM complaints WHERE customer_key = @key AND voided = 0 AND (received_on, id) < (@on, @id) ORDER BY received_on DESC, id DESC LIMIT 1 OFFSET 1)`,
  after: 'SELECT id, received_on FROM complaints WHERE customer_key = ? AND voided = 0 AND (received_on, id) > (?, ?) ORDER BY received_on, id LIMIT 1',
} as const;

export class SqliteStore implements Store {
  private readonly statements;
  private readonly searchIndex: SearchIndex;
  private readonly notifications: NotificationLog;

  /**
   * `made`: a new database made beside its `path` (openNew), put in place by a bulk write's commit
   * and removed at close if none did.
   */
  constructor(
    private readonly db: Db,
    private made: { readonly file: string; readonly path: string } | null = null,
  ) {
    this.statements = {
      nextId: db.prepare<[], { id: number }>('SELECT coalesce(max(id), 0) + 1 AS id FROM complaints'),
      idsByFormKey: db.prepare<[number], { id: number; ref_key: string | null }>(LOOKUP_SQL.idsByFormKey),
      byRefKey: db.prepare<[string], { id: number; customer: string; received_on: LocalDate }>(LOOKUP_SQL.byRefKey),
      idByUuid: db.prepare<[string], number>(LOOKUP_SQL.idByUuid).pluck(),
      idTaken: db.prepare<[number], number>('SELECT 1 FROM complaints WHERE id = ?').pluck(),
      // By position, for a bulk write (no object per row) and for one complaint alike.
      insertRow: db.prepare(`INSERT INTO complaints (id, ${names(ROW_COLUMNS)}, previous_on, previous2_on) VALUES (${placeholders(ROW_COLUMNS, 3)})`),
      updateComplaint: db.prepare(`UPDATE complaints SET ${CHANGING_COLUMNS.map((column) => `${column} = @${column}`).join(', ')} WHERE id = @id`),
      insertEvent: db.prepare(`INSERT INTO events (complaint_id, seq, ${names(EVENT_COLUMNS)}) VALUES (${placeholders(EVENT_COLUMNS, 2)})`),
      insertFacts: db.prepare(`INSERT INTO event_facts (complaint_id, seq, ${names(FACT_COLUMNS)}) VALUES (${placeholders(FACT_COLUMNS, 2)})`),
      customerBefore: db.prepare<{ key: string; on: string; id: number }, [string | null, string | null]>(LINK_SQL.before).raw(true),
      customerAfter: db.prepare<[string, string, number], [number, string]>(LINK_SQL.after).raw(true),
      setPrevious: db.prepare('UPDATE complaints SET previous_on = ?, previous2_on = ? WHERE id = ?'),
      opening: db.prepare<[number], EventRow>('SELECT complaint_id, seq, type, at, actor, note, data FROM events WHERE complaint_id = ? AND seq = 1'),
      events: db.prepare<[number], EventRow>(LOOKUP_SQL.events),
      eventsOf: db.prepare<[string], EventRow>(LOOKUP_SQL.eventsOf),
      factsReceived: db.prepare<Record<string, string>, [Category, Channel, Severity, string | null, Responsibility | null, number | null, number]>(REPORT_FACTS_SQL.received).raw(true),
      factsSteps: db.prepare<Record<string, string>, [EventType, number | null, number | null, number | null, CompensationKind | null, number, number]>(REPORT_FACTS_SQL.steps).raw(true),
      factsResolveSpans: db.prepare<Record<string, string>, [LocalDate, LocalDate, number]>(REPORT_FACTS_SQL.resolveSpans).raw(true),
      factsResolvedCauses: db.prepare<Record<string, string>, [number, string | null, string | null]>(REPORT_FACTS_SQL.resolvedCauses).raw(true),
      factsOpen: db.prepare<Record<string, string | number>, { open: number; overdue: number; waiting: number }>(REPORT_FACTS_SQL.open),
      factsWaitsEnded: db.prepare<Record<string, string>, { n: number; workdays: number }>(REPORT_FACTS_SQL.waitsEnded),
      factsApprovals: db.prepare<Record<string, string>, { approved_by: string | null; n: number; cents: number }>(REPORT_FACTS_SQL.approvals),
      factsEscalations: db.prepare<Record<string, string>, [EscalationReason, number]>(REPORT_FACTS_SQL.escalations).raw(true),
      shortPhones: db.prepare<[], string>(REPORT_FACTS_SQL.shortPhones).pluck(),
      receivedByDay: db.prepare<{ from: string; to: string; last: string }, { date: LocalDate; n: number }>(REPORT_COUNTS_SQL.received),
      followupsByDay: db.prepare<{ from: string; to: string; last: string }, { date: LocalDate; n: number; total: number }>(REPORT_COUNTS_SQL.followups),
      repeatCustomers: db.prepare<{ from: string; to: string }, { n: number }>(REPORT_COUNTS_SQL.repeatCustomers),
      repeatCustomersSince: db.prepare<{ from: string; to: string }, { n: number }>(REPORT_COUNTS_SQL.repeatCustomersSince),
      getSettings: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
      putSettings: db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    };
    this.searchIndex = new SearchIndex(db);
    this.notifications = new NotificationLog(db);
  }

  static open(path: string, options: { mode?: OpenMode; onUpgrade?: UpgradeNotice } = {}): SqliteStore {
    return new SqliteStore(openDatabase(path, options));
  }

  /**
   * A store for a database file that does not exist yet, made beside it and put in place only when a
   * bulk write commits: an import refused, dry or stopped leaves no database where there was none.
   */
  static openNew(path: string): SqliteStore {
    const file = newDatabasePath(path);
    createEmptyFile(file, path);
    try {
      return new SqliteStore(openDatabase(file), { file, path });
    } catch (error) {
      removeDatabase(file);
      throw error;
    }
  }

  close(): void {
    if (!this.db.open) return;
    this.db.close();
    if (this.made) removeDatabase(this.made.file);
  }

  async queueNotifications(at: IsoTime, items: readonly NotificationToSend[]): Promise<number[]> {
    return this.notifications.queue(at, items);
  }

  async queuedNotifications(ids: readonly number[]): Promise<QueuedNotification[]> {
    return this.notifications.queued(ids);
  }

  async recordNotification(id: number, result: NotificationResult): Promise<void> {
    this.notifications.record(id, result);
  }

  async notificationLog(limit: number): Promise<NotificationEntry[]> {
    return this.notifications.log(limit);
  }

  async settings(): Promise<Settings> {
    return this.storedSettings();
  }

  private storedSettings(): Settings {
    const row = this.statements.getSettings.get(SETTINGS_KEY);
    return row ? withDefaults(JSON.parse(row.value) as Partial<Settings>) : DEFAULT_SETTINGS;
  }

  saveSettings(settings: Settings): void {
    this.statements.putSettings.run(SETTINGS_KEY, JSON.stringify(settings));
  }

  /** Changes the settings as they stand inside one write transaction (two `config` runs at once both count). */
  async updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
    return this.db
      .transaction(() => {
        const next = change(this.storedSettings());
        this.saveSettings(next);
        return next;
      })
      .immediate();
  }

  /** Records a new complaint from the events `decide` gives for its opening. */
  async create(decision: OpenDecision): Promise<ComplaintWithEvents> {
    return this.db
      .transaction(() => {
        const events = decision(this.storedSettings());
        const id = this.statements.nextId.get()!.id;
        const complaint = fold(id, events);
        this.insert(complaint, events);
        return { complaint, events: events.map((event, index) => ({ ...event, seq: index + 1 })) };
      })
      .immediate();
  }

  /**
   * The only way a complaint changes: inside one write transaction, load it, let `decision` say
   * what happens (it may throw to refuse; then nothing is written), append the events and save
   * the new projection. Returns the complaint as it now stands, with every event.
   */
  async transact(id: number, decision: Decision): Promise<ComplaintWithEvents> {
    return this.db
      .transaction(() => {
        const stored = this.stored(id);
        let complaint = stored.complaint;
        const events = [...stored.events];
        for (const event of decision(stored.complaint, this.storedSettings())) {
          complaint = apply(complaint, event);
          events.push({ ...event, seq: events.at(-1)!.seq + 1 });
        }
        const facts = factRows(events);
        for (let index = stored.events.length; index < events.length; index++) this.insertEvent(id, events[index]!, facts[index]!);
        this.updateRow(complaintRow(stored.complaint), complaintRow(complaint));
        this.searchIndex.put(id, storedSearchText(complaint, events));
        return { complaint, events };
      })
      .immediate();
  }

  /** The digits of every customer phone too short to look like one (identity.ts shortPhoneOf): masked wherever typed. */
  async shortPhones(): Promise<string[]> {
    return this.statements.shortPhones.all();
  }

  /** A complaint as its events say, with them. */
  async find(id: number): Promise<ComplaintWithEvents> {
    return this.stored(id);
  }

  private stored(id: number): ComplaintWithEvents {
    const rows = this.statements.events.all(id);
    if (rows.length === 0) {
      throw new DomainError('not-found', {
        en: `There is no complaint ${id}; see the ids with kesu list --status all.`,
        zh: `没有编号为 ${id} 的投诉；可用 kesu list --status all 查看所有编号。`,
      });
    }
    return foldStored(id, rows);
  }

  /** Every complaint with its events, in id order, one at a time (for export: never all in memory). */
  async *everyComplaint(): AsyncGenerator<ComplaintWithEvents> {
    // One cursor over the events in primary-key order (better-sqlite3 runs nothing else on the
    // connection while it is open).
    yield* folded(this.db.prepare<[], EventRow>('SELECT complaint_id, seq, type, at, actor, note, data FROM events ORDER BY complaint_id, seq').iterate());
  }

  async list(filter: ListFilter): Promise<Complaint[]> {
    const { sql, params } = listQuery(filter);
    const ids = this.db.prepare<(string | number)[], number>(sql).pluck().all(...params);
    return this.withEvents(ids).map(({ complaint }) => complaint);
  }

  /** The complaints whose search text holds one of the terms, newest first, in one read transaction. */
  async search({ terms, statuses, voided = false, limit }: SearchFilter): Promise<ComplaintWithEvents[]> {
    return this.db.transaction(() => this.withEvents(this.searchIndex.find({ terms, statuses, voided, limit }))).deferred();
  }

  /** The complaints of the ids, in their order, folded from their events read in one query (not one per complaint). */
  private withEvents(ids: readonly number[]): ComplaintWithEvents[] {
    const byId = new Map<number, ComplaintWithEvents>();
    for (const found of folded(this.statements.eventsOf.iterate(JSON.stringify(ids)))) byId.set(found.complaint.id, found);
    return ids.map((id) => byId.get(id)!);
  }

  /** How many complaints the filter matches, whatever its limit. */
  async count(filter: ListFilter): Promise<number> {
    const { sql, params } = countQuery(filter);
    return this.db.prepare<(string | number)[], number>(sql).pluck().get(...params)!;
  }

  async beginImport({ restoring = false }: ImportOptions = {}): Promise<ImportSession> {
    const bulk = this.beginBulk({ restoring });
    return {
      settings: bulk.settings,
      add: async (forms) => bulk.addPacked(forms),
      commit: async () => bulk.commit(),
      rollback: async () => bulk.rollback(),
    };
  }

  /**
   * Starts a bulk write (an import): one write transaction that stays open across batches, so
   * that a failure or a kill anywhere leaves the database as it was before. Call `commit` at
   * the end, or `rollback`. `cacheKib`: the page cache meanwhile (the benchmark's store builder
   * takes more than an import needs). `restoring`: complaints from an export, looked up by uuid.
   */
  beginBulk({ cacheKib = BULK_CACHE_KIB, restoring = false }: { cacheKib?: number; restoring?: boolean } = {}): BulkWriter {
    const end = this.beginBulkTransaction(cacheKib, restoring);
    const state: BulkState = { nextId: this.statements.nextId.get()!.id, rowsWritten: new RowsById(this.statements.nextId.get()!.id), form: [], row: [], event: [], facts: [], search: [] };
    return {
      settings: this.storedSettings(),
      addPacked: (pack) => {
        const outcome: Outcome = { imported: 0, alreadyPresent: [], refClashes: [] };
        const read = new PackReader(pack);
        for (let at = 0; at < pack.count; at++) this.addPackedForm(read, state, outcome);
        return outcome;
      },
      commit: () => {
        end('COMMIT');
        if (!this.made) return;
        const { file, path } = this.made;
        this.made = null;
        closeIntoPlace(this.db, file, path);
      },
      rollback: () => end('ROLLBACK'),
    };
  }

  /**
   * Begins a bulk write's transaction and returns how it ends. Into an empty store, the indexes that
   * only list, due and report read are built once at the end (a sort) instead of row by row; inside
   * the same transaction, so a rollback or a kill leaves them as they were. The indexes the write
   * itself looks up stay (form keys; form numbers; the customer's complaints, to link each new one;
   * uuids when restoring), and so do the UNIQUE constraints' own indexes.
   */
  private beginBulkTransaction(cacheKib: number, restoring: boolean): (end: 'COMMIT' | 'ROLLBACK') => void {
    // A crash of the process cannot lose a committed transaction even without fsync per page;
    // only a power cut could, and an import can be run again (it is idempotent). SQLite takes the
    // safety level only outside a transaction, so it is set before BEGIN.
    this.db.pragma('synchronous = OFF');
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      this.db.pragma('synchronous = NORMAL');
      throw error;
    }
    // A page cache of a fixed size, whatever the size of the file, for the index that takes a row
    // of every form at a random place (the form key). Negative: SQLite's way of saying KiB.
    const cacheSize = this.db.pragma('cache_size', { simple: true }) as number;
    this.db.pragma(`cache_size = ${-Math.round(cacheKib)}`);
    const deferred =
      this.statements.nextId.get()!.id === 1
        ? this.db
            .prepare<[string], { name: string; sql: string }>(
              `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('complaints', 'events', 'event_facts')
                 AND name NOT IN ('complaints_form_key', 'complaints_customer', 'complaints_ref_key', ?)`,
            )
            .all(restoring ? 'complaints_uuid' : '')
        : [];
    for (const index of deferred) this.db.exec(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);
    let open = true;
    return (end) => {
      if (!open) return;
      open = false;
      if (end === 'COMMIT') for (const index of deferred) this.db.exec(index.sql);
      this.db.exec(end);
      this.db.pragma(`cache_size = ${cacheSize}`);
      this.db.pragma('synchronous = NORMAL');
    };
  }

  /** Reads the next form of a pack and writes it, unless it is already stored or its number taken (said in `outcome`). */
  private addPackedForm(read: PackReader, state: BulkState, outcome: Outcome): void {
    const { form, row, event, facts, search, rowsWritten } = state;
    read.read(FORM_COLUMNS, form);
    // The row as the complaints table takes it: the id first, the customer links last.
    read.read(ROW_COLUMNS, row, 1);
    read.read(SEARCH_COLUMNS, search);
    const [key, cells, rowNumber, restoreId, eventCount] = form as [string, string | null, number, number | null, number];
    const text = (name: RowColumn) => row[1 + ROW_AT[name]] as string | null;
    const refKeyText = text('ref_key');
    // A restored complaint is the same one only by its uuid: two forms may say the same thing. A
    // voided one is no form, and is never taken for one already present.
    const voided = row[1 + ROW_AT.voided] === 1;
    const present =
      restoreId !== null ? (this.statements.idByUuid.get(text('uuid')!) ?? null) : voided ? null : this.storedForm(row[1 + ROW_AT.form_key] as number, key, refKeyText);
    const clash = present === null && refKeyText !== null ? this.statements.byRefKey.get(refKeyText) : undefined;
    if (present !== null) {
      read.skipEvents(eventCount);
      outcome.alreadyPresent.push({ row: rowNumber, id: present, sameAsRow: rowsWritten.get(present) ?? null });
      return;
    }
    if (clash !== undefined) {
      read.skipEvents(eventCount);
      const { id, customer, received_on } = clash;
      const written = cells === null ? null : (JSON.parse(cells) as string[]);
      const sameAsRow = rowsWritten.get(id) ?? null;
      outcome.refClashes.push({ row: rowNumber, cells: written, ref: text('ref')!, receivedOn: text('received_on')! as LocalDate, id, customer, customerReceivedOn: received_on, sameAsRow });
      return;
    }
    const id = restoreId !== null && restoreId > 0 && this.statements.idTaken.get(restoreId) === undefined ? restoreId : state.nextId;
    state.nextId = Math.max(state.nextId, id + 1);
    const [customerKeyText, receivedOn] = [text('customer_key')!, text('received_on')!];
    // A voided complaint (restored from an export) is no one's previous complaint, and has none.
    const [previous, previous2] = voided ? [null, null] : this.customerBefore(customerKeyText, receivedOn, id);
    row[0] = id;
    row[1 + ROW_COLUMNS.length] = previous;
    row[2 + ROW_COLUMNS.length] = previous2;
    this.statements.insertRow.run(row);
    if (!voided) this.linkCustomerAfter(id, customerKeyText, receivedOn, previous);
    this.searchIndex.add(id, search[0] as string);
    event[0] = facts[0] = id;
    for (let seq = 1; seq <= eventCount; seq++) {
      event[1] = facts[1] = seq;
      this.statements.insertEvent.run(read.read(EVENT_COLUMNS, event, 2));
      this.statements.insertFacts.run(read.read(FACT_COLUMNS, facts, 2));
    }
    rowsWritten.set(id, rowNumber);
    outcome.imported++;
  }

  /**
   * What the report reads (report.ts), counted by SQL from the facts kept beside each event, all in
   * one read transaction: a report made while another process commits is of one state.
   */
  async reportFacts(request: ReportFactsRequest): Promise<ReportFactsData> {
    return this.db
      .transaction(() => {
        const counts = this.reportCounts(request.days.lastDay);
        return {
          settings: this.storedSettings(),
          periods: request.periods.map((query) => this.periodFacts(query)),
          days: counts.days(request.days.from, request.days.to),
          repeatCustomers: request.repeatSpans.map(({ from, to }) => counts.repeatCustomers(from, to)),
          shortPhones: this.statements.shortPhones.all(),
        };
      })
      .deferred();
  }

  private periodFacts({ span, lastDay, endMs }: PeriodQuery): PeriodFacts {
    const { factsReceived, factsSteps, factsResolveSpans, factsResolvedCauses, factsOpen, factsWaitsEnded, factsApprovals, factsEscalations } = this.statements;
    const flag = (value: number | null): boolean | null => (value === null ? null : value === 1);
    const params = { from: span.from, to: span.to, last: lastDay };
    // Received by the last instant of the period's last day anywhere; closed since the first of the next.
    const { from: afterMs, to: toMs } = instantsOfDays({ from: addDays(span.to, 1), to: span.to });
    const { open, overdue, waiting } = factsOpen.get({ to: span.to, toMs, afterMs, endMs })!;
    const waits = factsWaitsEnded.get(params)!;
    return {
      received: factsReceived.all(params).map(([category, channel, severity, department, responsibility, substantiated, count]) => ({
        category,
        channel,
        severity,
        department,
        responsibility,
        substantiated: flag(substantiated),
        count,
      })),
      steps: factsSteps.all(params).map(([type, onTime, solutionOnTime, satisfaction, compensationKind, compensationCents, count]) => ({
        type,
        onTime: flag(onTime),
        solutionOnTime: flag(solutionOnTime),
        satisfaction,
        compensationKind,
        compensationCents,
        count,
      })),
      resolveSpans: factsResolveSpans.all(params).map(([receivedOn, resolvedOn, count]) => ({ receivedOn, resolvedOn, count })),
      resolvedCauses: factsResolvedCauses.all(params).map(([id, rootCause, correctiveAction]) => ({ id, rootCause, correctiveAction })),
      openAtEnd: open,
      overdueAtEnd: overdue,
      waitingAtEnd: waiting,
      waitsEnded: { count: waits.n, workdays: waits.workdays },
      approvals: factsApprovals.all(params).map(({ approved_by, n, cents }) => ({ approvedBy: approved_by, count: n, cents })),
      escalations: factsEscalations.all(params).map(([reason, count]) => ({ reason, count })),
    };
  }

  /**
   * The report's twelve-month counts over every complaint of the store, counted by SQL: received and
   * follow-ups per day as things stood at the end of `last` (the report's last day; no step after
   * it), repeat customers as things stood at the end of each span.
   */
  reportCounts(last: LocalDate = '9999-12-31'): { days: (from: LocalDate, to: LocalDate) => DayCount[]; repeatCustomers: (from: LocalDate, to: LocalDate) => number } {
    const { receivedByDay, followupsByDay, repeatCustomers, repeatCustomersSince } = this.statements;
    return {
      days: (from, to) => {
        const days = new Map<string, DayCount>();
        for (const { date, n } of receivedByDay.all({ from, to, last })) {
          days.set(date, { date, received: (days.get(date)?.received ?? 0) + n, followups: 0, satisfaction: 0 });
        }
        for (const { date, n, total } of followupsByDay.all({ from, to, last })) {
          days.set(date, { date, received: days.get(date)?.received ?? 0, followups: n, satisfaction: total });
        }
        return [...days.values()];
      },
      repeatCustomers: (from, to) => repeatCustomers.get({ from, to })!.n + repeatCustomersSince.get({ from, to })!.n,
    };
  }

  /**
   * A consistent copy of the database in `file`, an empty file made by the caller, made with SQLite's
   * online backup API while other processes go on writing (backup.ts).
   */
  async backup(file: string): Promise<BackupCopy> {
    try {
      return await backupDatabase(this.db, file);
    } catch (error) {
      // The copy and what SQLite left beside it go; the caller removes nothing of the store's.
      removeDatabase(file);
      throw error;
    }
  }

  /** Whether the file is sound and every row and report fact agrees with the events (check.ts). */
  async check(options?: CheckOptions): Promise<CheckReport> {
    return checkDatabase(this.db, eventFromRow, options);
  }

  /**
   * Rebuilds every complaint's row, customer links and report facts from the events in one write
   * transaction, then checks again (check.ts); `repaired` is null when the file is damaged, and left alone.
   */
  async repair(options?: CheckOptions): Promise<{ repaired: RepairCounts | null; report: CheckReport }> {
    return repairDatabase(this.db, eventFromRow, options);
  }

  /**
   * The stored complaint that is this form, if there is one: the same content (form key: the hash
   * finds it, the full key confirms it, from the opening alone, which is all a form key is made of),
   * and the same form number where the form has one.
   */
  private storedForm(hash: number, key: string, refKeyText: string | null): number | null {
    const found = this.statements.idsByFormKey.all(hash).find(({ id, ref_key }) => {
      if (refKeyText !== null && ref_key !== refKeyText) return false;
      const opening = this.statements.opening.get(id);
      return opening !== undefined && formKey(fold(id, [eventFromRow(opening)])) === key;
    });
    return found?.id ?? null;
  }

  private insert(complaint: Complaint, events: readonly NewEvent[]): void {
    const row = rowValues(complaint);
    const refKeyText = row[ROW_AT.ref_key] as string | null;
    // A form number is compared as the import compares it (identity.ts refKey: without regard to
    // case, width and spacing), so that F-1, f-1 and Ｆ-1 are one paper form however it came in.
    const existing = refKeyText === null ? undefined : this.statements.byRefKey.get(refKeyText);
    if (existing !== undefined) {
      throw new DomainError('conflict', {
        en: `Form number ${complaint.ref} is already complaint ${existing.id}; give another --ref or look at kesu show ${existing.id}.`,
        zh: `表单编号 ${complaint.ref} 已是投诉 ${existing.id}；请换一个 --ref，或用 kesu show ${existing.id} 查看。`,
      });
    }
    const [customerKeyText, receivedOn] = [row[ROW_AT.customer_key] as string, row[ROW_AT.received_on] as string];
    const [previous, previous2] = this.customerBefore(customerKeyText, receivedOn, complaint.id);
    this.statements.insertRow.run([complaint.id, ...row, previous, previous2]);
    this.linkCustomerAfter(complaint.id, customerKeyText, receivedOn, previous);
    this.searchIndex.add(complaint.id, storedSearchText(complaint, events));
    const facts = factRows(events);
    events.forEach((event, index) => this.insertEvent(complaint.id, { ...event, seq: index + 1 }, facts[index]!));
  }

  /**
   * A complaint's row after a change: a corrected form number checked free (a voided complaint's is
   * given anew), and the customer links moved where a correction, a void or an unvoid moved it
   * among its customer's complaints.
   */
  private updateRow(before: ComplaintRow, after: ComplaintRow): void {
    const { id } = after;
    if (after.ref_key !== null && after.ref_key !== before.ref_key) {
      const holder = this.statements.byRefKey.get(after.ref_key as string);
      if (holder !== undefined && holder.id !== id) throw refTaken(after.ref as string, id, holder.id, before.voided === 1);
    }
    this.statements.updateComplaint.run(after);
    const moved = (['customer_key', 'received_on', 'voided'] as const).some((column) => before[column] !== after[column]);
    if (!moved) return;
    if (before.voided === 0) this.relinkAfter(before.customer_key as string, before.received_on as string, id);
    if (after.voided === 1) {
      this.statements.setPrevious.run(null, null, id);
      return;
    }
    const [key, on] = [after.customer_key as string, after.received_on as string];
    this.statements.setPrevious.run(...this.customerBefore(key, on, id), id);
    this.relinkAfter(key, on, id);
  }

  /** Links anew the customer's two complaints after (`on`, `id`), whose two before changed. */
  private relinkAfter(customerKey: string, on: string, id: number): void {
    let [nextOn, nextId] = [on, id];
    for (let step = 0; step < 2; step++) {
      const next = this.statements.customerAfter.get(customerKey, nextOn, nextId);
      if (!next) return;
      [nextId, nextOn] = next;
      this.statements.setPrevious.run(...this.customerBefore(customerKey, nextOn, nextId), nextId);
    }
  }

  /**
   * The days the customer's two complaints before this one were received (identity.ts customerKey;
   * in order of day received, then id), for its previous_on and previous2_on: repeat customers.
   */
  private customerBefore(customerKey: string, receivedOn: string, id: number): [string | null, string | null] {
    return this.statements.customerBefore.get({ key: customerKey, on: receivedOn, id })!;
  }

  /** Links the customer's complaints after a new one (an import of older forms) to it: their previous days change. */
  private linkCustomerAfter(id: number, customerKey: string, receivedOn: string, previous: string | null): void {
    const next = this.statements.customerAfter.get(customerKey, receivedOn, id);
    if (!next) return;
    this.statements.setPrevious.run(receivedOn, previous, next[0]);
    const afterNext = this.statements.customerAfter.get(customerKey, next[1], next[0]);
    if (afterNext) this.statements.setPrevious.run(next[1], receivedOn, afterNext[0]);
  }

  /** An event's row and its report facts. */
  private insertEvent(complaintId: number, event: ComplaintEvent, facts: readonly Value[]): void {
    this.statements.insertEvent.run([complaintId, event.seq, ...eventValues(event)]);
    this.statements.insertFacts.run([complaintId, event.seq, ...facts]);
  }
}

/** The SQL of a list filter; exported for the query-plan tests. */
export function listQuery(filter: ListFilter): { sql: string; params: (string | number)[] } {
  const { where, params } = conditionsOf(filter);
  const limit = filter.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(filter.limit))}`;
  // The complaints waiting on someone are few, found by their own index (else SQLite would walk the
  // agenda's), longest waiting first; their deadlines are paused, so the agenda's order says nothing of them.
  const waiting = filter.waiting === true && filter.order !== 'newest';
  // The escalated ones likewise, by their own index, in the agenda's order (few: sorted as found).
  const escalated = filter.escalated === true && filter.order !== 'newest' && !waiting;
  const order =
    filter.order === 'newest'
      ? ' ORDER BY received_ms DESC, id DESC'
      : waiting
        ? ' ORDER BY major DESC, waiting_ms, id'
        : escalated
        ? ' ORDER BY major DESC, next_due_ms IS NULL, next_due_ms, id'
        : // Complaints not closed always have a deadline, so the agenda index gives their order as it is.
          filter.statuses === null
          ? ' ORDER BY major DESC, next_due_ms, id'
          : ' ORDER BY major DESC, next_due_ms IS NULL, next_due_ms, id';
  // The partial index serves only a query that leaves the voided out.
  const from = filter.voided ? 'complaints' : waiting ? 'complaints INDEXED BY complaints_waiting' : escalated ? 'complaints INDEXED BY complaints_escalated' : 'complaints';
  const sql = `SELECT id FROM ${from}${where}${order}${limit}`;
  return { sql, params };
}

/** The SQL that counts the complaints a list filter matches (its limit aside). */
function countQuery(filter: ListFilter): { sql: string; params: (string | number)[] } {
  const { where, params } = conditionsOf(filter);
  return { sql: `SELECT count(*) FROM complaints${where}`, params };
}

/** The WHERE clause of a list filter (empty when it has no condition), with its parameters. */
function conditionsOf(filter: ListFilter): { where: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const within = (column: string, values: readonly string[] | undefined): void => {
    if (!values?.length) return;
    where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  where.push(statusCondition(filter, params));
  within('category', filter.categories);
  within('severity', filter.severities);
  within('assignee', filter.assignees);
  if (filter.customers?.length) {
    // In the name part of customer_key (identity.ts: the name without regard to case, width and
    // any space, then U+001F and the phone's digits), so that 王　芳 or ＷＡＮＧ finds 王芳 or Wang.
    const name = "substr(customer_key, 1, instr(customer_key, char(31)) - 1) LIKE ? ESCAPE '\\'";
    where.push(`(${filter.customers.map(() => name).join(' OR ')})`);
    params.push(...filter.customers.map((part) => `%${looseKey(part).replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  }
  if (filter.customer !== undefined) customerConditions(filter.customer, where, params);
  if (filter.phones?.length) {
    const digits = filter.phones.map((phone) => phoneDigits(phone));
    where.push(`(${digits.map(() => `instr(${PHONE_OF_KEY}, ?) > 0`).join(' OR ')})`);
    params.push(...digits);
    narrowByDigits(digits, where, params);
  }
  if (filter.waiting !== undefined) where.push(filter.waiting ? 'waiting_ms IS NOT NULL' : 'waiting_ms IS NULL');
  if (filter.escalated === true) where.push('escalated_ms IS NOT NULL');
  if (filter.dueBefore !== undefined) {
    where.push('next_due_ms < ?');
    params.push(filter.dueBefore);
  }
  if (filter.receivedFrom !== undefined) {
    where.push('received_ms >= ?');
    params.push(filter.receivedFrom);
  }
  if (filter.receivedBefore !== undefined) {
    where.push('received_ms < ?');
    params.push(filter.receivedBefore);
  }
  return { where: where.length ? ` WHERE ${where.join(' AND ')}` : '', params };
}

/** The phone's digits in customer_key (identity.ts customerKey: the name, U+001F, the digits). */
const PHONE_OF_KEY = 'substr(customer_key, instr(customer_key, char(31)) + 1)';

/** The conditions of a customer's complaints (CustomerQuery), from the complaints_customer index where the name is known. */
function customerConditions({ name, phone }: CustomerQuery, where: string[], params: (string | number)[]): void {
  if (name !== undefined && phone !== undefined) {
    where.push('customer_key = ?');
    params.push(customerKey(name, phone));
    return;
  }
  if (name !== undefined) {
    // Every key that starts with the name and the separator: those up to the next character after it.
    const start = `${looseKey(name)}${CUSTOMER_KEY_SEPARATOR}`;
    where.push('customer_key >= ? AND customer_key < ?');
    params.push(start, `${start.slice(0, -1)}${String.fromCharCode(CUSTOMER_KEY_SEPARATOR.charCodeAt(0) + 1)}`);
  }
  if (phone !== undefined) {
    const digits = phoneDigits(phone);
    where.push(`${PHONE_OF_KEY} = ?`);
    params.push(digits);
    if (digits !== '') narrowByDigits([digits], where, params);
  }
}

/**
 * A phone's digits are in its complaint's search text (workflow/search.ts), so the search index finds
 * the few complaints that may hold them instead of every row's customer key being read; only where
 * each has three digits or more, the shortest a trigram holds.
 */
function narrowByDigits(digits: readonly string[], where: string[], params: (string | number)[]): void {
  if (digits.some((part) => part.length < 3)) return;
  where.push('id IN (SELECT rowid FROM search_index WHERE search_index MATCH ?)');
  params.push(digits.map((part) => `(${trigramQuery(part)})`).join(' OR '));
}

/**
 * The statuses a list filter takes, of complaints not voided (every status but closed when it names
 * none), and the voided ones when it asks for them.
 */
function statusCondition({ statuses, voided = false }: ListFilter, params: (string | number)[]): string {
  const live =
    statuses === null ? "status <> 'closed' AND voided = 0" : statuses.length === 0 ? null : `status IN (${statuses.map(() => '?').join(', ')}) AND voided = 0`;
  if (statuses !== null) params.push(...statuses);
  if (!voided) return live ?? '0';
  return live === null ? 'voided = 1' : `(voided = 1 OR (${live}))`;
}

/**
 * Complaints folded from their events' rows in (complaint, seq) order, each as soon as its last
 * event has been read.
 */
function* folded(rows: Iterable<EventRow>): Generator<ComplaintWithEvents> {
  let id = 0;
  let ofOne: EventRow[] = [];
  for (const row of rows) {
    if (row.complaint_id !== id) {
      if (ofOne.length > 0) yield foldStored(id, ofOne);
      id = row.complaint_id;
      ofOne = [];
    }
    ofOne.push(row);
  }
  if (ofOne.length > 0) yield foldStored(id, ofOne);
}

/**
 * A complaint from its stored events; events that cannot be read or folded (changed outside kesu, a
 * damaged page) are one sentence naming the complaint and kesu check, not a failure of kesu's.
 */
function foldStored(id: number, rows: readonly EventRow[]): ComplaintWithEvents {
  try {
    const events = rows.map(eventFromRow);
    return { complaint: fold(id, events), events };
  } catch (error) {
    const why = (error as Error).message;
    throw new StoreError('unreadable', {
      en: `The records of complaint ${id} are damaged (${why}); run kesu check to see what is wrong, and restore your last backup (see kesu backup) if it cannot be repaired.`,
      zh: `投诉 ${id} 的记录已损坏（${why}）；请运行 kesu check 查看问题，若无法修复，请恢复最近的备份（见 kesu backup）。`,
    });
  }
}

/** A form number a change would give a complaint while another one holds it. */
function refTaken(ref: string, id: number, holder: number, unvoiding: boolean): DomainError {
  return new DomainError(
    'conflict',
    unvoiding
      ? {
          en: `Complaint ${id}'s form number ${ref} has been given to complaint ${holder} since it was voided; void complaint ${holder} or give it another number (kesu edit ${holder} --ref …), then unvoid ${id}.`,
          zh: `投诉 ${id} 作废后，其表单编号 ${ref} 已给了投诉 ${holder}；请先作废投诉 ${holder}，或给它换一个编号（kesu edit ${holder} --ref …），再恢复投诉 ${id}。`,
        }
      : {
          en: `Form number ${ref} is already complaint ${holder}; give another --ref or look at kesu show ${holder}.`,
          zh: `表单编号 ${ref} 已是投诉 ${holder}；请换一个 --ref，或用 kesu show ${holder} 查看。`,
        },
  );
}
