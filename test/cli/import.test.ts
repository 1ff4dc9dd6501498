// kesu import end to end: the fixture forms in every encoding, every broken fixture with the exact
// row and column of its problem, idempotence, --dry-run, --skip-invalid, --map and --template.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FORM_FIELDS } from '../../src/workflow/forms.js';
import { expectFailure, expectJsonFailure, expectOk, kesu, makeDb, makeTempDir, on, removeTempDirs, ROOT, STACK_LINE, type ComplaintJson } from '../helpers/kesu.js';

afterAll(removeTempDirs);

const fixture = (name: string): string => join(ROOT, 'fixtures', name);

interface Summary {
  read: number;
  imported: number;
  alreadyPresent: number;
  alreadyPresentRows: { row: number; id: number; sameAsRow: number | null }[];
  rejected: number;
  errors: { row: number; column: string | null; message: string }[];
}

function all(run: ReturnType<typeof on>): Promise<ComplaintJson[]> {
  return run.json<ComplaintJson[]>('list', '--status', 'all');
}

/** ref -> [status, reopenCount] of every complaint in the database. */
async function statuses(run: ReturnType<typeof on>): Promise<Record<string, [string, number]>> {
  return Object.fromEntries((await all(run)).map((c) => [c.ref ?? c.customer.name, [c.status, c.reopenCount]]));
}

describe('importing the fixture forms', () => {
  it('reads UTF-8 with English headers, multi-line cells and history', async () => {
    const run = on(makeDb());
    const summary = await run.json<Summary>('import', fixture('forms-utf8.csv'));
    expect(summary).toEqual({ read: 3, imported: 3, alreadyPresent: 0, alreadyPresentRows: [], rejected: 0, errors: [] });
    expect(await statuses(run)).toEqual({
      // quality needs two satisfied follow-ups: one leaves it resolved
      'F-2026-001': ['resolved', 0],
      'F-2026-002': ['open', 0],
      'F-2026-003': ['closed', 0],
    });
    const kettle = (await all(run)).find((c) => c.ref === 'F-2026-001')!;
    expect(kettle).toMatchObject({
      customer: { name: 'Wang Fang', phone: '138 0013 8000' },
      description: 'Kettle leaks at the base after two days.\nWater all over the counter, nearly reached the socket.',
      receivedAt: '2026-10-05T09:30:00+08:00',
      receivedBy: 'Li Na',
      assignee: 'Zhao Lei',
      department: 'QC',
      compensation: { kind: 'replacement', amount: '0.00' },
    });
    const events = (await run.json<ComplaintJson>('show', String(kettle.id))).events!;
    expect(events.map((e) => [e.type, e.at])).toEqual([
      ['opened', '2026-10-05T09:30:00+08:00'],
      ['assigned', '2026-10-05T09:30:00+08:00'],
      ['resolved', '2026-10-06T00:00:00+08:00'],
      ['followed-up', '2026-10-09T00:00:00+08:00'],
    ]);
  });

  it('reads UTF-8 with a BOM and CRLF, Chinese headers, dates and labels', async () => {
    const run = on(makeDb());
    const result = await run('import', fixture('forms-utf8-bom-crlf.csv'));
    expectOk(result);
    expect(result.stdout).toBe('read             3\nimported         3\nalready present  0\nrejected         0\n');
    expect(await statuses(run)).toEqual({ 'B-101': ['closed', 0], 'B-102': ['open', 0], 'B-103': ['open', 0] });
    const burnt = (await all(run)).find((c) => c.ref === 'B-102')!;
    expect(burnt).toMatchObject({ severity: 'major', channel: 'in-person', category: 'quality', receivedAt: '2026-10-14T00:00:00+08:00' });
    expect(burnt.description).toBe('洗衣机漏电，顾客手被电到。\n已送医检查，无大碍。\n要求赔偿。');
  });

  it('reads GBK, names the 备注 column in a warning and ignores it', async () => {
    const run = on(makeDb());
    const result = await run('import', fixture('forms-gbk.csv'));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('kesu: Column "备注" is not one kesu reads, so it is ignored; if it holds one of kesu\'s fields, name it with --map.\n');
    expect(result.stdout).toMatch(/^read +3\nimported +3\n/);
    expect(await statuses(run)).toEqual({
      'G-001': ['resolved', 0],
      // satisfaction 2: reopened, and without an assignee back to open
      'G-002': ['open', 1],
      'G-003': ['assigned', 0],
    });
    const zhao = (await all(run)).find((c) => c.ref === 'G-001')!;
    expect(zhao.description).toBe('买的电饭煲内胆有划痕，\n使用一次后涂层脱落。');
    expect(zhao.request).toBe('换新');
    expect(JSON.stringify(await all(run))).not.toContain('老顾客');
  });

  it('says the summary and the warning in Chinese', async () => {
    const run = on(makeDb());
    const result = await run('--lang', 'zh', 'import', fixture('forms-gbk.csv'));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('读取    3\n已导入  3\n已存在  0\n已拒绝  0\n');
    expect(result.stderr).toMatch(/^kesu: 列“备注”不是 kesu 能识别的列，已忽略/);
  });

  it('reads the GBK file as told with --encoding gbk', async () => {
    const run = on(makeDb());
    const result = await run('--json', 'import', '--encoding', 'gbk', fixture('forms-gbk.csv'));
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as Summary).imported).toBe(3);
    // With --json, the warning is JSON too (on stderr).
    expect(JSON.parse(result.stderr)).toEqual({ warning: { code: 'ignored-column', message: expect.stringMatching(/^Column "备注" is not one kesu reads/) } });
    expect((await statuses(run))['G-002']).toEqual(['open', 1]);
  });
});

describe('a broken file: nothing written, exit 1, every problem at its row and column', () => {
  const cases: { file: string; errors: { row: number; column: string | null; message: RegExp }[]; line: string }[] = [
    {
      file: 'bad-date.csv',
      errors: [{ row: 3, column: 'receivedAt', message: /^"2026-13-05" is not a date \(a date like 2026-10-05/ }],
      line: 'row 3, column receivedAt: "2026-13-05" is not a date (a date like 2026-10-05, 2026/10/5, 2026.10.05 or 2026年10月5日, optionally with a time such as 14:30)',
    },
    {
      file: 'ambiguous-date.csv',
      errors: [{ row: 2, column: '投诉日期', message: /^"05\/10\/2026" could be read as two different dates/ }],
      line: 'row 2, column 投诉日期: "05/10/2026" could be read as two different dates (the year first, like 2026-10-05 or 2026年10月5日)',
    },
    {
      file: 'missing-value.csv',
      errors: [{ row: 3, column: 'customer', message: /^empty \(the customer's name is required\)$/ }],
      line: "row 3, column customer: empty (the customer's name is required)",
    },
    {
      file: 'unknown-category.csv',
      errors: [{ row: 3, column: '投诉类别', message: /^"变质" is not a category \(one of quality, service/ }],
      line: 'row 3, column 投诉类别: "变质" is not a category (one of quality, service, delivery, wrong-item, after-sales, billing, facility, other, or 质量、服务、配送、错发、售后、账单、设施、其他)',
    },
    {
      file: 'satisfaction-out-of-range.csv',
      errors: [{ row: 2, column: 'satisfaction', message: /^"7" is not a satisfaction \(a whole number from 1 very dissatisfied to 5 very satisfied\)$/ }],
      line: 'row 2, column satisfaction: "7" is not a satisfaction (a whole number from 1 very dissatisfied to 5 very satisfied)',
    },
  ];

  for (const { file, errors, line } of cases) {
    it(`${file}: ${errors.map((e) => `row ${e.row}, column ${e.column}`).join('; ')}`, async () => {
      const db = makeDb();
      const run = on(db);
      const human = await run('import', fixture(`broken/${file}`));
      expect(human.code).toBe(1);
      expect(human.stderr).not.toMatch(STACK_LINE);
      const [problem, refusal, ...rest] = human.stderr.trimEnd().split('\n');
      expect(problem).toBe(line);
      expect(refusal).toMatch(/^kesu: Nothing was imported: 1 of \d rows? (has|have) problems \(listed above\); fix them and import again, or import the good rows with --skip-invalid --rejects FILE\.$/);
      expect(rest).toEqual([]);

      const json = await kesu(['--db', db, '--json', 'import', fixture(`broken/${file}`)]);
      const summary = JSON.parse(json.stdout) as Summary;
      expect(summary.imported).toBe(0);
      expect(summary.rejected).toBe(1);
      expect(summary.errors.map(({ row, column }) => ({ row, column }))).toEqual(errors.map(({ row, column }) => ({ row, column })));
      summary.errors.forEach((error, index) => expect(error.message).toMatch(errors[index]!.message));
      expect(JSON.parse(json.stderr)).toEqual({ error: { code: 'invalid-rows', message: expect.stringMatching(/^Nothing was imported: .*\(listed in errors\)/) } });
      expect(json.code).toBe(1);

      // The good rows of the file were not written either, nor the database file they would have gone in.
      expect(existsSync(db)).toBe(false);
    });
  }

  it('unclosed-quote.csv: the row where the quote opens, nothing written', async () => {
    const db = makeDb();
    const run = on(db);
    const human = await run('import', fixture('broken/unclosed-quote.csv'));
    expect(human.code).toBe(1);
    expect(human.stderr).toBe('kesu: Nothing was imported: Row 3 (line 4) opens a quote (") that is never closed; close it, or remove it if the cell does not need one.\n');
    // rows 2 (fine) and 3 (where the quote opens) were read; row 3 is the one rejected
    expect(human.stdout).toMatch(/^read +2\nimported +0\n/);
    const json = await kesu(['--db', db, '--json', 'import', fixture('broken/unclosed-quote.csv')]);
    expect(json.code).toBe(1);
    const summary = JSON.parse(json.stdout) as Summary;
    expect(summary).toMatchObject({ read: 2, imported: 0, rejected: 1 });
    // with --skip-invalid, a file that cannot be read still imports nothing, and leaves no rejects file
    const rejects = join(makeTempDir(), 'rejects.csv');
    expect((await run('import', fixture('broken/unclosed-quote.csv'), '--skip-invalid', '--rejects', rejects)).code).toBe(1);
    expect(existsSync(rejects)).toBe(false);
    expect(summary.errors).toEqual([{ row: 3, column: null, message: expect.stringMatching(/^Row 3 \(line 4\) opens a quote/) }]);
    expect(summary.imported).toBe(0);
    expect(existsSync(db)).toBe(false);
  });

  it('a big file whose quote never closes: refused at the row where it opens, nothing written', async () => {
    const db = makeDb();
    const run = on(db);
    const file = join(makeTempDir(), 'unclosed-big.csv');
    // The quote opens in the second form's first cell; 1.2 million characters follow it.
    const forms = ['ref,receivedAt,customer,category,description', 'R-1,2026-10-05 09:30,张伟,service,店员态度不好'];
    writeFileSync(file, `${forms.join('\n')}\n"R-2,2026-10-05 10:00,王芳,quality,${'杯子有裂纹，'.repeat(200_000)}\n`);
    const human = await run('import', file);
    expect(human.code).toBe(1);
    expect(human.stderr).toBe('kesu: Nothing was imported: Row 3 (line 3) is longer than 1,000,000 characters, from a quote (") that is probably never closed; close it.\n');
    expect(existsSync(db)).toBe(false);
  });

  it('missing-column.csv: the file is refused, naming the column', async () => {
    const db = makeDb();
    const message = expectFailure(await on(db)('import', fixture('broken/missing-column.csv')), 1);
    expect(message).toBe('The file has no column for category (投诉类别), which every form needs; add it, or name the column that holds it with --map.');
    expect(existsSync(db)).toBe(false); // refused before the database was touched
  });

  it('reports every bad row, not only the first', async () => {
    const dir = makeTempDir();
    const file = join(dir, 'two-bad.csv');
    writeFileSync(file, 'receivedAt,customer,category,description\n2026-10-05,Wang,quality,Leaks\n2026/13/1,Chen,nonsense,Rude\n2026-10-06,,service,Late\n');
    const db = join(dir, 'kesu.db');
    const result = await kesu(['--db', db, '--json', 'import', file]);
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as Summary).errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'receivedAt'],
      [3, 'category'],
      [4, 'customer'],
    ]);
    expect(existsSync(db)).toBe(false);
  });
});

describe('one rule, one check: a command names the flag, an import row the column', () => {
  it('refuses an amount without its kind, a text too long and a time to come, whichever way they come in', async () => {
    const dir = makeTempDir();
    const db = join(dir, 'kesu.db');
    const run = on(db);
    await run.ok('open', '--customer', 'Wang', '--category', 'service', '--desc', 'Rude', '--received', '2026-10-05 10:00');
    const long = 'x'.repeat(4001);

    // as commands: one sentence naming the flag
    expect(expectFailure(await run('resolve', '1', '--solution', 'Refunded', '--compensation', '25'), 1)).toBe(
      'A compensation amount needs its kind: add --compensation-kind refund, replacement, repair, voucher, gift or none.',
    );
    expect(expectFailure(await run('open', '--customer', 'Chen', '--category', 'service', '--desc', long), 1)).toBe(
      'The description (--desc) is 4001 characters long, which is too long; keep it to 4000 characters or fewer.',
    );
    const future = await kesu(['--db', db, 'log', '1', 'Called', '--at', '2099-01-01 09:00'], { now: '2026-12-06T12:00:00+08:00' });
    expect(expectFailure(future, 1)).toBe('The time Thu 1 Jan 2099 09:00 is in the future (it is now Sun 6 Dec 12:00); give --at a time that has already passed.');

    // as rows: each on the column that holds it, as the file names it
    const file = join(dir, 'forms.csv');
    writeFileSync(
      file,
      ['投诉日期,客户姓名,投诉类别,投诉内容,处理结果,赔付金额,回访日期,满意度', '2026-10-05,Zhao,service,Rude,Refunded,25,,', `2026-10-05,Chen,service,${long},,,,`, '2026-10-05,Li,service,Rude,Apologised,,2099-01-01,5', ''].join('\n'),
    );
    const result = await kesu(['--db', db, '--json', 'import', file]);
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as Summary).errors).toEqual([
      { row: 2, column: '赔付金额', message: 'an amount without its kind (compensationKind/赔付方式: refund, replacement, repair, voucher, gift, none)' },
      { row: 3, column: '投诉内容', message: 'too long at 4001 characters (at most 4000)' },
      { row: 4, column: '回访日期', message: '2099-01-01 00:00 is in the future (a date that has passed)' },
    ]);
    expect((await run('--lang', 'zh', 'import', file)).stderr.split('\n')[0]).toBe('第 2 行，“赔付金额”列：填写了赔付金额却没有赔付方式（请在“赔付方式”列填写：退款、换货、维修、代金券、赠品或无）');
    expect(await all(run)).toHaveLength(1);
  });
});

describe('a row with more or fewer cells than the header', () => {
  it('refuses a row with a comma typed in an unquoted cell, in English and Chinese, and keeps a row short of trailing cells', async () => {
    // given a comma not in quotes (row 2), a trailing comma (row 3) and a row without its last cell (row 4)
    const dir = makeTempDir();
    const file = join(dir, 'comma.csv');
    writeFileSync(
      file,
      'ref,receivedAt,customer,category,description,request\nE1,2026-10-05,A,quality,Kettle leaks, water everywhere,Replacement\nE2,2026-10-05,B,quality,Rude,Apology,\nE3,2026-10-05,C,quality,Late\n',
    );
    const db = join(dir, 'kesu.db');
    const run = on(db);

    // when it is imported, then only row 2 is a problem, of the whole row, and nothing is written
    const result = await kesu(['--db', db, '--json', 'import', file]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      read: 3,
      imported: 0,
      alreadyPresent: 0,
      alreadyPresentRows: [],
      rejected: 1,
      errors: [{ row: 2, column: null, message: 'has 7 cells where the header has 6 (put a cell that holds a comma in quotes, "like, this", or give the extra cells a header)' }],
    });
    expect((await run('--lang', 'zh', 'import', file)).stderr.split('\n')[0]).toBe('第 2 行：有 7 个单元格，而表头只有 6 列（含逗号的单元格要加英文引号，如 "甲, 乙"；或给多出的单元格加上表头）');
    expect(existsSync(db)).toBe(false);

    // with --skip-invalid, the rejects file has the message under its error column and the cell past the header after it
    const rejects = join(dir, 'rejects.csv');
    expect(await run.json<Summary>('import', file, '--skip-invalid', '--rejects', rejects)).toMatchObject({ imported: 2, rejected: 1 });
    expect(readFileSync(rejects, 'utf8').split('\r\n').slice(0, 2)).toEqual([
      '\uFEFFref,receivedAt,customer,category,description,request,kesu error',
      'E1,2026-10-05,A,quality,Kettle leaks, water everywhere,"row 2: has 7 cells where the header has 6 (put a cell that holds a comma in quotes, ""like, this"", or give the extra cells a header)",Replacement',
    ]);
    rmSync(db);

    // and with the comma quoted the file imports whole, the short row without its request
    writeFileSync(file, readFileSync(file, 'utf8').replace('Kettle leaks, water everywhere', '"Kettle leaks, water everywhere"'));
    expect(await run.json<Summary>('import', file)).toMatchObject({ imported: 3, rejected: 0 });
    expect((await all(run)).map((c) => [c.ref, c.description, c.request])).toEqual([
      ['E1', 'Kettle leaks, water everywhere', 'Replacement'],
      ['E2', 'Rude', 'Apology'],
      ['E3', 'Late', null],
    ]);
  });
});

describe('a UTF-8 file with a byte that is part of no character', () => {
  it('is read as UTF-8, not GBK, and the row with the byte is a problem at its column, auto or --encoding utf8; never stored', async () => {
    // given Chinese headers and forms in UTF-8, with the byte A0 in the customer of row 7 (李\xA0娜)
    const dir = makeTempDir();
    const file = join(dir, 'stray.csv');
    const rows = ['编号,投诉日期,客户姓名,投诉类别,投诉内容', ...[2, 3, 4, 5, 6, 7, 8].map((row) => `S-${row},2026-10-05,王芳${row},质量,水壶漏水`)];
    const text = Buffer.from(`${rows.join('\n').replace('王芳7', '李娜')}\n`);
    const at = text.indexOf('李娜') + Buffer.byteLength('李');
    writeFileSync(file, Buffer.concat([text.subarray(0, at), Buffer.from([0xa0]), text.subarray(at)]));
    const db = join(dir, 'kesu.db');
    const run = on(db);

    // when it is imported, then row 7 is named, in English and Chinese, and nothing is written
    for (const encoding of ['auto', 'utf8']) {
      const result = await run('import', '--encoding', encoding, file);
      expect(result.code).toBe(1);
      expect(result.stderr.split('\n')[0]).toBe(
        'row 7, column 客户姓名: "李\uFFFD娜" is not valid UTF-8 text (a byte shown as \uFFFD is part of no character); save the file as UTF-8, or import it with --encoding gbk if it was saved as GBK',
      );
    }
    expect((await run('--lang', 'zh', 'import', file)).stderr.split('\n')[0]).toBe(
      '第 7 行，“客户姓名”列：“李\uFFFD娜”不是有效的 UTF-8 文本（显示为 \uFFFD 的字节不属于任何字符）；请将文件另存为 UTF-8，如果文件是 GBK 编码，请用 --encoding gbk 导入',
    );
    expect(existsSync(db)).toBe(false);

    // and with --skip-invalid the other rows are imported, and row 7 left in the rejects file
    const rejects = join(dir, 'rejects.csv');
    expect(await run.json<Summary>('import', file, '--skip-invalid', '--rejects', rejects)).toMatchObject({ read: 7, imported: 6, rejected: 1 });
    expect((await all(run)).map((c) => c.customer.name)).toEqual(['王芳2', '王芳3', '王芳4', '王芳5', '王芳6', '王芳8']);
    // as it was, the byte and all: imported again unchanged, it is refused again rather than stored as U+FFFD
    const rejected = readFileSync(rejects);
    expect(rejected.includes(Buffer.concat([Buffer.from('S-7,2026-10-05,李'), Buffer.from([0xa0]), Buffer.from('娜,质量,水壶漏水,"row 7, column 客户姓名: ')]))).toBe(true);
    expect(await run.json<Summary>('import', rejects, '--skip-invalid', '--rejects', join(dir, 'again.csv'))).toMatchObject({ read: 1, imported: 0, rejected: 1 });
  });
});

describe('a byte that is part of no character, in a column that is not read', () => {
  it('is no problem: the column is ignored, with its warning, and the row imported', async () => {
    const dir = makeTempDir();
    const file = join(dir, 'note.csv');
    writeFileSync(file, Buffer.concat([Buffer.from('编号,投诉日期,客户姓名,投诉类别,投诉内容,备注\nN-2,2026-10-05,王芳,质量,水壶漏水,见'), Buffer.from([0xa0]), Buffer.from('附件\n')]));
    const run = on(join(dir, 'kesu.db'));
    const result = await run('--json', 'import', file);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ read: 1, imported: 1, rejected: 0 });
    expect(JSON.parse(result.stderr)).toMatchObject({ warning: { code: 'ignored-column' } });
  });
});

describe('never twice, and --dry-run', () => {
  it('imports nothing new the second time', async () => {
    const run = on(makeDb());
    expect(await run.json<Summary>('import', fixture('forms-utf8-bom-crlf.csv'))).toMatchObject({ imported: 3, alreadyPresent: 0 });
    expect(await run.json<Summary>('import', fixture('forms-utf8-bom-crlf.csv'))).toEqual({
      read: 3,
      imported: 0,
      alreadyPresent: 3,
      alreadyPresentRows: [
        { row: 2, id: 1, sameAsRow: null },
        { row: 3, id: 2, sameAsRow: null },
        { row: 5, id: 3, sameAsRow: null },
      ],
      rejected: 0,
      errors: [],
    });
    expect(await all(run)).toHaveLength(3);
  });

  it('counts a form without a ref twice in one file as already present the second time', async () => {
    const dir = makeTempDir();
    const file = join(dir, 'twice.csv');
    writeFileSync(file, 'receivedAt,customer,category,description\n2026-10-05 09:00,Wang,quality,Leaks\n2026-10-05 15:00,ＷＡＮＧ,quality,leaks\n2026-10-06,Wang,quality,Leaks\n');
    const run = on(join(dir, 'kesu.db'));
    // Same day, customer and description (case and width aside): the same form; another day: another.
    expect(await run.json<Summary>('import', file)).toEqual({ read: 3, imported: 2, alreadyPresent: 1, alreadyPresentRows: [{ row: 3, id: 1, sameAsRow: 2 }], rejected: 0, errors: [] });
    expect(await run.json<Summary>('import', file)).toMatchObject({ imported: 0, alreadyPresent: 3 });
  });

  it('--dry-run validates and counts, including what is already present, and writes nothing', async () => {
    const db = makeDb();
    const run = on(db);
    expect(await run.json<Summary>('import', '--dry-run', fixture('forms-utf8-bom-crlf.csv'))).toEqual({ read: 3, imported: 3, alreadyPresent: 0, alreadyPresentRows: [], rejected: 0, errors: [] });
    expect(existsSync(db)).toBe(false);
    const human = await run('import', '--dry-run', fixture('forms-utf8.csv'));
    expectOk(human);
    expect(human.stdout).toBe('read             3\nwould import     3\nalready present  0\nwould reject     0\nDry run: nothing was written to the database.\n');
    expect(existsSync(db)).toBe(false);

    await run.ok('import', fixture('forms-utf8.csv'));
    expect(await run.json<Summary>('import', '--dry-run', fixture('forms-utf8.csv'))).toMatchObject({ imported: 0, alreadyPresent: 3 });
    const bad = await kesu(['--db', db, '--json', 'import', '--dry-run', fixture('broken/bad-date.csv')]);
    expect(bad.code).toBe(1);
    expect(await all(run)).toHaveLength(3);
  });
});

describe('a database file that does not exist yet', () => {
  it('is not made by a dry run or a refused import (--db or KESU_DB), and is by an import that commits', async () => {
    const dir = makeTempDir();
    const db = join(dir, 'new.db');
    const run = on(db);
    expectOk(await run('import', '--dry-run', fixture('forms-utf8.csv')));
    expect((await run('import', fixture('broken/bad-date.csv'))).code).toBe(1);
    expect((await run('import', '--dry-run', fixture('broken/bad-date.csv'))).code).toBe(1);
    expectOk(await kesu(['import', '--dry-run', fixture('forms-utf8.csv')], { env: { KESU_DB: db } }));
    expect((await kesu(['import', fixture('broken/bad-date.csv')], { env: { KESU_DB: db } })).code).toBe(1);
    expect(readdirSync(dir)).toEqual([]);

    expectOk(await run('import', fixture('forms-utf8.csv')));
    expect(readdirSync(dir)).toEqual(['new.db']);
    expect(await all(run)).toHaveLength(3);
  });
});

describe('--skip-invalid --rejects', () => {
  it('imports the good rows and writes the bad ones as they were, with an error column, UTF-8 with BOM', async () => {
    const dir = makeTempDir();
    const rejects = join(dir, 'rejects.csv');
    const run = on(join(dir, 'kesu.db'));
    const result = await run('--json', 'import', fixture('broken/unknown-category.csv'), '--skip-invalid', '--rejects', rejects);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ read: 2, imported: 1, alreadyPresent: 0, rejected: 1, errors: [{ row: 3, column: '投诉类别' }] });
    expect((await all(run)).map((c) => c.ref)).toEqual(['U-1']);

    const bytes = readFileSync(rejects);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('编号,投诉日期,客户姓名,投诉类别,投诉内容,kesu error');
    expect(lines[1]).toMatch(/^U-2,2026年10月6日,李娜,变质,牛奶过期了,"row 3, column 投诉类别: ""变质"" is not a category \(one of quality/);
    expect(lines.slice(2)).toEqual(['']);

    // Fixed in the spreadsheet and imported again: the error column is passed over without a warning.
    const fixed = join(dir, 'fixed.csv');
    writeFileSync(fixed, bytes.toString('utf8').replace(',变质,', ',质量,'));
    const again = await run('import', fixed);
    expectOk(again);
    expect(await statuses(run)).toEqual({ 'U-1': ['open', 0], 'U-2': ['open', 0] });
  });

  it('writes the problems in Chinese with --lang zh', async () => {
    const dir = makeTempDir();
    const rejects = join(dir, 'rejects.csv');
    const result = await kesu(['--db', join(dir, 'kesu.db'), '--lang', 'zh', 'import', fixture('broken/missing-value.csv'), '--skip-invalid', '--rejects', rejects]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('第 3 行，“customer”列：未填写（客户姓名为必填项）\n');
    const text = readFileSync(rejects, 'utf8');
    expect(text).toBe('\uFEFFref,receivedAt,customer,category,description,kesu 错误\r\nM-2,2026-10-06,,service,Rude at the till,第 3 行，“customer”列：未填写（客户姓名为必填项）\r\n');
  });

  it('needs --rejects, and --rejects needs --skip-invalid (usage errors)', async () => {
    const run = on(makeDb());
    expect(expectFailure(await run('import', fixture('forms-utf8.csv'), '--skip-invalid'), 2)).toBe('--skip-invalid needs --rejects FILE, where the rows left out are written.');
    expect(expectFailure(await run('import', fixture('forms-utf8.csv'), '--rejects', 'x.csv'), 2)).toMatch(/^--rejects only goes with --skip-invalid/);
    expectJsonFailure(await run('--json', 'import'), 2);
    expect(expectFailure(await run('import', fixture('forms-utf8.csv'), '--encoding', 'latin1'), 2)).toMatch(/latin1/);
  });
});

describe('--map and --template', () => {
  it('--map names other headers, and gives 备注 a meaning', async () => {
    const dir = makeTempDir();
    const file = join(dir, 'their.csv');
    writeFileSync(file, 'Kunde,Datum,Art,Text,备注\nMüller,2026-10-05 10:00,质量,Der Wasserkocher leckt,Bitte zurückrufen\n');
    const map = join(dir, 'map.json');
    writeFileSync(map, JSON.stringify({ Kunde: 'customer', Datum: 'received_at', Art: 'category', Text: 'description', 备注: 'request' }));
    const run = on(join(dir, 'kesu.db'));
    const result = await run('import', file, '--map', map);
    expectOk(result);
    expect((await all(run))[0]).toMatchObject({ customer: { name: 'Müller' }, category: 'quality', description: 'Der Wasserkocher leckt', request: 'Bitte zurückrufen', receivedAt: '2026-10-05T10:00:00+08:00' });

    writeFileSync(map, JSON.stringify({ Kunde: 'client' }));
    expect(expectFailure(await run('import', file, '--map', map), 1)).toMatch(/^The map sends "Kunde" to "client", which is not a column kesu reads/);
  });

  it('--template prints the accepted English headers, and imports as an empty file', async () => {
    const dir = makeTempDir();
    const result = await kesu(['import', '--template']);
    expectOk(result);
    expect(result.stdout).toBe(`${FORM_FIELDS.join(',')}\n`);
    const file = join(dir, 'template.csv');
    writeFileSync(file, result.stdout);
    expect(await on(join(dir, 'kesu.db')).json<Summary>('import', file)).toEqual({ read: 0, imported: 0, alreadyPresent: 0, alreadyPresentRows: [], rejected: 0, errors: [] });
  });

  it('--template --lang zh prints Chinese headers, UTF-8 with BOM for Excel', async () => {
    const result = await kesu(['--lang', 'zh', 'import', '--template']);
    expectOk(result);
    expect(result.stdout.startsWith('\uFEFF编号,投诉日期,受理人,客户姓名,联系电话,')).toBe(true);
    expect(result.stdout.endsWith('\r\n')).toBe(true);
    expect(result.stdout.slice(1).trimEnd().split(',')).toHaveLength(FORM_FIELDS.length);
  });
});

describe('a large file off a terminal', () => {
  it('shows no progress bar when stderr is not a terminal', async () => {
    const dir = makeTempDir();
    const file = join(dir, 'large.csv');
    const rows = ['ref,receivedAt,customer,category,description'];
    const padding = 'x'.repeat(150);
    for (let i = 1; i <= 6_000; i++) rows.push(`L-${i},2026-10-05 09:00,Customer ${i},service,Complaint ${i} ${padding}`);
    writeFileSync(file, `${rows.join('\n')}\n`);
    expect(readFileSync(file).length).toBeGreaterThan(1_000_000);
    const run = on(join(dir, 'kesu.db'));
    const result = await run('import', file);
    expectOk(result);
    expect(result.stdout).toMatch(/^read +6000\nimported +6000\n/);
  });
});
