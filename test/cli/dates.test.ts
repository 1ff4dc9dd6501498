// Dates as people say them (today, 昨天 15:00, 12-06 09:00), every time shown in the one local style
// (errors too), a complaint received on a date without a time shown by its date alone, through
// export, restore and the import of a paper form, and `open` saying when its answer is already late.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectFailure, makeDb, makeTempDir, on, removeTempDirs, type ComplaintJson } from '../helpers/kesu.js';

afterAll(removeTempDirs);

// Sunday 6 December 2026, half past three in the afternoon (Shanghai).
const now = '2026-12-06T15:30:00+08:00';
const zh = { LANG: 'zh_CN.UTF-8' };
const OPEN = ['open', '--customer', 'Wang Fang', '--category', 'service', '--desc', 'Rude cashier', '--by', 'Alice'];

describe('dates typed as people say them', () => {
  it('today, yesterday, 今天, 昨天, 前天, with or without a time; a month and day of this year; a time alone', async () => {
    const run = on(makeDb(), { now });
    const received = async (...when: string[]): Promise<string> => (await run.json<ComplaintJson>(...OPEN, '--received', ...when)).receivedAt;
    expect(await received('前天')).toBe('2026-12-04T00:00:00+08:00');
    expect(await received('yesterday')).toBe('2026-12-05T00:00:00+08:00');
    expect(await received('昨天 15:00')).toBe('2026-12-05T15:00:00+08:00');
    expect(await received('12-06 09:00')).toBe('2026-12-06T09:00:00+08:00');
    expect(await received('今天 下午3点')).toBe('2026-12-06T15:00:00+08:00');
    expect(await received('today 3:15pm')).toBe('2026-12-06T15:15:00+08:00');
    expect(await received('15:20')).toBe('2026-12-06T15:20:00+08:00');
    const logged = await run.json<ComplaintJson>('log', '7', 'Called back', '--at', 'today 15:25');
    expect(logged.events!.at(-1)!.at).toBe('2026-12-06T15:25:00+08:00');
    expect((await run.json<ComplaintJson[]>('list', '--since', 'yesterday', '--until', 'yesterday')).map((c) => c.id)).toEqual([2, 3]);
  });

  it('a date of this year still to come is refused as in the future, saying now in the same style', async () => {
    const run = on(makeDb(), { now });
    expect(expectFailure(await run(...OPEN, '--received', '12-24'), 1)).toBe(
      'The time Thu 24 Dec 00:00 is in the future (it is now Sun 6 Dec 15:30); give --received a time that has already passed.',
    );
    expect(expectFailure(await run(...OPEN, '--received', '12/06'), 1)).toBe(
      '--received "12/06" is not a date or time; write it like 2026-10-05 09:00, 12-06 15:00 or yesterday 15:00.',
    );
  });

  it('report --from takes them too', async () => {
    const run = on(makeDb(), { now });
    await run.ok(...OPEN, '--received', 'yesterday 10:00');
    expect((await run.json<{ period: { from: string; to: string } }>('report', '--from', '前天')).period).toMatchObject({ from: '2026-12-04', to: '2026-12-06' });
  });
});

describe('times in the same local style everywhere', () => {
  it('a time out of order is said as the table shows it, in English and in Chinese', async () => {
    const run = on(makeDb(), { now });
    await run.ok(...OPEN, '--received', '2026-12-02 15:00');
    expect(expectFailure(await run('assign', '1', '--to', 'Liu', '--at', '2026-12-01 09:00'), 1)).toBe(
      'The time Tue 1 Dec 09:00 is before the last entry of complaint 1, at Wed 2 Dec 15:00; give --at a time no earlier than that.',
    );
    expect(expectFailure(await on(makeDb(), { now, env: zh })('open', '--customer', '王芳', '--category', '服务', '--desc', '态度差', '--received', '2027年1月1日'), 1)).toBe(
      '时间 2027年1月1日 周五 00:00 还没有到（现在是 12月6日 周日 15:30）；--received 请填写已经发生的时间。',
    );
  });

  it('a year other than this one is shown', async () => {
    const run = on(makeDb(), { now });
    await run.ok(...OPEN, '--received', '2025-12-30 10:00');
    expect(await run.ok('show', '1')).toContain('Received           Tue 30 Dec 2025 10:00 · Alice · in person\n');
  });
});

describe('a complaint received on a date without a time', () => {
  it('shows the date alone: in show, in the timeline, in the list; with a time it shows the time', async () => {
    const run = on(makeDb(), { now });
    await run.ok(...OPEN, '--received', '2026-12-02');
    await run.ok(...OPEN, '--received', '2026-12-02 00:00');
    const shown = await run.ok('show', '1');
    expect(shown).toContain('Received           Wed 2 Dec · Alice · in person\n');
    // the same customer's other complaint under it, received at midnight: its time is shown
    expect(shown).toMatch(/Timeline\n {3}1 {2}Wed 2 Dec {2}Alice {2}received\n\nThe customer's other complaints \(1\)\n {2}#2 {2}open {2}Wed 2 Dec 00:00 {2}Rude cashier\n$/);
    expect(await run.ok('show', '2')).toContain('Received           Wed 2 Dec 00:00 · Alice · in person\n');
    expect(await run.ok('list')).toMatch(/│ 1 +│ open .*│ Wed 2 Dec +│ Wed 9 Dec \(answer\) +│[^\n]*\n│ 2 +│ open .*│ Wed 2 Dec 00:00 +│/);
    expect(await on(makeDb(), { now, env: zh }).ok('open', '--customer', '王芳', '--category', '服务', '--desc', '态度差', '--received', '昨天')).toContain('已受理投诉 #1');
  });

  it('is kept through a JSON export and its restore, and through a CSV export and its import', async () => {
    const dir = makeTempDir();
    const run = on(makeDb(), { now });
    await run.ok(...OPEN, '--received', '12月2日');
    await run.ok(...OPEN, '--received', '12月2日 9点');
    const json = join(dir, 'all.json');
    await run.ok('export', '--format', 'json', '--out', json);
    const exported = JSON.parse(readFileSync(json, 'utf8')) as { events: { details: Record<string, unknown> }[] }[];
    expect(exported.map((c) => c.events[0]!.details.dateOnly)).toEqual([true, undefined]);
    const restored = on(makeDb(), { now });
    await restored.ok('import', json);
    expect(await restored.ok('show', '1')).toContain('Received           Wed 2 Dec · Alice');
    expect(await restored.ok('show', '2')).toContain('Received           Wed 2 Dec 09:00 · Alice');
    expect(await restored.ok('check')).toMatch(/is sound/);

    const csv = join(dir, 'all.csv');
    await run.ok('export', '--out', csv);
    expect(readFileSync(csv, 'utf8').split('\r\n').slice(1, 3).map((row) => row.split(',')[1])).toEqual(['2026-12-02', '2026-12-02T09:00:00+08:00']);
    const imported = on(makeDb(), { now });
    await imported.ok('import', csv);
    expect(await imported.ok('show', '1')).toContain('Received           Wed 2 Dec · Alice');
  });

  it('an export changed to say dateOnly other than true is refused', async () => {
    const dir = makeTempDir();
    const run = on(makeDb(), { now });
    await run.ok(...OPEN, '--received', '2026-12-02');
    const json = join(dir, 'all.json');
    await run.ok('export', '--format', 'json', '--out', json);
    writeFileSync(json, readFileSync(json, 'utf8').replace('"dateOnly": true', '"dateOnly": false'));
    const refused = await on(makeDb(), { now })('import', json);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('events[0].details.dateOnly: not true (a detail present only when it holds)');
  });

  it('a paper form dated without a time is shown by its date alone', async () => {
    const dir = makeTempDir();
    const csv = join(dir, 'forms.csv');
    writeFileSync(csv, '投诉日期,客户姓名,投诉类别,投诉内容\n2026年12月1日,赵敏,质量,杯子裂了\n2026年12月1日 14:30,钱多多,质量,杯子裂了\n');
    const run = on(makeDb(), { now });
    await run.ok('import', csv);
    expect(await run.ok('show', '1')).toMatch(/^Received {11}Tue 1 Dec · /m);
    expect(await run.ok('show', '2')).toMatch(/^Received {11}Tue 1 Dec 14:30 · /m);
  });
});

describe('open with a received date whose answer deadline has passed', () => {
  it('says the answer was due and is late, in English and in Chinese', async () => {
    const run = on(makeDb(), { now });
    expect(await run.ok(...OPEN, '--received', '11-02 09:00')).toBe(
      'Recorded complaint #1. The answer was due by the end of Mon 9 Nov (5 working days from Mon 2 Nov; skipped Sat 7 Nov, Sun 8 Nov), which has passed: answer the customer now.\n',
    );
    expect(await on(makeDb(), { now, env: zh }).ok('open', '--customer', '陈杰', '--category', '质量', '--severity', '重大', '--desc', '食品中有玻璃', '--received', '前天 10:00')).toBe(
      '已受理投诉 #1  重大投诉。答复客户的期限 12月5日 周六 10:00 已过（自 12月4日 周五 10:00 起 24 小时）：请立即答复客户。\n已升级至店长。\n',
    );
    expect(await run.ok(...OPEN, '--received', 'today 9:00')).toBe(
      'Recorded complaint #2. Answer the customer by the end of Fri 11 Dec (5 working days from Sun 6 Dec).\n',
    );
  });
});
