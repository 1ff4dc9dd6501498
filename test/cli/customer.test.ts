// Issue 14, item 5: a customer's history. `show` lists the same customer's other complaints (as repeat
// customers are counted: the name loosely, the phone by its digits), `kesu customer NAME|PHONE` every
// complaint of theirs, open ones first, with how many in the last 12 months; `list --phone DIGITS`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFailure, expectJsonFailure, expectSentence, kesu, makeDb, on, removeTempDirs, type ComplaintJson } from '../helpers/kesu.js';

afterAll(removeTempDirs);

const NOW = '2026-11-20T12:00:00+08:00';

interface History {
  customer: { name: string; phone: string | null };
  total: number;
  lastTwelveMonths: number;
  complaints: ComplaintJson[];
}

describe("a customer's history", () => {
  const db = makeDb();
  const run = on(db, { now: NOW });

  beforeAll(async () => {
    const open = (customer: string, phone: string | null, received: string, desc: string) =>
      run.ok('open', '--customer', customer, ...(phone === null ? [] : ['--phone', phone]), '--category', 'quality', '--desc', desc, '--received', received, '--by', '小李');
    // 王芳 with 138 0013 8000, typed four ways: #1 (2025, over a year ago, closed), #2 (closed), #4 (open), #6 (open)
    await open('王芳', '138 0013 8000', '2025-06-01 09:00', '电水壶漏水');
    await run.ok('close', '1', '--reason', 'withdrawn', '--at', '2025-06-02 09:00');
    await open('王 芳', '13800138000', '2026-03-01 09:00', '微波炉不加热');
    await run.ok('close', '2', '--reason', 'duplicate', '--at', '2026-03-02 09:00');
    // #3: another 王芳 (another phone): another customer
    await open('王芳', '139 0000 1111', '2026-05-01 09:00', '面包机异响');
    await open('王　芳', '138-0013-8000', '2026-10-01 09:00', '电饭煲漏电');
    // #5: a customer of no phone
    await open('Li Si', null, '2026-10-02 09:00', 'Broken lamp');
    await open('ＷＡＮＧ芳', '+86 138 0013 8000', '2026-11-01 09:00', '名字写法不同'); // #6: another name, so another customer
    await open('王芳', '１３８００１３８０００', '2026-11-02 09:00', '烤箱不热'); // #7: the same customer, full-width digits (kept as NFKC)
  });

  it('show lists the same customer’s other complaints, newest first, with status and date; not one of another phone', async () => {
    const shown = await run.ok('show', '4');
    expect(shown).toContain(
      [
        "The customer's other complaints (3)",
        '  #7  open  Mon 2 Nov 09:00  烤箱不热',
        '  #2  closed  Sun 1 Mar 09:00  微波炉不加热',
        '  #1  closed  Sun 1 Jun 2025 09:00  电水壶漏水',
      ].join('\n'),
    );
    expect(shown).not.toContain('#3 ');
    expect(shown).not.toContain('#6 ');
    const json = await run.json<ComplaintJson & { sameCustomer: { count: number; newest: unknown[] } }>('show', '4');
    expect(json.sameCustomer).toEqual({
      count: 3,
      newest: [
        { id: 7, status: 'open', receivedAt: '2026-11-02T09:00:00+08:00' },
        { id: 2, status: 'closed', receivedAt: '2026-03-01T09:00:00+08:00' },
        { id: 1, status: 'closed', receivedAt: '2025-06-01T09:00:00+08:00' },
      ],
    });
    // a customer with no other complaint: no list, and an empty one in JSON
    expect(await run.ok('show', '5')).not.toContain("other complaints");
    expect((await run.json<{ sameCustomer: unknown }>('show', '5')).sameCustomer).toEqual({ count: 0, newest: [] });
    expect(await run.ok('--lang', 'zh', 'show', '4')).toContain('该客户的其他投诉（3 条）\n  #7  待处理  11月2日 周一 09:00  烤箱不热');
  });

  it('show lists the newest ten and points to kesu customer for the rest', async () => {
    const busy = on(makeDb(), { now: NOW });
    for (let n = 1; n <= 12; n++) await busy.ok('open', '--customer', 'Zhang Wei', '--category', 'other', '--desc', `Visit ${n}`, '--received', `2026-10-${String(n).padStart(2, '0')} 09:00`);
    const shown = await busy.ok('show', '1');
    expect(shown).toContain("The customer's other complaints (11)\n  #12  open  Mon 12 Oct 09:00  Visit 12\n");
    expect(shown).toContain('  #3  open  Sat 3 Oct 09:00  Visit 3\n  … and 1 more: kesu customer "Zhang Wei"\n');
    expect(shown).not.toContain('#2 ');
  });

  it('kesu customer NAME: every customer of that name, each with every complaint, open ones first, and how many in the last 12 months', async () => {
    const histories = await run.json<History[]>('customer', '王 芳');
    expect(histories.map(({ customer, total, lastTwelveMonths, complaints }) => [customer, total, lastTwelveMonths, complaints.map((c) => c.id)])).toEqual([
      // open ones first (#7, #4), then closed (#2, #1), newest first in each; #1 is older than 12 months
      [{ name: '王芳', phone: '13800138000' }, 4, 3, [7, 4, 2, 1]],
      [{ name: '王芳', phone: '139 0000 1111' }, 1, 1, [3]],
    ]);
    const text = await run.ok('customer', '王芳');
    expect(text).toMatch(/^王芳 · 13800138000: 4 complaints, 3 in the last 12 months\n┌/);
    expect(text).toContain('\n王芳 · 139 0000 1111: 1 complaint, 1 in the last 12 months\n');
    expect(text.indexOf('│ 7 ')).toBeLessThan(text.indexOf('│ 4 '));
    expect(text.indexOf('│ 4 ')).toBeLessThan(text.indexOf('│ 2 '));
    expect(await run.ok('--lang', 'zh', 'customer', '王芳')).toMatch(/^王芳 · 13800138000：共 4 条投诉，近 12 个月 3 条\n/);
  });

  it('kesu customer fits a narrow terminal: the date and the category left out first', async () => {
    const narrow = await kesu(['--db', db, 'customer', '139 0000 1111'], { now: NOW, columns: 34 });
    expect(narrow.code).toBe(0);
    expect(narrow.stdout).toBe(
      [
        '王芳 · 139 0000 1111: 1 complaint, 1 in the last 12 months',
        '┌────┬────────┬─────────────┐',
        '│ ID │ Status │ Description │',
        '├────┼────────┼─────────────┤',
        '│ 3  │ open   │ 面包机异响  │',
        '└────┴────────┴─────────────┘',
        '',
      ].join('\n'),
    );
  });

  it('kesu customer PHONE: the customers of that phone, by its digits however typed', async () => {
    for (const phone of ['13800138000', '138-0013-8000', '(138) 0013 8000']) {
      const histories = await run.json<History[]>('customer', phone);
      expect(histories.map(({ complaints }) => complaints.map((c) => c.id)), phone).toEqual([[7, 4, 2, 1]]);
    }
    // +86 is part of #6's number: its own customer
    expect((await run.json<History[]>('customer', '+86 138 0013 8000')).map(({ complaints }) => complaints.map((c) => c.id))).toEqual([[6]]);
  });

  it('a customer with no complaint is not found (exit 1), and an empty name is a usage error', async () => {
    const message = expectFailure(await run('customer', '赵敏'), 1);
    expectSentence(message);
    expect(message).toBe('No complaint is from a customer named 赵敏; look for part of the name with kesu search 赵敏.');
    // the command it suggests can be typed as shown: a name with a space is quoted
    expect(expectFailure(await run('customer', 'Zhao Min'), 1)).toBe('No complaint is from a customer named Zhao Min; look for part of the name with kesu search "Zhao Min".');
    expect(expectJsonFailure(await run('--json', 'customer', '139 9999 9999'), 1).code).toBe('not-found');
    expectFailure(await run('customer', ' '), 2);
    expectSentence(expectFailure(await run('customer', '王\u001b[2J芳'), 1));
  });

  it('list --phone DIGITS: complaints whose phone holds the digits, however typed; comma lists; not closed unless --status says', async () => {
    const ids = async (...args: string[]) => (await run.json<ComplaintJson[]>('list', ...args)).map((c) => c.id).sort((a, b) => a - b);
    expect(await ids('--phone', '13800138000')).toEqual([4, 6, 7]);
    expect(await ids('--phone', '138-0013-8000', '--status', 'all')).toEqual([1, 2, 4, 6, 7]);
    expect(await ids('--phone', '8000')).toEqual([4, 6, 7]);
    expect(await ids('--phone', '1111,8613')).toEqual([3, 6]);
    expect(await ids('--phone', '00', '--status', 'all')).toEqual([1, 2, 3, 4, 6, 7]);
    const message = expectFailure(await run('list', '--phone', 'abc'), 1);
    expect(message).toBe('--phone "abc" has no digits; give digits of a phone number, all of it or a part (like 8000).');
  });
});
