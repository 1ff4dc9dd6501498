// The Quick start's promise (issue 14, item 11): `npm link` leaves `kesu` on the PATH as a symbolic
// link to bin/kesu.js, and every example of the READMEs says `kesu`.
import { execFileSync } from 'node:child_process';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, makeTempDir, removeTempDirs, ROOT, testEnv } from '../helpers/kesu.js';

afterAll(removeTempDirs);

describe('installed as npm link installs it', () => {
  it('runs as `kesu` from the PATH, through a symbolic link, in another folder', () => {
    const bin = makeTempDir();
    symlinkSync(BIN, join(bin, 'kesu'));
    const elsewhere = makeTempDir();
    const env = { ...testEnv(), PATH: `${bin}:${process.env.PATH ?? ''}`, KESU_DB: join(elsewhere, 'k.db') };
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
    expect(execFileSync('kesu', ['--version'], { cwd: elsewhere, env, encoding: 'utf8' }).trim()).toBe(version);
    const opened = execFileSync('kesu', ['open', '--customer', '王芳', '--category', 'quality', '--desc', 'Kettle leaks'], { cwd: elsewhere, env, encoding: 'utf8' });
    expect(opened).toMatch(/^Recorded complaint #1\./);
  });

  it('is what the package declares for npm link, and what every README example calls', () => {
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bin).toEqual({ kesu: 'bin/kesu.js' });
    for (const readme of ['README.md', 'README.zh.md']) {
      const text = readFileSync(join(ROOT, readme), 'utf8');
      expect(text, readme).toContain('npm install && npm link');
      // npx only where the README says what it costs
      expect(text.split('\n').filter((line) => line.includes('npx kesu') && !line.includes('half a second')), readme).toEqual([]);
    }
  });
});
