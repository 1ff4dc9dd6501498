// Bundles the compiled CLI (dist/) with esbuild, for start-up speed, then makes the bundle's V8
// code cache (scripts/code-cache.cjs):
// - dist/bundle/kesu.cjs: the CLI in one CommonJS file, which bin/kesu.js compiles with that cache
//   (Node 20 has no code cache for ES modules). No module resolution and no parsing on a run. The
//   libraries that only the import, the export, the report files and the questions use
//   (csv-stringify, iconv-lite, stream-json, @inquirer/*) and the official calendars (chinese-days,
//   date-holidays: `kesu config holidays`, and a warning of a year not loaded) stay outside it and are loaded when used:
//   reading them would cost every command.
// - dist/bundle/import-worker.js: the import's reading thread, started from its own file.
// - dist/bundle/notify-runner.js: the notification runner (services/notify-runner.ts), started detached.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
// commander requires child_process (which loads net, dgram and more of Node) to run subcommands kept in
// files of their own; kesu has none. Inside the CLI's bundle it gets child_process on first use.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(plugin) {
    plugin.onResolve({ filter: /^(node:)?child_process$/ }, ({ importer }) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(importer) ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined,
    );
    plugin.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, name) => require('node:child_process')[name] });",
      loader: 'js',
    }));
  },
};
const common = { bundle: true, platform: 'node', target: 'node20', legalComments: 'none', logLevel: 'warning' };
await build({
  ...common,
  entryPoints: [join(root, 'dist', 'cli', 'main.js')],
  outfile: join(outdir, 'kesu.cjs'),
  format: 'cjs',
  external: ['csv-stringify', 'iconv-lite', 'stream-json', '@inquirer/core', '@inquirer/select', 'chinese-days', 'date-holidays'],
  plugins: [lazyChildProcess],
  // bin/kesu.js passes the bundle's own URL: paths next to it (the worker) and packages under it.
  define: { 'import.meta.url': '__kesuUrl' },
});
// stream-json is an ES module (loaded with import() when an export is restored), and import() in
// code that bin/kesu.js compiles with node:vm would need an experimental loader (which prints an
// ExperimentalWarning): the bundle asks the launcher to import it instead. (@inquirer/* have
// CommonJS builds, which the bundle requires when a question is first asked.)
const cli = join(outdir, 'kesu.cjs');
const EXTERNAL_ES_MODULES = ['stream-json/streamers/stream-array.js'];
let rewritten = readFileSync(cli, 'utf8');
for (const name of EXTERNAL_ES_MODULES) {
  const imports = rewritten.split(`import("${name}")`);
  if (imports.length !== 2) throw new Error(`expected one import("${name}") in ${cli}, found ${imports.length - 1}`);
  rewritten = imports.join(`__kesuImport("${name}")`);
}
if (/(^|[^\w$.])import\(/.test(rewritten)) throw new Error(`${cli} has an import() that bin/kesu.js cannot serve`);
// @inquirer/select's CommonJS build marks its default export as an ES module's (__esModule), but
// esbuild, bundling ES modules of a "type": "module" package, gives them Node's view of a CommonJS
// module, whose default is the whole exports object: ask it to honour the mark instead.
const nodeView = '__toESM(require("@inquirer/select"), 1)';
if (rewritten.split(nodeView).length !== 2) throw new Error(`expected one ${nodeView} in ${cli}`);
rewritten = rewritten.replace(nodeView, '__toESM(require("@inquirer/select"))');
writeFileSync(cli, rewritten);

await build({
  ...common,
  entryPoints: [join(root, 'dist', 'cli', 'services', 'import-worker.js')],
  outfile: join(outdir, 'import-worker.js'),
  format: 'esm',
  // The CommonJS packages in the bundle (iconv-lite and its dependencies) call require for
  // Node's own modules; an ES module has no require of its own.
  banner: { js: "import { createRequire as __kesuCreateRequire } from 'node:module';\nconst require = __kesuCreateRequire(import.meta.url);" },
});
// The notification runner is started as a process of its own from the file beside the CLI: here, the
// compiled runner (it opens the store; nobody waits for its start-up).
writeFileSync(join(outdir, 'notify-runner.js'), "import '../cli/services/notify-runner.js';\n");
const made = spawnSync(process.execPath, [join(root, 'scripts', 'code-cache.cjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
if (made.status !== 0) throw new Error('making the code cache failed (see above)');
