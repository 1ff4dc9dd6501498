// The launcher (bin/kesu.js) runs the bundle with the code cache the build made for it, only when
// they belong together, and the compiled modules when the bundle is older than them. A cache that
// V8 refuses, or one that is never given, would cost every command its start-up time without
// failing anything else.
import { cpSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, kesuProcess, makeTempDir, removeTempDirs, ROOT } from '../helpers/kesu.js';

interface Launcher {
  loadBundle(options?: { codeCache?: boolean }): { script: { cachedDataRejected?: boolean }; main: unknown };
}

const load = (bin: string): Launcher => createRequire(import.meta.url)(bin) as Launcher;

/** A copy of the built kesu (bin/, dist/, and the installed packages by a link) to change the files of. */
function copyOfKesu({ dist = true } = {}): string {
  const root = makeTempDir();
  cpSync(join(ROOT, 'bin'), join(root, 'bin'), { recursive: true });
  if (dist) cpSync(join(ROOT, 'dist'), join(root, 'dist'), { recursive: true, preserveTimestamps: true });
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  return root;
}

const run = (root: string, ...args: string[]) => kesuProcess(args, { bin: join(root, 'bin', 'kesu.js') });

afterAll(removeTempDirs);

describe('the launcher', () => {
  it("compiles the bundle from the build's code cache, which V8 accepts", () => {
    const { script, main } = load(BIN).loadBundle();
    expect(script.cachedDataRejected).toBe(false);
    expect(main).toBeTypeOf('function');
  });

  it('gives V8 no cache older than the bundle (made from another one)', () => {
    const root = copyOfKesu();
    const bundle = join(root, 'dist', 'bundle', 'kesu.cjs');
    utimesSync(`${bundle}.cache`, new Date('2026-01-01'), new Date('2026-01-01'));
    utimesSync(bundle, new Date('2026-01-02'), new Date('2026-01-02'));
    expect(load(join(root, 'bin', 'kesu.js')).loadBundle().script.cachedDataRejected).toBeUndefined();
  });

  it('runs the compiled modules when the bundle is older than them', () => {
    const root = copyOfKesu();
    const bundle = join(root, 'dist', 'bundle', 'kesu.cjs');
    // A bundle that would fail if it were run.
    writeFileSync(bundle, 'throw new Error("the stale bundle ran");\n');
    utimesSync(bundle, new Date('2026-01-01'), new Date('2026-01-01'));
    expect(run(root, '--version')).toMatchObject({ code: 0, stdout: '0.1.0\n', stderr: '' });
  });

  it('says in one sentence that kesu is not built when there is nothing to run', () => {
    const root = copyOfKesu({ dist: false });
    mkdirSync(join(root, 'dist'));
    expect(run(root, 'list')).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `kesu: kesu is not built; run npm install (or npm run build) in ${root}.\n`,
    });
  });
});
