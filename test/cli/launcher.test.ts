// The launcher (bin/kesu.js) runs the bundle with the code cache the build made for it; a cache that
// V8 refuses would cost every command its start-up time without failing anything else.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/kesu.js';

interface Launcher {
  loadBundle(options?: { codeCache?: boolean }): { script: { cachedDataRejected?: boolean }; main: unknown };
}

const launcher = createRequire(import.meta.url)(BIN) as Launcher;

describe('the launcher', () => {
  it("compiles the bundle from the build's code cache, which V8 accepts", () => {
    const { script, main } = launcher.loadBundle();
    expect(script.cachedDataRejected).toBe(false);
    expect(main).toBeTypeOf('function');
  });

  it('compiles the bundle without a cache when asked', () => {
    expect(launcher.loadBundle({ codeCache: false }).script.cachedDataRejected).toBeUndefined();
  });
});
