// Issue 14, item 4: `kesu search TEXT` finds complaints by any part of their texts, customer, phone,
// order or form number, without regard to case, width and spacing, Chinese of one or two characters
// too; closed and open alike, newest first, the matching part highlighted on a terminal.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SEARCH_ROWS } from '../../src/cli/commands/search.js';
import { expectFailure, expectJsonFailure, expectOk, expectSentence, kesu, makeDb, on, removeTempDirs, ROOT, type ComplaintJson } from '../helpers/kesu.js';

afterAll(removeTempDirs);

const NOW = '2026-11-20T12:00:00+08:00';
type Found = ComplaintJson & { match: { field: string; before: string; text: string; after: string } | null };

describe('kesu search', () => {
  const db = makeDb();
  const run = on(db, { now: NOW });
  const ids = async (...args: string[]): Promise<number[]> => (await run.json<Found[]>('search', ...args)).map((c) => c.id);

  beforeAll(async () => {
    const open = (received: string, ...fields: string[]) => run.ok('open', '--received', received, '--category', 'quality', '--by', '小李', ...fields);
    // #1, closed: found by its finding and solution too
    await open('2026-10-05 09:00', '--customer', '王芳', '--phone', '138 0013 8000', '--desc', '电饭煲漏电，差点触电', '--request', '退货退款', '--order', 'SO-88121', '--ref', 'F-2026-001');
    await run.ok('log', '1', '查明是插座老化', '--kind', 'finding', '--at', '2026-10-05 10:00');
    await run.ok('resolve', '1', '--solution', 'Replaced the Kettle', '--at', '2026-10-06 09:00');
    await run.ok('followup', '1', '--satisfaction', '5', '--note', '顾客很满意', '--at', '2026-10-12 09:00');
    await run.ok('followup', '1', '--satisfaction', '5', '--at', '2026-10-19 09:00');
    // #2, open, an English complaint with a note
    await open('2026-11-02 09:00', '--customer', 'Chen Jie', '--phone', '+86 21 5555 0101', '--desc', 'Staff member was rude at the till, "not my problem" he said: 50% off_promised');
    await run.ok('log', '2', 'Called back; asked for the manager', '--at', '2026-11-02 10:00');
    // #3, recorded last but received first: older than both
    await open('2026-09-01 09:00', '--customer', '黄 磊', '--desc', '空气炸锅漏电', '--request', '维修');
  });

  it('finds each field: description, request, note, finding, solution, customer, phone, order and form number', async () => {
    const field = async (query: string) => (await run.json<Found[]>('search', query)).map((c) => [c.id, c.match?.field]);
    expect(await field('差点触电')).toEqual([[1, 'description']]);
    expect(await field('退货退款')).toEqual([[1, 'request']]);
    expect(await field('manager')).toEqual([[2, 'note']]);
    expect(await field('插座老化')).toEqual([[1, 'note']]); // the finding is a note first
    expect(await field('顾客很满意')).toEqual([[1, 'note']]);
    expect(await field('replaced the kettle')).toEqual([[1, 'solution']]);
    expect(await field('王芳')).toEqual([[1, 'customer']]);
    expect(await field('5555')).toEqual([[2, 'phone']]);
    expect(await field('so-88121')).toEqual([[1, 'order']]);
    expect(await field('f-2026-001')).toEqual([[1, 'ref']]);
  });

  it('without regard to case, width and spacing', async () => {
    expect(await ids('REPLACED THE KETTLE')).toEqual([1]);
    expect(await ids('ｒｅｐｌａｃｅｄ　ｔｈｅ　ｋｅｔｔｌｅ')).toEqual([1]);
    expect(await ids('replacedthekettle')).toEqual([1]);
    expect(await ids('漏 电')).toEqual([1, 3]);
    expect(await ids('黄磊')).toEqual([3]);
    expect(await ids('Ｆ－２０２６－００１')).toEqual([1]);
  });

  it('finds a phone by its digits, however either is typed', async () => {
    for (const typed of ['13800138000', '138 0013 8000', '138-0013-8000', '１３８００１３８０００', '0013']) expect(await ids(typed), typed).toEqual([1]);
    expect(await ids('(21) 5555-0101')).toEqual([2]);
  });

  it('finds Chinese of one and two characters, without word segmentation', async () => {
    expect(await ids('漏电')).toEqual([1, 3]);
    expect(await ids('王')).toEqual([1]);
    expect(await ids('锅')).toEqual([3]);
    // at the very end of a text
    expect(await ids('修')).toEqual([3]);
    expect(await ids('触电')).toEqual([1]);
  });

  it('lists closed and open alike, newest received first (not in the order recorded); --status narrows', async () => {
    expect(await ids('漏电')).toEqual([1, 3]);
    expect(await ids('e')).toEqual([2, 1]);
    expect(await ids('漏电', '--status', 'closed')).toEqual([1]);
    expect(await ids('漏电', '--status', 'open,assigned')).toEqual([3]);
    expect(await ids('漏电', '--status', '全部')).toEqual([1, 3]);
  });

  it('takes % _ and quotes as themselves', async () => {
    expect(await ids('50%')).toEqual([2]);
    expect(await ids('%')).toEqual([2]);
    expect(await ids('off_promised')).toEqual([2]);
    expect(await ids('_')).toEqual([2]);
    expect(await ids('"not my problem"')).toEqual([2]);
    expect(await ids("'")).toEqual([]);
    expect(await ids('%%')).toEqual([]);
  });

  it('follows every change: a text replaced by a later event is found by its new value only', async () => {
    const other = on(makeDb(), { now: NOW });
    await other.ok('open', '--customer', 'Li', '--category', 'service', '--desc', 'Rude', '--received', '2026-11-01 09:00');
    await other.ok('resolve', '1', '--solution', 'Apologised by phone', '--at', '2026-11-01 10:00');
    await other.ok('followup', '1', '--satisfaction', '2', '--at', '2026-11-02 10:00');
    await other.ok('resolve', '1', '--solution', 'Refunded the meal', '--at', '2026-11-03 10:00');
    const found = async (query: string) => (await other.json<Found[]>('search', query)).map((c) => c.id);
    expect(await found('refunded')).toEqual([1]);
    expect(await found('apologised')).toEqual([]);
  });

  it('finds what an import wrote', async () => {
    const imported = on(makeDb(), { now: NOW });
    await imported.ok('import', join(ROOT, 'fixtures', 'forms-utf8.csv'));
    const found = async (query: string) => (await imported.json<Found[]>('search', query)).map((c) => c.id);
    expect(await found('café')).toEqual([3]);
    expect(await found('nearly reached the socket')).toEqual([1]);
    expect(await found('刘洋')).toEqual([3]);
  });

  it('--json: each complaint as list prints it, with where it matched, on one line', async () => {
    const [found] = await run.json<Found[]>('search', '差点');
    expect(found!.match).toEqual({ field: 'description', before: '电饭煲漏电，', text: '差点', after: '触电' });
    expect(Object.keys(found!)).toEqual([...Object.keys(await run.json<ComplaintJson>('show', '1')).filter((key) => key !== 'events' && key !== 'sameCustomer'), 'match']);
  });

  it('shows the matching part of each complaint in a table, highlighted on a terminal only', async () => {
    const plain = await run.ok('search', '差点');
    expect(plain).toContain('│ Description: 电饭煲漏电，差点触电 │');
    expect(plain).not.toContain('\u001b[');
    const coloured = await kesu(['--db', db, 'search', '差点'], { now: NOW, columns: 120, env: { NO_COLOR: undefined } });
    expectOk(coloured);
    expect(coloured.stdout).toContain('电饭煲漏电，\u001b[7m差点\u001b[27m触电');
    const zh = await run.ok('--lang', 'zh', 'search', 'manager');
    expect(zh).toContain('│ 记录：…; asked for the manager │');
    expect(await run.ok('search', 'nothing like it')).toBe('No complaints match.\n');
  });

  it('fits a narrow terminal: columns left out, the text before the match cut, then the text after it, the match whole', async () => {
    const narrow = await kesu(['--db', db, 'search', '漏电'], { now: NOW, columns: 42, env: { NO_COLOR: undefined } });
    expectOk(narrow);
    expect(narrow.stdout.split('\n').slice(3, 5)).toEqual([
      '│ 1  │ closed │ Description: …\u001b[7m漏电\u001b[27m，差…  │',
      '│ 3  │ open   │ Description: …气炸锅\u001b[7m漏电\u001b[27m │',
    ]);
  });

  it('keeps what matched whole in a cut cell, near the end of a long description, at 80 and 50 columns, in English and Chinese', async () => {
    const long = makeDb();
    const shop = on(long, { now: NOW });
    await shop.ok('open', '--received', '2026-11-20 09:00', '--category', 'quality', '--by', '小李', '--customer', 'Chen Jie', '--desc', 'Bought a rice cooker here on 11-20 and it stopped heating in a week; the model RC-3000 is sold out');
    await shop.ok('open', '--received', '2026-11-20 10:00', '--category', 'quality', '--by', '小李', '--customer', '王芳', '--desc', '十一月二十日在本店买的电饭煲，用了一个星期，昨天煮饭时外壳漏电');
    const found = async (columns: number, ...args: string[]): Promise<string[]> => {
      const result = await kesu(['--db', long, ...args], { now: NOW, columns, env: { NO_COLOR: undefined } });
      expectOk(result);
      return result.stdout.split('\n').filter((line) => line.includes('\u001b[7m'));
    };
    const inverse = (text: string): string => `\u001b[7m${text}\u001b[27m`;
    // The text before the match cut to a lone "…" (no room for any of it), then the text after it cut.
    expect(await found(80, 'search', 'RC-3000')).toEqual([`│ 1  │ open   │ Fri 20 Nov 09:00 │ Chen Jie │ Description: …${inverse('RC-3000')} is sold o… │`]);
    expect(await found(80, '--lang', 'zh', 'search', 'RC-3000')).toEqual([`│ 1    │ 待处理 │ 11月20日 周五 09:00 │ Chen Jie │ 投诉内容：…${inverse('RC-3000')} is sold… │`]);
    expect(await found(50, 'search', 'RC-3000')).toEqual([`│ 1  │ open   │ Description: …${inverse('RC-3000')} is sold o… │`]);
    expect(await found(50, '--lang', 'zh', 'search', 'RC-3000')).toEqual([`│ 1    │ 待处理 │ 投诉内容：…${inverse('RC-3000')} is sold out │`]);
    // Only the text before it cut, by columns: a Chinese character takes two (one left blank at 50).
    expect(await found(80, 'search', '漏')).toEqual([`│ 2  │ open   │ Fri 20 Nov 10:00 │ 王芳     │ Description: …昨天煮饭时外壳${inverse('漏')}电 │`]);
    expect(await found(80, '--lang', 'zh', 'search', '漏')).toEqual([`│ 2    │ 待处理 │ 11月20日 周五 10:00 │ 王芳 │ 投诉内容：…，昨天煮饭时外壳${inverse('漏')}电 │`]);
    expect(await found(50, 'search', '漏电')).toEqual([`│ 2  │ open   │ Description: …昨天煮饭时外壳${inverse('漏电')} │`]);
    expect(await found(50, '--lang', 'zh', 'search', '漏电')).toEqual([`│ 2    │ 待处理 │ 投诉内容：…昨天煮饭时外壳${inverse('漏电')}  │`]);
  });

  it('leaves out the field name before the match, and cuts the match only when it is wider than the cell', async () => {
    const long = makeDb();
    await on(long, { now: NOW }).ok('open', '--received', '2026-11-20 09:00', '--category', 'quality', '--customer', 'Chen Jie', '--desc', 'Bought a rice cooker here on 11-20 and it stopped heating in a week; the model RC-3000 is sold out');
    const found = async (columns: number, query: string): Promise<string[]> => {
      const result = await kesu(['--db', long, 'search', query], { now: NOW, columns, env: { NO_COLOR: undefined } });
      expectOk(result);
      return result.stdout.split('\n').filter((line) => line.includes('\u001b[7m'));
    };
    // No room for "Description: " beside the match: the text around it comes back instead.
    expect(await found(30, 'RC-3000')).toEqual(['│ 1  │ … \u001b[7mRC-3000\u001b[27m is sold out │']);
    // 39 characters in 32 columns: the match cut, its "…" not highlighted.
    expect(await found(50, 'it stopped heating in a week; the model')).toEqual(['│ 1  │ open   │ \u001b[7mit stopped heating in a week; t\u001b[27m… │']);
  });

  it('shows the newest few by default and says when more match', async () => {
    const many = on(makeDb(), { now: NOW });
    for (let n = 0; n <= DEFAULT_SEARCH_ROWS; n++) await many.ok('open', '--customer', `Customer ${n}`, '--category', 'other', '--desc', 'Broken lamp', '--received', `2026-10-${String(1 + (n % 28)).padStart(2, '0')} 09:00`);
    const result = await many('--json', 'search', 'lamp');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveLength(DEFAULT_SEARCH_ROWS);
    expect(JSON.parse(result.stderr)).toEqual({ warning: { code: 'more-rows', message: expect.stringMatching(/^Showing the newest 50; more complaints match/) } });
    expect(await many.json<Found[]>('search', 'lamp', '--limit', '100')).toHaveLength(DEFAULT_SEARCH_ROWS + 1);
  });

  it('refuses an empty query (exit 2), a control character and a query longer than any text (exit 1)', async () => {
    expectSentence(expectFailure(await run('search', '  '), 2));
    const control = expectFailure(await run('search', 'a\u001b[31mb'), 1);
    expect(control).toBe('The text to search for holds the control character U+001B, which no complaint holds; remove it.');
    expect(expectJsonFailure(await run('--json', 'search', 'x'.repeat(4001)), 1).code).toBe('invalid');
    expectSentence(expectFailure(await run('search', 'lamp', '--status', 'lost'), 1));
  });
});

describe('kesu search --status voided', () => {
  it('says a voided complaint is voided, as list does', async () => {
    const run = on(makeDb(), { now: NOW });
    await run.ok('open', '--customer', '王芳', '--category', 'quality', '--desc', '电饭煲漏电', '--received', '2026-11-02 09:00');
    await run.ok('void', '1', '--reason', 'entered twice');
    expect((await run.ok('search', '漏电', '--status', 'voided')).split('\n')[3]).toBe('│ 1  │ voided │ Mon 2 Nov 09:00 │ 王芳     │ Description: 电饭煲漏电 │');
  });
});
