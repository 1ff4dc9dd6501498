// A customer's history: `kesu customer` (each customer found, their complaints, how many in the last
// 12 months) and the same customer's other complaints under `show`.
import type { Complaint } from '../../workflow/complaint.js';
import { labelOf, STATUS, type Lang } from '../../workflow/vocab.js';
import { listColumn, receivedAtoms, type RenderContext } from './complaint.js';
import { renderTable, type FittedColumn } from './grid.js';
import { t } from './i18n.js';
import { visible } from './visible.js';

const ONE_LINE = { oneLine: true } as const;
/** Characters of a description shown in a row. */
const DESCRIPTION = 24;

export interface CustomerHistory {
  /** Open ones first, then closed, newest first in each. */
  readonly complaints: readonly Complaint[];
  readonly total: number;
  readonly lastTwelveMonths: number;
}

/** A description on one line, cut to DESCRIPTION characters, unless a terminal's table cuts it to its width. */
function shortDescription(text: string, width: number | null | undefined = null): string {
  const characters = [...text.replace(/\s+/g, ' ').trim()];
  if (width != null) return visible(characters.join(''), ONE_LINE);
  return visible(characters.length > DESCRIPTION ? `${characters.slice(0, DESCRIPTION).join('')}…` : characters.join(''), ONE_LINE);
}

/** "黄磊 · 138 0013 8000" */
function customerName(complaint: Complaint): string {
  const { name, phone } = complaint.customer;
  return visible(phone === null ? name : `${name} · ${phone}`, ONE_LINE);
}

function counted({ total, lastTwelveMonths }: Pick<CustomerHistory, 'total' | 'lastTwelveMonths'>, lang: Lang): string {
  if (lang === 'zh') return `共 ${total} 条投诉，近 12 个月 ${lastTwelveMonths} 条`;
  return `${total} complaint${total === 1 ? '' : 's'}, ${lastTwelveMonths} in the last 12 months`;
}

export function renderCustomers(histories: readonly CustomerHistory[], more: boolean, context: RenderContext): string {
  const { lang, style, width } = context;
  const sections = histories.map(({ complaints, ...counts }) => {
    const columns: FittedColumn[] = [
      listColumn('id', complaints, context),
      listColumn('status', complaints, context, 3),
      listColumn('received', complaints, context, 2),
      listColumn('category', complaints, context, 1),
      // Off a terminal too, unlike the list's, and then cut to a few words.
      { head: t('description', lang), fit: 'cut', least: 16, fill: true, cells: complaints.map((c) => ({ atoms: [shortDescription(c.description, width)] })) },
    ];
    const title = `${style.bold(customerName(complaints[0]!))}${lang === 'zh' ? '：' : ': '}${counted(counts, lang)}`;
    return `${title}\n${renderTable(columns, width)}\n`;
  });
  const note = more
    ? lang === 'zh'
      ? '仅显示部分投诉；用更大的 --limit 查看全部。\n'
      : 'Not every complaint is shown; give a larger --limit to see them all.\n'
    : '';
  return `${sections.join('\n')}${note}`;
}

/** A name as one word of a shell command: as it is, or in double quotes when it must be. */
export function shellWord(name: string): string {
  return /^[^\s"'`$\\;&|<>()*?!#~]+$/.test(name) ? name : JSON.stringify(name);
}

/** How `show` points to the rest of a customer's complaints: kesu customer NAME. */
function customerCommand(name: string): string {
  return `kesu customer ${shellWord(name)}`;
}

/** Under `show`: the same customer's other complaints (the newest few of `count`), with status and date; nothing when there are none. */
export function renderSameCustomer(complaint: Complaint, others: readonly Complaint[], count: number, context: RenderContext): string {
  if (count === 0) return '';
  const { lang, now, style } = context;
  const year = now.slice(0, 4);
  const lines = [style.heading(lang === 'zh' ? `该客户的其他投诉（${count} 条）` : `The customer's other complaints (${count})`)];
  for (const other of others) {
    lines.push(`  #${other.id}  ${labelOf(STATUS, other.status, lang)}  ${receivedAtoms(other, lang, year).join(' ')}  ${shortDescription(other.description)}`);
  }
  const rest = count - others.length;
  if (rest > 0) {
    const command = visible(customerCommand(complaint.customer.name), ONE_LINE);
    lines.push(lang === 'zh' ? `  ……另有 ${rest} 条：${command}` : `  … and ${rest} more: ${command}`);
  }
  return `\n${lines.join('\n')}\n`;
}
