// `kesu config`: showing and changing the policy, refusing bad values without changing anything,
// and new complaints following the policy in force.
import { afterAll, describe, expect, it } from 'vitest';
import { expectFailure, expectJsonFailure, expectSentence, kesu, makeDb, on, removeTempDirs, type ComplaintJson } from '../helpers/kesu.js';

afterAll(removeTempDirs);

interface SettingsJson {
  calendar: { workweek: number[]; holidays: string[]; extraWorkdays: string[]; official: unknown[] };
  policy: Record<'answer' | 'solution' | 'followup', Record<'normal' | 'urgent' | 'major', { amount: number; unit: string }>>;
  departments: Record<string, string>;
  followupsRequired: Record<string, number>;
  defaultActor: string | null;
}

const openFriday = ['open', '--customer', 'Li', '--category', 'quality', '--desc', 'Cracked cup', '--received', '2026-10-30 10:00'];

describe('config show', () => {
  const run = on(makeDb());

  it('shows the calendar, the deadlines and the categories with the defaults of the spec', async () => {
    const text = await run.ok('config');
    expect(text).toMatch(/^Calendar\n {2}workweek {3}Mon Tue Wed Thu Fri\n {2}holiday {4}—\n {2}workday {4}—\n/);
    expect(text).toMatch(/│ answer +│ 5d +│ 1d +│ 24h +│/);
    expect(text).toMatch(/│ solution +│ 3d +│ 1d +│ 1d +│/);
    expect(text).toMatch(/│ followup +│ 5d +│ 24h +│ 24h +│/);
    expect(text).toMatch(/│ quality +│ QC +│ 2 +│/);
    expect(text).toMatch(/│ wrong-item +│ warehouse +│ 1 +│/);
    expect(text).toMatch(/│ delivery +│ logistics +│ 1 +│/);
    expect(text).toMatch(/│ service +│ front desk +│ 1 +│/);
  });

  it('--json gives the settings as data', async () => {
    const settings = await run.json<SettingsJson>('config');
    expect(settings.calendar).toEqual({ workweek: [1, 2, 3, 4, 5], holidays: [], extraWorkdays: [], official: [] });
    expect(settings.policy.answer).toEqual({ normal: { amount: 5, unit: 'workdays' }, urgent: { amount: 1, unit: 'workdays' }, major: { amount: 24, unit: 'hours' } });
    expect(settings.followupsRequired.quality).toBe(2);
    expect(settings.followupsRequired.service).toBe(1);
    expect(settings.departments['wrong-item']).toBe('warehouse');
    expect(settings.defaultActor).toBeNull();
  });

  it('in Chinese', async () => {
    const text = await run.ok('--lang', 'zh', 'config');
    expect(text).toMatch(/^营业日历\n {2}workweek {3}周一 周二 周三 周四 周五\n/);
    expect(text).toContain('处理期限（d = 工作日，h = 小时）');
    expect(text).toMatch(/│ quality 质量 +│ QC +│ 2 +│/);
  });
});

describe('config set and add change what new complaints get', () => {
  // each on a database of its own

  it('deadline.answer.normal 3d: a Friday complaint is due on Wednesday', async () => {
    // on the Friday itself, so that the answer is still to come
    const run = on(makeDb(), { now: '2026-10-30T12:00:00+08:00' });
    const settings = await run.json<SettingsJson>('config', 'set', 'deadline.answer.normal', '3d');
    expect(settings.policy.answer.normal).toEqual({ amount: 3, unit: 'workdays' });
    expect(await run.ok(...openFriday)).toBe(
      'Recorded complaint #1. Answer the customer by the end of Wed 4 Nov (3 working days from Fri 30 Oct; skipped Sat 31 Oct, Sun 1 Nov).\n',
    );
    expect(await run.ok('config')).toMatch(/│ answer +│ 3d +│ 1d +│ 24h +│/);
  });

  it('a holiday is skipped and a make-up working day counted, and show says so', async () => {
    const run = on(makeDb());
    await run.ok('config', 'set', 'deadline.answer.normal', '3d');
    await run.ok(...openFriday);
    await run.ok('config', 'add', 'holiday', '2026-11-02');
    expect((await run.json<ComplaintJson>(...openFriday)).deadlines.answer).toBe('2026-11-05T23:59:59+08:00');
    await run.ok('config', 'add', 'workday', '2026-10-31');
    const c = await run.json<ComplaintJson>(...openFriday);
    expect(c.deadlines.answer).toBe('2026-11-04T23:59:59+08:00');
    expect(await run.ok('show', String(c.id))).toContain(
      '3 working days from Fri 30 Oct; skipped Sun 1 Nov, Mon 2 Nov (holiday); counted Sat 31 Oct (make-up working day)\n',
    );
    expect(await run.ok('--lang', 'zh', 'show', String(c.id))).toContain('自 10月30日 周五 起 3 个工作日；跳过 11月1日 周日、11月2日 周一 (节假日)；计入 10月31日 周六（调休上班）\n');
    const settings = await run.json<SettingsJson>('config');
    expect(settings.calendar).toMatchObject({ holidays: ['2026-11-02'], extraWorkdays: ['2026-10-31'] });
    // the complaint opened before keeps the deadline it was given
    expect((await run.json<ComplaintJson>('show', '1')).deadlines.answer).toBe('2026-11-04T23:59:59+08:00');
    expect((await run.json<ComplaintJson>('show', '2')).deadlines.answer).toBe('2026-11-05T23:59:59+08:00');
  });

  it('remove takes a day off a list again; ranges are accepted', async () => {
    const run = on(makeDb());
    await run.ok('config', 'add', 'holiday', '2026-11-02');
    await run.ok('config', 'add', 'holiday', '2026-12-24..2026-12-26');
    expect((await run.json<SettingsJson>('config')).calendar.holidays).toEqual(['2026-11-02', '2026-12-24', '2026-12-25', '2026-12-26']);
    expect((await run.json<SettingsJson>('config', 'remove', 'holiday', '2026-11-02')).calendar.holidays).toEqual(['2026-12-24', '2026-12-25', '2026-12-26']);
  });

  it('department.quality: new quality complaints and assignments take the new department', async () => {
    const run = on(makeDb());
    await run.ok('config', 'set', 'department.quality', 'Quality lab');
    const c = await run.json<ComplaintJson>(...openFriday);
    expect(c.department).toBe('Quality lab');
    expect((await run.json<ComplaintJson>('assign', String(c.id), '--to', 'Zhang', '--at', '2026-11-02 09:00')).department).toBe('Quality lab');
  });

  it('followups.quality 1: one satisfied follow-up closes a quality complaint', async () => {
    const run = on(makeDb());
    expect((await run.json<SettingsJson>('config', 'set', 'followups.quality', '1')).followupsRequired.quality).toBe(1);
    const c = await run.json<ComplaintJson>(...openFriday);
    await run.ok('resolve', String(c.id), '--solution', 'Replaced', '--at', '2026-11-02 09:00');
    expect(await run.json<ComplaintJson>('followup', String(c.id), '--satisfaction', '5', '--at', '2026-11-03 09:00')).toMatchObject({ status: 'closed', outcome: 'satisfied' });
  });

  it('deadlines in hours count clock hours', async () => {
    const run = on(makeDb());
    await run.ok('config', 'set', 'deadline.answer.urgent', '48h');
    const c = await run.json<ComplaintJson>(...openFriday, '--severity', 'urgent');
    expect(c.deadlines.answer).toBe('2026-11-01T10:00:00+08:00');
  });

  it('by sets who records things when --by is not given', async () => {
    const run = on(makeDb());
    await run.ok('config', 'set', 'by', 'Counter 1');
    const c = await run.json<ComplaintJson>(...openFriday);
    expect(c.receivedBy).toBe('Counter 1');
    expect((await run.json<ComplaintJson>('log', String(c.id), 'Called', '--at', '2026-10-30 11:00')).events!.at(-1)!.by).toBe('Counter 1');
    expect((await run.json<ComplaintJson>('log', String(c.id), 'Visited', '--by', 'Alice', '--at', '2026-10-30 12:00')).events!.at(-1)!.by).toBe('Alice');
  });

  it('Chinese values are accepted: 天 and 小时, Chinese category names in the key', async () => {
    const zh = on(makeDb(), { env: { LANG: 'zh_CN.UTF-8' }, now: '2026-09-30T12:00:00+08:00' });
    const settings = await zh.json<SettingsJson>('config', 'set', 'deadline.answer.normal', '２工作日');
    expect(settings.policy.answer.normal).toEqual({ amount: 2, unit: 'workdays' });
    expect((await zh.json<SettingsJson>('config', 'set', 'department.错发', '仓库')).departments['wrong-item']).toBe('仓库');
    expect((await zh.json<SettingsJson>('config', 'add', 'holiday', '2026年10月1日..2026年10月7日')).calendar.holidays).toHaveLength(7);
    expect(await zh.ok('open', '--customer', '李伟', '--category', '错发', '--desc', '少了一件', '--received', '2026年9月30日 10:00')).toBe(
      '已受理投诉 #1。请最迟于 10月9日 周五 答复客户（自 9月30日 周三 起 2 个工作日；跳过 10月1日 周四 (节假日)、10月2日 周五 (节假日)、10月3日 周六 (节假日)、10月4日 周日 (节假日)、10月5日 周一 (节假日)、10月6日 周二 (节假日)、10月7日 周三 (节假日)）。\n',
    );
  });
});

describe('a change says what it changed, not the whole policy', () => {
  const now = '2026-09-20T12:00:00+08:00';

  it('a value set: the new one and the old, and for a deadline or the calendar that it counts from now on', async () => {
    const run = on(makeDb(), { now });
    expect(await run.ok('config', 'set', 'deadline.answer.normal', '3d')).toBe(
      'deadline.answer.normal is now 3d (was 5d); deadlines set from now on follow it, those already set stay.\n',
    );
    expect(await run.ok('config', 'set', 'department.wrong-item', '仓库')).toBe('department.wrong-item is now 仓库 (was warehouse).\n');
    expect(await run.ok('config', 'set', 'by', 'Counter 1')).toBe('by is now Counter 1 (was the system user).\n');
    expect(await run.ok('config', 'set', 'followups.quality', '3')).toBe('followups.quality is now 3 (was 2).\n');
    expect(await run.ok('config', 'set', 'workweek', 'mon-sat')).toBe(
      'workweek is now Mon Tue Wed Thu Fri Sat (was Mon Tue Wed Thu Fri); deadlines set from now on follow it, those already set stay.\n',
    );
    expect(await run.ok('config', 'set', 'followups.quality', '3')).toBe('Nothing changed: the setting already had that value.\n');
  });

  it('days added or removed, as runs of days in the local style', async () => {
    const run = on(makeDb(), { now });
    expect(await run.ok('config', 'add', 'holiday', '2026-10-01..2026-10-07,2026-10-10')).toBe(
      'Added 8 holidays: Thu 1 Oct – Wed 7 Oct, Sat 10 Oct; deadlines set from now on follow it, those already set stay.\n',
    );
    expect(await run.ok('config', 'remove', 'holiday', '2026-10-07')).toBe('Removed 1 holiday: Wed 7 Oct; deadlines set from now on follow it, those already set stay.\n');
    expect(await run.ok('config', 'add', 'workday', '2027-01-02')).toBe(
      'Added 1 make-up working day: Sat 2 Jan 2027; deadlines set from now on follow it, those already set stay.\n',
    );
  });

  it('in Chinese; with --json the whole settings, as before', async () => {
    const zh = on(makeDb(), { now, env: { LANG: 'zh_CN.UTF-8' } });
    expect(await zh.ok('config', 'set', 'deadline.followup.urgent', '48小时')).toBe('deadline.followup.urgent 已改为 48h（原为 24h）；此后设定的期限按此计算，已设定的不变。\n');
    expect(await zh.ok('config', 'add', 'holiday', '2026年10月1日..2026年10月3日')).toBe(
      '已添加节假日 10月1日 周四 至 10月3日 周六（3 天）；此后设定的期限按此计算，已设定的不变。\n',
    );
    expect(await zh.ok('config', 'set', 'by', '小李')).toBe('by 已改为 小李（原为 系统用户）。\n');
    expect((await zh.json<SettingsJson>('config', 'set', 'by', '小王')).defaultActor).toBe('小王');
  });
});

describe('invalid config changes exit 1 with one sentence and change nothing', () => {
  const db = makeDb();
  const run = on(db);

  const cases: [args: string[], message: string][] = [
    [['set', 'deadline.answer.normal', '3x'], '"3x" is not a deadline; write it like 5d (working days) or 24h (hours).'],
    [['set', 'deadline.answer.huge', '3d'], 'There is no setting "deadline.answer.huge"; kesu config lists them (workweek, by, shop.name, deadline.answer.normal, wait.max, department.quality, followups.quality, …).'],
    [['set', 'colour', 'blue'], 'There is no setting "colour"; kesu config lists them (workweek, by, shop.name, deadline.answer.normal, wait.max, department.quality, followups.quality, …).'],
    [['set', 'followups.quality', '0'], 'That setting cannot be used: follow-ups required for quality must be a whole number from 1 to 10.'],
    [['set', 'followups.quality', 'two'], 'That setting cannot be used: follow-ups required for quality must be a whole number from 1 to 10.'],
    [['set', 'followups.food', '1'], '"food" is not a category; use one of: quality, service, delivery, wrong-item, after-sales, billing, facility, other.'],
    [['set', 'workweek', 'weekdays'], '"weekdays" is not a list of weekdays; write it like mon-fri, mon-sat or 1,2,3,4,5 (0 = Sunday).'],
    [['add', 'holiday', '2026-13-01'], '"2026-13-01" is not a date or range; write it like 2026-10-01 or 2026-10-01..2026-10-07.'],
    [['add', 'holiday', '2026-10-07..2026-10-01'], 'The range 2026-10-07..2026-10-01 runs backwards or is too long.'],
  ];

  it('each is refused with its sentence, and the settings are as before', async () => {
    const before = (await run('--json', 'config')).stdout;
    for (const [args, message] of cases) {
      const error = expectFailure(await run('config', ...args), 1);
      expectSentence(error);
      expect({ args, error }).toEqual({ args, error: message });
    }
    expect((await run('--json', 'config')).stdout).toBe(before);
  });

  it('a name given to a setting is refused as the command that uses it refuses it, naming the setting', async () => {
    const before = (await run('--json', 'config')).stdout;
    const refusals: [args: string[], en: string, zh: string][] = [
      [
        ['set', 'by', 'Counter\u001b[31m1'],
        'The value of by holds the control character U+001B, which would change what a terminal shows; remove it and give plain text.',
        'by 的值含有控制字符 U+001B，它会改变终端显示的内容；请删除后只填写普通文字。',
      ],
      [['set', 'by', 'Counter\t1'], 'Write the value of by on one line; remove the tab from it.', 'by 的值只能写一行，请去掉其中的制表符。'],
      [
        ['set', 'department.quality', 'x'.repeat(4001)],
        'The value of department.quality is 4001 characters long, which is too long; keep it to 4000 characters or fewer.',
        'department.quality 的值长度为 4001 字，超出上限，请控制在 4000 字以内。',
      ],
    ];
    for (const [args, en, zh] of refusals) {
      expect(expectFailure(await run('config', ...args), 1)).toBe(en);
      expect(expectFailure(await run('--lang', 'zh', 'config', ...args), 1)).toBe(zh);
    }
    // the same rule as --by and --dept of a command: the same sentence, naming the flag
    expect(expectFailure(await run('open', '--customer', 'Li', '--category', 'quality', '--desc', 'x', '--by', 'Counter\t1'), 1)).toBe('Write who did it (--by) on one line; remove the tab from it.');
    expect((await run('--json', 'config')).stdout).toBe(before);
  });

  it('a day cannot be both a holiday and a make-up working day', async () => {
    await run.ok('config', 'add', 'holiday', '2026-10-01');
    expect(expectFailure(await run('config', 'add', 'workday', '2026-10-01'), 1)).toBe('2026-10-01 is already a holiday; remove it from that list first.');
    expect((await run.json<SettingsJson>('config')).calendar).toMatchObject({ holidays: ['2026-10-01'], extraWorkdays: [] });
  });

  it('a date that cannot be meant as typed is refused: removing one not listed, a make-up working day on an open weekday', async () => {
    const before = (await run('--json', 'config')).stdout;
    expect(expectFailure(await run('config', 'remove', 'holiday', '2026-05-01'), 1)).toBe('2026-05-01 is not in the holidays, so there is nothing to remove; kesu config lists them.');
    expect(expectFailure(await run('config', 'add', 'workday', '2026-10-12'), 1)).toBe(
      '2026-10-12 is a Monday, a working day already; a make-up working day is one the shop is usually closed on, so check the date.',
    );
    expect(expectFailure(await run('--lang', 'zh', 'config', 'remove', 'workday', '2026-10-10'), 1)).toBe('2026-10-10 不在调休上班日列表中，无需移除；kesu config 会列出该列表。');
    expect((await run('--json', 'config')).stdout).toBe(before);
  });

  it('with --json and in Chinese', async () => {
    expect(expectJsonFailure(await run('--json', 'config', 'set', 'deadline.answer.normal', '3x'), 1)).toEqual({
      code: 'invalid',
      message: '"3x" is not a deadline; write it like 5d (working days) or 24h (hours).',
    });
    const zh = await kesu(['--db', db, 'config', 'set', 'deadline.answer.normal', '三天'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(expectFailure(zh, 1)).toBe('“三天”不是有效的期限；请写成 5d（工作日）或 24h（小时）。');
  });

  it('a malformed config command is a usage error (exit 2)', async () => {
    const usage = 'Use kesu config, kesu config set KEY VALUE, kesu config add|remove holiday|workday DATES, kesu config add|remove major.criterion TEXT, or kesu config holidays cn|COUNTRY[-REGION] [YEAR…].';
    expect(expectFailure(await run('config', 'frob'), 2)).toBe(usage);
    expect(expectFailure(await run('config', 'set', 'deadline.answer.normal'), 2)).toBe(usage);
    expect(expectFailure(await run('config', 'add', 'birthday', '2026-10-01'), 2)).toBe(usage);
  });
});
