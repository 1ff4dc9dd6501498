#!/usr/bin/env node
// The launcher: runs the bundled CLI that `npm run build` makes (dist/bundle, for start-up speed),
// or the compiled modules in dist/cli when there is no bundle or it is older than the last
// compile (`tsc` alone does not bundle), so that a fresh compile is never shadowed by a stale bundle.
import { statSync } from 'node:fs';

const modified = (path) => statSync(new URL(path, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundled = modified('../dist/bundle/main.js') >= modified('../dist/cli/main.js') && modified('../dist/bundle/main.js') > 0;
await import(bundled ? '../dist/bundle/main.js' : '../dist/cli/main.js');
