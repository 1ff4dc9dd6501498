// Issue 14, item 12: one customer however typed. 黄 磊, 黄　磊 and 黄磊 are one customer for repeat
// customers and list --customer, and 员工 培训不足 and 员工培训不足 one cause for the report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDb, on, removeTempDirs, type ComplaintJson } from '../helpers/kesu.js';

afterAll(removeTempDirs);

const NOW = '2026-11-20T12:00:00+08:00';

describe('one customer, one cause, however spaced', () => {
  const run = on(makeDb(), { now: NOW });
  const ids = async (...args: string[]): Promise<number[]> => (await run.json<ComplaintJson[]>('list', ...args)).map((c) => c.id);

  beforeAll(async () => {
    // #1 and #2 in October, the one with a space, the other without; both resolved, their causes
    // and actions spaced differently. #3 in November with an ideographic space, open.
    const open = (customer: string, received: string) =>
      run.ok('open', '--customer', customer, '--phone', '13800138000', '--category', 'quality', '--desc', '电饭煲漏电', '--received', received, '--by', '小李');
    await open('黄 磊', '2026-10-05 09:00');
    await run.ok('resolve', '1', '--solution', '换新', '--root-cause', '员工 培训不足', '--action', '每月 培训', '--at', '2026-10-06 09:00');
    await open('黄磊', '2026-10-12 09:00');
    await run.ok('resolve', '2', '--solution', '换新', '--root-cause', '员工培训不足', '--action', '每月培训', '--at', '2026-10-13 09:00');
    await open('黄　磊', '2026-11-02 09:00');
  });

  it('the report counts 黄 磊 and 黄磊 as one repeat customer, and their causes and actions as one each', async () => {
    const report = await run.json<{ repeatCustomers: number; topRootCauses: unknown[]; topCorrectiveActions: unknown[] }>('report', '--month', '2026-10');
    expect(report.repeatCustomers).toBe(1);
    expect(report.topRootCauses).toEqual([{ cause: '员工 培训不足', count: 2 }]);
    expect(report.topCorrectiveActions).toEqual([{ action: '每月 培训', count: 2 }]);
  });

  it('list --customer finds all three however the name is typed, spaces of any width or none', async () => {
    for (const name of ['黄磊', '黄 磊', '黄　磊', ' 黄  磊 ']) expect(await ids('--status', 'all', '--customer', name), name).toEqual([1, 2, 3]);
  });
});
