#!/usr/bin/env node
// kesu's benchmark suite: `npm run bench` (full) or `npm run bench -- --quick` (smaller data,
// under a minute), `--json` for machine-readable output. See "Performance" in README.md.
//
// It generates its own data under bench-data/ (gitignored), runs each measurement several times,
// alternating the commands it compares, and prints medians, ratios, targets and PASS/FAIL.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildStore, GENERATOR_VERSION, smallStoreIndexes, storePlan, writeFormsCsv } from './generate.js';
import { alternate, median, memoryProbe, runOnce } from './measure.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = pathToFileURL(join(root, 'dist')).href;
const dataDir = join(root, 'bench-data');
const kesu = join(root, 'bin', 'kesu.js');
const node = process.execPath;

const flags = new Set(process.argv.slice(2));
const quick = flags.has('--quick');
const asJson = flags.has('--json');
const prepareOnly = flags.has('--prepare');
// --search: only the search rows (the large store alone is built), for work on search.
const searchOnly = flags.has('--search');
// --against DIR: instead of the targets, every row's command alternated with the same command of
// another build of kesu (a checkout at DIR, built), and each median ÷ the other build's.
const againstIndex = process.argv.indexOf('--against');
const againstKesu = againstIndex === -1 ? null : join(resolve(process.argv[againstIndex + 1] ?? '.'), 'bin', 'kesu.js');
// --render FILE: print the table of an earlier `--json` run (for the README), without measuring.
const renderIndex = process.argv.indexOf('--render');
if (renderIndex !== -1) {
  process.stdout.write(renderTable(JSON.parse(readFileSync(process.argv[renderIndex + 1], 'utf8'))));
  process.exit(0);
}
if (flags.has('--help') || flags.has('-h')) {
  process.stdout.write('usage: node test/bench/run.js [--quick] [--json] [--prepare (build the data only)] [--search (the search rows only)] [--against OTHER-CHECKOUT] [--render RESULT.json]\n');
  process.exit(0);
}

const CONFIG = quick
  ? { mode: 'quick', large: 20_000, recent: 1_000, csvRows: 10_000, csvBig: 100_000, runs: { startup: 9, size: 5, import: 3, report: 5, floor: 3 }, budgetMs: 10_000, timeoutMs: 30_000 }
  : { mode: 'full', large: 1_000_000, recent: 1_000, csvRows: 100_000, csvBig: 1_000_000, runs: { startup: 21, size: 11, import: 5, report: 9, floor: 3 }, budgetMs: 60_000, timeoutMs: 120_000 };

const say = (text) => process.stderr.write(`${text}\n`);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const baseEnv = { ...process.env, NO_COLOR: '1', LANG: 'zh_CN.UTF-8', KESU_DB: '', KESU_DEBUG: '' };
delete baseEnv.KESU_DB;
const kesuCommand = (db, ...args) => ({ command: node, args: [kesu, ...(db ? ['--db', db] : []), ...args], env: baseEnv });
const otherCommand = (db, ...args) => ({ command: node, args: [againstKesu, ...(db ? ['--db', db] : []), ...args], env: baseEnv });

mkdirSync(dataDir, { recursive: true });
const load0 = loadavg()[0];

// --- data -------------------------------------------------------------------------------------

/** The large store, cached between runs under the generator version; built on first use. */
async function largeStore() {
  const base = join(dataDir, `store-${CONFIG.large}-v${GENERATOR_VERSION}`);
  const path = `${base}.db`;
  const metaPath = `${base}.json`;
  if (existsSync(path) && existsSync(metaPath)) {
    say(`data: using the cached store ${relative(path)}`);
    return { path, ...JSON.parse(readFileSync(metaPath, 'utf8')) };
  }
  const anchorMs = Math.floor(Date.now() / 60_000) * 60_000;
  const plan = storePlan(CONFIG.large, anchorMs);
  say(`data: building a store of ${CONFIG.large.toLocaleString('en')} complaints through kesu's store (cached for later runs)…`);
  const building = `${base}.building.db`;
  const t0 = Date.now();
  const built = await buildStore({
    dist,
    path: building,
    plan,
    indexes: Array.from({ length: CONFIG.large }, (_, i) => i),
    workers: 1,
    onProgress: (done, total) => {
      if (done % 200_000 === 0 || done === total) say(`  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${elapsed()})`);
    },
  });
  renameSync(building, path);
  const meta = { anchorMs, count: CONFIG.large, ...built, buildSeconds: Math.round((Date.now() - t0) / 1000) };
  writeFileSync(metaPath, `${JSON.stringify(meta, null, 2)}\n`);
  return { path, ...meta };
}

/** The small store: the large one's last `recent` complaints and every one still open. */
async function smallStore(large) {
  const template = join(dataDir, `small-${CONFIG.large}-v${GENERATOR_VERSION}-${large.anchorMs}.db`);
  if (!existsSync(template)) {
    const plan = storePlan(CONFIG.large, large.anchorMs);
    const indexes = smallStoreIndexes(plan, CONFIG.recent);
    await buildStore({ dist, path: `${template}.building`, plan, indexes, workers: 1 });
    renameSync(`${template}.building`, template);
  }
  // Commands write to it (open, log): every run starts from the same copy.
  const path = join(dataDir, 'small-work.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  copyFileSync(template, path);
  return { path };
}

async function formsCsv(rows) {
  const path = join(dataDir, `forms-${rows}-v${GENERATOR_VERSION}.csv`);
  if (!existsSync(path)) {
    say(`data: writing ${rows.toLocaleString('en')} paper forms to ${relative(path)}…`);
    await writeFormsCsv(`${path}.tmp`, rows, Date.now());
    renameSync(`${path}.tmp`, path);
  }
  return path;
}

function relative(path) {
  return path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
}

/** Reads a few facts straight from a store (not through kesu, so it costs the measured runs nothing). */
async function storeFacts(path) {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const one = (sql) => db.prepare(sql).pluck().get();
    return {
      complaints: one('SELECT count(*) FROM complaints'),
      events: one('SELECT count(*) FROM events'),
      notClosed: one("SELECT count(*) FROM complaints WHERE status <> 'closed'"),
      byStatus: Object.fromEntries(db.prepare('SELECT status, count(*) AS n FROM complaints GROUP BY status').raw().all()),
      newest: one('SELECT max(id) FROM complaints'),
      bytes: statSync(path).size,
      // The phone of the newest complaint that has one: a search a shop makes for a caller.
      phone: one("SELECT json_extract(data, '$.phone') FROM events WHERE seq = 1 AND json_extract(data, '$.phone') IS NOT NULL ORDER BY complaint_id DESC LIMIT 1"),
    };
  } finally {
    db.close();
  }
}

/** Takes away the complaints a measured `kesu open` added, so the cached store stays as built. */
async function removeAfter(path, lastId) {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path);
  try {
    db.transaction(() => {
      // Every table with a row per complaint or per event (the report facts too).
      for (const table of ['events', 'event_facts']) db.prepare(`DELETE FROM ${table} WHERE complaint_id > ?`).run(lastId);
      db.prepare('DELETE FROM complaints WHERE id > ?').run(lastId);
      // The search texts, and their index, which forgets a text by being told it.
      db.prepare("INSERT INTO search_index (search_index, rowid, text) SELECT 'delete', id, text FROM search WHERE id > ?").run(lastId);
      db.prepare('DELETE FROM search WHERE id > ?').run(lastId);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/** Which kesu commands exist in this build (import and report land while this suite is written). */
function availableCommands() {
  const help = runOnce(node, [kesu, '--help'], { env: baseEnv }).stdout;
  return new Set([...help.matchAll(/^\s{2}(\w+)\b/gm)].map((m) => m[1]));
}

// --- measurements -----------------------------------------------------------------------------

const rows = [];
const fmtMs = (ms) => `${ms < 100 ? ms.toFixed(1) : ms.toFixed(0)} ms`;
const fmtMb = (kb) => `${(kb / 1024).toFixed(0)} MB`;

function addRow(row) {
  rows.push(row);
  const shown = row.pass === null ? 'n/a' : row.pass ? 'PASS' : 'FAIL';
  say(`  ${row.what}: ${row.measured}${row.figure ? ` → ${row.figure}` : ''} (${row.target}) ${shown}${row.note ? ` — ${row.note}` : ''}`);
}

function ratioRow({ id, what, a, b, aName, bName, limit, format = fmtMs }) {
  if (a.error || b.error) {
    return addRow({ id, what, measured: '', figure: '', value: null, target: `≤ ${limit} ×`, pass: false, note: `failed: ${a.error ?? b.error}` });
  }
  const ma = median(a.ms);
  const mb = median(b.ms);
  const ratio = ma / mb;
  addRow({
    id,
    what,
    measured: `${format(ma)} vs ${format(mb)}${bName ? ` (${bName})` : ''}`,
    figure: `${ratio.toFixed(2)} ×`,
    value: Number(ratio.toFixed(3)),
    medians: { [aName]: Number(ma.toFixed(2)), [bName ?? 'baseline']: Number(mb.toFixed(2)) },
    runs: a.ms.length,
    target: `≤ ${limit} ×`,
    pass: ratio <= limit,
  });
}

function unavailable(id, what, target, command) {
  addRow({ id, what, measured: '', figure: '', value: null, target, pass: null, note: `not available yet (no \`kesu ${command}\` in this build)` });
}

async function main() {
  const commands = availableCommands();
  const large = await largeStore();
  if (searchOnly) return searchOnlyRun(large);
  const small = await smallStore(large);
  const [largeFacts, smallFacts] = [await storeFacts(large.path), await storeFacts(small.path)];
  say(`data: large store ${largeFacts.complaints.toLocaleString('en')} complaints, ${largeFacts.events.toLocaleString('en')} events, ${largeFacts.notClosed} not closed, ${(largeFacts.bytes / 2 ** 20).toFixed(0)} MB`);
  say(`data: small store ${smallFacts.complaints.toLocaleString('en')} complaints, ${smallFacts.events.toLocaleString('en')} events, ${smallFacts.notClosed} not closed`);
  if (prepareOnly) {
    await formsCsv(CONFIG.csvRows);
    await formsCsv(CONFIG.csvBig);
    say(`data ready (${elapsed()})`);
    return;
  }
  if (againstKesu) {
    await compareBuilds({ large, small, largeFacts, smallFacts });
    return finish({ largeFacts, smallFacts, reportMonth: reportMonthOf(large) });
  }

  // 1. Start-up on the small store, against Node starting and doing nothing.
  say(`\nstart-up (${CONFIG.runs.startup} runs each, alternating) … ${elapsed()}`);
  const bare = { key: 'node', command: node, args: ['-e', '0'], env: baseEnv };
  const startup = alternate(
    [
      bare,
      { key: 'version', ...kesuCommand(null, '--version') },
      { key: 'list', ...kesuCommand(small.path, 'list') },
      { key: 'log', ...kesuCommand(small.path, 'log', String(smallFacts.newest), '已电话联系顾客，约好明天上门', '--by', '店长') },
    ],
    { runs: CONFIG.runs.startup, warmup: 2 },
  );
  ratioRow({ id: 'version', what: '`kesu --version` ÷ `node -e 0`', a: startup.version, b: startup.node, aName: 'kesu --version', bName: 'node -e 0', limit: 1.5 });
  ratioRow({ id: 'list-small', what: '`kesu list` (small store) ÷ `node -e 0`', a: startup.list, b: startup.node, aName: 'kesu list', bName: 'node -e 0', limit: 1.5 });
  ratioRow({ id: 'log-small', what: '`kesu log` (one write, small store) ÷ `node -e 0`', a: startup.log, b: startup.node, aName: 'kesu log', bName: 'node -e 0', limit: 2 });

  // 2. The same commands on the large store and on the small one.
  say(`\nlarge store ÷ small store (${CONFIG.runs.size} runs each, alternating) … ${elapsed()}`);
  const sizeName = `${(CONFIG.large / 1e6).toString()} M`;
  const lastLarge = largeFacts.newest;
  // What an earlier run stopped before it could take away.
  await removeAfter(large.path, lastLarge);
  try {
    const open = ['open', '--customer', '王芳', '--phone', '13800138000', '--category', '质量', '--severity', '一般', '--desc', '电饭煲用了两天就坏了，开关失灵。', '--by', '店长'];
    const pairs = [
      ['open', open, open],
      ['list', ['list'], ['list']],
      ['due', ['due'], ['due']],
      ['show', ['show', String(largeFacts.newest)], ['show', String(smallFacts.newest)]],
    ];
    for (const [name, largeArgs, smallArgs] of pairs) {
      const samples = alternate(
        [
          { key: 'large', ...kesuCommand(large.path, ...largeArgs) },
          { key: 'small', ...kesuCommand(small.path, ...smallArgs) },
        ],
        { runs: CONFIG.runs.size, warmup: 1 },
      );
      ratioRow({ id: `${name}-large`, what: `\`kesu ${name}\`: ${sizeName} store ÷ small store`, a: samples.large, b: samples.small, aName: 'large', bName: 'small', limit: 1.2 });
    }
  } finally {
    await removeAfter(large.path, lastLarge);
  }

  // 3. The monthly report on the large store.
  const reportMonth = reportMonthOf(large);
  say(`\nreport --month ${reportMonth} on the large store (${CONFIG.runs.report} runs) … ${elapsed()}`);
  if (commands.has('report')) {
    const report = alternate([{ key: 'report', ...kesuCommand(large.path, 'report', '--month', reportMonth), memory: true }], { runs: CONFIG.runs.report, budgetMs: CONFIG.budgetMs, timeoutMs: CONFIG.timeoutMs });
    const sample = report.report;
    if (sample.error) {
      addRow({ id: 'report-wall', what: `\`kesu report --month\` on the ${sizeName} store, median wall`, measured: '', figure: '', value: null, target: '≤ 400 ms', pass: false, note: `failed: ${sample.error}` });
    } else {
      const wall = median(sample.ms);
      addRow({ id: 'report-wall', what: `\`kesu report --month\` on the ${sizeName} store, median wall`, measured: fmtMs(wall), figure: '', value: Number(wall.toFixed(1)), runs: sample.ms.length, target: '≤ 400 ms', pass: wall <= 400, note: sample.once ? 'one run: slower than the time budget of a repetition' : undefined });
      const peak = sample.peakKb.length ? Math.max(...sample.peakKb) : null;
      addRow({
        id: 'report-memory',
        what: `\`kesu report --month\` on the ${sizeName} store, peak memory`,
        measured: peak === null ? '' : fmtMb(peak),
        figure: '',
        value: peak === null ? null : Math.round(peak / 1024),
        target: '≤ 200 MB',
        pass: peak === null ? null : peak <= 200 * 1024,
        note: peak === null ? 'no /usr/bin/time or python3 to measure memory' : undefined,
      });
    }
  } else {
    unavailable('report-wall', `\`kesu report --month\` on the ${sizeName} store, median wall`, '≤ 400 ms', 'report');
    unavailable('report-memory', `\`kesu report --month\` on the ${sizeName} store, peak memory`, '≤ 200 MB', 'report');
  }

  // 4. Search on the large store, and what its index costs the store.
  say(`\nsearch on the large store (${CONFIG.runs.size} runs each, alternating with node -e 0) … ${elapsed()}`);
  if (commands.has('search')) await searchRows(large.path, largeFacts, sizeName);
  else {
    unavailable('search-3', `\`kesu search\` of 3 or more characters on the ${sizeName} store`, '≤ 150 ms', 'search');
    unavailable('search-2', `\`kesu search\` of 2 characters on the ${sizeName} store`, '≤ 500 ms', 'search');
    unavailable('search-size', `what search adds to the ${sizeName} store ÷ the texts it indexes`, '≤ 2 ×', 'search');
  }

  // 5. Importing paper forms into an empty store, against sqlite3's own CSV import.
  const csv = await formsCsv(CONFIG.csvRows);
  const rowsName = `${CONFIG.csvRows / 1000} k`;
  say(`\nimport of ${CONFIG.csvRows.toLocaleString('en')} forms (${CONFIG.runs.import} runs each, alternating) … ${elapsed()}`);
  if (commands.has('import')) {
    const target = join(dataDir, 'import-work.db');
    const fresh = (path) => () => {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    };
    const expectAll = (result) => {
      const summary = /\{[\s\S]*\}/.exec(result.stdout)?.[0];
      const imported = summary ? JSON.parse(summary).imported : null;
      return imported === CONFIG.csvRows ? null : `imported ${imported} of ${CONFIG.csvRows} rows`;
    };
    const sqliteTarget = join(dataDir, 'sqlite-work.db');
    const hasSqlite = spawnSync('sqlite3', ['-version'], { stdio: 'ignore' }).status === 0;
    const group = [{ key: 'kesu', ...kesuCommand(target, '--json', 'import', csv), memory: true, before: fresh(target), check: expectAll }];
    if (hasSqlite) group.push({ key: 'sqlite', command: 'sqlite3', args: [sqliteTarget, '.import --csv ' + csv + ' forms'], env: baseEnv, before: fresh(sqliteTarget) });
    const imports = alternate(group, { runs: CONFIG.runs.import, budgetMs: CONFIG.budgetMs, timeoutMs: CONFIG.timeoutMs });
    const k = imports.kesu;
    if (k.error) {
      addRow({ id: 'import-rate', what: `\`kesu import\` of ${rowsName} forms into an empty store`, measured: '', figure: '', value: null, target: '≥ 60,000 rows/s', pass: false, note: `failed: ${k.error}` });
    } else {
      const wall = median(k.ms);
      const rate = CONFIG.csvRows / (wall / 1000);
      addRow({ id: 'import-rate', what: `\`kesu import\` of ${rowsName} forms into an empty store`, measured: fmtMs(wall), figure: `${Math.round(rate).toLocaleString('en')} rows/s`, value: Math.round(rate), runs: k.ms.length, target: '≥ 60,000 rows/s', pass: rate >= 60_000, note: k.once ? 'one run: slower than the time budget of a repetition' : undefined });
      if (hasSqlite && !imports.sqlite.error) {
        ratioRow({ id: 'import-vs-sqlite', what: `\`kesu import\` ÷ \`sqlite3 .import --csv\` of the same ${rowsName} file`, a: k, b: imports.sqlite, aName: 'kesu import', bName: 'sqlite3', limit: 5 });
      } else {
        addRow({ id: 'import-vs-sqlite', what: `\`kesu import\` ÷ \`sqlite3 .import --csv\``, measured: '', figure: '', value: null, target: '≤ 5 ×', pass: null, note: hasSqlite ? `sqlite3 failed: ${imports.sqlite.error}` : 'skipped: no sqlite3 on this machine' });
      }
      importFloorRow(target);
      const peak = k.peakKb.length ? median(k.peakKb) : null;
      addRow({ id: 'import-memory', what: `\`kesu import\` of ${rowsName} forms, peak memory`, measured: peak === null ? '' : fmtMb(peak), figure: '', value: peak === null ? null : Math.round(peak / 1024), target: '≤ 150 MB', pass: peak === null ? null : peak <= 150 * 1024 });
      // Memory must not grow with the file: ten times the rows, once.
      const bigCsv = await formsCsv(CONFIG.csvBig);
      say(`  import of ${CONFIG.csvBig.toLocaleString('en')} forms, once, for its memory … ${elapsed()}`);
      fresh(target)();
      const big = runOnce(node, [kesu, '--db', target, '--json', 'import', bigCsv], { env: baseEnv, memory: true, timeoutMs: CONFIG.timeoutMs * 3 });
      fresh(target)();
      const bigName = `${CONFIG.csvBig >= 1e6 ? `${CONFIG.csvBig / 1e6} M` : `${CONFIG.csvBig / 1000} k`}`;
      if (big.status !== 0 || peak === null || big.peakKb === null) {
        addRow({ id: 'import-memory-scale', what: `peak memory of a ${bigName}-row import ÷ the ${rowsName} one`, measured: '', figure: '', value: null, target: '≤ 1.2 ×', pass: big.status !== 0 ? false : null, note: big.status !== 0 ? `failed: ${big.stderr.trim().split('\n')[0]}` : 'no memory probe' });
      } else {
        const ratio = big.peakKb / peak;
        addRow({ id: 'import-memory-scale', what: `peak memory of a ${bigName}-row import ÷ the ${rowsName} one`, measured: `${fmtMb(big.peakKb)} vs ${fmtMb(peak)} (${Math.round(CONFIG.csvBig / (big.ms / 1000)).toLocaleString('en')} rows/s)`, figure: `${ratio.toFixed(2)} ×`, value: Number(ratio.toFixed(3)), target: '≤ 1.2 ×', pass: ratio <= 1.2 });
      }
    }
    fresh(sqliteTarget)();
  } else {
    unavailable('import-rate', `\`kesu import\` of ${rowsName} forms into an empty store`, '≥ 60,000 rows/s', 'import');
    unavailable('import-vs-sqlite', `\`kesu import\` ÷ \`sqlite3 .import --csv\` of the same file`, '≤ 5 ×', 'import');
    unavailable('import-memory', `\`kesu import\` of ${rowsName} forms, peak memory`, '≤ 150 MB', 'import');
    unavailable('import-memory-scale', `peak memory of a ${CONFIG.csvBig / 1000} k-row import ÷ the ${rowsName} one`, '≤ 1.2 ×', 'import');
  }

  finish({ largeFacts, smallFacts, reportMonth });
}

/** `--search`: the search rows alone, on the large store. */
async function searchOnlyRun(large) {
  const largeFacts = await storeFacts(large.path);
  say(`data: large store ${largeFacts.complaints.toLocaleString('en')} complaints, ${(largeFacts.bytes / 2 ** 20).toFixed(0)} MB`);
  say(`\nsearch on the large store (${CONFIG.runs.size} runs each, alternating with node -e 0) … ${elapsed()}`);
  await searchRows(large.path, largeFacts, `${(CONFIG.large / 1e6).toString()} M`);
  finish({ largeFacts, smallFacts: null, reportMonth: null });
}

/**
 * `kesu search` on the large store, each query alternated with `node -e 0` (shown beside it, for the
 * load of the moment), and the bytes its texts and index take against the bytes of the texts.
 */
async function searchRows(path, facts, sizeName) {
  const queries = [
    // [id, the query, what it is, target ms]
    ['search-3-common', '电饭煲', '3 characters, a product named in 6 % of the complaints', 150],
    ['search-3-phone', facts.phone, `a customer's phone, ${String(facts.phone).length} characters`, 150],
    ['search-2-text', '漏水', '2 characters, in 1 % of the complaints', 500],
    ['search-2-name', '黄磊', '2 characters, a customer name', 500],
    ['search-1', '王', '1 character, a surname', 500],
  ];
  const found = (result) => (result.stdout.includes('│ ') ? null : `found nothing: ${result.stdout.trim().split('\n')[0]}`);
  for (const [id, query, about, limit] of queries) {
    const what = `\`kesu search ${query}\` (${about}) on the ${sizeName} store, median wall`;
    const samples = alternate(
      [
        { key: 'node', command: node, args: ['-e', '0'], env: baseEnv },
        { key: 'search', ...kesuCommand(path, 'search', query), check: found },
      ],
      { runs: CONFIG.runs.size, warmup: 1 },
    );
    const sample = samples.search;
    if (sample.error) {
      addRow({ id, what, measured: '', figure: '', value: null, target: `≤ ${limit} ms`, pass: false, note: `failed: ${sample.error}` });
      continue;
    }
    const wall = median(sample.ms);
    addRow({ id, what, measured: `${fmtMs(wall)} (node -e 0: ${fmtMs(median(samples.node.ms))})`, figure: '', value: Number(wall.toFixed(1)), runs: sample.ms.length, target: `≤ ${limit} ms`, pass: wall <= limit });
  }
  const size = await searchSize(path);
  addRow({
    id: 'search-size',
    what: `what search adds to the ${sizeName} store (its texts and their index) ÷ the texts it indexes`,
    measured: `${(size.added / 1e6).toFixed(0)} MB vs ${(size.text / 1e6).toFixed(0)} MB (texts ${(size.texts / 1e6).toFixed(0)} MB, index ${(size.index / 1e6).toFixed(0)} MB)`,
    figure: `${(size.added / size.text).toFixed(2)} ×`,
    value: Number((size.added / size.text).toFixed(3)),
    target: '≤ 2 ×',
    pass: size.added <= 2 * size.text,
  });
}

/** The bytes of the search tables' pages (SQLite's dbstat), and of the texts they index. */
async function searchSize(path) {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const bytes = (...tables) => db.prepare(`SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name IN (${tables.map(() => '?').join(', ')})`).pluck().get(...tables);
    const texts = bytes('search');
    const index = bytes('search_index_data', 'search_index_idx', 'search_index_config');
    return { texts, index, added: texts + index, text: db.prepare('SELECT sum(length(CAST(text AS BLOB))) FROM search').pluck().get() };
  } finally {
    db.close();
  }
}

function finish({ largeFacts, smallFacts, reportMonth }) {
  const machine = {
    cpus: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: Number(load0.toFixed(2)),
    loadAverageAtEnd: Number(loadavg()[0].toFixed(2)),
    memoryProbe,
  };
  const data = {
    large: { complaints: largeFacts.complaints, events: largeFacts.events, notClosed: largeFacts.notClosed, byStatus: largeFacts.byStatus, megabytes: Math.round(largeFacts.bytes / 2 ** 20), years: 10 },
    small: smallFacts && { complaints: smallFacts.complaints, events: smallFacts.events, notClosed: smallFacts.notClosed },
    csvRows: CONFIG.csvRows,
    csvRowsForMemory: CONFIG.csvBig,
    reportMonth,
  };
  const result = { mode: CONFIG.mode, date: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000), machine, data, rows };
  if (asJson) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else process.stdout.write(renderTable(result));
  process.exitCode = rows.some((row) => row.pass === false) ? 1 : 0;
}

const reportMonthOf = (large) => new Date(large.anchorMs - 31 * 86_400_000).toISOString().slice(0, 7);

/** A build's import of `csv` into a fresh store, checked to have imported every row. */
function importCommand(make, target, csv, rows) {
  return {
    ...make(target, '--json', 'import', csv),
    memory: true,
    before: () => {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
    },
    check: (result) => {
      const imported = JSON.parse(/\{[\s\S]*\}/.exec(result.stdout)?.[0] ?? '{}').imported;
      return imported === rows ? null : `imported ${imported} of ${rows} rows`;
    },
  };
}

/** Every row's command, this build's median ÷ the other build's, alternating the two in the same run. */
async function compareBuilds({ large, small, largeFacts, smallFacts }) {
  if (!existsSync(againstKesu)) throw new Error(`no built kesu at ${againstKesu}`);
  say(`\nthis build ÷ the build at ${dirname(dirname(againstKesu))} (alternating) … ${elapsed()}`);
  const open = ['open', '--customer', '王芳', '--phone', '13800138000', '--category', '质量', '--severity', '一般', '--desc', '电饭煲用了两天就坏了，开关失灵。', '--by', '店长'];
  const cases = [
    ['`kesu --version`', null, ['--version'], CONFIG.runs.startup],
    ['`kesu list` (small store)', small.path, ['list'], CONFIG.runs.startup],
    ['`kesu log` (small store)', small.path, ['log', String(smallFacts.newest), '已电话联系顾客，约好明天上门', '--by', '店长'], CONFIG.runs.startup],
    [`\`kesu open\` (${CONFIG.large.toLocaleString('en')} store)`, large.path, open, CONFIG.runs.size],
    [`\`kesu list\` (${CONFIG.large.toLocaleString('en')} store)`, large.path, ['list'], CONFIG.runs.size],
    [`\`kesu due\` (${CONFIG.large.toLocaleString('en')} store)`, large.path, ['due'], CONFIG.runs.size],
    [`\`kesu show\` (${CONFIG.large.toLocaleString('en')} store)`, large.path, ['show', String(largeFacts.newest)], CONFIG.runs.size],
    [`\`kesu report --month\` (${CONFIG.large.toLocaleString('en')} store)`, large.path, ['report', '--month', reportMonthOf(large)], CONFIG.runs.report],
  ];
  // A store this build made may be of a newer schema than the other build reads: then only the
  // commands without a store (and the imports, into stores of their own) are compared.
  const reads = runOnce(node, [againstKesu, '--db', small.path, 'list'], { env: baseEnv }).status === 0;
  if (!reads) say('  the other build cannot read the stores this build made (a newer schema): comparing the commands without a store, and the import');
  const lastLarge = largeFacts.newest;
  await removeAfter(large.path, lastLarge);
  try {
    for (const [what, db, args, runs] of cases.filter(([, db]) => reads || db === null)) {
      const samples = alternate([{ key: 'this', ...kesuCommand(db, ...args) }, { key: 'other', ...otherCommand(db, ...args) }], { runs, warmup: 2 });
      ratioRow({ id: `vs-${what}`, what: `${what}: this build ÷ the other`, a: samples.this, b: samples.other, aName: 'this', bName: 'other build', limit: 1.1 });
    }
  } finally {
    await removeAfter(large.path, lastLarge);
  }
  const csv = await formsCsv(CONFIG.csvRows);
  const rowsName = `${CONFIG.csvRows.toLocaleString('en')} forms`;
  const imports = alternate(
    [importCommand(kesuCommand, join(dataDir, 'import-work.db'), csv, CONFIG.csvRows), importCommand(otherCommand, join(dataDir, 'import-other.db'), csv, CONFIG.csvRows)].map((command, index) => ({ ...command, key: index === 0 ? 'this' : 'other' })),
    { runs: CONFIG.runs.import },
  );
  ratioRow({ id: 'vs-import', what: `\`kesu import\` of ${rowsName}: this build ÷ the other`, a: imports.this, b: imports.other, aName: 'this', bName: 'other build', limit: 1.1 });
  const peak = (sample) => ({ ms: sample.peakKb, error: sample.error ?? (sample.peakKb.length ? null : 'no memory probe') });
  ratioRow({ id: 'vs-import-memory', what: `\`kesu import\` of ${rowsName}, peak memory: this build ÷ the other`, a: peak(imports.this), b: peak(imports.other), aName: 'this', bName: 'other build', limit: 1.1, format: fmtMb });
  for (const target of ['import-work.db', 'import-other.db']) for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, `${target}${suffix}`), { force: true });
}

/**
 * The floor under the import rows: better-sqlite3 alone writing the rows the last `kesu import` of
 * the run stored (write-floor.js), with no CSV, no foreign-key checks and only the tables' own keys. Not a
 * target: it shows how much of the import's time no change to kesu's own code can remove.
 */
function importFloorRow(imported) {
  const what = `the rows of that import written by better-sqlite3 alone (no CSV, no foreign-key checks, only the tables' keys and the search index)`;
  const reference = `for reference: 60,000 rows/s is ${fmtMs((CONFIG.csvRows / 60_000) * 1000)}`;
  const runs = [];
  for (let run = 0; run < CONFIG.runs.floor; run++) {
    const result = runOnce(node, [join(root, 'test', 'bench', 'write-floor.js'), imported, join(dataDir, 'floor-work.db')], { env: baseEnv, timeoutMs: CONFIG.timeoutMs });
    if (result.status !== 0) {
      addRow({ id: 'import-floor', what, measured: '', figure: '', value: null, target: reference, pass: null, note: `failed: ${result.stderr.trim().split('\n')[0]}` });
      return;
    }
    runs.push(JSON.parse(result.stdout));
  }
  const total = median(runs.map((run) => run.totalMs));
  const part = (name) => fmtMs(median(runs.map((run) => run.ms[name])));
  const rows = runs[0].counts;
  addRow({
    id: 'import-floor',
    what: `${what}: ${rows.complaints.toLocaleString('en')} complaints, ${rows.events.toLocaleString('en')} events, ${rows.event_facts.toLocaleString('en')} report facts, ${rows.search.toLocaleString('en')} search texts with their index`,
    measured: `${fmtMs(total)} (complaints ${part('complaints')}, events ${part('events')}, facts ${part('event_facts')}, search ${part('search')}, commit ${part('commit')})`,
    figure: `${Math.round(CONFIG.csvRows / (total / 1000)).toLocaleString('en')} rows/s`,
    value: Math.round(CONFIG.csvRows / (total / 1000)),
    runs: runs.length,
    target: reference,
    pass: null,
    note: 'the floor under the import rows',
  });
}

function renderTable(result) {
  const { machine, data } = result;
  const head = ['what', 'medians', 'figure', 'target', 'result'];
  const body = result.rows.map((row) => [row.what, row.measured || '—', row.figure || (row.value ?? '—').toString(), row.target, row.pass === null ? `n/a${row.note ? ` (${row.note})` : ''}` : `${row.pass ? 'PASS' : 'FAIL'}${row.note ? ` (${row.note})` : ''}`]);
  const table = [head, head.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
  return [
    '',
    `kesu benchmark, ${result.mode} mode, ${result.date} (${result.seconds} s)`,
    `machine: ${machine.cpus} CPUs (${machine.cpu}), Node ${machine.node}, ${machine.platform}; load average ${machine.loadAverageAtStart} at start, ${machine.loadAverageAtEnd} at end`,
    `data: ${data.large.complaints.toLocaleString('en')} complaints over ${data.large.years} years (${data.large.events.toLocaleString('en')} events, ${data.large.notClosed} not closed, ${data.large.megabytes} MB)${data.small ? `; small store ${data.small.complaints.toLocaleString('en')} complaints (${data.small.notClosed} not closed); ${data.csvRows.toLocaleString('en')}-row forms CSV` : ''}`,
    '',
    table,
    '',
  ].join('\n');
}

await main();
