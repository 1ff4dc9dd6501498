// What a user sees when something is wrong: refused moves that write nothing, usage errors (exit 2),
// bad data (exit 1), JSON errors on stderr, and never a stack trace unless KESU_DEBUG=1.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DERIVED_VERSION } from '../../src/store/bulk.js';
import { KESU_APPLICATION_ID, MIGRATIONS } from '../../src/store/sqlite/migrations/index.js';
import { CHANNEL, COMPENSATION_KIND, DEFAULT_CHANNEL, DEFAULT_SEVERITY, describeCodes, SEVERITY, STATUS } from '../../src/workflow/vocab.js';
import {
  BIN,
  expectFailure,
  expectJsonFailure,
  expectSentence,
  kesu,
  kesuAsync,
  makeDb,
  makeTempDir,
  on,
  removeTempDirs,
  STACK_LINE,
  testEnv,
  type ComplaintJson,
} from '../helpers/kesu.js';

afterAll(removeTempDirs);

const db = makeDb();
/** Sunday 6 December 2026, noon: the times refusals name are said against it. */
const now = '2026-12-06T12:00:00+08:00';
const run = on(db, { now });

beforeAll(async () => {
  // given one complaint in each status: 1 open, 2 assigned, 3 resolved, 4 closed
  for (const customer of ['Open', 'Assigned', 'Resolved', 'Closed']) {
    await run.ok('open', '--customer', customer, '--category', 'quality', '--desc', 'Cracked cup', '--received', '2026-11-02 09:00', '--by', 'Alice');
  }
  await run.ok('assign', '2', '--to', 'Zhang', '--at', '2026-11-02 10:00');
  await run.ok('resolve', '3', '--solution', 'Replaced', '--at', '2026-11-02 10:00');
  await run.ok('close', '4', '--reason', 'duplicate', '--at', '2026-11-02 10:00');
});

describe('refused moves name the status and the commands allowed, and write nothing', () => {
  const refused: [id: string, status: string, allowed: string, args: string[]][] = [
    ['1', 'open', 'assign, answer, resolve, close, log, edit, void, wait, resume, escalate', ['followup', '1', '--satisfaction', '4']],
    ['1', 'open', 'assign, answer, resolve, close, log, edit, void, wait, resume, escalate', ['reopen', '1']],
    ['2', 'assigned', 'assign, answer, resolve, close, log, edit, void, wait, resume, escalate', ['followup', '2', '--satisfaction', '5']],
    ['2', 'assigned', 'assign, answer, resolve, close, log, edit, void, wait, resume, escalate', ['reopen', '2']],
    ['3', 'resolved', 'followup, close, log, edit, void, wait, resume, escalate', ['assign', '3', '--to', 'Liu']],
    ['3', 'resolved', 'followup, close, log, edit, void, wait, resume, escalate', ['resolve', '3', '--solution', 'Again']],
    ['3', 'resolved', 'followup, close, log, edit, void, wait, resume, escalate', ['reopen', '3']],
    ['4', 'closed', 'reopen, log, edit, void', ['assign', '4', '--to', 'Liu']],
    ['4', 'closed', 'reopen, log, edit, void', ['resolve', '4', '--unfounded', '--finding', 'No']],
    ['4', 'closed', 'reopen, log, edit, void', ['followup', '4', '--satisfaction', '2']],
    ['4', 'closed', 'reopen, log, edit, void', ['close', '4', '--reason', 'withdrawn']],
  ];

  it('every refused move exits 1 with one sentence, and show --json is the same before and after', async () => {
    const shown = () => Promise.all(['1', '2', '3', '4'].map(async (id) => (await run('--json', 'show', id)).stdout));
    const before = await shown();
    for (const [id, status, allowed, args] of refused) {
      const message = expectFailure(await run(...args), 1);
      expectSentence(message);
      expect(message).toBe(`Complaint ${id} is ${status}, so it cannot take ${args[0]}; from ${status} you can: ${allowed}.`);
    }
    const after = await shown();
    expect(after).toEqual(before);
    expect(JSON.parse(after[3]!).events).toHaveLength(2);
  });

  it('with --json the refusal is {"error":{"code","message"}} on stderr', async () => {
    const error = expectJsonFailure(await run('--json', 'followup', '1', '--satisfaction', '4'), 1);
    expect(error).toEqual({
      code: 'not-allowed',
      message: 'Complaint 1 is open, so it cannot take followup; from open you can: assign, answer, resolve, close, log, edit, void, wait, resume, escalate.',
    });
  });

  it('in Chinese the refusal names the status in Chinese', async () => {
    const message = expectFailure(await run('--lang', 'zh', 'assign', '4', '--to', 'Liu'), 1);
    expect(message).toBe('投诉 4 的状态是“已结案”，不能执行 assign；此状态下可以执行：reopen、log、edit、void。');
    const viaLang = await kesu(['--db', db, 'reopen', '1'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(expectFailure(viaLang, 1)).toBe('投诉 1 的状态是“待处理”，不能执行 reopen；此状态下可以执行：assign、answer、resolve、close、log、edit、void、wait、resume、escalate。');
  });

  it('a time earlier than the last entry is refused and writes nothing', async () => {
    const before = (await run('--json', 'show', '2')).stdout;
    const message = expectFailure(await run('log', '2', 'Backdated', '--at', '2026-11-01 09:00'), 1);
    expect(message).toBe('The time Sun 1 Nov 09:00 is before the last entry of complaint 2, at Mon 2 Nov 10:00; give --at a time no earlier than that.');
    expect((await run('--json', 'show', '2')).stdout).toBe(before);
  });
});

describe('open without a terminal', () => {
  it('exits 2 at once, naming every missing flag, when stdin is closed', async () => {
    const result = await kesu(['--db', db, 'open', '--customer', 'Li'], { input: '', timeout: 15_000 });
    expect(expectFailure(result, 2)).toBe('Missing --category, --desc: give them as flags, or run kesu open in a terminal to be asked.');
    expect(expectFailure(await kesu(['--db', db, 'open'], { timeout: 15_000 }), 2)).toMatch(/^Missing --customer, --category, --desc: /);
  });

  it('does not wait for input when stdin is a pipe that stays open', async () => {
    const result = await kesuAsync(['--db', db, 'open', '--category', 'quality', '--desc', 'x'], { timeout: 15_000 });
    expect(expectFailure(result, 2)).toBe('Missing --customer: give it as a flag, or run kesu open in a terminal to be asked.');
  });

  it('says so in Chinese, and as JSON with --json', async () => {
    const zh = await kesu(['--db', db, 'open', '--customer', '李伟'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(expectFailure(zh, 2)).toBe('缺少 --category, --desc：请用参数给出，或在终端中运行 kesu open 按提示填写。');
    const error = expectJsonFailure(await kesu(['--db', db, '--json', 'open']), 2);
    expect(error.code).toBe('usage');
    expect(error.message).toContain('--customer, --category, --desc');
  });

  it('writes nothing', async () => {
    expect((await run.json<ComplaintJson[]>('list', '--status', 'all')).map((c) => c.id).sort()).toEqual([1, 2, 3, 4]);
  });
});

describe('usage errors exit 2', () => {
  const cases: [args: string[], en: string, zh: string][] = [
    [['list', '--bogus'], 'Unknown option --bogus; see kesu help for the options.', '未知选项 --bogus；用 kesu help 查看可用选项。'],
    [['--verbose', 'list'], 'Unknown option --verbose; see kesu help for the options.', '未知选项 --verbose；用 kesu help 查看可用选项。'],
    [['frob'], 'Unknown command frob; see kesu help for the commands.', '未知命令 frob；用 kesu help 查看命令列表。'],
    [['assign', '1', '--to'], 'Option --to needs a value; write it after the option.', '选项 --to 缺少值；请在它后面写上值。'],
    [['assign', '1'], 'Missing required option --to; give it a value.', '缺少必填选项 --to；请补上它的值。'],
    [['followup', '3'], 'Missing required option --satisfaction; give it a value.', '缺少必填选项 --satisfaction；请补上它的值。'],
    // Off a terminal, a value that would be asked for on one (test/cli/prompt.test.ts) is a usage error.
    [['close', '1'], 'Missing required option --reason; give it a value.', '缺少必填选项 --reason；请补上它的值。'],
    [['log', '1'], 'Missing argument text; see kesu help for the usage.', '缺少参数 text；用 kesu help 查看用法。'],
    [['answer', '1'], 'Missing argument text; see kesu help for the usage.', '缺少参数 text；用 kesu help 查看用法。'],
    [['show'], 'Missing argument id; see kesu help for the usage.', '缺少参数 id；用 kesu help 查看用法。'],
    [['show', '1', '2'], 'Too many arguments; see kesu help for the usage.', '参数过多；用 kesu help 查看用法。'],
    [['resolve', '1'], 'Missing --solution: say what was agreed with the customer (or use --unfounded --finding TEXT).', '缺少 --solution：请写明与客户商定的处理方案（或用 --unfounded --finding 说明投诉不成立）。'],
    [['resolve', '1', '--unfounded'], 'Missing --finding: say what the investigation found, to send back to the customer.', '缺少 --finding：请写明调查结论，以便答复客户。'],
    [['--lang', 'fr', 'list'], 'Option --lang does not take "fr"; use one of: en, zh.', '选项 --lang 不接受“fr”；可用：en, zh。'],
    [['help', 'frob'], 'Unknown command frob; see kesu help for the commands.', '未知命令 frob；用 kesu help 查看命令列表。'],
    [['report', '--format', 'xml'], '--format "xml" is not a report format; use one of: table, md, csv, json, html.', '--format “xml”不是报表格式；可用：table、md、csv、json、html。'],
    [['export', '--format', 'xml'], 'Option --format does not take "xml"; use one of: csv, json.', '选项 --format 不接受“xml”；可用：csv, json。'],
    // Ids and counts are plain decimal digits within range: never read as hex, octal or exponents.
    [['show', 'abc'], '"abc" is not a complaint id; give the number shown by kesu list.', '“abc”不是投诉编号；请填写 kesu list 显示的数字。'],
    [['show', '0'], '"0" is not a complaint id; give the number shown by kesu list.', '“0”不是投诉编号；请填写 kesu list 显示的数字。'],
    [['close', '0x2', '--reason', 'duplicate'], '"0x2" is not a complaint id; give the number shown by kesu list.', '“0x2”不是投诉编号；请填写 kesu list 显示的数字。'],
    [['close', '1e1', '--reason', 'duplicate'], '"1e1" is not a complaint id; give the number shown by kesu list.', '“1e1”不是投诉编号；请填写 kesu list 显示的数字。'],
    [['show', '0o4'], '"0o4" is not a complaint id; give the number shown by kesu list.', '“0o4”不是投诉编号；请填写 kesu list 显示的数字。'],
    [['show', '99999999999999999999'], '"99999999999999999999" is not a complaint id; give the number shown by kesu list.', '“99999999999999999999”不是投诉编号；请填写 kesu list 显示的数字。'],
    [['list', '--limit', '99999999999999999999'], '--limit must be a whole number, 0 or more, not "99999999999999999999".', '--limit 须为 0 或更大的整数，而不是“99999999999999999999”。'],
    [['list', '--limit', '1e3'], '--limit must be a whole number, 0 or more, not "1e3".', '--limit 须为 0 或更大的整数，而不是“1e3”。'],
  ];

  it.each(cases)('%j', async (args, en, zh) => {
    expect(expectFailure(await run(...args), 2)).toBe(en);
    expect(expectFailure(await run('--lang', 'zh', ...args), 2)).toBe(zh);
  });

  it('an unknown command close to a real one is suggested', async () => {
    expect(expectFailure(await run('shwo', '1'), 2)).toBe('Unknown command shwo; see kesu help for the commands. Did you mean show?');
  });

  it('with --json a usage error is a JSON error with code "usage"', async () => {
    expect(expectJsonFailure(await run('--json', 'assign', '1', '--to'), 2)).toEqual({
      code: 'usage',
      message: 'Option --to needs a value; write it after the option.',
    });
  });
});

describe('help and version', () => {
  it('kesu --version prints the version', async () => {
    expect(await run('--version')).toMatchObject({ code: 0, stdout: '0.1.0\n', stderr: '' });
  });

  it('kesu help, kesu --help and kesu alone print the commands on stdout', async () => {
    for (const args of [['help'], ['--help'], []]) {
      const result = await run(...args);
      expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 0, stderr: '' });
      expect(result.stdout).toMatch(/^Usage: kesu \[options\] \[command\]\n/);
      for (const command of ['open', 'list', 'show', 'log', 'assign', 'resolve', 'followup', 'close', 'reopen', 'due', 'config']) {
        expect(result.stdout).toMatch(new RegExp(`^ {2}${command}\\b`, 'm'));
      }
    }
  });

  it('offers the codes each option takes as the vocabularies have them', async () => {
    const help = async (command: string) => (await run('help', command)).stdout.replace(/\s+/g, ' ');
    expect(await help('open')).toContain(`--channel <channel> ${describeCodes(CHANNEL)} (default ${DEFAULT_CHANNEL})`);
    expect(await help('open')).toContain(`--severity <severity> ${describeCodes(SEVERITY)} (default ${DEFAULT_SEVERITY}; major through the third-party channel)`);
    expect(await help('list')).toContain(`--status <statuses> ${describeCodes(STATUS)}, voided, or all (comma-separated)`);
    expect(await help('resolve')).toContain(`--compensation-kind <kind> ${describeCodes(COMPENSATION_KIND)}`);
    expect(await help('followup')).toContain('--satisfaction <1-5> 1 very dissatisfied … 5 very satisfied');
    expect(await help('close')).toContain('--reason <reason> withdrawn, unresolved, duplicate');
    expect(await help('config')).toContain('KIND answer, solution or followup; SEVERITY normal, urgent or major;');
  });

  it('kesu help COMMAND and COMMAND --help print that command\'s options', async () => {
    for (const args of [['help', 'assign'], ['assign', '--help']]) {
      const result = await run(...args);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Usage: kesu assign \[options\] <id>\n/);
      expect(result.stdout).toContain('--to <name>');
    }
  });
});

describe('bad data exits 1 with one sentence', () => {
  const cases: [args: string[], code: string, en: string, json?: 'json'][] = [
    [['show', '99'], 'not-found', 'There is no complaint 99; see the ids with kesu list --status all.', 'json'],
    [['log', '99', 'hello'], 'not-found', 'There is no complaint 99; see the ids with kesu list --status all.'],
    [['open', '--customer', 'Li', '--category', 'frob', '--desc', 'x'], 'invalid', '--category "frob" is not a category; use one of: quality, service, delivery, wrong-item, after-sales, billing, facility, other.'],
    [['open', '--customer', 'Li', '--category', 'quality', '--desc', 'x', '--severity', 'huge'], 'invalid', '--severity "huge" is not a severity; use one of: normal, urgent, major.'],
    [['log', '1', 'x', '--kind', 'email'], 'invalid', '--kind "email" is not an entry kind; use one of: note, call, visit, finding.'],
    [['log', '1', 'x', '--substantiated', 'maybe'], 'invalid', '--substantiated "maybe" is not a yes/no answer; use one of: yes, no.'],
    [['followup', '3', '--satisfaction', '7'], 'invalid', '--satisfaction "7" is not a satisfaction; use one of: 1, 2, 3, 4, 5.'],
    [['close', '1', '--reason', 'bored'], 'invalid', '--reason "bored" is not a close reason; use one of: withdrawn, unresolved, duplicate.'],
    [['resolve', '1', '--solution', 'x', '--compensation', '12.345'], 'invalid', '--compensation "12.345" is not an amount; write it like 25.50.'],
    [['list', '--status', 'pending'], 'invalid', '--status "pending" is not a status; use one or more of: open, assigned, resolved, closed, voided, or all.'],
    [['log', '1', 'x', '--at', '05/10/2026'], 'invalid', '--at "05/10/2026" could be read two ways; write the year first, like 2026-10-05 09:00.', 'json'],
    [['log', '1', 'x', '--at', 'last week'], 'invalid', '--at "last week" is not a date or time; write it like 2026-10-05 09:00, 12-06 15:00 or yesterday 15:00.'],
    [['open', '--customer', 'Li', '--category', 'quality', '--desc', 'x', '--received', '05/10/2026'], 'invalid', '--received "05/10/2026" could be read two ways; write the year first, like 2026-10-05 09:00.'],
    [['log', '1', 'x', '--at', '2099-01-01 09:00'], 'invalid', 'The time Thu 1 Jan 2099 09:00 is in the future (it is now Sun 6 Dec 12:00); give --at a time that has already passed.'],
    [['open', '--customer', 'Li', '--category', 'quality', '--desc', 'x', '--received', '2099-01-01 09:00'], 'invalid', 'The time Thu 1 Jan 2099 09:00 is in the future (it is now Sun 6 Dec 12:00); give --received a time that has already passed.'],
    [['open', '--customer', 'Li', '--category', 'quality', '--desc', 'x', '--ref', 'F-9', '--phone', 'call me'], 'invalid', '"call me" is not a phone number; give digits, optionally with +, spaces, - or brackets.'],
  ];

  it.each(cases)('%j', async (args, code, en, json) => {
    const message = expectFailure(await run(...args), 1);
    expectSentence(message);
    expect(message).toBe(en);
    if (json) expect(expectJsonFailure(await run('--json', ...args), 1)).toEqual({ code, message: en });
  });

  it('the word for every status is read in either language, and offered in the language of the message', async () => {
    expect((await run.json<ComplaintJson[]>('list', '--status', '全部')).map((c) => c.id).sort()).toEqual([1, 2, 3, 4]);
    expect(expectFailure(await run('--lang', 'zh', 'list', '--status', 'pending'), 1)).toBe('--status “pending”不是有效的状态；可用：待处理、已指派、已解决、已结案、已作废（voided），或“全部”（all）。');
  });

  it('the amount and its kind go together', async () => {
    expect(expectFailure(await run('resolve', '1', '--solution', 'x', '--compensation', '25.5'), 1)).toBe(
      'A compensation amount needs its kind: add --compensation-kind refund, replacement, repair, voucher, gift or none.',
    );
  });

  it('in Chinese too', async () => {
    expect(expectFailure(await run('--lang', 'zh', 'show', '99'), 1)).toBe('没有编号为 99 的投诉；可用 kesu list --status all 查看所有编号。');
    expect(expectFailure(await run('--lang', 'zh', 'log', '1', 'x', '--at', '05/10/2026'), 1)).toBe('--at “05/10/2026”有歧义；请把年份写在前面，例如 2026-10-05 09:00。');
    expect(expectFailure(await run('--lang', 'zh', 'close', '1', '--reason', '无聊'), 1)).toBe('--reason “无聊”不是有效的选项；可用：客户撤诉、未能解决、重复投诉（或 withdrawn, unresolved, duplicate）。');
    const future = await kesu(['--db', db, 'log', '1', 'x', '--at', '2099年1月1日 9:00'], { env: { LANG: 'zh_CN.UTF-8' }, now });
    expect(expectFailure(future, 1)).toBe('时间 2099年1月1日 周四 09:00 还没有到（现在是 12月6日 周日 12:00）；--at 请填写已经发生的时间。');
  });

  it('a bad --at is refused before the database is opened: no file is made', async () => {
    const fresh = makeDb();
    expect(expectFailure(await kesu(['--db', fresh, 'assign', '1', '--to', 'Zhang', '--at', 'last week']), 1)).toBe(
      '--at "last week" is not a date or time; write it like 2026-10-05 09:00, 12-06 15:00 or yesterday 15:00.',
    );
    expect(existsSync(fresh)).toBe(false);
  });

  it('a form number already used is refused, naming the complaint that has it', async () => {
    await run.ok('log', '1', 'nothing written by the refusals above', '--at', '2026-11-02 11:00');
    const ref = ['open', '--customer', 'Li', '--category', 'quality', '--desc', 'x', '--ref', 'F-1', '--received', '2026-11-02 09:00'];
    await run.ok(...ref);
    expect(expectFailure(await run(...ref), 1)).toBe('Form number F-1 is already complaint 5; give another --ref or look at kesu show 5.');
    // the same paper form, written in another case or width, as the import compares them
    for (const spelling of ['f-1', 'Ｆ－１', ' F-1 ']) {
      expect(expectFailure(await run(...ref.slice(0, -4), '--ref', spelling, ...ref.slice(-2)), 1)).toBe(
        `Form number ${spelling.trim()} is already complaint 5; give another --ref or look at kesu show 5.`,
      );
    }
    expect(await run.json<ComplaintJson[]>('list', '--status', 'all')).toHaveLength(5);
    expect((await run.json<ComplaintJson>('show', '1')).events).toHaveLength(2);
  });
});

describe('a database named by --db or KESU_DB that does not exist', () => {
  const dir = makeTempDir();

  it.each([
    ['list'],
    ['due'],
    ['show', '1'],
    ['report'],
    ['export'],
    ['assign', '1', '--to', 'Li'],
    ['resolve', '1', '--solution', 'x'],
    ['followup', '1', '--satisfaction', '5'],
    ['close', '1', '--reason', 'withdrawn'],
    ['reopen', '1'],
    ['log', '1', 'called'],
  ])('%s refuses it in one sentence and creates nothing', async (...args) => {
    const missing = join(dir, `typo-${args[0]}.db`);
    const message = `There is no kesu database at ${missing}; check --db or KESU_DB, or record a complaint with kesu open to start one there.`;
    expect(expectFailure(await kesu(['--db', missing, ...args]), 1)).toBe(message);
    expect(expectJsonFailure(await kesu(['--json', ...args], { env: { KESU_DB: missing } }), 1)).toEqual({ code: 'not-found', message });
    expect(existsSync(missing)).toBe(false);
  });

  it('open starts one there', async () => {
    const fresh = join(dir, 'fresh.db');
    expect((await kesu(['--db', fresh, 'open', '--customer', 'Li', '--category', 'quality', '--desc', 'x'])).code).toBe(0);
    expect((await on(fresh).json<ComplaintJson[]>('list')).map((c) => c.id)).toEqual([1]);
  });
});

describe('no stack trace reaches the user unless KESU_DEBUG=1', () => {
  it('a file that is not a kesu database: one sentence, exit 1', async () => {
    const path = join(makeTempDir(), 'notes.db');
    writeFileSync(path, 'these are my notes, not a database\n'.repeat(200));
    expect(expectFailure(await kesu(['--db', path, 'list']), 1)).toBe(`${path} is not a kesu database; give another file with --db.`);
    expect(expectFailure(await kesu(['--db', path, '--lang', 'zh', 'list']), 1)).toBe(`${path} 不是 kesu 数据库；请用 --db 指定另一个文件。`);
  });

  it('a folder where the database file should be: one sentence naming it, exit 1', async () => {
    const dir = join(makeTempDir(), 'a-directory.db');
    mkdirSync(dir);
    expect(expectFailure(await kesu(['--db', dir, 'list']), 1)).toBe(`Cannot open the database ${dir} (it is a folder); give a file path with --db or KESU_DB.`);
    expect(expectFailure(await kesu(['--db', dir, '--lang', 'zh', 'list']), 1)).toBe(`无法打开数据库 ${dir}（这是一个文件夹）；请用 --db 或 KESU_DB 给出一个文件路径。`);
  });

  it('a device or a pipe given as the database is refused and left as it was, not made a store', async () => {
    const dir = makeTempDir();
    const pipe = join(dir, 'pipe.db');
    expect(spawnSync('mkfifo', ['-m', '666', pipe]).status).toBe(0);
    // (a pipe, not /dev/null: a test that failed would change the machine's /dev/null)
    for (const path of [pipe]) {
      const before = statSync(path);
      for (const args of [['list'], ['open', '--customer', 'A', '--category', 'quality', '--desc', 'd'], ['config', 'set', 'by', 'X']]) {
        expect(expectFailure(await kesu(['--db', path, ...args]), 1)).toBe(`Cannot open the database ${path} (it is a device or a pipe, not a file); give a file path with --db or KESU_DB.`);
      }
      expect(statSync(path).mode).toBe(before.mode);
      expect(existsSync(`${path}-journal`)).toBe(false);
      expect(existsSync(`${path}-wal`)).toBe(false);
    }
  });

  it('an unexpected failure says how to see details, and KESU_DEBUG=1 shows the stack', async () => {
    // a damaged database: it says it has kesu's schema, but its tables are gone
    const path = join(makeTempDir(), 'damaged.db');
    const damaged = new Database(path);
    damaged.pragma(`user_version = ${MIGRATIONS.at(-1)!.version}`);
    damaged.pragma(`application_id = ${KESU_APPLICATION_ID}`);
    damaged.exec(`CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO settings VALUES ('derived-version', '${DERIVED_VERSION}')`);
    damaged.close();
    const quiet = await kesu(['--db', path, 'list']);
    const message = expectFailure(quiet, 1);
    expect(message).toMatch(/run again with KESU_DEBUG=1 for details/);
    const debug = await kesu(['--db', path, 'list'], { env: { KESU_DEBUG: '1' } });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(STACK_LINE);
  });
});

describe('output that cannot be written (stdout on a full disk)', () => {
  /** kesu with its stdout on /dev/full, where every write fails with ENOSPC. */
  const toFullDisk = (...args: string[]): { code: number | null; stderr: string } => {
    const full = openSync('/dev/full', 'w');
    try {
      const result = spawnSync(process.execPath, [BIN, ...args], { env: testEnv(), stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      return { code: result.status, stderr: result.stderr };
    } finally {
      closeSync(full);
    }
  };
  const sentence = 'Cannot write the output (ENOSPC); check the disk or file it goes to, or send it elsewhere.';

  it('is one sentence naming the failure, exit 1, for a command and for --version', async () => {
    expect(toFullDisk('--db', db, 'list')).toEqual({ code: 1, stderr: `kesu: ${sentence}\n` });
    expect(toFullDisk('--version')).toEqual({ code: 1, stderr: `kesu: ${sentence}\n` });
    // export streams its rows, to stdout or to --out
    expect(toFullDisk('--db', db, 'export')).toEqual({ code: 1, stderr: `kesu: ${sentence}\n` });
    expect(expectFailure(await kesu(['--db', db, 'export', '--out', '/dev/full']), 1)).toBe('Cannot write /dev/full (the disk is full); check the folder exists and is writable, and that the disk has room.');
  });

  it('is a JSON error with --json, and in Chinese with --lang zh', () => {
    expect(toFullDisk('--db', db, '--json', 'show', '1')).toEqual({ code: 1, stderr: `${JSON.stringify({ error: { code: 'unwritable', message: sentence } })}\n` });
    expect(toFullDisk('--db', db, '--lang', 'zh', 'list').stderr).toBe('kesu: 无法写出输出内容（ENOSPC）；请检查输出所去的磁盘或文件，或改写到别处。\n');
  });
});
