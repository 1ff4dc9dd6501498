// Nothing lost, nothing leaked: outputs never land on the database or the input, re-used form
// numbers are never dropped, other programs' files are never taken for a store, an export restores
// a store exactly, typed text never drives the terminal, and cells never run as formulas.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, linkSync, openSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/sqlite/db.js';
import { KESU_APPLICATION_ID, MIGRATIONS } from '../../src/store/sqlite/migrations/index.js';
import { BIN, expectFailure, expectJsonFailure, expectOk, kesu, makeTempDir, on, removeTempDirs, testEnv, type ComplaintJson, type Kesu } from '../helpers/kesu.js';

afterAll(removeTempDirs);

const ESC = '\u001b';

interface Shop {
  readonly dir: string;
  readonly db: string;
  readonly run: Kesu;
  readonly csv: string;
}

/** Where a shop's files are: its folder, database and a CSV of forms (made by stockShop). */
function shopPlace(): Shop {
  const dir = makeTempDir();
  const db = join(dir, 'k.db');
  return { dir, db, run: on(db), csv: join(dir, 'forms.csv') };
}

/** A store with two complaints, one with a phone, and a CSV of forms beside it. */
async function smallShop(): Promise<Shop> {
  return stockShop(shopPlace());
}

async function stockShop(shop: Shop): Promise<Shop> {
  const { run, csv } = shop;
  await run.ok('open', '--customer', 'Wang Fang', '--phone', '13800138000', '--category', 'quality', '--desc', 'Kettle leaks', '--received', '2026-11-02 09:00');
  await run.ok('open', '--customer', 'Li Na', '--category', 'service', '--desc', 'Rude cashier', '--received', '2026-11-03 09:00');
  writeFileSync(csv, 'receivedAt,customer,category,description\n2026-11-04,Zhao,quality,Bad\n2026-11-05,Qian,nonsense,Bad\n');
  return shop;
}

const listed = async (run: Kesu) => (await run.json<ComplaintJson[]>('list', '--status', 'all')).map((c) => c.id);

describe('an output path that is the database or the input is refused, and nothing is written', () => {
  const shop = shopPlace();
  let before: Buffer;
  beforeAll(async () => {
    await stockShop(shop);
    before = readFileSync(shop.db);
  });

  it.each([
    ['report --out the database', ['report', '--format', 'html', '--out', shop.db], `--out ${shop.db} is the database itself`],
    ['export --out the database', ['export', '--out', shop.db], `--out ${shop.db} is the database itself`],
    ['export --out its WAL', ['export', '--out', `${shop.db}-wal`], `--out ${shop.db}-wal is the database's write-ahead log`],
    ['export --out its journal', ['export', '--out', `${shop.db}-journal`], `--out ${shop.db}-journal is the database's journal`],
    ['report --out its shared memory', ['report', '--out', `${shop.db}-shm`], `--out ${shop.db}-shm is the database's shared-memory file`],
    ['import --rejects the database', ['import', shop.csv, '--skip-invalid', '--rejects', shop.db], `--rejects ${shop.db} is the database itself`],
    ['import --rejects the input', ['import', shop.csv, '--skip-invalid', '--rejects', shop.csv], `--rejects ${shop.csv} is the file being read`],
  ])('%s', async (_, args, start) => {
    const message = expectFailure(await shop.run(...args), 1);
    expect(message.startsWith(start)).toBe(true);
    expect(expectJsonFailure(await shop.run('--json', ...args), 1).code).toBe('conflict');
    expect(await listed(shop.run)).toEqual([1, 2]);
  });

  it('through a symbolic link and a hard link too, and with the database named by KESU_DB', async () => {
    const link = join(shop.dir, 'link.html');
    symlinkSync(shop.db, link);
    const hard = join(shop.dir, 'hard.csv');
    linkSync(shop.db, hard);
    const relative = join(shop.dir, '.', 'sub', '..', 'k.db');
    for (const out of [link, hard, relative]) {
      expect(expectJsonFailure(await shop.run('--json', 'report', '--format', 'html', '--out', out), 1).code).toBe('conflict');
      expect(expectJsonFailure(await kesu(['--json', 'export', '--out', out], { env: { KESU_DB: shop.db } }), 1).code).toBe('conflict');
    }
    const input = join(shop.dir, 'input-link.csv');
    symlinkSync(shop.csv, input);
    expect(expectJsonFailure(await shop.run('--json', 'import', input, '--skip-invalid', '--rejects', shop.csv), 1).code).toBe('conflict');
    expect(await listed(shop.run)).toEqual([1, 2]);
    // the database's first page is still a database's
    expect(readFileSync(shop.db).subarray(0, 16)).toEqual(before.subarray(0, 16));
  });
});

describe('what is not the database is refused too when it is a database, or cannot be looked at', () => {
  it("another store, another name's WAL, the --map file; a path through a file or a loop is unwritable", async () => {
    const shop = await smallShop();
    const other = join(shop.dir, 'other.db');
    await on(other).ok('open', '--customer', 'Sun', '--category', 'quality', '--desc', 'x');
    expect(expectJsonFailure(await shop.run('--json', 'report', '--out', other), 1)).toEqual({ code: 'conflict', message: `--out ${other} is a database; give a file elsewhere, so that the records are never written over.` });
    const hard = join(shop.dir, 'hard.db');
    linkSync(shop.db, hard);
    expect(expectJsonFailure(await kesu(['--db', hard, '--json', 'export', '--out', `${shop.db}-wal`]), 1).code).toBe('conflict');
    const map = join(shop.dir, 'map.json');
    writeFileSync(map, '{}');
    expect(expectJsonFailure(await shop.run('--json', 'import', shop.csv, '--map', map, '--skip-invalid', '--rejects', map), 1).code).toBe('conflict');
    expect(readFileSync(map, 'utf8')).toBe('{}');
    expect(expectFailure(await shop.run('report', '--out', `${shop.db}/`), 1)).toBe(`Cannot write ${shop.db}/ (a part of the path is not a folder); check the folder exists and is writable, and that the disk has room.`);
    const loop = join(shop.dir, 'loop-a');
    symlinkSync(join(shop.dir, 'loop-b'), loop);
    symlinkSync(loop, join(shop.dir, 'loop-b'));
    expect(expectJsonFailure(await shop.run('--json', 'export', '--out', loop), 1).code).toBe('unwritable');
  });

  it('--out /dev/stdout appends to the file the shell opened, and never replaces it', async () => {
    const shop = await smallShop();
    const log = join(shop.dir, 'report.log');
    writeFileSync(log, 'earlier lines\n');
    const fd = openSync(log, 'a');
    try {
      const result = spawnSync(process.execPath, [BIN, '--db', shop.db, 'report', '--format', 'csv', '--out', '/dev/stdout'], { env: testEnv(), stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
      expect(result.status).toBe(0);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(log, 'utf8')).toMatch(/^earlier lines\nsection,figure,label/);
  });
});

describe('output files are put in place whole', () => {
  it('report and export replace an earlier file only when complete, and leave no temporary file', async () => {
    const shop = await smallShop();
    const out = join(shop.dir, 'out.csv');
    writeFileSync(out, 'earlier');
    await shop.run.ok('export', '--out', out);
    expect(readFileSync(out, 'utf8')).toMatch(/^\uFEFFref,receivedAt/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    await shop.run.ok('report', '--format', 'md', '--out', out);
    expect(readFileSync(out, 'utf8')).toMatch(/^# Complaints report/);
    expect(readdirSync(shop.dir).filter((name) => name.includes('.kesu-'))).toEqual([]);
  });

  it('an output that cannot be written leaves the earlier file as it was', async () => {
    const shop = await smallShop();
    const out = join(shop.dir, 'gone', 'out.csv');
    expect(expectJsonFailure(await shop.run('--json', 'export', '--out', out), 1).code).toBe('unwritable');
    expect(existsSync(out)).toBe(false);
  });
});

describe('re-used form numbers are never silently dropped', () => {
  const header = '编号,投诉日期,客户姓名,投诉类别,投诉内容\n';
  const setup = async () => {
    const dir = makeTempDir();
    const run = on(join(dir, 'k.db'));
    const november = join(dir, 'november.csv');
    writeFileSync(november, `${header}1,2026-11-02,王芳,质量,电饭煲漏电\n2,2026-11-03,李娜,服务,态度差\n`);
    expect((await run.json<{ imported: number }>('import', november)).imported).toBe(2);
    const december = join(dir, 'december.csv');
    writeFileSync(december, `${header}1,2026-12-01,唐僧,质量,袈裟褪色\n`);
    return { run, november, december };
  };

  it('the same number with other content is a problem of that row, naming the complaint, and nothing is imported', async () => {
    const { run, december } = await setup();
    const result = await run('--json', 'import', december);
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout) as { imported: number; rejected: number; errors: { row: number; column: string; message: string }[] };
    expect(summary).toMatchObject({ imported: 0, rejected: 1 });
    expect(summary.errors).toEqual([
      {
        row: 2,
        column: '编号',
        message:
          'form number 1 is already complaint 1 (王芳, 2026-11-02), which is another form; if this sheet numbers its forms anew, import it with --ref-prefix (for example --ref-prefix 2026-12-), else correct the number',
      },
    ]);
    expect(await listed(run)).toEqual([1, 2]);
    // in Chinese on the terminal, the row and column as the spreadsheet names them
    expect((await run('--lang', 'zh', 'import', december)).stderr.split('\n')[0]).toBe(
      '第 2 行，“编号”列：表单编号 1 已是投诉 1（王芳，2026-11-02），那是另一张表单；如果本表格的编号是重新开始的，请用 --ref-prefix 导入（例如 --ref-prefix 2026-12-），否则请改正编号',
    );
  });

  it("--ref-prefix makes a sheet's numbers its own; importing it again finds them present, by row and complaint", async () => {
    const { run, november, december } = await setup();
    expect((await run.json<{ imported: number }>('import', december, '--ref-prefix', '2026-12-')).imported).toBe(1);
    expect(await run.json<ComplaintJson>('show', '3')).toMatchObject({ ref: '2026-12-1', customer: { name: '唐僧' } });
    expect(await run.json('import', december, '--ref-prefix', '2026-12-')).toMatchObject({ imported: 0, alreadyPresent: 1, alreadyPresentRows: [{ row: 2, id: 3, sameAsRow: null }] });
    // the November sheet as it was is still recognised as present, form by form
    expect(await run.json('import', november)).toMatchObject({ imported: 0, alreadyPresent: 2, alreadyPresentRows: [{ row: 2, id: 1, sameAsRow: null }, { row: 3, id: 2, sameAsRow: null }] });
  });

  it('a later row of one file with the number of an earlier one but other content is a problem naming that row, dry or not', async () => {
    const dir = makeTempDir();
    const file = join(dir, 'twice.csv');
    writeFileSync(file, `${header}7,2026-11-02,王芳,质量,电饭煲漏电\n7,2026-11-02,王芳,质量,电饭煲漏电\n7,2026-11-04,孙悟空,服务,太慢\n`);
    const run = on(join(dir, 'k.db'));
    const result = await run('--json', 'import', file, '--skip-invalid', '--rejects', join(dir, 'rejects.csv'));
    expect(JSON.parse(result.stdout)).toMatchObject({
      imported: 1,
      alreadyPresent: 1,
      alreadyPresentRows: [{ row: 3, id: 1, sameAsRow: 2 }],
      rejected: 1,
      errors: [{ row: 4, column: '编号', message: 'form number 7 is also on row 2 of this file, with other content (王芳, 2026-11-02); correct the number of one of the two rows' }],
    });
    const dry = await run('--json', 'import', file, '--dry-run', '--ref-prefix', 'X-');
    expect(JSON.parse(dry.stdout)).toMatchObject({ alreadyPresentRows: [{ row: 3, sameAsRow: 2 }], errors: [{ row: 4, message: expect.stringMatching(/^form number X-7 is also on row 2 of this file/) }] });
    // the rejected row is kept as it was, with its problem, to be fixed and imported again
    expect(readFileSync(join(dir, 'rejects.csv'), 'utf8')).toMatch(/\r\n7,2026-11-04,孙悟空,服务,太慢,"row 4, column 编号: form number 7 is also on row 2 of this file/);
  });

  it('open --ref refuses a number already used, however it is written', async () => {
    const { run } = await setup();
    expect(expectFailure(await run('open', '--customer', 'Sun', '--category', 'quality', '--desc', 'x', '--ref', ' １ ', '--received', '2026-11-05 09:00'), 1)).toBe(
      'Form number １ is already complaint 1; give another --ref or look at kesu show 1.',
    );
  });
});

describe('the rejects file is written before anything is imported', () => {
  it('rejects that cannot be written (/dev/full) mean nothing is imported, exit 1, unwritable', async () => {
    const shop = await smallShop();
    const result = await shop.run('--json', 'import', shop.csv, '--skip-invalid', '--rejects', '/dev/full');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stderr.trim().split('\n').at(-1)!)).toMatchObject({ error: { code: 'unwritable' } });
    expect(await listed(shop.run)).toEqual([1, 2]);
  });
});

describe('only kesu databases are opened', () => {
  it("another program's SQLite file is refused by every command, and never given kesu's tables", async () => {
    const dir = makeTempDir();
    const other = join(dir, 'other.db');
    const raw = new Database(other);
    raw.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine')");
    raw.close();
    const before = readFileSync(other);
    for (const args of [['list'], ['open', '--customer', 'Li', '--category', 'quality', '--desc', 'x'], ['config', 'set', 'by', 'Li'], ['import', join(dir, 'none.csv')]]) {
      if (args[0] === 'import') writeFileSync(args[1]!, 'receivedAt,customer,category,description\n2026-11-04,Zhao,quality,Bad\n');
      expect(expectFailure(await kesu(['--db', other, ...args]), 1)).toBe(`${other} is not a kesu database; give another file with --db.`);
    }
    expect(readFileSync(other)).toEqual(before);
  });

  it('an empty file is no database to read, and becomes one for a command that starts a store', async () => {
    const dir = makeTempDir();
    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '');
    expect(expectFailure(await kesu(['--db', empty, 'list']), 1)).toBe(
      `${empty} is an empty file, not a kesu database; give the path of your kesu database with --db, or start one there with kesu open.`,
    );
    expect(statSync(empty).size).toBe(0);
    expectOk(await kesu(['--db', empty, 'open', '--customer', 'Li', '--category', 'quality', '--desc', 'x']));
    expect(await listed(on(empty))).toEqual([1]);
  });

  it('a store written before the mark (schema 2) is brought up to date and marked', async () => {
    const dir = makeTempDir();
    const old = join(dir, 'old.db');
    openDatabase(old, { migrations: MIGRATIONS.slice(0, 2) }).close();
    const result = await kesu(['--db', old, 'list']);
    expect(result.code).toBe(0);
    const db = new Database(old, { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(KESU_APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    db.close();
  });
});

describe('a JSON export restores a store completely', () => {
  /**
   * A store built with every command: reopened after a satisfied close, unfounded, withdrawn, notes,
   * calls, reassigns, answers, corrections (of a closed complaint too) and a void.
   */
  async function everyCommand(run: Kesu): Promise<void> {
    const id = async (...args: string[]) => String((await run.json<ComplaintJson>('open', ...args)).id);
    const a = await id('--customer', '王芳', '--phone', '138 0013 8000', '--category', 'quality', '--severity', 'major', '--desc', '电饭煲漏电\n手被电到', '--request', '退货', '--order', 'SO-9', '--ref', 'F-1', '--received', '2026-10-05 09:30', '--by', '小李');
    await run.ok('log', a, 'Called the customer', '--kind', 'call', '--at', '2026-10-05 10:00');
    await run.ok('answer', a, 'We send someone tomorrow', '--kind', 'call', '--at', '2026-10-05 10:30');
    await run.ok('log', a, 'Seal cracked', '--substantiated', 'yes', '--responsibility', 'supplier', '--root-cause', 'Bad seal', '--at', '2026-10-05 11:00');
    await run.ok('assign', a, '--to', '老张', '--dept', '品控部', '--at', '2026-10-05 12:00');
    await run.ok('edit', a, '--severity', 'urgent', '--phone', '139 0000 1111', '--note', 'typed wrong', '--at', '2026-10-05 13:00');
    await run.ok('assign', a, '--to', '老李', '--note', 'Zhang is away', '--at', '2026-10-06 09:00');
    await run.ok('resolve', a, '--solution', '换新机', '--compensation', '50', '--compensation-kind', 'voucher', '--root-cause', 'Bad seal', '--action', 'Check seals', '--at', '2026-10-06 15:00');
    await run.ok('followup', a, '--satisfaction', '5', '--at', '2026-10-08 10:00');
    await run.ok('followup', a, '--satisfaction', '4', '--method', 'visit', '--note', 'fine', '--at', '2026-10-14 10:00');
    await run.ok('reopen', a, '--note', 'It leaks again', '--at', '2026-10-20 10:00');
    await run.ok('resolve', a, '--solution', 'Refund', '--compensation', '299', '--compensation-kind', 'refund', '--at', '2026-10-21 10:00');
    await run.ok('followup', a, '--satisfaction', '2', '--at', '2026-10-22 10:00');
    const b = await id('--customer', 'Li Na', '--category', 'service', '--desc', 'Rude', '--received', '2026-10-06 09:00');
    // a date alone: the correction carries dateOnly
    await run.ok('escalate', b, '--note', 'Threatens to call the newspaper', '--to', '王店长', '--at', '2026-10-06 09:30');
    await run.ok('edit', b, '--received', '2026-10-05', '--category', 'after-sales', '--at', '2026-10-06 10:00');
    await run.ok('resolve', b, '--unfounded', '--finding', 'Camera shows otherwise', '--at', '2026-10-07 09:00');
    const c = await id('--customer', 'Zhao', '--category', 'delivery', '--severity', 'urgent', '--desc', 'Late', '--received', '2026-10-07 09:00');
    await run.ok('wait', c, '--on', 'supplier', '--note', 'Asked the courier', '--at', '2026-10-07 10:00');
    await run.ok('resume', c, '--at', '2026-10-07 16:00');
    await run.ok('wait', c, '--on', 'customer', '--at', '2026-10-07 17:00');
    await run.ok('close', c, '--reason', 'withdrawn', '--note', 'Found it', '--at', '2026-10-08 09:00');
    await run.ok('edit', c, '--request', 'A call back', '--order', '', '--at', '2026-10-09 09:00');
    await id('--customer', 'Zhao', '--category', 'delivery', '--desc', 'Late', '--received', '2026-10-07 09:00');
    await run.ok('log', '4', 'Same as #3', '--at', '2026-10-07 10:00');
    await run.ok('void', '4', '--reason', 'A double entry of #3', '--at', '2026-10-07 11:00');
    await run.ok('unvoid', '4', '--at', '2026-10-07 12:00');
    await run.ok('void', '4', '--reason', 'It really is #3', '--at', '2026-10-07 13:00');
    await id('--customer', 'Qian', '--category', 'quality', '--criterion', 'food poisoning', '--desc', 'Sick after the cake', '--received', '2026-10-09 09:00');
  }

  it('export → import into an empty store → export is byte for byte the same, ids and uuids kept', async () => {
    const dir = makeTempDir();
    const run = on(join(dir, 'a.db'));
    await everyCommand(run);
    const exported = join(dir, 'all.json');
    await run.ok('export', '--format', 'json', '--out', exported);
    const fresh = on(join(dir, 'b.db'));
    expect(await fresh.json('import', exported)).toEqual({ read: 5, imported: 5, alreadyPresent: 0, alreadyPresentRows: [], rejected: 0, errors: [] });
    const again = join(dir, 'again.json');
    await fresh.ok('export', '--format', 'json', '--out', again);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(exported, 'utf8'));
    expect(readFileSync(exported, 'utf8')).toMatch(/"type": "corrected"[\s\S]*"type": "answered"|"type": "answered"[\s\S]*"type": "corrected"/);
    expect(readFileSync(exported, 'utf8')).toContain('"type": "unvoided"');
    for (const type of ['waiting', 'resumed', 'escalated']) expect(readFileSync(exported, 'utf8')).toContain(`"type": "${type}"`);
    expect(readFileSync(exported, 'utf8')).toContain('"majorCriterion": "food-poisoning"');
    // importing it again adds nothing; the report is the same; what the store derives agrees with the events
    expect(await fresh.json('import', exported)).toMatchObject({ imported: 0, alreadyPresent: 5 });
    expect(await fresh.ok('report', '--month', '2026-10', '--format', 'json')).toBe(await run.ok('report', '--month', '2026-10', '--format', 'json'));
    expectOk(await fresh('check'));
    expect((await fresh.json<ComplaintJson[]>('list', '--status', 'voided')).map((c) => c.id)).toEqual([4]);
  });

  it('a correction whose "before" is not what the complaint had, or shown otherwise than its details say, is refused', async () => {
    const dir = makeTempDir();
    const run = on(join(dir, 'a.db'));
    await everyCommand(run);
    const exported = join(dir, 'all.json');
    await run.ok('export', '--format', 'json', '--out', exported);
    type Exported = ComplaintJson & { events: { changes: { before: string }[]; details: { changes: { field: string; before: string }[] } }[] };
    const cases: [(complaints: Exported[]) => void, string][] = [
      [
        (complaints) => {
          // its details and what is shown of them alike
          complaints[0]!.events[6]!.details.changes[1]!.before = 'normal';
          complaints[0]!.events[6]!.changes[1]!.before = 'normal';
        },
        'events[6].details.changes[1].before',
      ],
      [(complaints) => void (complaints[0]!.events[6]!.changes[1]!.before = 'normal'), 'events[6].changes'],
    ];
    for (const [change, column] of cases) {
      const complaints = JSON.parse(readFileSync(exported, 'utf8')) as Exported[];
      expect(complaints[0]!.events[6]!.details.changes[1]).toMatchObject({ field: 'severity', before: 'major' });
      change(complaints);
      const changed = join(dir, 'changed.json');
      writeFileSync(changed, JSON.stringify(complaints));
      const result = await on(join(dir, 'b.db'))('--json', 'import', changed);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout)).toMatchObject({ imported: 0, rejected: 1, errors: [{ row: 1, column }] });
    }
  });

  it('an export changed by hand, or redacted, is refused and nothing is imported', async () => {
    const dir = makeTempDir();
    const run = on(join(dir, 'a.db'));
    await everyCommand(run);
    const exported = join(dir, 'all.json');
    await run.ok('export', '--format', 'json', '--out', exported);
    const changed = join(dir, 'changed.json');
    writeFileSync(changed, readFileSync(exported, 'utf8').replace('"status": "closed"', '"status": "open"'));
    const fresh = on(join(dir, 'b.db'));
    const result = await fresh('--json', 'import', changed);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ imported: 0, rejected: 1, errors: [{ row: 2, column: 'status' }] });
    const redacted = join(dir, 'redacted.json');
    await run.ok('export', '--format', 'json', '--redact', '--out', redacted);
    const refused = await fresh('--json', 'import', redacted);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).errors[0].message).toMatch(/--redact cannot be imported back/);
    expect(existsSync(join(dir, 'b.db'))).toBe(false);
  });

  it('a phone or a satisfaction that decide would refuse is refused in an export too', async () => {
    const dir = makeTempDir();
    const run = on(join(dir, 'a.db'));
    await everyCommand(run);
    const exported = join(dir, 'all.json');
    await run.ok('export', '--format', 'json', '--out', exported);
    const text = readFileSync(exported, 'utf8');
    const fresh = on(join(dir, 'b.db'));
    const cases: [string, string, RegExp][] = [
      ['"phone": "138 0013 8000"', '"phone": "138 0013 8000 1234 5678 9012"', /not a phone number/],
      ['"satisfaction": 4', '"satisfaction": 6', /not a satisfaction from 1 to 5/],
    ];
    for (const [from, to, message] of cases) {
      expect(text).toContain(from);
      const changed = join(dir, 'changed.json');
      writeFileSync(changed, text.replaceAll(from, to));
      const result = await fresh('--json', 'import', changed);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout).errors.map((error: { message: string }) => error.message).join('\n')).toMatch(message);
    }
    expect(existsSync(join(dir, 'b.db'))).toBe(false);
  });
});

describe('typed text never drives the terminal', () => {
  const evil = `Evil${ESC}[31mRED${ESC}]0;pwned\u0007${ESC}[2J`;

  it('a value of characters drawn as nothing is an empty one; inside a name they do not make another customer', async () => {
    const shop = await smallShop();
    for (const blank of ['\u200b\u200b', '\u3164', '\u00ad', '\u2060\u200d', '\u2800']) {
      expect(expectFailure(await shop.run('open', '--customer', blank, '--category', 'quality', '--desc', 'x'), 1)).toBe('Give the customer name (--customer); it must not be empty.');
      expect(expectFailure(await shop.run('open', '--customer', 'Li', '--category', 'quality', '--desc', blank), 1)).toBe('Give the description (--desc); it must not be empty.');
      expect(expectFailure(await shop.run('log', '1', 'x', '--by', blank), 1)).toBe('Give who did it (--by); it must not be empty.');
    }
    await shop.run.ok('open', '--customer', '赵\u200b敏', '--category', 'quality', '--desc', 'first');
    await shop.run.ok('open', '--customer', '赵敏', '--category', 'quality', '--desc', 'second');
    expect((await shop.run.json<ComplaintJson[]>('list', '--customer', '赵敏')).map((c) => c.description).sort()).toEqual(['first', 'second']);
  });

  it('control characters and bidi overrides are refused on input, in every way in', async () => {
    const shop = await smallShop();
    expect(expectFailure(await shop.run('open', '--customer', evil, '--category', 'quality', '--desc', 'x'), 1)).toBe(
      'The customer name (--customer) holds the control character U+001B, which would change what a terminal shows; remove it and give plain text.',
    );
    expect(expectFailure(await shop.run('open', '--customer', 'Li', '--category', 'quality', '--desc', 'abc\u202Efed'), 1)).toMatch(/^The description \(--desc\) holds the control character U\+202E/);
    expect(expectFailure(await shop.run('log', '1', `note${ESC}[2J`), 1)).toMatch(/^The entry text holds the control character U\+001B/);
    expect(expectFailure(await shop.run('assign', '1', '--to', `Zhang\u0007`), 1)).toMatch(/^The assignee \(--to\) holds the control character U\+0007/);
    expect(expectFailure(await shop.run('config', 'set', 'by', `x\u009b31m`), 1)).toMatch(/^The value of by holds the control character U\+009B/);
    const file = join(shop.dir, 'evil.csv');
    writeFileSync(file, `receivedAt,customer,category,description\n2026-11-04,"${evil}",quality,Bad\n2026-11-04,Ok,quality,"bad\u2066x"\n`);
    const result = await shop.run('--json', 'import', file);
    expect(JSON.parse(result.stdout).errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [2, 'customer'],
      [3, 'description'],
    ]);
    // a tab or line feed is text where a field has lines; a name is one line
    expectOk(await shop.run('open', '--customer', 'Li', '--category', 'quality', '--desc', 'one\ttwo\nthree'));
    expect(expectFailure(await shop.run('open', '--customer', 'Li\tWei', '--category', 'quality', '--desc', 'x'), 1)).toBe('Write the customer name (--customer) on one line; remove the tab from it.');
  });

  it('what is stored already is shown escaped everywhere a person reads it; JSON keeps it exact', async () => {
    const shop = await smallShop();
    await shop.run.ok('assign', '1', '--to', 'Zhang', '--dept', 'QC', '--at', '2026-11-02 10:00');
    await shop.run.ok('resolve', '1', '--solution', 'x', '--root-cause', 'cause', '--at', '2026-11-02 11:00');
    // as if written by an older kesu or another program
    const db = new Database(shop.db);
    const json = JSON.stringify(evil).slice(1, -1);
    db.exec(`UPDATE events SET data = replace(data, '"Wang Fang"', '"${json}"') WHERE complaint_id = 1 AND seq = 1`);
    db.exec(`UPDATE events SET data = replace(data, '"QC"', '"${json}"'), actor = '${evil}' WHERE complaint_id = 1 AND seq = 2`);
    db.exec(`UPDATE event_facts SET department = '${evil}', root_cause = '${evil}' WHERE complaint_id = 1`);
    db.exec(`UPDATE settings SET value = replace(value, '"defaultActor":null', '"defaultActor":"${json}"')`);
    db.close();
    const outputs = [
      await shop.run.ok('list', '--status', 'all'),
      await shop.run.ok('show', '1'),
      await shop.run.ok('due', '--days', '30'),
      await shop.run.ok('config'),
      await shop.run.ok('report', '--month', '2026-11'),
      await shop.run.ok('report', '--month', '2026-11', '--format', 'md'),
      await shop.run.ok('report', '--month', '2026-11', '--format', 'csv'),
      await shop.run.ok('report', '--month', '2026-11', '--format', 'html'),
    ];
    for (const output of outputs) {
      expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    }
    expect(outputs[1]).toContain('Evil\\x1b[31mRED\\x1b]0;pwned\\x07\\x1b[2J');
    expect((await shop.run.json<ComplaintJson>('show', '1')).customer.name).toBe(evil);
    // an error message that quotes typed text shows it escaped too
    expect(expectFailure(await shop.run('list', '--status', `x${ESC}[2J`), 1)).toBe('--status "x\\x1b[2J" is not a status; use one or more of: open, assigned, resolved, closed, voided, or all.');
  });
});

describe('cells that begin like a formula are written as text, and import back as they were', () => {
  it('export and rejects prefix them with a quote; the import takes exactly that quote off', async () => {
    const dir = makeTempDir();
    const run = on(join(dir, 'a.db'));
    const names = ['=HYPERLINK("http://evil","x")', '+cmd|calc', '-2+3', '@SUM(A1)', "'=already quoted", "'plain"];
    for (const [index, name] of names.entries()) {
      await run.ok('open', '--customer', name, '--category', 'quality', '--desc', `case ${index}`, '--received', '2026-11-02 09:00');
    }
    const csv = await run.ok('export');
    expect(csv).toContain(',"\'=HYPERLINK(""http://evil"",""x"")",');
    for (const cell of ["'+cmd|calc", "'-2+3", "'@SUM(A1)", "''=already quoted", "'plain"]) expect(csv).toContain(`,${cell},`);
    const file = join(dir, 'export.csv');
    writeFileSync(file, csv);
    const fresh = on(join(dir, 'b.db'));
    await fresh.ok('import', file);
    expect((await fresh.json<ComplaintJson[]>('list', '--status', 'all')).map((c) => c.customer.name).sort()).toEqual([...names].sort());
    // a rejected row keeps its cells as text too
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'receivedAt,customer,category,description\n2026-11-04,=1+1,nonsense,@x\n');
    const rejects = join(dir, 'rejects.csv');
    expect((await fresh('import', bad, '--skip-invalid', '--rejects', rejects)).code).toBe(0);
    expect(readFileSync(rejects, 'utf8')).toMatch(/\r\n2026-11-04,'=1\+1,nonsense,'@x,"row 2, column category/);
  });
});

describe('what the attack run found, mended', () => {
  it('config reads weekdays and counts exactly: a typo is refused, not read as its first letters', async () => {
    const shop = await smallShop();
    for (const typo of ['mon;tue', 'monxyz', 'mon\u0007']) {
      expect(expectFailure(await shop.run('config', 'set', 'workweek', typo), 1)).toMatch(/^"mon.*" is not a list of weekdays; write it like mon-fri/);
    }
    expect((await shop.run.json<{ calendar: { workweek: number[] } }>('config', 'set', 'workweek', 'monday-saturday')).calendar.workweek).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await shop.run.json<{ calendar: { workweek: number[] } }>('config', 'set', 'workweek', '周一,周二,星期三')).calendar.workweek).toEqual([1, 2, 3]);
    for (const count of ['0x2', '1e1', '2.0', '0b11']) {
      expect(expectFailure(await shop.run('config', 'set', 'followups.quality', count), 1)).toMatch(/follow-ups required for quality must be a whole number from 1 to 10/);
    }
  });

  it('--ref-prefix is checked before anything is read; an empty --db is a usage error', async () => {
    const shop = await smallShop();
    expect(expectFailure(await shop.run('import', shop.csv, '--ref-prefix', `x${ESC}[31m`), 2)).toMatch(/^--ref-prefix must be a short piece of plain text on one line/);
    expect(expectFailure(await kesu(['--db', '', 'list']), 2)).toBe('--db is empty; give the path of the database file, or leave --db out.');
  });

  it('a --db that is a link to nothing, a damaged header, a damaged event: one sentence each, never internal', async () => {
    const shop = await smallShop();
    const dangling = join(shop.dir, 'dangling.db');
    symlinkSync(join(shop.dir, 'gone.db'), dangling);
    for (const args of [['list'], ['open', '--customer', 'Li', '--category', 'quality', '--desc', 'x'], ['import', shop.csv]]) {
      expect(expectFailure(await kesu(['--db', dangling, ...args]), 1)).toBe(`${dangling} is a symbolic link to ${join(shop.dir, 'gone.db')}, which does not exist; give the path of the database itself, or mend the link.`);
    }
    // an event changed outside kesu: named by show, list and export; found by check, which --repair leaves to a backup
    const db = new Database(shop.db);
    db.exec("UPDATE events SET data = json_set(data, '$.severity', 'apocalyptic') WHERE complaint_id = 2 AND seq = 1");
    db.exec("UPDATE events SET type = 'bogus' WHERE complaint_id = 1 AND seq = 1");
    db.close();
    for (const args of [['show', '1'], ['export', '--out', join(shop.dir, 'all.csv')], ['list']]) {
      const failure = expectJsonFailure(await shop.run('--json', ...args), 1);
      expect(failure.code).toBe('unreadable');
      expect(failure.message).toMatch(/^The records of complaint 1 are damaged \(.*\); run kesu check/);
    }
    expect(existsSync(join(shop.dir, 'all.csv'))).toBe(false);
    expect((await shop.run.json<ComplaintJson>('show', '2')).severity).toBe('apocalyptic');
    const checked = await shop.run('--json', 'check', '--repair');
    expect(checked.code).toBe(1);
    expect(JSON.parse(checked.stdout).problems.map((p: { complaint: number; what: string }) => [p.complaint, p.what.slice(0, 40)])).toEqual([
      [1, 'its first event is bogus, not opened'],
      [2, 'event 1 holds what kesu never writes (de'],
    ]);
    // a header damaged where SQLite reads the page size: kesu's mark is still there
    const damaged = join(shop.dir, 'damaged.db');
    await on(damaged).ok('open', '--customer', 'Li', '--category', 'quality', '--desc', 'x');
    const bytes = readFileSync(damaged);
    bytes.writeUInt16BE(3, 16);
    writeFileSync(damaged, bytes);
    expect(expectFailure(await kesu(['--db', damaged, 'list']), 1)).toMatch(/^The database .*damaged\.db is damaged \(its header cannot be read\); run kesu check/);
  });
});

describe('limits said in one sentence', () => {
  let shop: Shop;
  beforeAll(async () => {
    shop = await smallShop();
  });

  it('due --days far ahead, a calendar closed for a year, an import of a folder', async () => {
    expect(expectFailure(await shop.run('due', '--days', '100000'), 1)).toBe('--days 100000 is more than 366: the agenda looks at most a year of working days ahead.');
    expect(expectFailure(await shop.run('config', 'add', 'holiday', '2026-01-01..2026-12-31'), 1)).toBe(
      'That setting cannot be used: the shop would be closed for 365 days in a row from 2026-01-01, with no working day to count a deadline in.',
    );
    expect(expectFailure(await shop.run('import', shop.dir), 1)).toBe(`Cannot read ${shop.dir}: it is a folder, not a CSV file; give the path of the file to import.`);
  });

  it('a text is as long as its characters, not its UTF-16 units', async () => {
    const emoji = '😀'.repeat(4000);
    expect((await shop.run.json<ComplaintJson>('open', '--customer', 'Li', '--category', 'quality', '--desc', emoji)).description).toBe(emoji);
    expect(expectFailure(await shop.run('open', '--customer', 'Li', '--category', 'quality', '--desc', `${emoji}😀`), 1)).toBe(
      'The description (--desc) is 4001 characters long, which is too long; keep it to 4000 characters or fewer.',
    );
  });
});
