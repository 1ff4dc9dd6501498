// What `kesu check` says: one line per problem (the first LISTED of them), the line of a sound
// database, what a repair rebuilt, and the --json shape.
import type { CheckProblem, CheckReport, RepairCounts, Value } from '../../store/index.js';
import type { Sentence } from '../../workflow/errors.js';
import { visible } from './visible.js';
import type { Lang } from '../../workflow/vocab.js';

/** Problems listed on the terminal; the rest are counted. */
const LISTED = 50;

/** A stored value as it is shown: texts quoted (and their control characters escaped), no value as none. */
function shown(value: Value, lang: Lang): string {
  if (value === null) return lang === 'zh' ? '无' : 'none';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** What is wrong, in one clause (without the complaint it is about). */
function problemSentence(problem: CheckProblem): Sentence {
  const v = (value: Value): Sentence => ({ en: shown(value, 'en'), zh: shown(value, 'zh') });
  switch (problem.kind) {
    case 'integrity':
      return { en: `SQLite's integrity check: ${problem.message}`, zh: `SQLite 完整性检查：${problem.message}` };
    case 'unreadable':
      return { en: `SQLite cannot read the file (${problem.message})`, zh: `SQLite 无法读取该文件（${problem.message}）` };
    case 'foreign-key':
      return { en: `table ${problem.table} has rows whose row in ${problem.parent} is missing`, zh: `${problem.table} 表中有行缺少其在 ${problem.parent} 表中的对应行` };
    case 'no-events':
      return { en: 'its row is there but it has no events, so its record is lost', zh: '有记录行却没有任何事件，其记录已丢失' };
    case 'no-row':
      return { en: 'it has events but no row in the complaints table', zh: '有事件，但 complaints 表中没有它的记录行' };
    case 'numbering':
      return {
        en: `its events are not numbered 1, 2, 3… without gaps: event ${problem.found} stands where event ${problem.expected} should`,
        zh: `其事件编号不是从 1 起连续的：应为事件 ${problem.expected} 处是事件 ${problem.found}`,
      };
    case 'not-opened-first':
      return { en: `its first event is ${problem.type}, not opened`, zh: `其第一个事件是 ${problem.type}，而不是 opened` };
    case 'unknown-event':
      return { en: `event ${problem.seq} is of a type kesu does not know (${problem.type})`, zh: `事件 ${problem.seq} 的类型 ${problem.type} 无法识别` };
    case 'unreadable-events':
      return { en: `its events cannot be read (${problem.message})`, zh: `其事件无法读取（${problem.message}）` };
    case 'invalid-event':
      return {
        en: `event ${problem.seq} holds what kesu never writes (${problem.field}: ${problem.sentence.en})`,
        zh: `事件 ${problem.seq} 含有 kesu 不会写入的内容（${problem.field}：${problem.sentence.zh}）`,
      };
    case 'row': {
      const [stored, expected] = [v(problem.stored), v(problem.expected)];
      return {
        en: `its row has ${problem.column} ${stored.en}, but its events say ${expected.en}`,
        zh: `其记录行的 ${problem.column} 为 ${stored.zh}，但事件表明应为 ${expected.zh}`,
      };
    }
    case 'link': {
      const [stored, expected] = [v(problem.stored), v(problem.expected)];
      const which = problem.column === 'previous_on' ? { en: 'previous', zh: '上一条' } : { en: 'second previous', zh: '上上条' };
      return {
        en: `its row has ${problem.column} ${stored.en} (the day its customer's ${which.en} complaint was received), but it should be ${expected.en}`,
        zh: `其记录行的 ${problem.column}（该顾客${which.zh}投诉的受理日期）为 ${stored.zh}，应为 ${expected.zh}`,
      };
    }
    case 'fact-missing':
      return { en: `event ${problem.seq} has no report facts`, zh: `事件 ${problem.seq} 缺少报表数据` };
    case 'fact-extra':
      return { en: `there are report facts of an event ${problem.seq}, which it does not have`, zh: `有事件 ${problem.seq} 的报表数据，但该事件不存在` };
    case 'fact': {
      const [stored, expected] = [v(problem.stored), v(problem.expected)];
      return {
        en: `the report facts of event ${problem.seq} have ${problem.column} ${stored.en}, but the event says ${expected.en}`,
        zh: `事件 ${problem.seq} 的报表数据中 ${problem.column} 为 ${stored.zh}，但事件表明应为 ${expected.zh}`,
      };
    }
    case 'search-missing':
      return { en: 'it has no search text', zh: '缺少搜索文本' };
    case 'search':
      return { en: 'its search text is not what its events give', zh: '其搜索文本与事件不符' };
    case 'search-extra':
      return { en: 'there is a search text of it, but it has neither a row nor events', zh: '有它的搜索文本，但它既没有记录行也没有事件' };
    case 'search-index':
      return { en: 'the search index does not hold exactly the search texts', zh: '搜索索引与搜索文本不一致' };
  }
}

/** `complaint 3: its row has status "closed", but its events say "assigned"` / `投诉 3：…`. */
function problemLine(problem: CheckProblem, lang: Lang): string {
  // It quotes what is stored, which may hold what a terminal would act on.
  const what = visible(problemSentence(problem)[lang], { oneLine: true });
  if (problem.complaint === null) return what;
  return lang === 'zh' ? `投诉 ${problem.complaint}：${what}` : `complaint ${problem.complaint}: ${what}`;
}

/** The problems, one a line, the first LISTED of them and a count of the rest. */
export function renderProblems(report: CheckReport, lang: Lang): string {
  const lines = report.problems.slice(0, LISTED).map((problem) => problemLine(problem, lang));
  const more = report.problemCount - lines.length;
  if (more > 0) {
    lines.push(lang === 'zh' ? `……另有 ${more} 个问题（共 ${report.problemCount} 个）。` : `… and ${more} more problem${more === 1 ? '' : 's'} (${report.problemCount} in all).`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** `The database … is sound: 3 complaints, 14 events checked.` */
export function renderSound(path: string, report: CheckReport, lang: Lang): string {
  if (lang === 'zh') return `数据库 ${path} 完好：已检查 ${report.complaints} 条投诉、${report.events} 个事件。\n`;
  const complaints = `${report.complaints} complaint${report.complaints === 1 ? '' : 's'}`;
  const events = `${report.events} event${report.events === 1 ? '' : 's'}`;
  return `The database ${path} is sound: ${complaints}, ${events} checked.\n`;
}

/** What a repair rebuilt from the events. */
export function renderRepaired(repaired: RepairCounts, lang: Lang): string {
  if (lang === 'zh') {
    const index = repaired.index ? '，并重建了搜索索引' : '';
    return `已根据事件重建：${repaired.rows} 条投诉记录行、${repaired.facts} 条报表数据、${repaired.links} 条投诉的顾客关联、${repaired.search} 条搜索文本${index}。\n`;
  }
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const index = repaired.index ? ', and the search index' : '';
  return `Rebuilt from the events: ${count(repaired.rows, 'complaint row')}, ${count(repaired.facts, 'row')} of report facts, ${count(repaired.links, 'customer link')}, ${count(repaired.search, 'search text')}${index}.\n`;
}

/**
 * The documented --json shape: `{ ok, complaints, events, problems: [{ complaint, what }],
 * problemCount, repaired: { rows, facts, links, search, index } | null }`; complaints and events are null when the
 * file is damaged (they were not read).
 */
export function checkJson(report: CheckReport, repaired: RepairCounts | null, lang: Lang) {
  return {
    ok: report.problemCount === 0,
    complaints: report.damaged ? null : report.complaints,
    events: report.damaged ? null : report.events,
    problems: report.problems.map((problem) => ({ complaint: problem.complaint, what: problemSentence(problem)[lang] })),
    problemCount: report.problemCount,
    repaired: repaired === null ? null : { rows: repaired.rows, facts: repaired.facts, links: repaired.links, search: repaired.search, index: repaired.index },
  };
}
