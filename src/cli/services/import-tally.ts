// What an import found as it went, for the CSV import and the restore of an export alike: the
// counts, the forms already present, and each problem, said on stderr as it is found.
import type { AlreadyPresent, BulkOutcome } from '../../store/index.js';
import type { Sentence } from '../../workflow/errors.js';
import type { CliContext } from '../context.js';
import type { UserError } from '../errors.js';
import { importSummaryJson, problemLine, renderImportSummary, type ImportOutcome, type ImportProblem, type ImportSummary } from '../render/import.js';
import { toJsonText } from '../render/json.js';
import { visible } from '../render/visible.js';

export class ImportTally {
  /** Rows (complaints of an export) read. */
  read = 0;
  /** Rows left out, each with one problem or more. */
  rejected = 0;
  private imported = 0;
  private readonly alreadyPresentRows: AlreadyPresent[] = [];
  private readonly errors: ImportProblem[] = [];

  constructor(
    private readonly context: CliContext,
    /** Called before a problem is printed (to clear a progress bar). */
    private readonly beforeSaying: () => void = () => undefined,
  ) {}

  /** What the store did with a batch (forms whose number was taken are the caller's to report). */
  added(outcome: BulkOutcome): void {
    this.imported += outcome.imported;
    this.alreadyPresentRows.push(...outcome.alreadyPresent);
  }

  /** A problem of the file, printed at once unless `say` is false (when the refusal says it). */
  problem(problem: ImportProblem, say = true): void {
    this.errors.push(problem);
    if (!say || this.context.json) return;
    this.beforeSaying();
    this.context.err(`${visible(problemLine(problem, this.context.lang), { oneLine: true })}\n`);
  }

  /**
   * The summary, as text or JSON: returned when the import went through (or was a dry run); printed
   * when it was refused, and the refusal thrown, told where the problems were listed.
   */
  finish(outcome: ImportOutcome, refusal: (listed: Sentence) => UserError): string {
    const summary: ImportSummary = {
      read: this.read,
      imported: outcome === 'refused' ? 0 : this.imported,
      alreadyPresent: this.alreadyPresentRows.length,
      alreadyPresentRows: this.alreadyPresentRows,
      rejected: this.rejected,
      errors: this.errors,
    };
    const { json, lang } = this.context;
    const text = json ? toJsonText(importSummaryJson(summary, lang)) : renderImportSummary(summary, outcome, lang);
    if (outcome !== 'refused') return text;
    // A refused import still says what it found (stdout), then fails with one sentence (stderr).
    this.context.out(text);
    throw refusal(json ? { en: 'listed in errors', zh: '见 errors' } : { en: 'listed above', zh: '见上' });
  }
}
