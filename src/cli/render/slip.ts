// The acknowledgement slip (回执): what the customer takes home or is sent by message when a complaint
// is recorded. Only this complaint's own details, the phone masked, every stored text escaped (as
// visible.ts does for text, and for HTML as the report does); the promise is the answer deadline as
// the complaint holds it.
import type { Complaint } from '../../workflow/complaint.js';
import { maskPhone } from '../../workflow/identity.js';
import type { ShopDetails } from '../../workflow/settings.js';
import { formatGivenTime } from '../../workflow/time-words.js';
import { CATEGORY, labelOf, type Lang } from '../../workflow/vocab.js';
import { customerText, htmlLines, htmlPage, PAPER_FONTS, shopHeading, shopHeadingHtml } from './handout.js';
import { formatDue } from './i18n.js';
import { visible } from './visible.js';
import { displayWidth, labelledLines } from './width.js';

/** The slip's parts, in the order printed; every text already made safe to show (visible.ts). */
interface Slip {
  readonly lang: Lang;
  readonly shop: readonly string[];
  readonly title: string;
  readonly fields: readonly (readonly [label: string, value: string])[];
  readonly promise: string | null;
  readonly signature: string;
}

const WORDS = {
  title: { en: 'Acknowledgement of your complaint', zh: '投诉受理回执' },
  complaint: { en: 'Complaint', zh: '投诉编号' },
  form: { en: 'Form no.', zh: '表单编号' },
  received: { en: 'Received', zh: '受理时间' },
  customer: { en: 'Customer', zh: '客户' },
  category: { en: 'Category', zh: '投诉类别' },
  words: { en: 'Your words', zh: '投诉内容' },
  request: { en: 'You asked for', zh: '您的要求' },
  receivedBy: { en: 'Received by', zh: '受理人' },
  signature: { en: "Customer's signature: ", zh: '客户签名：' },
} as const;

const FIELD_WORDS = ['complaint', 'form', 'received', 'customer', 'category', 'words', 'request', 'receivedBy'] as const;

/**
 * The slip of a complaint. The dates carry their year (a slip is kept). In the customer's words and
 * request a run of digits that looks like a phone number is printed as ***, as `export --redact`
 * masks it: the slip goes out on paper or by message, and no phone, theirs or another's, goes with it.
 */
function slipOf(complaint: Complaint, shop: ShopDetails, lang: Lang): Slip {
  const words = (key: keyof typeof WORDS): string => WORDS[key][lang];
  const line = (text: string): string => visible(text, { oneLine: true });
  const text = customerText(complaint);
  const phone = complaint.customer.phone === null ? '' : lang === 'zh' ? `（电话 ${maskPhone(complaint.customer.phone)}）` : ` (tel. ${maskPhone(complaint.customer.phone)})`;
  const fields: [string, string][] = [[words('complaint'), `#${complaint.id}`]];
  if (complaint.ref !== null) fields.push([words('form'), line(complaint.ref)]);
  fields.push(
    [words('received'), formatGivenTime(complaint.receivedAt, complaint.receivedDateOnly, lang, '')],
    [words('customer'), `${line(complaint.customer.name)}${phone}`],
    [words('category'), labelOf(CATEGORY, complaint.category, lang)],
    [words('words'), text(complaint.description)],
  );
  if (complaint.request !== null) fields.push([words('request'), text(complaint.request)]);
  fields.push([words('receivedBy'), line(complaint.receivedBy)]);
  return { lang, shop: shopHeading(shop, lang), title: words('title'), fields, promise: promiseOf(complaint, lang), signature: words('signature') };
}

/** "We will answer you by the end of Fri 6 Nov 2026." — the answer deadline, its time when it is in hours. */
function promiseOf(complaint: Complaint, lang: Lang): string | null {
  const answer = complaint.deadlines.answer;
  if (answer === null) return null;
  const due = formatDue(answer, lang, '');
  const inDays = answer.duration.unit === 'workdays';
  // "最迟于" a day includes the day, as "by the end of" does; "前" an hour is before that moment.
  if (lang === 'zh') return inDays ? `我们将最迟于 ${due} 答复您。` : `我们将在 ${due} 前答复您。`;
  return `We will answer you by ${inDays ? 'the end of ' : ''}${due}.`;
}

/** The slip as text for pasting into a message: labels in a column, a long text's further lines under its value. */
export function renderSlipText(complaint: Complaint, shop: ShopDetails, lang: Lang): string {
  const slip = slipOf(complaint, shop, lang);
  // The widest label of the language, whichever lines this slip has: every slip aligned alike.
  const width = Math.max(...FIELD_WORDS.map((key) => displayWidth(WORDS[key][slip.lang]))) + 2;
  const lines = [...slip.shop];
  if (lines.length > 0) lines.push('');
  lines.push(slip.title, '');
  for (const [label, value] of slip.fields) lines.push(...labelledLines(label, width, value));
  if (slip.promise !== null) lines.push('', slip.promise);
  lines.push('', `${slip.signature}____________________`);
  return `${lines.join('\n')}\n`;
}

/**
 * The slip as one HTML page with its style inside: a receipt printer's 80 mm roll by default (the
 * text in one column), and, on paper 100 mm wide or more (A5), the labels beside their values in a
 * larger type. The paper is the printer's: no @page size is set, so either prints as it stands.
 */
export function renderSlipHtml(complaint: Complaint, shop: ShopDetails, lang: Lang): string {
  const slip = slipOf(complaint, shop, lang);
  const fields = slip.fields.map(([label, value]) => `<dt>${htmlLines(label)}</dt><dd>${htmlLines(value)}</dd>`);
  const body = `${shopHeadingHtml(slip.shop)}
<h2>${htmlLines(slip.title)}</h2>
<dl>
${fields.join('\n')}
</dl>
${slip.promise === null ? '' : `<p class="promise">${htmlLines(slip.promise)}</p>\n`}<p class="signature">${htmlLines(slip.signature)}<span></span></p>`;
  return htmlPage({ lang, title: `${slip.title} #${complaint.id}`, style: SLIP_STYLE, body });
}

const SLIP_STYLE = `
@page { margin: 3mm; }
* { box-sizing: border-box; }
body { font-family: ${PAPER_FONTS}; font-size: 10pt; line-height: 1.35; color: #000; margin: 0 auto; padding: 2mm; max-width: 72mm; overflow-wrap: anywhere; }
h1 { font-size: 13pt; margin: 0; text-align: center; }
p.shop { margin: 0; text-align: center; font-size: 9pt; }
h2 { font-size: 11pt; margin: 3mm 0 2mm; padding: 1.5mm 0; text-align: center; border-top: 1px dashed #000; border-bottom: 1px dashed #000; }
dl { margin: 0; }
dt { font-weight: 600; margin-top: 1.5mm; }
dd { margin: 0; }
p.promise { font-size: 11pt; font-weight: 700; margin: 4mm 0; padding: 2mm; border: 1.5px solid #000; }
p.signature { margin: 8mm 0 2mm; display: flex; align-items: flex-end; gap: 2mm; }
p.signature span { flex: 1; border-bottom: 1px solid #000; height: 1.2em; }
@media (min-width: 100mm) {
  @page { margin: 12mm; }
  body { font-size: 11pt; max-width: 124mm; padding: 0; }
  h1 { font-size: 16pt; }
  p.shop { font-size: 10pt; }
  h2 { font-size: 13pt; margin: 5mm 0 3mm; }
  dl { display: grid; grid-template-columns: max-content 1fr; column-gap: 5mm; row-gap: 1.5mm; }
  dt, dd { margin: 0; }
  p.promise { font-size: 12.5pt; margin: 6mm 0; }
  p.signature { margin-top: 14mm; }
}
`;
