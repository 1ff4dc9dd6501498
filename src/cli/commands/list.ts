import { CATEGORY, describeCodes, labelOf, parseCode, SEVERITY, STATUS, type Status } from '../../workflow/vocab.js';
import { UserError } from '../errors.js';
import { instant } from '../../workflow/time.js';
import type { CliContext } from '../context.js';
import { parseAtOption, parseUntilOption } from '../clock.js';
import { parsePositiveInt, parseVocabList, splitList } from '../options.js';
import { renderList } from '../render/complaint.js';
import { complaintJson, toJsonText } from '../render/json.js';

export interface ListOptions {
  status?: string;
  category?: string;
  severity?: string;
  assignee?: string;
  customer?: string;
  overdue?: boolean;
  since?: string;
  until?: string;
  limit?: string;
}

export async function list(context: CliContext, options: ListOptions): Promise<string> {
  const statuses = parseStatuses(options.status);
  const complaints = (await context.store()).list({
    statuses,
    categories: parseVocabList(CATEGORY, options.category, '--category'),
    severities: parseVocabList(SEVERITY, options.severity, '--severity'),
    assignees: options.assignee === undefined ? undefined : splitList(options.assignee),
    customers: options.customer === undefined ? undefined : splitList(options.customer),
    dueBefore: options.overdue ? instant(context.now) : undefined,
    receivedFrom: options.since === undefined ? undefined : instant(parseAtOption(options.since, '--since')),
    receivedBefore: options.until === undefined ? undefined : parseUntilOption(options.until, '--until'),
    limit: options.limit === undefined ? undefined : parsePositiveInt(options.limit, '--limit'),
  });
  return context.json ? toJsonText(complaints.map((c) => complaintJson(c, context.now))) : renderList(complaints, context);
}

/** --status: codes or labels, comma-separated, or `all` (全部) for every status. */
function parseStatuses(text: string | undefined): Status[] | null {
  if (text === undefined) return null;
  const parts = splitList(text);
  if (parts.some((part) => ['all', '全部', '所有'].includes(part.toLowerCase()))) return [...STATUS.codes];
  return parts.map((part) => {
    const code = parseCode(STATUS, part);
    if (code === undefined) {
      throw new UserError('invalid', {
        en: `--status "${part}" is not a status; use one or more of: ${describeCodes(STATUS)}, or all.`,
        zh: `--status “${part}”不是有效的状态；可用：${STATUS.codes.map((c) => labelOf(STATUS, c, 'zh')).join('、')}，或“全部”（all）。`,
      });
    }
    return code;
  });
}
