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
 * The keys of the complaints already stored (ref_key, and form_key anew) are filled by the rebuild
 * of what derives from the events (db.ts), which follows the migrations.
 */
export const formNumbers: Migration = {
  version: 3,
  name: 'form-numbers',
  sql: `
    ALTER TABLE complaints ADD COLUMN ref_key TEXT;
    CREATE UNIQUE INDEX complaints_ref_key ON complaints (ref_key) WHERE ref_key IS NOT NULL;
    CREATE INDEX complaints_uuid ON complaints (uuid);
    PRAGMA application_id = 1262834517;
  `,
};
