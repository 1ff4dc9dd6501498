import type { Db } from '../db.js';
import type { Migration } from './index.js';

/**
 * Form numbers restart each month or year in many shops, so a form number alone no longer says a
 * form is one already stored:
 * - complaints.form_key is now the hash of the form's content key for every complaint (the day
 *   received, the customer and the description), with or without a form number; it was the hash of
 *   the form number for those that had one;
 * - complaints.ref_key: the form number compared as people write it (without regard to case, width
 *   and spacing), unique, so that a form number can be looked up and never given twice;
 * - complaints_uuid: an index on the uuid, by which an export restores a complaint once;
 * - the application id that marks the file as kesu's, so that another program's database is never
 *   taken for one.
 * Frozen: this file computes the keys itself, as they were defined when it was written; a later
 * change of identity.ts must not change what this migration did.
 */
export const formNumbers: Migration = {
  version: 3,
  name: 'form-numbers',
  sql: `
    ALTER TABLE complaints ADD COLUMN ref_key TEXT;
    CREATE INDEX complaints_uuid ON complaints (uuid);
    PRAGMA application_id = 1262834517;
  `,
  fill: fillFormNumbers,
};

function fillFormNumbers(db: Db): void {
  const openings = db.prepare<[], { id: number; ref: string; at: string; data: string }>(
    'SELECT c.id, c.ref, e.at, e.data FROM complaints c JOIN events e ON e.complaint_id = c.id AND e.seq = 1 WHERE c.ref IS NOT NULL',
  );
  const update = db.prepare('UPDATE complaints SET ref_key = ?, form_key = ? WHERE id = ?');
  for (const { id, ref, at, data } of openings.all()) {
    const opened = JSON.parse(data) as { customer: string; description: string };
    const key = ['form', at.slice(0, 10), normalized(opened.customer), normalized(opened.description)].join('\u001f');
    // The form number without regard to case, width and any space (identity.ts refKey when this was written).
    update.run(normalized(ref).replace(/ /g, ''), hashed(key), id);
  }
  db.exec('CREATE UNIQUE INDEX complaints_ref_key ON complaints (ref_key) WHERE ref_key IS NOT NULL');
}

/** Text without regard to case, width and spacing, as identity.ts compared it when this was written. */
function normalized(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ').replace(/[\s_]+/g, ' ');
}

/** cyrb53, as bulk.ts hashed form keys when this was written. */
function hashed(key: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
