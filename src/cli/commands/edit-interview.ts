// `kesu edit ID` on a terminal: which field is wrong (each shown with its value now), then the right
// value: a vocabulary's word chosen, or text edited from the value now, so a typo is mended rather
// than typed again. A typed value is read as its flag's would be; what is refused is asked again.
import { CORRECTABLE_FIELDS, valueOf, type Complaint, type CorrectableField } from '../../workflow/complaint.js';
import { DomainError } from '../../workflow/errors.js';
import type { IsoTime } from '../../workflow/time.js';
import { DEFAULT_SETTINGS } from '../../workflow/settings.js';
import { decide } from '../../workflow/transitions.js';
import { CATEGORY, CHANNEL, labelOf, SEVERITY, type Lang, type Vocabulary } from '../../workflow/vocab.js';
import { LOCAL_ZONE, readTimeOption, typedTime } from '../clock.js';
import { cancelled, UserError } from '../errors.js';
import { askChoice, askText, vocabularyChoices, type Asking } from '../prompts.js';
import { CORRECTION_FIELD_NAMES } from '../render/i18n.js';
import { visible } from '../render/visible.js';

const WORDS = {
  field: { en: 'Which field is wrong?', zh: '要更正哪一项？' },
  value: { en: 'The right value', zh: '正确的内容' },
  confirm: { en: 'Record this correction?', zh: '记录这项更正吗？' },
  yes: { en: 'Yes, record it', zh: '是，记录' },
  again: { en: 'No, choose again', zh: '否，重新选择' },
} as const;

/** The correctable fields that take a vocabulary's words. */
const VOCABULARIES: { readonly [F in CorrectableField]?: Vocabulary<string> } = { channel: CHANNEL, category: CATEGORY, severity: SEVERITY };

/**
 * Which field, and its new value as its flag would give it, once the person has seen the change and
 * said to record it (or chosen again: nothing is recorded at a stray Enter); Ctrl-D at any question cancels.
 */
export async function askCorrection(complaint: Complaint, asking: Asking, now: IsoTime): Promise<{ field: CorrectableField; value: string }> {
  const { lang } = asking;
  for (;;) {
    const correction = await askFieldAndValue(complaint, asking, now);
    const before = shown(complaint, correction.field, lang);
    const vocab = VOCABULARIES[correction.field];
    const after = visible(vocab ? labelOf(vocab, correction.value, lang) : correction.value, { oneLine: true });
    const message = `${WORDS.confirm[lang]} ${CORRECTION_FIELD_NAMES[correction.field][lang]}: ${before} → ${after === '' ? '—' : after}`;
    const choices = [
      { value: 'yes', name: WORDS.yes[lang] },
      { value: 'again', name: WORDS.again[lang] },
    ] as const;
    const confirmed = await askChoice({ message, choices: [...choices] }, asking);
    if (confirmed === null) throw cancelled();
    if (confirmed === 'yes') return correction;
  }
}

async function askFieldAndValue(complaint: Complaint, asking: Asking, now: IsoTime): Promise<{ field: CorrectableField; value: string }> {
  const { lang } = asking;
  const field = await askChoice(
    { message: WORDS.field[lang], choices: CORRECTABLE_FIELDS.map((code) => ({ value: code, name: `${CORRECTION_FIELD_NAMES[code][lang]}: ${shown(complaint, code, lang)}` })) },
    asking,
  );
  if (field === null) throw cancelled();
  const message = `${WORDS.value[lang]} (${CORRECTION_FIELD_NAMES[field][lang]})`;
  const vocab = VOCABULARIES[field];
  const current = typed(complaint, field);
  if (vocab !== undefined) {
    const value = await askChoice({ message, choices: vocabularyChoices(vocab, lang), default: current ?? undefined }, asking);
    if (value === null) throw cancelled();
    return { field, value };
  }
  let error: string | undefined;
  let initial = current ?? undefined;
  for (;;) {
    const value = await askText({ message, initial, error, multiline: field === 'description' }, asking);
    if (value === null) throw cancelled();
    error = problemOf(complaint, field, value, lang, now);
    if (error === undefined) return { field, value };
    initial = value;
  }
}

/** A field's value now as it is typed (a time as 2026-10-30 10:00, a date alone when only the date was recorded), or null. */
function typed(complaint: Complaint, field: CorrectableField): string | null {
  if (field === 'receivedAt') return typedTime({ at: complaint.receivedAt, dateOnly: complaint.receivedDateOnly });
  return valueOf(complaint, field);
}

function shown(complaint: Complaint, field: CorrectableField, lang: Lang): string {
  const value = typed(complaint, field);
  const vocab = VOCABULARIES[field];
  return value === null ? '—' : visible(vocab ? labelOf(vocab, value, lang) : value, { oneLine: true });
}

/**
 * Why a typed value cannot be taken: the date reader's sentence, or decide's, which judges the
 * correction as edit will (and judges it again when it records it); undefined when it is taken.
 */
function problemOf(complaint: Complaint, field: CorrectableField, value: string, lang: Lang, now: IsoTime): string | undefined {
  try {
    const received = field === 'receivedAt' ? readTimeOption(value, '--received', now) : null;
    const values = { [field]: received === null ? value : received.at };
    const command = { type: 'edit', values, receivedDateOnly: received?.dateOnly ?? false, note: null, at: now, by: 'kesu' } as const;
    // The shop's settings only set the deadlines a correction moves, which are not kept from here.
    decide(complaint, command, { now, settings: DEFAULT_SETTINGS, zone: LOCAL_ZONE });
    return undefined;
  } catch (error) {
    if (error instanceof DomainError || error instanceof UserError) return error.sentence[lang];
    throw error;
  }
}
