// Makes the V8 code cache of dist/bundle/kesu.cjs (dist/bundle/kesu.cjs.cache), which bin/kesu.js
// gives V8 so that a run starts without parsing or compiling. V8 puts in a cache the functions
// compiled so far, so the commands a user waits on are run here first, on a scratch store; the
// import, export and report are left out (they run long enough not to notice, and would make the
// cache, which every run reads, bigger). Run by scripts/bundle.js with its output ignored.
'use strict';
const { mkdtempSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { loadBundle, CODE_CACHE } = require('../bin/kesu.js');

const COMMANDS = [
  ['open', '--customer', '王芳', '--phone', '138 0013 8000', '--category', 'quality', '--desc', '收到的杯子有裂纹', '--request', '换一个'],
  ['list'],
  // list and due as on a terminal too (stdout is /dev/null here, a character device): their tables fitted to it.
  { terminal: true, args: ['list'] },
  { terminal: true, args: ['due'] },
  ['due'],
  ['show', '1'],
  ['log', '1', '已电话联系顾客'],
  ['assign', '1', '--to', '李娜'],
  ['--lang', 'zh', 'list', '--status', 'all'],
  ['--json', 'show', '1'],
];

async function train() {
  const scratch = mkdtempSync(join(tmpdir(), 'kesu-code-cache-'));
  try {
    const { script, main } = loadBundle({ codeCache: false });
    for (const command of COMMANDS) {
      const { args, terminal } = Array.isArray(command) ? { args: command, terminal: false } : command;
      Object.assign(process.stdout, { isTTY: terminal, columns: terminal ? 80 : undefined });
      await main(['--db', join(scratch, 'kesu.db'), ...args]);
      if (process.exitCode) throw new Error(`kesu ${args.join(' ')} failed while making the code cache`);
    }
    writeFileSync(`${CODE_CACHE}.tmp`, script.createCachedData());
    renameSync(`${CODE_CACHE}.tmp`, CODE_CACHE);
  } finally {
    // After the stores' own exit handlers have closed them (a folder with an open database cannot
    // be removed everywhere).
    process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));
  }
}

train().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
});
