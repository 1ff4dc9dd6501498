// kesu check [--repair]: is the database sound, and does everything derived from the events (rows,
// customer links, report facts) agree with them? --repair rebuilds what is derived, in one write
// transaction, and checks again. The work is the store's (store/check.ts); the words are render/check.ts.
import type { CheckReport, RepairCounts } from '../../store/index.js';
import { StoreError } from '../../store/index.js';
import type { Sentence } from '../../workflow/errors.js';
import type { CliContext, StoreUse } from '../context.js';
import { UserError } from '../errors.js';
import { checkJson, renderProblems, renderRepaired, renderSound } from '../render/check.js';
import { toJsonText } from '../render/json.js';

export interface CheckCommandOptions {
  repair?: boolean;
}

export async function check(context: CliContext, options: CheckCommandOptions): Promise<string> {
  const path = context.dbPath;
  // Checking only reads (a read-only file can be checked); a repair writes.
  const store = await opened(context, options.repair ? 'change' : 'read');
  const { report, repaired }: { report: CheckReport; repaired: RepairCounts | null } = options.repair ? await store.repair() : { report: await store.check(), repaired: null };
  const text = context.json
    ? toJsonText(checkJson(report, repaired, context.lang))
    : `${repaired ? renderRepaired(repaired, context.lang) : ''}${report.problemCount === 0 ? renderSound(path, report, context.lang) : renderProblems(report, context.lang)}`;
  if (report.problemCount === 0) return text;
  // The problems on stdout, then one sentence on stderr, as a refused import does.
  context.out(text);
  throw failure(path, report, repaired !== null, context.json);
}

/** The store; a file SQLite cannot even open as a database is said here as what check finds, not as "run kesu check". */
async function opened(context: CliContext, use: StoreUse) {
  try {
    return await context.store(use);
  } catch (error) {
    const failure = error instanceof StoreError ? error.cause : error;
    const code = (failure as { code?: unknown } | undefined)?.code;
    if (typeof code !== 'string' || !(code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')) throw error;
    const why = (failure as Error).message;
    const restore = restoring(context.dbPath);
    throw new UserError('unreadable', {
      en: `The database ${context.dbPath} is damaged where every command reads it (${why}), so it cannot be checked or repaired; ${restore.en}.`,
      zh: `数据库 ${context.dbPath} 在每个命令都要读取的位置已损坏（${why}），无法检查或修复；${restore.zh}。`,
    });
  }
}

function restoring(path: string): Sentence {
  return {
    en: `restore your last backup (stop kesu, copy the backup over ${path}, delete ${path}-wal and ${path}-shm, then run kesu check)`,
    zh: `请恢复最近的备份（停止 kesu，把备份复制为 ${path}，删除 ${path}-wal 和 ${path}-shm，再运行 kesu check）`,
  };
}

/**
 * The sentence of a check that found problems: code `unreadable` for a damaged file, which only a
 * backup mends; `invalid` for records that disagree, with what to do about them.
 */
function failure(path: string, report: CheckReport, afterRepair: boolean, json: boolean): UserError {
  const where = json ? { en: 'listed in problems', zh: '见 problems' } : { en: 'listed above', zh: '见上' };
  const restore = restoring(path);
  if (report.damaged) {
    return new UserError('unreadable', {
      en: `The database ${path} is damaged (${where.en}); kesu check --repair cannot mend a damaged file, so ${restore.en}.`,
      zh: `数据库 ${path} 已损坏（${where.zh}）；kesu check --repair 无法修复损坏的文件，${restore.zh}。`,
    });
  }
  const n = report.problemCount;
  const problems = { en: `${n} problem${n === 1 ? '' : 's'}`, zh: `${n} 个问题` };
  if (afterRepair) {
    return new UserError('invalid', {
      en: `The database ${path} still has ${problems.en} after the repair (${where.en}), which kesu cannot rebuild from the events; ${restore.en}.`,
      zh: `修复后数据库 ${path} 仍有 ${problems.zh}（${where.zh}），kesu 无法根据事件重建；${restore.zh}。`,
    });
  }
  if (!report.repairable) {
    return new UserError('invalid', {
      en: `The database ${path} has ${problems.en} (${where.en}), some of them in the events themselves, which kesu check --repair cannot rebuild; ${restore.en}.`,
      zh: `数据库 ${path} 有 ${problems.zh}（${where.zh}），其中一些在事件本身，kesu check --repair 无法重建；${restore.zh}。`,
    });
  }
  return new UserError('invalid', {
    en: `The database ${path} has ${problems.en} (${where.en}): rows or report facts that disagree with the events; run kesu check --repair to rebuild them from the events, which are the record.`,
    zh: `数据库 ${path} 有 ${problems.zh}（${where.zh}）：记录行或报表数据与事件不一致；请运行 kesu check --repair，根据事件（即原始记录）重建它们。`,
  });
}
