// The store's contract: all the shell (src/cli) knows of where complaints are kept. Promise-returning,
// so that a second backend (PostgreSQL, for a chain of shops) can stand beside the SQLite one
// (store/sqlite/) without touching a command. Nothing here loads a database driver: `openStore`
// loads the backend when a command first needs it.
import type { Complaint, ComplaintEvent, NewEvent } from '../workflow/complaint.js';
import type { ReportFactsData, ReportFactsRequest } from '../workflow/report.js';
import type { Settings } from '../workflow/settings.js';
import type { Category, Severity, Status } from '../workflow/vocab.js';
import type { IsoTime, LocalDate } from '../workflow/time.js';
import type { DeadlineKind } from '../workflow/deadlines.js';
import type { PackedForms } from './bulk.js';

export { asStoreError, fileFailure, StoreError } from './errors.js';
export { packForms, type FormToWrite, type PackedForms } from './bulk.js';

export interface ComplaintWithEvents {
  readonly complaint: Complaint;
  readonly events: readonly ComplaintEvent[];
}

/**
 * A customer as workflow/identity.ts tells customers apart (customerKey: the name compared without
 * regard to case, width and every space, with the phone's digits), each as typed: with a name and a
 * phone (null: none given), one customer; with a name alone, everyone of that name; with a phone
 * alone, everyone of that phone.
 */
export interface CustomerQuery {
  readonly name?: string;
  readonly phone?: string | null;
}

export interface ListFilter {
  /** Statuses to include (of complaints not voided); null for every status but closed. */
  readonly statuses: readonly Status[] | null;
  /** Voided complaints too, whatever their status (list --status voided); never otherwise. */
  readonly voided?: boolean;
  readonly categories?: readonly Category[];
  readonly severities?: readonly Severity[];
  readonly assignees?: readonly string[];
  /** Parts of customer names, matched without regard to case, width and every space. */
  readonly customers?: readonly string[];
  /** The complaints of a customer. */
  readonly customer?: CustomerQuery;
  /** Parts of phone numbers, matched by their digits however either is typed. */
  readonly phones?: readonly string[];
  /** Only the complaints escalated to the manager and not closed since (kesu list --escalated). */
  readonly escalated?: boolean;
  /** true: only the complaints waiting on someone (kesu wait); false: only those that are not. */
  readonly waiting?: boolean;
  /** Only complaints whose nearest running deadline is before this instant (ms): never one waiting. */
  readonly dueBefore?: number;
  /** Received at or after / before these instants (ms). */
  readonly receivedFrom?: number;
  readonly receivedBefore?: number;
  readonly limit?: number;
  /** `agenda` (the default): major first, then by nearest deadline; `newest`: by the time received, newest first. */
  readonly order?: 'agenda' | 'newest';
}

export interface SearchFilter {
  /**
   * What to find, folded as workflow/search.ts folds search texts (searchTerms): a complaint matches
   * when its search text (searchText) holds any of them.
   */
  readonly terms: readonly string[];
  /** Statuses to include (of complaints not voided); null for every status. */
  readonly statuses: readonly Status[] | null;
  /** Voided complaints too, whatever their status (search --status voided); never otherwise. */
  readonly voided?: boolean;
  readonly limit: number;
}

/** Decides the events of a change, given the complaint as stored and the settings in force. */
export type Decision = (complaint: Complaint, settings: Settings) => NewEvent[];
/** Decides the events of a new complaint, given the settings in force. */
export type OpenDecision = (settings: Settings) => NewEvent[];

/** A form already stored: its row, the complaint, and the row of this import it came from (null for one stored before). */
export interface AlreadyPresent {
  readonly row: number;
  readonly id: number;
  readonly sameAsRow: number | null;
}

/** A form whose number is already another complaint's. */
export interface RefClash {
  readonly row: number;
  /** The row's cells, when the forms were packed with them. */
  readonly cells: readonly string[] | null;
  readonly ref: string;
  readonly receivedOn: LocalDate;
  /** The complaint that has the number. */
  readonly id: number;
  readonly customer: string;
  readonly customerReceivedOn: LocalDate;
  /** The row of this same import that complaint came from; null for one stored before. */
  readonly sameAsRow: number | null;
}

/** What an import did with a batch of forms. */
export interface BulkOutcome {
  readonly imported: number;
  /** Forms already stored (the same content, and the same form number where the form has one). */
  readonly alreadyPresent: readonly AlreadyPresent[];
  /** Forms whose number a complaint with other content has already: not written. */
  readonly refClashes: readonly RefClash[];
}

/** An import: one transaction from the first batch to the commit, so that a refusal or a kill leaves the store as it was. */
export interface ImportSession {
  /** The settings in force for the whole import. */
  readonly settings: Settings;
  /** Adds forms packed by `packForms` (possibly in another thread); forms already present are counted, not added. */
  add(forms: PackedForms): Promise<BulkOutcome>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export interface ImportOptions {
  /** Complaints from an export, recognised by their uuid and kept under their id where it is free. */
  readonly restoring?: boolean;
}

/** A copy made by `backup`. */
export interface BackupCopy {
  readonly complaints: number;
  /** Problems found reading the copy (a damaged database): it must not replace a good backup. */
  readonly damage: readonly string[];
}

/** How a notification went: `pending` until its runner records the outcome (one left pending: the runner stopped). */
export type NotificationOutcome = 'pending' | 'sent' | 'failed' | 'timed-out';

/** A notification to send: what it is about, and the JSON its command reads on stdin. */
export interface NotificationToSend {
  /** An event type, `overdue`, `due`, or `test` (kesu notify test). */
  readonly type: string;
  readonly complaintId: number | null;
  readonly eventSeq: number | null;
  readonly payload: string;
  /** An agenda item (`due --notify`): queued only if this notice of this deadline, due that day, was never sent. */
  readonly once?: { readonly deadline: DeadlineKind; readonly dueOn: LocalDate };
}

export interface QueuedNotification {
  readonly id: number;
  readonly type: string;
  readonly complaintId: number | null;
  readonly payload: string;
}

export interface NotificationResult {
  readonly outcome: Exclude<NotificationOutcome, 'pending'>;
  readonly exitCode: number | null;
  /** The first line of what the command wrote on stderr (or why it could not run); null for none. */
  readonly stderr: string | null;
}

/** A line of the notification log. */
export interface NotificationEntry extends Omit<NotificationResult, 'outcome'> {
  readonly id: number;
  /** When it was queued. */
  readonly at: IsoTime;
  readonly type: string;
  readonly complaintId: number | null;
  readonly eventSeq: number | null;
  readonly outcome: NotificationOutcome;
}

export type { CheckReport, RepairCounts } from './sqlite/check.js';
export type { CheckProblem, Value } from './sqlite/consistency.js';
import type { CheckReport, RepairCounts } from './sqlite/check.js';

export interface Store {
  settings(): Promise<Settings>;
  /** Changes the settings as they stand, inside one write (two changes at once both count). */
  updateSettings(change: (current: Settings) => Settings): Promise<Settings>;
  /** Records a new complaint from the events `decide` gives for its opening. */
  create(decision: OpenDecision): Promise<ComplaintWithEvents>;
  /**
   * The only way a complaint changes: inside one write, load it, let `decision` say what happens (it
   * may throw to refuse; then nothing is written), append the events and keep what derives from them.
   */
  transact(id: number, decision: Decision): Promise<ComplaintWithEvents>;
  find(id: number): Promise<ComplaintWithEvents>;
  list(filter: ListFilter): Promise<Complaint[]>;
  /** How many complaints the filter matches, whatever its limit. */
  count(filter: ListFilter): Promise<number>;
  /** The complaints whose search text holds what is searched for, newest first (by the time received, then id), with their events. */
  search(filter: SearchFilter): Promise<ComplaintWithEvents[]>;
  /** Every complaint with its events, in id order, one at a time (never all in memory). */
  everyComplaint(): AsyncIterable<ComplaintWithEvents>;
  /** The digits of every customer phone too short to look like one: masked wherever typed. */
  shortPhones(): Promise<string[]>;
  /** What a report reads (workflow/report.ts), all of one state of the store. */
  reportFacts(request: ReportFactsRequest): Promise<ReportFactsData>;
  beginImport(options?: ImportOptions): Promise<ImportSession>;
  /** A self-contained copy of the store at `file`, made while others write. */
  backup(file: string): Promise<BackupCopy>;
  /** Whether the store is sound: the file, and what derives from the events agreeing with them. */
  check(): Promise<CheckReport>;
  /** Rebuilds what derives from the events, then checks again. */
  repair(): Promise<{ repaired: RepairCounts | null; report: CheckReport }>;
  /** Queues notifications (outcome pending) in one write; returns the ids queued (an agenda item sent before is not). */
  queueNotifications(at: IsoTime, items: readonly NotificationToSend[]): Promise<number[]>;
  /** Those of `ids` still pending, with their payloads. */
  queuedNotifications(ids: readonly number[]): Promise<QueuedNotification[]>;
  /** A notification's outcome (its payload is then dropped). */
  recordNotification(id: number, result: NotificationResult): Promise<void>;
  /** The newest `limit` notifications, newest first. */
  notificationLog(limit: number): Promise<NotificationEntry[]>;
  close(): void;
}

/** Told before a store written by an older kesu is brought up to date (schema versions). */
export type UpgradeNotice = (from: number, to: number) => void;

/**
 * How a command uses the store: `create` makes a missing or empty file a store; `write` and `read`
 * need one there (`read` opens one kesu may not write read-only); `import-new` makes a new store
 * that is put in place only when an import commits.
 */
export type StoreMode = 'create' | 'write' | 'read' | 'import-new';

export async function openStore(path: string, mode: StoreMode, onUpgrade?: UpgradeNotice): Promise<Store> {
  const { SqliteStore } = await import('./sqlite/store.js');
  return mode === 'import-new' ? SqliteStore.openNew(path) : SqliteStore.open(path, { mode, onUpgrade });
}
