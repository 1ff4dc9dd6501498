// A complaint not yet recorded, as `kesu open` shows it for confirming before it is saved.
import type { GivenTime } from '../clock.js';
import { defaultSeverity } from '../../workflow/transitions.js';
import { CATEGORY, CHANNEL, DEFAULT_CHANNEL, labelOf, SEVERITY, type Category, type Channel, type Severity } from '../../workflow/vocab.js';
import { criterionWords, type RenderContext } from './complaint.js';
import { formatGivenTime } from '../../workflow/time-words.js';
import { t, type TextKey } from './i18n.js';
import { displayWidth, padDisplay } from './width.js';
import { visible } from './visible.js';

/** What is known of a complaint to record: the vocabularies' words read as codes, the received time read as an ISO time. */
export interface Draft {
  readonly customer?: string;
  readonly phone?: string;
  readonly channel?: Channel;
  readonly category?: Category;
  readonly severity?: Severity;
  /** What makes it major, as said (`--criterion`, or chosen on a terminal). */
  readonly majorCriterion?: string;
  readonly description?: string;
  readonly request?: string;
  readonly received?: GivenTime;
  readonly ref?: string;
  readonly order?: string;
}

export type DraftField = keyof Draft;

/** The fields in the order they are asked for and shown, with the label each is shown under. */
export const DRAFT_FIELDS: readonly (readonly [DraftField, TextKey])[] = [
  ['customer', 'customer'],
  ['phone', 'phone'],
  ['channel', 'channel'],
  ['category', 'category'],
  ['severity', 'severity'],
  ['description', 'description'],
  ['request', 'request'],
  ['received', 'received'],
  ['ref', 'ref'],
  ['order', 'order'],
];

/** A field's value as shown (defaults filled in, the time as a shop reads it), or null when there is none. */
export function draftValue(draft: Draft, field: DraftField, context: RenderContext): string | null {
  const { lang, now } = context;
  switch (field) {
    case 'channel':
      return labelOf(CHANNEL, draft.channel ?? DEFAULT_CHANNEL, lang);
    case 'category':
      return draft.category === undefined ? null : labelOf(CATEGORY, draft.category, lang);
    case 'severity': {
      // As decide will take it when it was not said: major with a criterion, else the channel's default.
      const severity = labelOf(SEVERITY, draft.severity ?? (draft.majorCriterion !== undefined ? 'major' : defaultSeverity(draft.channel ?? DEFAULT_CHANNEL)), lang);
      const criterion = draft.majorCriterion === undefined ? null : criterionWords(draft.majorCriterion, lang);
      return criterion === null ? severity : lang === 'zh' ? `${severity}（${criterion}）` : `${severity} (${criterion})`;
    }
    case 'majorCriterion':
      return draft.majorCriterion ?? null;
    case 'received':
      // In the one local style, the date alone when only a date was given (as show prints it).
      return formatGivenTime(draft.received?.at ?? now, draft.received?.dateOnly ?? false, lang, now.slice(0, 4));
    default:
      return draft[field] ?? null;
  }
}

/** Every field on a line of its own, under its label; a text of several lines is indented under its first. */
export function renderDraft(draft: Draft, context: RenderContext): string {
  const labels = DRAFT_FIELDS.map(([, key]) => t(key, context.lang));
  const width = Math.max(...labels.map(displayWidth)) + 2;
  return DRAFT_FIELDS.map(([field], index) => {
    const value = draftValue(draft, field, context);
    const lines = value === null ? [t('none', context.lang)] : visible(value).split('\n');
    return lines.map((line, at) => `  ${at === 0 ? padDisplay(labels[index]!, width) : ' '.repeat(width)}${line}`).join('\n');
  }).join('\n');
}
