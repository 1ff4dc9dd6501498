// Bundles the compiled CLI (dist/) into dist/bundle/ with esbuild, for start-up speed: one file to
// read and no module resolution for commander, chalk, dayjs, cli-table3 and the rest on every
// `kesu` run. Code that is imported lazily (a command, prompts, report renderers) stays in its own
// chunk and is still loaded only when used. better-sqlite3's JavaScript is bundled too (fourteen
// files fewer to read at start-up); its native addon is loaded by path (store/db.ts nativeBinding).
// bin/kesu.js runs the bundle when it is at least as new as dist/cli/main.js, else dist/ directly.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  // The import's worker thread is started from its own file (dist/bundle/import-worker.js).
  entryPoints: { main: join(root, 'dist', 'cli', 'main.js'), 'import-worker': join(root, 'dist', 'cli', 'commands', 'import-worker.js') },
  outdir,
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The CommonJS packages in the bundle (commander, cli-table3, iconv-lite…) call require for Node's
  // own modules; an ES module has no require of its own.
  banner: { js: "import { createRequire as __kesuCreateRequire } from 'node:module';\nconst require = __kesuCreateRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
