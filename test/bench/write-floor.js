// How long better-sqlite3 alone takes to write the rows an import of the benchmark's forms stores,
// as a floor under `kesu import`: no CSV, no foreign-key checks, no deadlines, no customer links,
// and no index but the tables' own keys and the search texts' full-text index (the columns' NOT NULL and CHECK constraints stay: they are
// the schema). Run by run.js in a process of its own:
//   node test/bench/write-floor.js IMPORTED.db TARGET.db
// It reads every row kesu's import wrote into IMPORTED.db, creates TARGET.db with kesu's schema
// (dist/store/sqlite/db.js), drops its other indexes, then times the inserts and the commit, in one
// transaction and at the safety level of kesu's bulk write, and prints them as JSON.
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { openDatabase } = await import(pathToFileURL(join(root, 'dist', 'store', 'sqlite', 'db.js')).href);
const [source, target] = process.argv.slice(2);

const TABLES = ['complaints', 'events', 'event_facts', 'search'];
const from = openDatabase(source);
const columns = Object.fromEntries(
  TABLES.map((table) => [
    table,
    // Stored columns only (table_xinfo's hidden 2 and 3 are generated ones).
    from.prepare(`SELECT name FROM pragma_table_xinfo('${table}') WHERE hidden = 0`).pluck().all(),
  ]),
);
const rows = Object.fromEntries(TABLES.map((table) => [table, from.prepare(`SELECT ${columns[table].join(', ')} FROM ${table}`).raw().all()]));
from.close();

for (const suffix of ['', '-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
const db = openDatabase(target);
const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL").pluck().all();
for (const name of indexes) db.exec(`DROP INDEX ${name}`);
db.pragma('foreign_keys = OFF');
db.pragma('synchronous = OFF');
db.pragma('cache_size = -8192');
const inserts = Object.fromEntries(
  TABLES.map((table) => [table, db.prepare(`INSERT INTO ${table} (${columns[table].join(', ')}) VALUES (${columns[table].map(() => '?').join(', ')})`)]),
);
// Each search text is indexed as it is written, as kesu's import does.
const index = db.prepare('INSERT INTO search_index (rowid, text) VALUES (?, ?)');

const ms = {};
db.exec('BEGIN');
for (const table of TABLES) {
  const started = performance.now();
  const insert = inserts[table];
  for (const row of rows[table]) insert.run(row);
  if (table === 'search') for (const row of rows[table]) index.run(row);
  ms[table] = performance.now() - started;
}
const committing = performance.now();
db.exec('COMMIT');
ms.commit = performance.now() - committing;
db.close();
for (const suffix of ['', '-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });

const counts = Object.fromEntries(TABLES.map((table) => [table, rows[table].length]));
process.stdout.write(`${JSON.stringify({ ms, counts, totalMs: Object.values(ms).reduce((sum, value) => sum + value, 0) })}\n`);
