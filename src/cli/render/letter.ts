// The apology letter (致歉信): the shop's heading, then the shop's template (or the built-in one)
// filled with this complaint's details. Every value is escaped (visible.ts), the customer's texts
// masked as on the slip, the customer's phone never whole; in HTML the whole letter is text, so a
// template or a stored value holding markup prints as it reads.
import { formatMoney, type Complaint } from '../../workflow/complaint.js';
import { maskPhone, phoneMasker } from '../../workflow/identity.js';
import { BUILT_IN_LETTER_TEMPLATES, fillLetter, type LetterPlaceholder } from '../../workflow/letter.js';
import type { Settings } from '../../workflow/settings.js';
import { localDateOf, type LocalDate } from '../../workflow/time.js';
import { formatLetterDate } from '../../workflow/time-words.js';
import { CATEGORY, COMPENSATION_KIND, labelOf, type Lang } from '../../workflow/vocab.js';
import { customerText, htmlPage, PAPER_FONTS, shopHeading, shopHeadingHtml } from './handout.js';
import { escape } from './report/html.js';
import { visible } from './visible.js';

const TITLE = { en: 'Letter to the customer', zh: '致歉信' } as const;

/** What each placeholder stands for in this complaint's letter; null: nothing to say (its lines are left out). */
function letterValues(complaint: Complaint, settings: Settings, lang: Lang, today: LocalDate): Record<LetterPlaceholder, string | null> {
  const line = (text: string | null): string | null => (text === null ? null : visible(text, { oneLine: true }));
  const text = customerText(complaint);
  const orText = (stored: string | null): string | null => (stored === null ? null : text(stored));
  // An order number is a long run of digits by nature: masked only where it holds the customer's phone.
  const order = phoneMasker({ phones: [complaint.customer.phone], keepLongRuns: true });
  const { shop } = settings;
  return {
    date: formatLetterDate(today, lang),
    id: String(complaint.id),
    ref: line(complaint.ref),
    customer: line(complaint.customer.name),
    phone: complaint.customer.phone === null ? null : maskPhone(complaint.customer.phone),
    received: formatLetterDate(localDateOf(complaint.receivedAt), lang),
    category: labelOf(CATEGORY, complaint.category, lang),
    description: text(complaint.description),
    request: orText(complaint.request),
    order: complaint.order === null ? null : line(order(complaint.order)),
    finding: orText(complaint.finding),
    solution: orText(complaint.solution),
    compensation: compensationWords(complaint, lang),
    resolved: complaint.resolvedAt === null ? null : formatLetterDate(localDateOf(complaint.resolvedAt), lang),
    'shop.name': line(shop.name),
    'shop.address': line(shop.address),
    'shop.phone': line(shop.phone),
  };
}

/** "voucher 50.00", "replacement", "none" / "代金券 50.00", "无". */
function compensationWords(complaint: Complaint, lang: Lang): string {
  const { kind, cents } = complaint.compensation;
  const words = [kind === null ? null : labelOf(COMPENSATION_KIND, kind, lang), cents === null ? null : formatMoney(cents)].filter((word) => word !== null);
  return words.length > 0 ? words.join(' ') : labelOf(COMPENSATION_KIND, 'none', lang);
}

/** The letter's text below the heading: the shop's template for the language, else the built-in one, filled. */
function letterBody(complaint: Complaint, settings: Settings, lang: Lang, today: LocalDate): string {
  // Escaped too: a template is checked when set, but the settings may come from elsewhere.
  const template = visible(settings.letter.template[lang] ?? BUILT_IN_LETTER_TEMPLATES[lang]);
  return fillLetter(template, letterValues(complaint, settings, lang, today));
}

/** The letter as text, for a message or a plain printer: the shop's heading, a blank line, the letter. */
export function renderLetterText(complaint: Complaint, settings: Settings, lang: Lang, today: LocalDate): string {
  const heading = shopHeading(settings.shop, lang);
  const body = letterBody(complaint, settings, lang, today);
  return heading.length > 0 ? `${heading.join('\n')}\n\n${body}` : body;
}

/**
 * The letter as one HTML page for A4 or A5 paper: the heading above a rule, each paragraph of the
 * letter (the template's blank lines part them) with its lines and indents as written.
 */
export function renderLetterHtml(complaint: Complaint, settings: Settings, lang: Lang, today: LocalDate): string {
  const paragraphs = letterBody(complaint, settings, lang, today)
    .trimEnd()
    .split(/\n[ \t]*\n/)
    .map((paragraph) => `<p>${escape(paragraph)}</p>`);
  const heading = shopHeading(settings.shop, lang);
  const body = `${heading.length > 0 ? `<header>\n${shopHeadingHtml(heading)}\n</header>\n` : ''}<main>\n${paragraphs.join('\n')}\n</main>`;
  return htmlPage({ lang, title: `${TITLE[lang]} #${complaint.id}`, style: LETTER_STYLE, body });
}

/**
 * A4 by default (the printer's paper: no @page size is set), in a letter's type; on paper narrower
 * than 160 mm inside its margins (A5) the margins and the type are smaller. On a screen the page is
 * shown as a sheet with its margins; in print the @page margins are the sheet's. The paragraphs keep
 * the template's line breaks and indents (pre-wrap), and a long word breaks at the edge.
 */
const LETTER_STYLE = `
@page { margin: 20mm 18mm; }
* { box-sizing: border-box; }
body { font-family: ${PAPER_FONTS}; font-size: 11.5pt; line-height: 1.6; color: #000; margin: 0 auto; padding: 20mm 18mm; max-width: 210mm; overflow-wrap: anywhere; }
header { text-align: center; border-bottom: 1.5px solid #000; padding-bottom: 3mm; margin-bottom: 8mm; }
h1 { font-size: 17pt; margin: 0 0 1mm; letter-spacing: 0.05em; }
p.shop { margin: 0; font-size: 10pt; }
main p { margin: 0 0 4mm; white-space: pre-wrap; }
@media print { body { padding: 0; max-width: none; } }
@media (max-width: 160mm) {
  @page { margin: 12mm 11mm; }
  body { font-size: 10.5pt; line-height: 1.5; padding: 12mm 11mm; }
  header { margin-bottom: 5mm; }
  h1 { font-size: 14pt; }
  p.shop { font-size: 9pt; }
  main p { margin-bottom: 3mm; }
}
`;
