// What the slip and the letter, the papers kesu hands a customer, have in common: the shop's
// heading, the customer's texts masked and escaped, and the HTML page around them.
import type { Complaint } from '../../workflow/complaint.js';
import { phoneMasker } from '../../workflow/identity.js';
import type { ShopDetails } from '../../workflow/settings.js';
import type { Lang } from '../../workflow/vocab.js';
import { escape } from './report/html.js';
import { visible } from './visible.js';

const SHOP_WORDS = {
  address: { en: 'Address: ', zh: '地址：' },
  phone: { en: 'Tel: ', zh: '电话：' },
} as const;

/** The shop's name, then "Address: …" and "Tel: …", the lines set only, each made safe to show. */
export function shopHeading(shop: ShopDetails, lang: Lang): string[] {
  const lines = [shop.name ?? '', shop.address === null ? '' : `${SHOP_WORDS.address[lang]}${shop.address}`, shop.phone === null ? '' : `${SHOP_WORDS.phone[lang]}${shop.phone}`];
  return lines.filter(Boolean).map((line) => visible(line, { oneLine: true }));
}

/** The heading's lines as HTML: the shop's name as the page's title, the others below it. */
export function shopHeadingHtml(lines: readonly string[]): string {
  return lines.map((text, index) => (index === 0 ? `<h1>${htmlLines(text)}</h1>` : `<p class="shop">${htmlLines(text)}</p>`)).join('\n');
}

/**
 * A stored text of this complaint as a paper to its customer shows it: a run of digits that looks
 * like a phone number, or holds the customer's own however short, printed as *** (as `export
 * --redact` masks it: no phone, theirs or another's, goes out on paper), then escaped (visible.ts).
 */
export function customerText(complaint: Complaint): (stored: string) => string {
  const masked = phoneMasker({ phones: [complaint.customer.phone] });
  return (stored) => visible(masked(stored));
}

/** Text as HTML, its line breaks kept. */
export function htmlLines(text: string): string {
  return escape(text).replace(/\n/g, '<br>');
}

/** One self-contained page: its style inside, the body given already marked up. */
export function htmlPage({ lang, title, style, body }: { lang: Lang; title: string; style: string; body: string }): string {
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${style}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** The fonts of a printed page, Chinese ones included (without a CJK font, Chinese shows as boxes). */
export const PAPER_FONTS = 'system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';
