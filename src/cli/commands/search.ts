import type { Sentence } from '../../workflow/errors.js';
import { findMatch, searchTerms } from '../../workflow/search.js';
import { quoted, textProblem, codePointName } from '../../workflow/text.js';
import { warn, type CliContext } from '../context.js';
import { usage, UserError } from '../errors.js';
import { parseCount } from '../options.js';
import { complaintJson, searchMatchJson, toJsonText } from '../render/json.js';
import { renderSearch } from '../render/search.js';
import { parseStatuses } from './list.js';

export interface SearchOptions {
  status?: string;
  limit?: string;
}

/** The complaints `search` shows when no --limit is given: a screenful, the newest. */
export const DEFAULT_SEARCH_ROWS = 50;
/** The most --limit takes. */
const MAX_SEARCH_ROWS = 10_000;

export async function search(context: CliContext, words: readonly string[], options: SearchOptions): Promise<string> {
  const text = words.join(' ');
  const terms = searchTerms(checkedQuery(text));
  if (terms.length === 0) throw usage('Give the text to search for; it is empty.', '请给出要搜索的文字，不能为空。');
  const { statuses, voided } = parseStatuses(options.status);
  const why = { en: 'search shows at most that many complaints at once; narrow it with --status', zh: '一次最多显示这么多条；请用 --status 缩小范围' };
  const limit = options.limit === undefined ? DEFAULT_SEARCH_ROWS : parseCount(options.limit, '--limit', { max: MAX_SEARCH_ROWS, why });
  const store = await context.store('read');
  // One more than shown, to know whether there are more without counting them all.
  const found = await store.search({ terms, statuses, voided, limit: limit + 1 });
  const results = found.slice(0, limit).map(({ complaint, events }) => ({ complaint, match: findMatch(complaint, events, terms) }));
  const more: Sentence | null = found.length > results.length ? moreFound(results.length) : null;
  if (context.json) {
    if (more) warn(context, 'more-rows', more);
    return toJsonText(results.map(({ complaint, match }) => ({ ...complaintJson(complaint, context.now), match: searchMatchJson(match) })));
  }
  return `${renderSearch(results, context)}${more ? `${more[context.lang]}\n` : ''}`;
}

/** The query as typed, refused when it holds what no stored text may (a control character) or is longer than any. */
function checkedQuery(text: string): string {
  const problem = textProblem(text, { oneLine: false });
  if (problem?.kind === 'unsafe') {
    const name = codePointName(problem.character);
    throw new UserError('invalid', {
      en: `The text to search for holds the control character ${name}, which no complaint holds; remove it.`,
      zh: `要搜索的文字含有控制字符 ${name}，任何投诉都不会含有它；请删除。`,
    });
  }
  if (problem?.kind === 'too-long') {
    throw new UserError('invalid', {
      en: `The text to search for ("${quoted(text)}") is ${problem.length} characters long, longer than any text kesu keeps; give a shorter part of it.`,
      zh: `要搜索的文字（“${quoted(text)}”）长 ${problem.length} 字，比 kesu 保存的任何文字都长；请给出其中较短的一段。`,
    });
  }
  return text;
}

function moreFound(shown: number): Sentence {
  return {
    en: `Showing the newest ${shown}; more complaints match: give a larger --limit, or narrow the search with more text or --status.`,
    zh: `仅显示最新的 ${shown} 条；还有更多投诉符合：可用更大的 --limit，或用更多文字、--status 缩小范围。`,
  };
}
