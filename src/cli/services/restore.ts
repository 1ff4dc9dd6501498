// kesu import of a JSON export (kesu export --format json): a store restored complaint by complaint,
// every event as it was recorded, ids kept where they are free and uuids kept, all in one
// transaction (a refusal, an error or a kill leaves the database as it was). The file is read as a
// stream, one complaint at a time, so that memory stays flat however large the export.
import { createReadStream } from 'node:fs';
import { packForms, type FormToWrite } from '../../store/index.js';
import type { ImportSession } from '../../store/index.js';
import type { Sentence } from '../../workflow/errors.js';
import { restoreComplaint } from '../../workflow/restore.js';
import type { CliContext } from '../context.js';
import { usage, UserError } from '../errors.js';
import { complaintJson } from '../render/json.js';
import { ImportTally } from './import-tally.js';

/** Complaints written to the store at a time. */
const BATCH = 100;

export interface RestoreOptions {
  readonly dryRun?: boolean;
  /** Options of a CSV import that mean nothing for an export: refused, so that nobody thinks they applied. */
  readonly csvOnly: readonly string[];
}

export async function restoreFile(context: CliContext, file: string, { dryRun, csvOnly }: RestoreOptions): Promise<string> {
  if (csvOnly.length > 0) {
    throw usage(
      `${csvOnly.join(', ')} ${csvOnly.length > 1 ? 'are' : 'is'} for CSV files; ${file} is a JSON export, which is restored whole: leave ${csvOnly.length > 1 ? 'them' : 'it'} out.`,
      `${csvOnly.join('、')} 只用于 CSV 文件；${file} 是 JSON 导出文件，将整体恢复：请去掉这些选项。`,
    );
  }
  const store = await context.store('import');
  let writer: ImportSession | null = null;
  try {
    writer = await store.beginImport({ restoring: true });
    const tally = new ImportTally(context);
    await writeComplaints(file, writer, tally);
    const refused = tally.rejected > 0;
    if (refused || dryRun) await writer.rollback();
    else await writer.commit();
    return tally.finish(refused ? 'refused' : dryRun ? 'dry-run' : 'imported', (listed) =>
      new UserError('invalid-rows', {
        en: `Nothing was imported: ${tally.rejected} of ${tally.read} complaints in the export have problems (${listed.en}); restore from an export kesu wrote, unchanged.`,
        zh: `未导入任何内容：导出文件的 ${tally.read} 条投诉中有 ${tally.rejected} 条有问题（${listed.zh}）；请使用 kesu 导出且未经修改的文件恢复。`,
      }),
    );
  } catch (error) {
    await writer?.rollback();
    throw error;
  }
}

/** Each complaint of the export checked and written, in batches, into the open transaction. */
async function writeComplaints(file: string, writer: ImportSession, tally: ImportTally): Promise<void> {
  let batch: FormToWrite[] = [];
  const write = async (): Promise<void> => {
    if (batch.length === 0) return;
    const outcome = await writer.add(packForms(batch));
    batch = [];
    tally.added(outcome);
    for (const clash of outcome.refClashes) {
      tally.rejected++;
      tally.problem({ row: clash.row, column: 'ref', sentence: refTaken(clash.ref, clash.id) });
    }
  };
  for await (const { key, value } of complaintsIn(file)) {
    tally.read++;
    // The complaint's place in the file, from 1, stands for a spreadsheet's row.
    const row = key + 1;
    const reading = restoreComplaint(value);
    const problems = reading.ok ? disagreement(value, reading) : reading.problems;
    if (!reading.ok || problems.length > 0) {
      tally.rejected++;
      for (const problem of problems) tally.problem({ row, column: problem.path || null, sentence: problem.sentence });
      continue;
    }
    batch.push({ complaint: reading.complaint, events: reading.events, row, cells: null, restoreId: reading.id ?? 0 });
    if (batch.length >= BATCH) await write();
  }
  await write();
}

/** The complaints of a JSON export, one at a time, with their place in the array (from 0). */
async function* complaintsIn(file: string): AsyncGenerator<{ key: number; value: unknown }> {
  // An ES module: imported when used (scripts/bundle.js has the launcher import it).
  const { streamArray } = await import('stream-json/streamers/stream-array.js');
  const parsed = createReadStream(file).pipe(streamArray.withParserAsStream());
  try {
    for await (const item of parsed) yield item as { key: number; value: unknown };
  } catch (error) {
    const why = (error as Error).message;
    throw new UserError('invalid-json', {
      en: `Nothing was imported: ${file} is not a JSON export kesu can read (${why}); restore from the file kesu export --format json wrote.`,
      zh: `未导入任何内容：${file} 不是 kesu 能读取的 JSON 导出文件（${why}）；请用 kesu export --format json 写出的文件恢复。`,
    });
  }
}

/**
 * Where the complaint as the export shows it differs from what its events make: an export edited by
 * hand, or from another program. The time-dependent `overdue` aside.
 */
function disagreement(value: unknown, reading: Extract<ReturnType<typeof restoreComplaint>, { ok: true }>): { path: string; sentence: Sentence }[] {
  const given = value as Record<string, unknown>;
  const made = complaintJson({ ...reading.complaint, id: typeof given.id === 'number' ? given.id : 0 }, reading.complaint.lastEventAt);
  const problems: { path: string; sentence: Sentence }[] = [];
  for (const [field, expected] of Object.entries(made)) {
    if (field === 'overdue' || field === 'id') continue;
    if (JSON.stringify(given[field]) !== JSON.stringify(expected)) {
      problems.push({
        path: field,
        sentence: { en: 'does not agree with the complaint\'s events (the export was changed after kesu wrote it)', zh: '与该投诉的处理记录不一致（导出文件在 kesu 写出后被改动过）' },
      });
    }
  }
  return problems;
}

function refTaken(ref: string, id: number): Sentence {
  return {
    en: `form number ${ref} is already complaint ${id}, another complaint; this store already holds other records, so restore the export into a new database (--db)`,
    zh: `表单编号 ${ref} 已是另一条投诉 ${id}；该数据库已有其他记录，请把导出文件恢复到新数据库（--db）`,
  };
}
