// `kesu config holidays`: the official calendars' data checked against the State Council's
// notices, years loaded, shown, reloaded and removed, deadlines counted on them, and the warning of
// a deadline counted into a year that is not loaded.
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { officialCalendar } from '../../src/cli/services/official-calendars.js';
import { expectFailure, expectJsonFailure, expectSentence, kesu, makeDb, makeTempDir, on, removeTempDirs, type ComplaintJson } from '../helpers/kesu.js';

afterAll(removeTempDirs);

/** Each day from `first` to `last` of one month, as YYYY-MM-DD. */
const days = (year: number, month: number, first: number, last: number): string[] =>
  Array.from({ length: last - first + 1 }, (_, i) => `${year}-${String(month).padStart(2, '0')}-${String(first + i).padStart(2, '0')}`);

describe("chinese-days' data against the State Council's notices", () => {
  // 国务院办公厅关于2026年部分节假日安排的通知 (https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm):
  // 元旦 1月1日至3日放假，1月4日（周日）上班；春节 2月15日至23日放假，2月14日（周六）、2月28日（周六）上班；
  // 清明 4月4日至6日；劳动节 5月1日至5日放假，5月9日（周六）上班；端午 6月19日至21日；中秋 9月25日至27日；
  // 国庆 10月1日至7日放假，9月20日（周日）、10月10日（周六）上班。
  it('2026', () => {
    const year = officialCalendar('cn').read(2026);
    expect(year?.holidays).toEqual([
      ...days(2026, 1, 1, 3),
      ...days(2026, 2, 15, 23),
      ...days(2026, 4, 4, 6),
      ...days(2026, 5, 1, 5),
      ...days(2026, 6, 19, 21),
      ...days(2026, 9, 25, 27),
      ...days(2026, 10, 1, 7),
    ]);
    expect(year?.workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  // 国务院办公厅关于2025年部分节假日安排的通知 (https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm):
  // 元旦 1月1日；春节 1月28日至2月4日放假，1月26日（周日）、2月8日（周六）上班；清明 4月4日至6日；
  // 劳动节 5月1日至5日放假，4月27日（周日）上班；端午 5月31日至6月2日；国庆、中秋 10月1日至8日放假，
  // 9月28日（周日）、10月11日（周六）上班。
  it('2025', () => {
    const year = officialCalendar('cn').read(2025);
    expect(year?.holidays).toEqual([
      '2025-01-01',
      ...days(2025, 1, 28, 31),
      ...days(2025, 2, 1, 4),
      ...days(2025, 4, 4, 6),
      ...days(2025, 5, 1, 5),
      '2025-05-31',
      '2025-06-01',
      '2025-06-02',
      ...days(2025, 10, 1, 8),
    ]);
    expect(year?.workdays).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
  });

  it('a year not announced has no data', () => {
    expect(officialCalendar('cn').read(2040)).toBeNull();
  });
});

interface OfficialJson {
  name: string;
  year: number;
  source: string;
  holidays: string[];
  workdays: string[];
}
interface SettingsJson {
  calendar: { holidays: string[]; extraWorkdays: string[]; official: OfficialJson[] };
}

const JUNE = '2026-06-01T10:00:00+08:00';

describe('kesu config holidays', () => {
  it('loads this year and says that next year is not published yet (a warning, the command succeeds)', async () => {
    const db = makeDb();
    const result = await kesu(['--db', db, 'config', 'holidays', 'cn'], { now: JUNE });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Loaded the cn calendar for 2026 from chinese-days 1.5.7: 33 holidays, 6 make-up working days; deadlines set from now on follow it, those already set stay.\n');
    expect(result.stderr).toMatch(/^kesu: There is no official calendar for 2027 yet: the State Council announces/);
    const json = await kesu(['--db', db, '--json', 'config', 'holidays', 'cn'], { now: JUNE });
    expect(JSON.parse(json.stderr)).toEqual({ warning: { code: 'calendar-year-missing', message: expect.stringContaining('2027') } });
  });

  it('shows the years loaded, copies the dates with their source into the settings, and reloads a year', async () => {
    const run = on(makeDb(), { now: JUNE });
    await run.ok('config', 'holidays', 'cn', '2025', '2026');
    expect(await run.ok('config')).toContain('\n  official   cn 2025 2026 (from chinese-days 1.5.7)\n');
    const settings = await run.json<SettingsJson>('config');
    expect(settings.calendar.official.map(({ name, year, source }) => ({ name, year, source }))).toEqual([
      { name: 'cn', year: 2025, source: 'chinese-days 1.5.7' },
      { name: 'cn', year: 2026, source: 'chinese-days 1.5.7' },
    ]);
    expect(settings.calendar.official[1]!.workdays).toContain('2026-10-10');
    expect(settings.calendar.holidays).toEqual([]);
    expect(await run.ok('config', 'holidays', 'cn', '2026')).toMatch(/^Reloaded the cn calendar for 2026 from chinese-days 1\.5\.7: 33 holidays/);
    expect(await run.ok('--lang', 'zh', 'config', 'holidays', 'cn', '2026')).toMatch(/^已重新加载 cn 2026 年日历（来自 chinese-days 1\.5\.7）：33 个节假日、6 个调休上班日/);
  });

  it('removes a year, or the whole calendar, and leaves the dates added by hand', async () => {
    const run = on(makeDb(), { now: JUNE });
    await run.ok('config', 'add', 'holiday', '2026-12-24');
    await run.ok('config', 'holidays', 'cn', '2025', '2026');
    expect(await run.ok('config', 'remove', 'holidays', 'cn', '2025')).toMatch(/^Removed the cn calendar for 2025 \(dates added by hand stay\)/);
    expect((await run.json<SettingsJson>('config')).calendar.official.map((entry) => entry.year)).toEqual([2026]);
    await run.ok('config', 'remove', 'holidays', 'cn');
    const { calendar } = await run.json<SettingsJson>('config');
    expect(calendar.official).toEqual([]);
    expect(calendar.holidays).toEqual(['2026-12-24']);
  });

  it("another country's public holidays come from date-holidays, without make-up days", async () => {
    const run = on(makeDb(), { now: JUNE });
    await run.ok('config', 'holidays', 'de-by', '2026');
    const [bavaria] = (await run.json<SettingsJson>('config')).calendar.official;
    expect(bavaria).toMatchObject({ name: 'DE-BY', year: 2026, workdays: [] });
    // Tag der Deutschen Einheit and Heilige Drei Könige (a Bavarian holiday) are public holidays there.
    expect(bavaria!.holidays).toEqual(expect.arrayContaining(['2026-01-06', '2026-10-03', '2026-12-25']));
  });

  it.each([
    [['config', 'holidays', 'xx'], /^"xx" is not an official calendar kesu knows; use cn/],
    [['config', 'holidays', 'cn', '26'], /^"26" is not a year like 2026\.$/],
    // a pasted page is quoted by its start, as every message quotes what was typed
    [['config', 'holidays', 'a'.repeat(5000)], new RegExp(`^"${'a'.repeat(60)}…" is not an official calendar kesu knows; use cn`)],
    [['config', 'holidays', 'cn', '9'.repeat(5000)], new RegExp(`^"${'9'.repeat(60)}…" is not a year like 2026\\.$`)],
    [['config', 'holidays', 'cn', '2040'], /^There is no official calendar for 2040 yet/],
    [['config', 'holidays', 'cn', '1999'], /^The cn calendar starts in 2004; there is none for 1999\.$/],
    [['config', 'remove', 'holidays', 'cn', '2026'], /^The cn 2026 calendar is not loaded/],
  ])('refuses %j', async (args, message) => {
    const said = expectFailure(await kesu(['--db', makeDb(), ...args], { now: JUNE }), 1);
    expect(said).toMatch(message);
    expectSentence(said);
  });

  it('refuses a second country while one is loaded, changing nothing', async () => {
    const run = on(makeDb(), { now: JUNE });
    await run.ok('config', 'holidays', 'cn', '2026');
    const error = expectJsonFailure(await run('--json', 'config', 'holidays', 'US', '2026'), 1);
    expect(error.message).toBe('The shop follows the cn calendar; remove it first with kesu config remove holidays cn.');
    expect((await run.json<SettingsJson>('config')).calendar.official.map((entry) => entry.name)).toEqual(['cn']);
  });
});

const open = (received: string): string[] => ['open', '--customer', 'Li', '--category', 'quality', '--desc', 'Cracked cup', '--received', received];

describe('deadlines on the loaded calendar', () => {
  it('across Spring Festival 2026: from Fri 13 Feb, Sat 14 Feb (make-up) counts, 15–23 Feb are skipped, due Fri 27 Feb', async () => {
    const run = on(makeDb(), { now: JUNE });
    await run.ok('config', 'holidays', 'cn', '2026');
    expect((await run.json<ComplaintJson>(...open('2026-02-13 10:00'))).deadlines.answer).toBe('2026-02-27T23:59:59+08:00');
  });

  it('across National Day 2026: from Tue 29 Sep, due Mon 12 Oct (Sat 10 Oct is a make-up day)', async () => {
    const run = on(makeDb(), { now: '2026-10-20T10:00:00+08:00' });
    await run.ok('config', 'holidays', 'cn', '2026');
    const complaint = await run.json<ComplaintJson>(...open('2026-09-29 10:00'));
    expect(complaint.deadlines.answer).toBe('2026-10-12T23:59:59+08:00');
  });
});

describe('a deadline counted into a year not loaded', () => {
  const LATE_DECEMBER = '2026-12-28T10:00:00+08:00';

  it('warns once, saying that 2027 is not published yet, and records the complaint', async () => {
    const run = on(makeDb(), { now: LATE_DECEMBER });
    await run.ok('config', 'holidays', 'cn', '2026');
    const result = await run('--json', ...open('2026-12-28 10:00'));
    expect(result.code).toBe(0);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const { warning } = JSON.parse(lines[0]!) as { warning: { code: string; message: string } };
    expect(warning.code).toBe('calendar-year-missing');
    expect(warning.message).toMatch(/^A deadline was counted into 2027 without that year's cn holidays\. There is no official calendar for 2027 yet/);
    expect((JSON.parse(result.stdout) as ComplaintJson).deadlines.answer).toBe('2027-01-04T23:59:59+08:00');
  });

  it('says how to load a year the package has', async () => {
    const run = on(makeDb(), { now: LATE_DECEMBER });
    await run.ok('config', 'holidays', 'DE', '2026');
    const result = await run('--lang', 'zh', ...open('2026-12-28 10:00'));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('kesu: 有期限计入了 2027 年，但未加载该年的 DE 节假日，未予扣除：请用 kesu config holidays DE 2027 加载。\n');
  });

  it('an import warns once for all its forms, naming each year missing', async () => {
    const file = join(makeTempDir(), 'forms.csv');
    const rows = ['2024-12-30 10:00', '2025-03-03 10:00', '2025-12-30 10:00', '2026-03-02 10:00'].map((at, i) => `王${i},quality,杯子有裂纹,${at}`);
    writeFileSync(file, `customer,category,description,receivedAt\n${rows.join('\n')}\n`);
    const run = on(makeDb(), { now: LATE_DECEMBER });
    await run.ok('config', 'holidays', 'cn', '2026');
    const result = await run('--json', 'import', file);
    expect(result.code).toBe(0);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({
      warning: {
        code: 'calendar-year-missing',
        message: "A deadline was counted into 2024, 2025 without those years' cn holidays, which are not loaded: load them with kesu config holidays cn 2024 2025.",
      },
    });
  });

  it('is silent when the year is loaded, and for a shop without an official calendar', async () => {
    const run = on(makeDb(), { now: LATE_DECEMBER });
    await run.ok(...open('2026-12-28 10:00'));
    await run.ok('config', 'holidays', 'DE', '2026', '2027');
    await run.ok(...open('2026-12-28 10:00'));
  });
});

describe('a store whose settings were saved before official calendars', () => {
  it('reads them with none loaded, keeps its own holidays, and loads one beside them', async () => {
    const db = makeDb();
    const run = on(db, { now: '2026-10-20T10:00:00+08:00' });
    await run.ok('config', 'add', 'holiday', '2026-10-08');
    // The settings as an earlier kesu stored them: a calendar without `official`.
    const raw = new Database(db);
    raw
      .prepare("UPDATE settings SET value = json_remove(value, '$.calendar.official') WHERE key = 'settings'")
      .run();
    expect((raw.prepare("SELECT value FROM settings WHERE key = 'settings'").get() as { value: string }).value).not.toContain('official');
    raw.close();
    expect(await run.ok('config')).toContain('\n  holiday    2026-10-08\n  workday    —\n  official   —\n');
    await run.ok('config', 'holidays', 'cn', '2026');
    const settings = await run.json<SettingsJson>('config');
    expect(settings.calendar.holidays).toEqual(['2026-10-08']);
    expect(settings.calendar.official.map((entry) => entry.year)).toEqual([2026]);
    // From Tue 29 Sep: Wed 30 Sep, then 1–7 Oct (official) and Thu 8 Oct (the shop's own) skipped, Fri 9, Sat 10 (make-up), Mon 12, Tue 13.
    expect((await run.json<ComplaintJson>(...open('2026-09-29 10:00'))).deadlines.answer).toBe('2026-10-13T23:59:59+08:00');
  });
});
