// What `kesu export` writes for each complaint: a form row (CSV) or the documented complaint shape (JSON).
import type { ComplaintWithEvents } from '../../store/complaints.js';
import { FORM_FIELDS, formRow } from '../../workflow/forms.js';
import { phoneDigits } from '../../workflow/identity.js';
import type { IsoTime } from '../../workflow/time.js';
import { complaintJson } from './json.js';

/** "*******8000": every digit but the last four masked, separators dropped. */
export function maskPhone(phone: string): string {
  const digits = phoneDigits(phone);
  return `${'*'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
}

export function exportCsvCells({ complaint }: ComplaintWithEvents, redact: boolean): string[] {
  const row = formRow(complaint);
  if (redact && row.phone !== '') row.phone = maskPhone(row.phone);
  return FORM_FIELDS.map((field) => row[field]);
}

export function exportJson({ complaint, events }: ComplaintWithEvents, now: IsoTime, redact: boolean) {
  const json = complaintJson(complaint, now, events);
  if (!redact || json.customer.phone === null) return json;
  return { ...json, customer: { ...json.customer, phone: maskPhone(json.customer.phone) } };
}
