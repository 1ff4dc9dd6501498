#!/usr/bin/env node
// The launcher. A CommonJS script (bin/package.json), because Node starts one faster than an ES
// module. It runs the bundled CLI that `npm run build` makes (dist/bundle/kesu.cjs) with the V8 code
// cache the build made for it (scripts/code-cache.cjs), so that a command starts without parsing or
// compiling kesu's code. It runs the compiled modules in dist/cli instead when there is no bundle or
// it is older than the last compile (`tsc` alone does not bundle), so that a fresh compile is never
// shadowed by a stale bundle.
'use strict';
const { readFileSync, statSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { Script } = require('node:vm');

const dist = join(__dirname, '..', 'dist');
const BUNDLE = join(dist, 'bundle', 'kesu.cjs');
const CODE_CACHE = `${BUNDLE}.cache`;

const modified = (path) => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? -1;

/**
 * Compiles the bundle as a CommonJS module would be. `codeCache`: use the build's code cache when it
 * was made from this bundle (V8 itself checks only the source's length, its own version and flags).
 * `bundleModified`: the bundle's time, when the caller has it already. Returns the compiled script
 * (for making a cache) and the bundle's exports.
 */
function loadBundle({ codeCache = true, bundleModified = modified(BUNDLE) } = {}) {
  const source = readFileSync(BUNDLE, 'utf8');
  const cachedData = codeCache && modified(CODE_CACHE) >= bundleModified ? readFileSync(CODE_CACHE) : undefined;
  const script = new Script(`(function (exports, require, module, __filename, __dirname, __kesuUrl, __kesuImport) {${source}\n})`, {
    filename: BUNDLE,
    cachedData,
  });
  const bundle = { exports: {} };
  // __kesuImport: stream-json is an ES module, which only a module outside node:vm can import.
  const importModule = (specifier) => import(specifier);
  script.runInThisContext()(bundle.exports, createRequire(BUNDLE), bundle, BUNDLE, join(dist, 'bundle'), pathToFileURL(BUNDLE).href, importModule);
  return { script, main: bundle.exports.main };
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const compiled = join(dist, 'cli', 'main.js');
  const bundleModified = modified(BUNDLE);
  const compiledModified = modified(compiled);
  if (bundleModified > 0 && bundleModified >= compiledModified) loadBundle({ bundleModified }).main(argv);
  else if (compiledModified > 0) import(pathToFileURL(compiled).href).then(({ main }) => main(argv));
  else {
    process.stderr.write(`kesu: kesu is not built; run npm install (or npm run build) in ${join(__dirname, '..')}.\n`);
    process.exitCode = 1;
  }
}

module.exports = { loadBundle, CODE_CACHE };
