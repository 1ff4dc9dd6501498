// What `kesu export` writes for each complaint: a form row (CSV) or the documented complaint shape (JSON).
import type { ComplaintWithEvents } from '../../store/index.js';
import { FORM_FIELDS, formRow } from '../../workflow/forms.js';
import { maskPhone, phoneMasker } from '../../workflow/identity.js';
import type { IsoTime } from '../../workflow/time.js';
import { eventDetails, type CorrectableField } from '../../workflow/complaint.js';
import { complaintJson } from './json.js';

/** What a redacted export masks besides each complaint's own phone: every customer's phone too short to look like one. */
export interface Redaction {
  readonly shortPhones: readonly string[];
}

/**
 * The form fields typed in by hand, where a phone number may have been written down: names too
 * (a paper form's "王先生 137…", a clerk's own number after theirs).
 */
const FREE_TEXT_FIELDS = ['customer', 'receivedBy', 'assignee', 'approvedBy', 'description', 'request', 'department', 'solution', 'rootCause', 'correctiveAction', 'followupNote'] as const;
/** Form and order numbers are long digit runs by nature: only the customer's own phone is masked in them. */
const NUMBER_FIELDS = ['ref', 'order'] as const;

export function exportCsvCells({ complaint }: ComplaintWithEvents, redaction: Redaction | null): string[] {
  const row = formRow(complaint);
  if (redaction) {
    const { maskText, maskNumber } = maskersFor(complaint, redaction);
    for (const field of FREE_TEXT_FIELDS) row[field] = maskText(row[field]);
    for (const field of NUMBER_FIELDS) row[field] = maskNumber(row[field]);
    if (row.phone !== '') row.phone = maskPhone(row.phone);
  }
  return FORM_FIELDS.map((field) => row[field]);
}

/**
 * The complaint in the show --json shape; each event also with its `details` as stored, so that the
 * export restores a store exactly (null in a redacted export, which is for reading, not restoring).
 */
export function exportJson({ complaint, events }: ComplaintWithEvents, now: IsoTime, redaction: Redaction | null) {
  const shown = complaintJson(complaint, now, events);
  const json = { ...shown, events: shown.events!.map((event, index) => ({ ...event, details: redaction ? null : eventDetails(events[index]!) })) };
  return redaction ? redactComplaintJson(complaint, json, redaction) : json;
}

type ComplaintJson = ReturnType<typeof complaintJson>;

/**
 * A complaint's JSON with its phone masked, and every phone in its typed text (as `export --redact`
 * writes it; the notifications send it so unless notify.phones is yes).
 */
export function redactComplaintJson<J extends ComplaintJson & { readonly events: NonNullable<ComplaintJson['events']> }>(
  complaint: ComplaintWithEvents['complaint'],
  json: J,
  redaction: Redaction,
): J {
  const maskers = maskersFor(complaint, redaction);
  const mask = <T extends string | null>(text: T): T => (text === null ? text : (maskers.maskText(text) as T));
  const maskNumber = <T extends string | null>(text: T): T => (text === null ? text : (maskers.maskNumber(text) as T));
  // A corrected value, masked as the field it was is masked.
  const maskValue = (field: CorrectableField, value: string | null): string | null => {
    if (value === null) return null;
    if (field === 'phone') return maskPhone(value);
    if (field === 'ref' || field === 'order') return maskNumber(value);
    return TYPED_FIELDS.has(field) ? mask(value) : value;
  };
  return {
    ...json,
    ref: maskNumber(json.ref),
    customer: { name: mask(json.customer.name), phone: json.customer.phone === null ? null : maskPhone(json.customer.phone) },
    description: mask(json.description),
    request: mask(json.request),
    order: maskNumber(json.order),
    receivedBy: mask(json.receivedBy),
    assignee: mask(json.assignee),
    department: mask(json.department),
    finding: mask(json.finding),
    rootCause: mask(json.rootCause),
    correctiveAction: mask(json.correctiveAction),
    solution: mask(json.solution),
    voided: json.voided === null ? null : { ...json.voided, by: mask(json.voided.by), reason: mask(json.voided.reason) },
    // Every text typed by someone, the newer ones too: a phone typed in a note is masked wherever it is.
    approvedBy: mask(json.approvedBy),
    majorCriterion: mask(json.majorCriterion),
    waiting: json.waiting === null ? null : { ...json.waiting, by: mask(json.waiting.by), note: mask(json.waiting.note) },
    escalation: json.escalation === null ? null : { ...json.escalation, by: mask(json.escalation.by), to: mask(json.escalation.to), note: mask(json.escalation.note) },
    followups: json.followups.map((f) => ({ ...f, note: mask(f.note) })),
    events: json.events.map((e) => ({
      ...e,
      by: mask(e.by),
      note: mask(e.note),
      changes: e.changes === null ? null : e.changes.map((change) => ({ ...change, before: maskValue(change.field, change.before), after: maskValue(change.field, change.after) })),
    })),
  } as J;
}

/** The correctable fields typed by hand, masked as the texts are; the others are codes and a time. */
const TYPED_FIELDS: ReadonlySet<CorrectableField> = new Set(['customer', 'description', 'request', 'department']);

/**
 * The phone maskers of one complaint (identity.ts phoneMasker): typed text loses every phone-like
 * run, the customer's own phone and every other customer's phone however short (as the reports do);
 * form and order numbers only the customer's own phone.
 */
function maskersFor(complaint: ComplaintWithEvents['complaint'], { shortPhones }: Redaction) {
  const phones = [complaint.customer.phone];
  return { maskText: phoneMasker({ phones: [...phones, ...shortPhones] }), maskNumber: phoneMasker({ phones, keepLongRuns: true }) };
}
