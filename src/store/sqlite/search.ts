// How the SQLite store keeps and searches the complaints' search texts (workflow/search.ts): the
// search table holds each text, search_index (FTS5, trigram tokenizer) indexes it (migration 004).
// The store writes both together; a query is narrowed down by the index and confirmed against the
// text itself, newest complaint first.
import type { Status } from '../../workflow/vocab.js';
import type { Db } from './db.js';

/** The lookups of a search: how many complaints hold a query's trigrams (up to a cap), and the trigrams that begin with a short query. */
const LOOKUP_SQL = {
  candidates: 'SELECT count(*) FROM (SELECT rowid FROM search_index WHERE search_index MATCH ? LIMIT ?)',
  termsFrom: 'SELECT term FROM search_terms WHERE term >= ? AND term < ? LIMIT ?',
} as const;

/**
 * Up to this many complaints holding the query's trigrams are sorted; past it, walking the complaints
 * from the newest finds enough of them sooner (a query held by one complaint in 500 needs about 25,000
 * steps for 50).
 */
const FEW_CANDIDATES = 2_000;
/**
 * A query of one or two characters followed by more than this many different characters in the
 * texts is common: the texts are scanned from the newest instead of merging that many trigrams.
 */
const MOST_TRIGRAMS = 300;
/** The trigrams of a long query the index is asked for: enough to narrow it down; the text confirms the rest. */
const MOST_QUERY_TRIGRAMS = 12;
/** After every character of the index's terms (U+10FFFF): the end of the range of terms that begin with a prefix. */
const LAST_CHARACTER = '\u{10ffff}';

export interface SearchQuery {
  /** Folded texts (workflow/search.ts searchTerms); a complaint matches when its text holds one of them. */
  readonly terms: readonly string[];
  /** The statuses to include, of complaints not voided; null for every status. */
  readonly statuses: readonly Status[] | null;
  /** The voided complaints too, whatever their status. */
  readonly voided: boolean;
  readonly limit: number;
}

/** The search texts of one database: writing them with their index, checking the index, and searching. */
export class SearchIndex {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      text: db.prepare<[number], string>('SELECT text FROM search WHERE id = ?').pluck(),
      insert: db.prepare<[number, string]>('INSERT INTO search (id, text) VALUES (?, ?)'),
      update: db.prepare<[string, number]>('UPDATE search SET text = ? WHERE id = ?'),
      remove: db.prepare<[number]>('DELETE FROM search WHERE id = ?'),
      index: db.prepare<[number, string]>('INSERT INTO search_index (rowid, text) VALUES (?, ?)'),
      unindex: db.prepare<[number, string]>("INSERT INTO search_index (search_index, rowid, text) VALUES ('delete', ?, ?)"),
      candidates: db.prepare<[string, number], number>(LOOKUP_SQL.candidates).pluck(),
      termsFrom: db.prepare<[string, string, number], string>(LOOKUP_SQL.termsFrom).pluck(),
    };
  }

  /** A new complaint's text. */
  add(id: number, text: string): void {
    this.statements.insert.run(id, text);
    this.statements.index.run(id, text);
  }

  /**
   * A complaint's text as it now is: written (and indexed anew) only where it changed. `indexed`
   * false: the index is rebuilt afterwards (it disagrees with the texts), so only the text is written.
   */
  put(id: number, text: string, { indexed = true }: { indexed?: boolean } = {}): boolean {
    const stored = this.statements.text.get(id);
    if (stored === text) return false;
    if (stored === undefined) this.statements.insert.run(id, text);
    else this.statements.update.run(text, id);
    if (indexed) {
      // The index forgets a text by being told the text it indexed.
      if (stored !== undefined) this.statements.unindex.run(id, stored);
      this.statements.index.run(id, text);
    }
    return true;
  }

  /** The text of a complaint that has no events (kesu check --repair). */
  remove(id: number, { indexed = true }: { indexed?: boolean } = {}): void {
    const stored = this.statements.text.get(id);
    if (stored === undefined) return;
    this.statements.remove.run(id);
    if (indexed) this.statements.unindex.run(id, stored);
  }

  /** Whether the index holds exactly the texts of the search table (FTS5's own integrity check against its content). */
  sound(): boolean {
    try {
      this.db.exec("INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)");
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CORRUPT_VTAB') return false;
      throw error;
    }
  }

  /** The index made anew from the texts. */
  rebuild(): void {
    this.db.exec("INSERT INTO search_index (search_index) VALUES ('rebuild')");
  }

  /** The ids of the complaints whose text holds one of the query's terms, newest first, at most `limit`. */
  find(query: SearchQuery): number[] {
    const match = this.matchOf(query.terms);
    if (match === '') return [];
    const few = match !== null && this.statements.candidates.get(match, FEW_CANDIDATES + 1)! <= FEW_CANDIDATES;
    // The agenda's index holds no voided complaint.
    const agenda = query.statuses !== null && !query.statuses.includes('closed') && !query.voided;
    const { sql, params } = searchSql(few ? 'index' : agenda ? 'agenda' : 'received', { ...query, match });
    return this.db.prepare<unknown[], number>(sql).pluck().all(...params);
  }

  /**
   * The full-text query for `terms`: any of them, each by its trigrams (a few of a long one) or, one
   * or two characters long, by every trigram that begins with it. '' when no text can hold any of
   * them; null when one is short and common, so that only a scan of the texts finds it in time.
   */
  matchOf(terms: readonly string[]): string | null {
    const alternatives: string[] = [];
    for (const term of terms) {
      const characters = [...term];
      if (characters.length >= 3) {
        alternatives.push(trigramQuery(term));
        continue;
      }
      const trigrams = this.statements.termsFrom.all(term, `${term}${LAST_CHARACTER}`, MOST_TRIGRAMS + 1);
      if (trigrams.length > MOST_TRIGRAMS) return null;
      if (trigrams.length > 0) alternatives.push(trigrams.map(quote).join(' OR '));
    }
    return alternatives.map((alternative) => `(${alternative})`).join(' OR ');
  }
}

/**
 * How a search finds its complaints:
 * - `index`: few complaints hold the query's trigrams: those, sorted;
 * - `received`: many do (or the query is too short for the index and too common for its trigrams):
 *   the complaints from the newest on, each checked, until enough are found;
 * - `agenda`: the same, among the complaints not yet closed (few in any store), when the statuses
 *   asked for leave the closed ones out.
 */
export type SearchPlan = 'index' | 'received' | 'agenda';

/**
 * The statement of a search and its parameters, newest first (by the time received, then id: the
 * complaints_received index read backwards). `match` null: the texts are read without the index.
 * Exported for the query-plan tests.
 */
export function searchSql(plan: SearchPlan, { terms, statuses, voided, limit, match }: SearchQuery & { match: string | null }): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  let from: string;
  if (plan === 'index') {
    from = 'search_index f JOIN complaints c ON c.id = f.rowid JOIN search s ON s.id = f.rowid';
    where.push('search_index MATCH ?');
    params.push(match);
  } else {
    from = `complaints c INDEXED BY ${plan === 'agenda' ? 'complaints_agenda' : 'complaints_received'} JOIN search s ON s.id = c.id`;
    if (plan === 'agenda') where.push("c.status <> 'closed'");
    if (match !== null) {
      where.push('c.id IN (SELECT rowid FROM search_index WHERE search_index MATCH ?)');
      params.push(match);
    }
  }
  where.push(`(${terms.map(() => 'instr(s.text, ?) > 0').join(' OR ')})`);
  params.push(...terms);
  const live = statuses === null ? 'c.voided = 0' : statuses.length === 0 ? '0' : `c.status IN (${statuses.map(() => '?').join(', ')}) AND c.voided = 0`;
  if (statuses !== null) params.push(...statuses);
  where.push(voided ? `(c.voided = 1 OR (${live}))` : live);
  params.push(limit);
  return { sql: `SELECT c.id FROM ${from} WHERE ${where.join(' AND ')} ORDER BY c.received_ms DESC, c.id DESC LIMIT ?`, params };
}

/** The full-text query for a text of three or more characters: (some of) its trigrams, each in it. */
export function trigramQuery(term: string): string {
  return trigramsOf([...term]).map(quote).join(' AND ');
}

/** The distinct trigrams of a text of three or more characters: at most MOST_QUERY_TRIGRAMS, spread over it, the first and last among them. */
function trigramsOf(characters: readonly string[]): string[] {
  const all = [...new Set(characters.slice(2).map((_, at) => characters.slice(at, at + 3).join('')))];
  if (all.length <= MOST_QUERY_TRIGRAMS) return all;
  const step = (all.length - 1) / (MOST_QUERY_TRIGRAMS - 1);
  return Array.from({ length: MOST_QUERY_TRIGRAMS }, (_, at) => all[Math.round(at * step)]!);
}

/** A trigram as an FTS5 string: in double quotes, a double quote in it doubled. */
function quote(trigram: string): string {
  return `"${trigram.replace(/"/g, '""')}"`;
}
