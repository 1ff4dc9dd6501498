// How a paper form is recognised when it is imported again: by the day it was received, the
// customer and the description, and by its form number where it has one (form numbers alone repeat:
// many shops number their forms anew each month or year).
import { localDateOf, type IsoTime } from './time.js';
import { looseText, normalizeInput } from './vocab.js';

export interface FormIdentity {
  readonly receivedAt: IsoTime;
  readonly customer: { readonly name: string };
  readonly description: string;
}

/** What a form says, compared without regard to case, width and spacing: the day received, the customer, the description. */
export function formKey(form: FormIdentity): string {
  return ['form', localDateOf(form.receivedAt), normalizeInput(form.customer.name), normalizeInput(form.description)].join('\u001f');
}

/** A form number as people write it, compared without regard to case, width and spacing (F-1, f-1 and Ｆ－１ are one). */
export function refKey(ref: string): string {
  return normalizeInput(ref);
}

/**
 * A customer as the report tells customers apart (repeat customers): the name compared without regard
 * to case, width and spacing, together with the phone's digits when one was given. The store keeps it
 * in a column so that SQL can count complaints by customer.
 */
export function customerKey(name: string, phone: string | null): string {
  return `${looseText(name)}\u001f${phoneDigits(phone)}`;
}

/** The digits of a phone number, full-width ones included: how phones are compared and counted. */
export function phoneDigits(phone: string | null): string {
  return (phone ?? '').normalize('NFKC').replace(/\D/g, '');
}

/** Runs of this many digits (with the usual separators) in free text are taken for phone numbers. */
export const PHONE_LIKE_DIGITS = 7;

/**
 * The digits of a customer phone too short to be masked as a phone-like run in free text, else
 * null: such a phone is masked wherever it is typed by looking for it (maskPhonesIn `shortPhones`).
 */
export function shortPhoneOf(phone: string | null): string | null {
  const digits = phoneDigits(phone);
  return digits.length > 0 && digits.length < PHONE_LIKE_DIGITS ? digits : null;
}

/** A run of digits (ASCII or full-width) with the separators phone numbers are written with, on one line. */
const DIGIT_RUN = /[+＋]?[\d０-９][\d０-９ \t().\-（）．－]*[\d０-９]/g;

/**
 * A form or order number with the customer's own phone masked as ***: a run of digits whose digits
 * are the phone's, however it is spaced; other numbers, which are long digit runs by nature, stay.
 */
export function maskPhoneIn(text: string, phone: string | null): string {
  const digits = phoneDigits(phone);
  return digits === '' ? text : text.replace(DIGIT_RUN, (run) => (phoneDigits(run) === digits ? '***' : run));
}

/**
 * Free text with the phone numbers typed into it masked as ***: every run of PHONE_LIKE_DIGITS or
 * more digits (ASCII or full-width, with spaces, brackets, dots and dashes between, on one line),
 * and each of `shortPhones` (shortPhoneOf). Only the short ones need looking for one by one: once
 * the runs are masked, no such run is left to match.
 */
export function maskPhonesIn(text: string, shortPhones: Iterable<string> = []): string {
  let result = text.replace(DIGIT_RUN, (run) => (phoneDigits(run).length >= PHONE_LIKE_DIGITS ? '***' : run));
  for (const digits of shortPhones) result = result.split(digits).join('***');
  return result;
}
