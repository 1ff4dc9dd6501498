// kesu backup FILE end to end: a copy that kesu opens as the original, self-contained and owner-only,
// consistent while other processes write; never the database itself; a failure leaves FILE as it was.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KESU_APPLICATION_ID } from '../../src/store/sqlite/migrations/index.js';
import { BIN, expectJsonFailure, expectOk, expectSentence, ISO_WITH_OFFSET, kesu, kesuAsync, makeDb, makeTempDir, on, removeTempDirs, ROOT, testEnv } from '../helpers/kesu.js';
import { damageEventsPage, importForms, seedShop } from '../helpers/shop.js';

afterAll(removeTempDirs);

interface BackupJson {
  file: string;
  bytes: number;
  complaints: number;
  at: string;
}

const hashOf = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('kesu backup FILE', () => {
  it('makes a copy that kesu opens as the original: the same list and show, 0600, journal mode delete, no -wal or -shm beside it', async () => {
    // given a store with complaints
    const db = makeDb();
    const run = await seedShop(db);
    const file = join(makeTempDir(), 'kesu-2026-11-01.db');
    // when it is backed up
    const made = await run.json<BackupJson>('backup', file);
    // then it says where the copy is, its size and how many complaints it holds
    expect(made).toEqual({ file, bytes: statSync(file).size, complaints: 4, at: expect.stringMatching(ISO_WITH_OFFSET) as string });
    expect(Object.keys(made)).toEqual(['file', 'bytes', 'complaints', 'at']);
    // and the copy is owner-only, one file, in the rollback journal mode, with kesu's application id
    expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
    expect(readdirSync(join(file, '..'))).toEqual(['kesu-2026-11-01.db']);
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.pragma('application_id', { simple: true })).toBe(KESU_APPLICATION_ID);
    expect(copy.prepare('SELECT count(*) FROM complaints').pluck().get()).toBe(4);
    copy.close();
    // read-only, it is read without making -wal or -shm files (as on read-only media)
    expect(existsSync(`${file}-wal`) || existsSync(`${file}-shm`)).toBe(false);
    // and kesu shows in it what it shows in the original
    const fromCopy = on(file);
    expect(await fromCopy.ok('list', '--status', 'all')).toBe(await run.ok('list', '--status', 'all'));
    for (const id of ['1', '2', '3', '4']) expect(await fromCopy.json('show', id)).toEqual(await run.json('show', id));
    expect(await fromCopy.json('report', '--month', '2026-10')).toEqual(await run.json('report', '--month', '2026-10'));
  });

  it('says in one sentence where the copy is, its size and how many complaints it holds, in English and Chinese', async () => {
    const db = makeDb();
    await seedShop(db);
    const file = join(makeTempDir(), 'backup.db');
    const result = await kesu(['--db', db, 'backup', file]);
    expectOk(result);
    expect(result.stdout).toMatch(new RegExp(`^Backed up 4 complaints to ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ KB\\)\\.\\n$`));
    const zh = await kesu(['--db', db, '--lang', 'zh', 'backup', file]);
    expectOk(zh);
    expect(zh.stdout).toMatch(/^已将 4 条投诉备份到 .+backup\.db（\d+ KB）。\n$/);
  });

  it('replaces an earlier backup at FILE with the new copy, made owner-only', async () => {
    const db = makeDb();
    const run = await seedShop(db);
    const file = join(makeTempDir(), 'kesu.db');
    writeFileSync(file, 'an earlier backup', { mode: 0o644 });
    expect((await run.json<BackupJson>('backup', file)).complaints).toBe(4);
    expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
    expect(await on(file).json<unknown[]>('list', '--status', 'all')).toHaveLength(4);
  });

  it('made while other kesu processes write, gives copies that kesu check finds sound', async () => {
    // given a store, and two processes writing to it in a loop (new complaints, and timeline entries)
    const db = makeDb();
    await importForms(db, 300);
    let writing = true;
    const done = [0, 0];
    const writer = async (w: number, args: (n: number) => string[]): Promise<number> => {
      while (writing) {
        const result = await kesuAsync(['--db', db, ...args(done[w]!)]);
        expect(result.stderr).toBe('');
        done[w]!++;
      }
      return done[w]!;
    };
    const writers = [
      writer(0, (n) => ['open', '--customer', `Writer ${n}`, '--category', 'service', '--desc', `Complaint ${n} written during a backup`]),
      writer(1, (n) => ['log', String(1 + (n % 300)), `entry ${n} written during a backup`]),
    ];
    // when backups are made meanwhile, until each writer has written several times
    const dir = makeTempDir();
    const copies: { file: string; complaints: number }[] = [];
    try {
      for (let i = 0; i < 40 && (i < 4 || Math.min(...done) < 5); i++) {
        const file = join(dir, `copy-${i}.db`);
        const result = await kesuAsync(['--db', db, '--json', 'backup', file]);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        copies.push({ file, complaints: (JSON.parse(result.stdout) as BackupJson).complaints });
      }
    } finally {
      writing = false;
    }
    const written = await Promise.all(writers);
    expect(written.every((n) => n > 0)).toBe(true);
    // then every copy is sound, and holds the complaints it says, at least the 300 there before
    expect(copies.at(-1)!.complaints).toBeGreaterThan(copies[0]!.complaints);
    for (const { file, complaints } of copies) {
      expect(complaints).toBeGreaterThanOrEqual(300);
      const check = await on(file).json<{ ok: boolean; complaints: number }>('check');
      expect(check).toMatchObject({ ok: true, complaints });
    }
    // and the database itself is sound too, with every complaint written
    expect(await on(db).json<{ ok: boolean; complaints: number }>('check')).toMatchObject({ ok: true, complaints: 300 + written[0]! });
  });

  describe('refuses a FILE that is the database (exit 1, conflict), and leaves the database as it was', () => {
    const db = makeDb();
    const run = on(db);
    const dir = makeTempDir();
    const symlink = join(dir, 'link-to-the-database.db');
    const hardLink = join(dir, 'hard-link.db');
    beforeAll(async () => {
      await seedShop(db);
      symlinkSync(db, symlink);
      linkSync(db, hardLink);
    });
    const cases: [string, string, RegExp][] = [
      ['the database itself', db, /is the database itself/],
      ['its write-ahead log', `${db}-wal`, /is the database's write-ahead log/],
      ["its shared-memory file", `${db}-shm`, /is the database's shared-memory file/],
      ['a symbolic link to it', symlink, /is the database itself/],
      ['a hard link to it', hardLink, /is the database itself/],
    ];
    it.each(cases)('%s', async (_, file, message) => {
      const before = { hash: hashOf(db), list: await run.ok('list', '--status', 'all') };
      const error = expectJsonFailure(await kesu(['--db', db, '--json', 'backup', file]), 1);
      expect(error.code).toBe('conflict');
      expect(error.message).toMatch(message);
      expect(error.message).toMatch(/^backup .+; give a file elsewhere, so that the records are never written over\.$/);
      expect(hashOf(db)).toBe(before.hash);
      expect(await run.ok('list', '--status', 'all')).toBe(before.list);
      expect(readlinkSync(symlink)).toBe(db);
      expect(lstatSync(hardLink).ino).toBe(statSync(db).ino);
      expect(readdirSync(dir).sort()).toEqual(['hard-link.db', 'link-to-the-database.db']);
    });
  });

  describe('a FILE kesu cannot write is unwritable, in one sentence', () => {
    const db = makeDb();
    beforeAll(async () => void await seedShop(db));

    it('in a folder that does not exist: nothing is made', async () => {
      const dir = makeTempDir();
      const file = join(dir, 'no-such-folder', 'kesu.db');
      const error = expectJsonFailure(await kesu(['--db', db, '--json', 'backup', file]), 1);
      expect(error).toEqual({ code: 'unwritable', message: `Cannot write the backup ${file} (the folder does not exist); check the folder exists and is writable, and that the disk has room.` });
      expect(readdirSync(dir)).toEqual([]);
    });

    it('a folder', async () => {
      const dir = makeTempDir();
      mkdirSync(join(dir, 'backups'));
      const error = expectJsonFailure(await kesu(['--db', db, '--json', 'backup', join(dir, 'backups')]), 1);
      expect(error.code).toBe('unwritable');
      expect(error.message).toMatch(/ \(it is a folder\); /);
      expect(readdirSync(join(dir, 'backups'))).toEqual([]);
    });

    // A device is not a file a backup can be renamed into (and renaming over /dev/full as root would replace the device).
    it.skipIf(!existsSync('/dev/full'))('a device such as /dev/full, which stays as it is', async () => {
      const error = expectJsonFailure(await kesu(['--db', db, '--json', 'backup', '/dev/full']), 1);
      expect(error.code).toBe('unwritable');
      expect(error.message).toBe('Cannot write the backup /dev/full (it is a device or a pipe, not a file); give the path of a file, in a folder on the disk that keeps the backups.');
      expectSentence(error.message);
      expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
      expect(readdirSync('/dev').filter((name) => name.includes('.kesu-'))).toEqual([]);
    });

    // A file size limit (ulimit -f) makes the copy's writes fail half-way, as a full disk does.
    it.skipIf(process.platform === 'win32')('a disk that fills up half-way: an earlier backup at FILE is left as it was, and nothing else', async () => {
      // given a store larger than the limit, and an earlier backup
      const big = makeDb();
      await importForms(big, 300);
      expect(statSync(big).size).toBeGreaterThan(512 * 1024);
      const dir = makeTempDir();
      const file = join(dir, 'kesu.db');
      writeFileSync(file, 'the earlier backup');
      // when the backup runs where no file may grow past 256 blocks (128 or 256 KB, as the shell counts)
      const result = spawnSync('sh', ['-c', `ulimit -f 256 && exec "${process.execPath}" "${BIN}" --db "${big}" --json backup "${file}"`], {
        cwd: ROOT,
        env: testEnv(),
        encoding: 'utf8',
      });
      // then it fails in one sentence, as unwritable
      const error = expectJsonFailure({ stdout: result.stdout, stderr: result.stderr, code: result.status, signal: result.signal }, 1);
      expect(error.code).toBe('unwritable');
      expect(error.message).toMatch(new RegExp(`^Cannot write the backup ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(.+\\); `));
      // and the earlier backup is as it was, with no half-made copy beside it
      expect(readFileSync(file, 'utf8')).toBe('the earlier backup');
      expect(readdirSync(dir)).toEqual(['kesu.db']);
    });
  });

  it('of a damaged database does not take the place of an earlier backup', async () => {
    // given a database with a damaged page, and an earlier backup
    const db = makeDb();
    await importForms(db, 300);
    damageEventsPage(db);
    const file = join(makeTempDir(), 'kesu.db');
    writeFileSync(file, 'the earlier backup');
    // when it is backed up
    const error = expectJsonFailure(await kesu(['--db', db, '--json', 'backup', file]), 1);
    // then it is said to be damaged, naming kesu check, and the earlier backup is kept
    expect(error.code).toBe('unreadable');
    expect(error.message).toMatch(/^The database .+ is damaged \(.+\), so its copy was not put at .+, and a backup there before is kept; run kesu check to see what is wrong\.$/);
    expect(readFileSync(file, 'utf8')).toBe('the earlier backup');
    expect(readdirSync(join(file, '..'))).toEqual(['kesu.db']);
  });
});
