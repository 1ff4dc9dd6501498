// `list` with every filter and its order, and `due`, today's agenda, in English and Chinese.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIST_ROWS } from '../../src/cli/commands/list.js';
import { BIN, expectComplaintShape, expectFailure, kesu, makeDb, makeTempDir, on, removeTempDirs, testEnv, type ComplaintJson } from '../helpers/kesu.js';

afterAll(removeTempDirs);

describe('list', () => {
  const db = makeDb();
  const run = on(db);
  const ids = async (...args: string[]): Promise<number[]> => (await run.json<ComplaintJson[]>('list', ...args)).map((c) => c.id);

  beforeAll(async () => {
    const open = async (customer: string, category: string, severity: string, received?: string): Promise<void> => {
      const at = received ? ['--received', received] : [];
      await run.ok('open', '--customer', customer, '--category', category, '--severity', severity, '--desc', 'Something went wrong', '--by', 'Alice', ...at);
    };
    // 1: answer due Mon 9 Nov
    await open('Li Wei', 'quality', 'normal', '2026-11-02 09:00');
    // 2: major, answer due Wed 11 Nov 09:00; assigned to Zhang
    await open('Wang Fang', 'service', 'major', '2026-11-10 09:00');
    await run.ok('assign', '2', '--to', 'Zhang', '--at', '2026-11-10 10:00');
    // 3: urgent, due Wed 4 Nov; assigned to Liu
    await open('Chen Jie', 'delivery', 'urgent', '2026-11-03 09:00');
    await run.ok('assign', '3', '--to', 'Liu', '--at', '2026-11-03 10:00');
    // 4: closed
    await open('Li Na', 'wrong-item', 'normal', '2026-10-20 09:00');
    await run.ok('close', '4', '--reason', 'duplicate', '--at', '2026-10-21 09:00');
    // 5: received now, so nothing of it is overdue yet
    await open('Zhao Min', 'billing', 'normal');
    // 6: resolved, follow-up due Fri 6 Nov 12:00 (24 hours for urgent)
    await open('Sun Li', 'quality', 'urgent', '2026-11-05 09:00');
    await run.ok('resolve', '6', '--solution', 'Replaced', '--at', '2026-11-05 12:00');
  });

  it('shows what is not closed, major first, then by the nearest deadline', async () => {
    const complaints = await run.json<ComplaintJson[]>('list');
    expect(complaints.map((c) => c.id)).toEqual([2, 3, 6, 1, 5]);
    for (const c of complaints) expectComplaintShape(c, { events: false });
    expect(complaints[2]!.deadlines.followup).toBe('2026-11-06T12:00:00+08:00');
  });

  it('--status filters by one or more statuses; all includes the closed', async () => {
    expect(await ids('--status', 'all')).toEqual([2, 3, 6, 1, 5, 4]);
    expect(await ids('--status', 'closed')).toEqual([4]);
    expect(await ids('--status', 'open,assigned')).toEqual([2, 3, 1, 5]);
    expect(await ids('--status', 'resolved, closed')).toEqual([6, 4]);
  });

  it('--category, --severity, --assignee filter by comma-separated lists', async () => {
    expect(await ids('--category', 'quality,service')).toEqual([2, 6, 1]);
    expect(await ids('--category', 'wrong-item')).toEqual([]);
    expect(await ids('--category', 'wrong-item', '--status', 'all')).toEqual([4]);
    expect(await ids('--severity', 'urgent')).toEqual([3, 6]);
    expect(await ids('--severity', 'urgent,major')).toEqual([2, 3, 6]);
    expect(await ids('--assignee', 'Zhang')).toEqual([2]);
    expect(await ids('--assignee', 'Zhang,Liu')).toEqual([2, 3]);
  });

  it('--customer matches parts of names, case-insensitively', async () => {
    expect(await ids('--customer', 'li')).toEqual([6, 1]);
    expect(await ids('--customer', 'li', '--status', 'all')).toEqual([6, 1, 4]);
    expect(await ids('--customer', 'zhao,FANG')).toEqual([2, 5]);
  });

  it('--customer matches without regard to width and spacing too, and not the phone', async () => {
    // Li Wei (1) and Wang Fang (2) typed with a Chinese input method: full-width letters, an ideographic space
    expect(await ids('--customer', 'ＬＩ　ＷＥＩ')).toEqual([1]);
    expect(await ids('--customer', 'wang  fang')).toEqual([2]);
    const phoned = on(makeDb());
    await phoned.ok('open', '--customer', 'Ma Li', '--phone', '13900001111', '--category', 'service', '--desc', 'x');
    expect(await phoned.json<ComplaintJson[]>('list', '--customer', '139')).toEqual([]);
    expect((await phoned.json<ComplaintJson[]>('list', '--customer', 'ma')).map((c) => c.id)).toEqual([1]);
  });

  it('--overdue keeps those with a deadline passed', async () => {
    expect(await ids('--overdue')).toEqual([2, 3, 6, 1]);
    for (const c of await run.json<ComplaintJson[]>('list', '--overdue')) expect(c.overdue.length).toBeGreaterThan(0);
    expect((await run.json<ComplaintJson[]>('list', '--customer', 'Zhao'))[0]!.overdue).toEqual([]);
  });

  it('--since and --until filter by when it was received; --until includes its day', async () => {
    expect(await ids('--since', '2026-11-03', '--until', '2026-11-05')).toEqual([3, 6]);
    expect(await ids('--since', '2026-11-03', '--until', '2026-11-10')).toEqual([2, 3, 6]);
    expect(await ids('--until', '2026-11-02 08:00', '--status', 'all')).toEqual([4]);
    expect(await ids('--since', '2026年11月10日')).toEqual([2, 5]);
  });

  it('the table marks major complaints and overdue deadlines', async () => {
    const text = await run.ok('list', '--status', 'open,assigned', '--overdue');
    const lines = text.trimEnd().split('\n');
    expect(lines[1]).toMatch(/^│ ID +│ Status +│ Severity +│ Category +│ Customer +│ Received +│ Next due +│ Assignee +│$/);
    expect(lines[2]).toMatch(/^├─+┼─+┼─+┼─+┼─+┼─+┼─+┼─+┤$/);
    expect(lines.slice(3, -1).map((line) => line.split('│')[1]!.trim())).toEqual(['2 !', '3', '1']);
    expect(text).toMatch(/│ 2 ! +│ assigned +│ major +│ service +│ Wang Fang +│ Tue 10 Nov 09:00 +│ Wed 11 Nov 09:00 \(answer\) OVERDUE +│ Zhang +│/);
    expect(text).toMatch(/│ 1 +│ open +│ normal +│ quality +│ Li Wei +│ Mon 2 Nov 09:00 +│ Mon 9 Nov \(answer\) OVERDUE +│ — +│/);
    expect(await run.ok('list', '--category', 'other')).toBe('No complaints match.\n');
  });

  it('in Chinese: labels accepted as filters, and the table in Chinese', async () => {
    const zh = on(db, { env: { LANG: 'zh_CN.UTF-8' } });
    expect((await zh.json<ComplaintJson[]>('list', '--status', '已解决')).map((c) => c.id)).toEqual([6]);
    expect((await zh.json<ComplaintJson[]>('list', '--severity', '重大，紧急')).map((c) => c.id)).toEqual([2, 3, 6]);
    expect((await zh.json<ComplaintJson[]>('list', '--category', '质量、服务')).map((c) => c.id)).toEqual([2, 6, 1]);
    expect((await zh.json<ComplaintJson[]>('list', '--status', '全部', '--category', '错发')).map((c) => c.id)).toEqual([4]);
    const text = await zh.ok('list', '--overdue');
    expect(text).toMatch(/│ 编号 +│ 状态 +│ 严重程度 +│ 类别 +│ 客户 +│ 受理时间 +│ 下一期限 +│ 责任人 +│/);
    expect(text).toMatch(/│ 2 ! +│ 已指派 +│ 重大 +│ 服务 +│ Wang Fang +│ 11月10日 周二 09:00 +│ 11月11日 周三 09:00 \(答复客户\) 已超期 +│ Zhang +│/);
    expect(await on(db).ok('--lang', 'zh', 'list', '--category', 'other')).toBe('没有符合条件的投诉。\n');
  });

  it('an empty filter and a period that ends before it starts are refused, not taken for no filter or nothing', async () => {
    expect(expectFailure(await run('list', '--status', ''), 1)).toBe('--status is empty; give one or more values separated by commas, or leave the option out.');
    expect(expectFailure(await run('list', '--customer', ' , '), 1)).toBe('--customer is empty; give one or more values separated by commas, or leave the option out.');
    expect(expectFailure(await run('list', '--since', '2026-12-01', '--until', '2026-11-01'), 1)).toBe('--since 2026-12-01 is after --until 2026-11-01; give the earlier date to --since.');
    expect((await run.json<ComplaintJson[]>('list', '--since', '2026-11-02', '--until', '2026-11-02', '--status', 'all')).map((c) => c.id)).toEqual([1]);
  });

  it('a bad filter value is refused with exit 1', async () => {
    expect(expectFailure(await run('list', '--severity', 'huge'), 1)).toBe('--severity "huge" is not a severity; use one of: normal, urgent, major.');
    expect(expectFailure(await run('list', '--since', '05/11/2026'), 1)).toBe('--since "05/11/2026" could be read two ways; write the year first, like 2026-10-05 09:00.');
  });

  it('a filter no stored value could match is refused in one sentence: a control character, a text longer than any kept', async () => {
    expect(expectFailure(await run('list', '--phone', '13\x1b8'), 1)).toBe('--phone holds the control character U+001B, which no stored value holds; remove it.');
    expect(expectFailure(await run('list', '--assignee', 'Li\x07'), 1)).toBe('--assignee holds the control character U+0007, which no stored value holds; remove it.');
    // SQLite refuses a LIKE pattern of more than 50,000 bytes: 20,000 Chinese characters are 60,000
    expect(expectFailure(await run('list', '--customer', '王'.repeat(20_000)), 1)).toBe(
      `--customer ("${'王'.repeat(60)}…") is 20000 characters long, longer than any value kesu keeps; give a shorter part of it.`,
    );
    expect(await run.json('list', '--customer', '王'.repeat(4000))).toEqual([]);
  });
});

describe('due', () => {
  // Today is Wednesday 18 November 2026 (a fixed clock); the shop opens every day here, and a
  // major complaint is answered within 5 working days like a normal one.
  const now = '2026-11-18T12:00:00+08:00';
  const db = makeDb();
  const run = on(db, { now });

  beforeAll(async () => {
    await run.ok('config', 'set', 'workweek', 'mon-sun');
    // Nothing stored: it says how far it looked (3 working days, every day open here).
    expect((await run('due')).stdout).toBe('Nothing is overdue or due by the end of Sat 21 Nov.\n');
    expect((await run('--lang', 'zh', 'due', '--days', '1')).stdout).toBe('截至11月19日 周四结束，没有逾期或到期的投诉。\n');
    await run.ok('config', 'set', 'deadline.answer.major', '5d');
    const open = async (customer: string, severity: string, received: string): Promise<void> => {
      await run.ok('open', '--customer', customer, '--category', 'service', '--severity', severity, '--desc', 'x', '--received', `${received} 09:00`);
    };
    await open('Overdue normal', 'normal', '2026-11-11'); // 1: due 2 days ago
    await open('Overdue major', 'major', '2026-11-12'); // 2: due yesterday
    await open('Today normal', 'normal', '2026-11-13'); // 3: due at the end of today
    await open('Today major', 'major', '2026-11-13'); // 4
    await open('Tomorrow normal', 'normal', '2026-11-14'); // 5: due tomorrow
    await open('Day after major', 'major', '2026-11-15'); // 6: due the day after tomorrow
    await open('Later normal', 'normal', '2026-11-17'); // 7: due in 4 days, past the default 3
  });

  it('--json lists what needs the manager first (the major ones, escalated when recorded), then overdue, due today, the next days', async () => {
    const agenda = await run.json<(ComplaintJson & { agenda: string })[]>('due');
    expect(agenda.map((c) => c.customer.name)).toEqual(['Overdue major', 'Today major', 'Day after major', 'Overdue normal', 'Today normal', 'Tomorrow normal']);
    expect(agenda.map((c) => c.agenda)).toEqual(['manager', 'manager', 'manager', 'overdue', 'today', 'day']);
    for (const c of agenda) expectComplaintShape(c, { events: false, agenda: true });
    expect(agenda.map((c) => c.overdue.length > 0)).toEqual([true, false, false, true, false, false]);
    expect(agenda[1]!.deadlines.answer).toBe('2026-11-18T23:59:59+08:00');
  });

  it('--days widens the horizon', async () => {
    expect((await run.json<ComplaintJson[]>('due', '--days', '5')).map((c) => c.id)).toEqual([2, 4, 6, 1, 3, 5, 7]);
    expect((await run.json<ComplaintJson[]>('due', '--days', '1')).map((c) => c.id)).toEqual([2, 4, 6, 1, 3, 5]);
  });

  it('the text agenda has a heading per group', async () => {
    const text = await run.ok('due');
    const headings = text.split('\n').filter((line) => /^\S.*\(\d+\)$/.test(line));
    expect(headings).toEqual(['Needs the manager (3)', 'Overdue (1)', 'Due today (1)', 'Thu 19 Nov (1)']);
    expect(text.indexOf('Overdue major')).toBeLessThan(text.indexOf('Today major'));
    expect(text).not.toContain('Later normal');
  });

  it('in Chinese', async () => {
    const text = await kesu(['--db', db, 'due'], { env: { LANG: 'zh_CN.UTF-8' }, now });
    expect(text.code).toBe(0);
    const headings = text.stdout.split('\n').filter((line) => /^\S.*\(\d+\)$/.test(line));
    expect(headings).toEqual(['需店长处理 (3)', '已超期 (1)', '今天到期 (1)', '11月19日 周四 (1)']);
    expect(text.stdout).toContain('│ 编号 ');
  });

  it('--days must be a whole number', async () => {
    expect(expectFailure(await run('due', '--days', 'soon'), 2)).toBe('--days must be a whole number, 0 or more, not "soon".');
    expect(expectFailure(await run('list', '--limit', '-1'), 2)).toBe('--limit must be a whole number, 0 or more, not "-1".');
    expect((await run.json<ComplaintJson[]>('list', '--limit', '2')).map((c) => c.id)).toEqual([2, 4]); // list: every major first
  });
});

describe('list of more complaints than it shows by default', () => {
  const db = makeDb();
  const run = on(db);
  // Over a thousand: the count is shown with its separator, the --limit to give without.
  const total = 1_002;
  const note = `Showing the first 500 of 1,002 complaints; give --limit 1002 to see them all, or narrow the list with filters.`;

  beforeAll(async () => {
    const csv = join(makeTempDir(), 'many.csv');
    const rows = Array.from({ length: total }, (_, i) => `M-${i + 1},2026-10-05 09:00,Customer ${i + 1},phone,quality,normal,Form ${i + 1}`);
    writeFileSync(csv, ['ref,receivedAt,customer,channel,category,severity,description', ...rows].join('\n'));
    await run.ok('import', csv);
  });

  it('shows the first rows and says how many matched and how to see them all', async () => {
    const result = await run('list', '--status', 'all');
    expect(result.code).toBe(0);
    expect(result.stdout.match(/^│ \d+ /gm)).toHaveLength(DEFAULT_LIST_ROWS);
    expect(result.stdout.endsWith(`${note}\n`)).toBe(true);
    expect((await on(db)('--lang', 'zh', 'list')).stdout).toContain('仅显示 1,002 条投诉中的前 500 条；用 --limit 1002 查看全部');
  });

  it('with --json, the array holds what is shown and the note goes to stderr', async () => {
    const result = await run('--json', 'list');
    expect((JSON.parse(result.stdout) as unknown[]).length).toBe(DEFAULT_LIST_ROWS);
    expect(JSON.parse(result.stderr)).toEqual({
      warning: { code: 'more-rows', message: note },
    });
  });

  it('stops quietly, exit 0, when its reader stops early (kesu list | head -1)', async () => {
    // The reader is gone before kesu writes its first byte.
    const child = spawn(process.execPath, [BIN, '--db', db, 'list', '--limit', String(total)], { env: testEnv() });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', (exit) => resolve(exit)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('writes a long list whole into a pipe another program left non-blocking, however slow its reader', async () => {
    // python3 (node-gyp needs it to compile better-sqlite3, which .prebuild-installrc always builds from source) sets O_NONBLOCK on the pipe kesu then shares.
    const nonBlocking = "python3 -c 'import fcntl, os; fcntl.fcntl(1, fcntl.F_SETFL, fcntl.fcntl(1, fcntl.F_GETFL) | os.O_NONBLOCK)'";
    const kesuList = `"${process.execPath}" "${BIN}" --db "${db}" list --limit ${total}`;
    const piped = spawnSync('sh', ['-c', `(${nonBlocking} && ${kesuList}; echo "exit $?" >&2) | (sleep 1; cat)`], { env: testEnv(), encoding: 'utf8', maxBuffer: 2 ** 24 });
    expect(piped.stderr).toBe('exit 0\n');
    expect(piped.stdout).toBe((await run('list', '--limit', String(total))).stdout);
    expect(piped.stdout.length).toBeGreaterThan(2 ** 16);
  });

  it('--limit shows as many as it says, with no note', async () => {
    const result = await run('--json', 'list', '--limit', String(total));
    expect((JSON.parse(result.stdout) as unknown[]).length).toBe(total);
    expect(result.stderr).toBe('');
    expect((await run('list', '--limit', '3')).stdout).not.toContain('Showing');
  });
});
