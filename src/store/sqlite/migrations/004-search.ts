import type { Migration } from './index.js';

/**
 * `kesu search`: each complaint's search text (workflow/search.ts, kept by the store as it writes),
 * and a full-text index of it.
 * - search: the text, by complaint id; read by the search itself to confirm a match (and scanned
 *   for a query too short for the index);
 * - search_index: FTS5 with the trigram tokenizer, which finds any part of a text of three or more
 *   characters without word segmentation (Chinese has no spaces between words). External content
 *   (the text is kept once, in search); detail=none and columnsize=0 keep only which complaints
 *   hold each trigram, a fraction of the text's size: a query's trigrams narrow the complaints down
 *   and its text in search confirms them. The store writes the index beside each row (no trigger:
 *   FTS5 rows written from a trigger took seven times as long);
 * - search_terms: the index's trigrams, to find those that begin with a query of one or two
 *   characters.
 * The texts of the complaints already stored are filled by the rebuild of what derives from the
 * events (db.ts), which follows the migrations.
 */
export const search: Migration = {
  version: 4,
  name: 'search',
  sql: `
    CREATE TABLE search (
      id   INTEGER PRIMARY KEY,
      text TEXT NOT NULL
    ) STRICT;
    CREATE VIRTUAL TABLE search_index USING fts5 (
      text, content = 'search', content_rowid = 'id',
      tokenize = 'trigram case_sensitive 1', detail = none, columnsize = 0
    );
    CREATE VIRTUAL TABLE search_terms USING fts5vocab (search_index, row);
  `,
};
