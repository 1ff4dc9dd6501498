// `kesu letter`: the apology letter after a resolution, its exact words in both languages, the
// shop's own template, what it refuses, and what it never shows.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { expectFailure, makeDb, makeTempDir, on, removeTempDirs } from '../helpers/kesu.js';

afterAll(removeTempDirs);

/** Tue 3 Nov 2026, 10:00 in Shanghai; the letter is written two days later. */
const OPENED = '2026-11-03T10:00:00+08:00';
const RESOLVED = '2026-11-04T15:00:00+08:00';
const WRITTEN = '2026-11-05T09:00:00+08:00';
const WANG = ['--customer', '王芳', '--phone', '138 0013 8000', '--category', 'quality', '--desc', '电饭煲漏电\n插上就跳闸', '--request', '退货', '--ref', 'A-0012', '--by', '小李'];

/** A shop with its details set and complaint 1 resolved with a finding, a solution and a voucher. */
async function resolvedComplaint(db = makeDb()) {
  const run = on(db, { now: OPENED });
  await run.ok('config', 'set', 'shop.name', '好运电器');
  await run.ok('config', 'set', 'shop.address', '文三路 88 号');
  await run.ok('config', 'set', 'shop.phone', '0571-8888 6666');
  await run.ok('open', ...WANG);
  await on(db, { now: RESOLVED }).ok('log', '1', '电源线破损', '--kind', 'finding');
  await on(db, { now: RESOLVED }).ok('resolve', '1', '--solution', '更换同型号新机', '--compensation', '50', '--compensation-kind', 'voucher');
  return on(db, { now: WRITTEN });
}

const ENGLISH = `好运电器
Address: 文三路 88 号
Tel: 0571-8888 6666

5 November 2026

Our reference: complaint no. 1
Your form no.: A-0012

Dear 王芳,

Thank you for telling us about the problem you reported on 3 November 2026:

电饭煲漏电
插上就跳闸

We have looked into it and resolved it on 4 November 2026.
What we found: 电源线破损
What we have done: 更换同型号新机
Compensation: voucher 50.00

We are sorry for the trouble and inconvenience this matter has caused you, and we thank you for your patience while we dealt with it.

If you would like to talk to us about it, please contact us and mention complaint no. 1.
Telephone: 0571-8888 6666
Address: 文三路 88 号

Yours sincerely,

好运电器
`;

const CHINESE = `好运电器
地址：文三路 88 号
电话：0571-8888 6666

致歉信

投诉编号：1
表单编号：A-0012

尊敬的王芳：

　　您好！感谢您于 2026年11月3日 向我们反映以下问题：

电饭煲漏电
插上就跳闸

　　我们已进行调查，并于 2026年11月4日 处理完毕。
调查结果：电源线破损
处理结果：更换同型号新机
补偿：代金券 50.00

　　此事给您带来了不便和困扰，我们深表歉意，也感谢您在处理期间的耐心与理解。

　　如您还有任何疑问，欢迎与我们联系，并告知投诉编号 1。
联系电话：0571-8888 6666
地址：文三路 88 号

　　此致
敬礼！

好运电器
2026年11月5日
`;

describe('kesu letter as text', () => {
  it('in English: the heading, the date, what was reported and when, found, done, the compensation, the apology, how to reach the shop, signed', async () => {
    const run = await resolvedComplaint();
    expect(await run.ok('letter', '1')).toBe(ENGLISH);
  });

  it('in Chinese', async () => {
    const run = await resolvedComplaint();
    expect(await run.ok('--lang', 'zh', 'letter', '1')).toBe(CHINESE);
  });

  it('an unfounded complaint: the finding, no solution line, compensation none; no form number, no shop phone: their lines left out', async () => {
    const db = makeDb();
    await on(db, { now: OPENED }).ok('config', 'set', 'shop.name', 'Acme');
    await on(db, { now: OPENED }).ok('open', '--customer', 'Li', '--category', 'service', '--desc', 'Rude staff', '--by', 'Ann');
    await on(db, { now: RESOLVED }).ok('resolve', '1', '--unfounded', '--finding', 'The recording shows a polite exchange');
    const text = await on(db, { now: WRITTEN }).ok('letter', '1');
    expect(text).toContain('\nOur reference: complaint no. 1\n\nDear Li,\n');
    expect(text).toContain('\nWe have looked into it and resolved it on 4 November 2026.\nWhat we found: The recording shows a polite exchange\nCompensation: none\n\n');
    expect(text).toContain('mention complaint no. 1.\n\nYours sincerely,\n\nAcme\n');
    for (const absent of ['form no.', 'What we have done', 'Telephone', 'Address']) expect(text).not.toContain(absent);
    expect(await on(db, { now: WRITTEN }).ok('--lang', 'zh', 'letter', '1')).toContain('\n调查结果：The recording shows a polite exchange\n补偿：无\n');
  });

  it('--json prints the id, the format and the letter', async () => {
    const run = await resolvedComplaint();
    expect(await run.json('letter', '1')).toEqual({ id: 1, format: 'text', letter: ENGLISH });
  });
});

describe('kesu letter as HTML', () => {
  it('in English: the heading above the letter, each paragraph kept as written, laid out for A4 and A5', async () => {
    const run = await resolvedComplaint();
    const html = await run.ok('letter', '1', '--format', 'html');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<title>Letter to the customer #1</title>');
    expect(html).toContain('<header>\n<h1>好运电器</h1>\n<p class="shop">Address: 文三路 88 号</p>\n<p class="shop">Tel: 0571-8888 6666</p>\n</header>\n<main>\n<p>5 November 2026</p>\n');
    expect(html).toContain('<p>电饭煲漏电\n插上就跳闸</p>\n<p>We have looked into it and resolved it on 4 November 2026.\nWhat we found: 电源线破损\n');
    expect(html).toContain('<p>Yours sincerely,</p>\n<p>好运电器</p>\n</main>');
    expect(html).toContain('white-space: pre-wrap');
    expect(html).toContain('@media (max-width: 160mm)');
  });

  it('in Chinese', async () => {
    const run = await resolvedComplaint();
    const html = await run.ok('--lang', 'zh', 'letter', '1', '--format', 'html');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<title>致歉信 #1</title>');
    expect(html).toContain('<p>　　此致\n敬礼！</p>\n<p>好运电器\n2026年11月5日</p>\n</main>');
  });

  it('--out writes the file whole and owner-only, and is refused onto the database', async () => {
    const db = makeDb();
    const run = await resolvedComplaint(db);
    const out = join(makeTempDir(), 'letter.html');
    expect(await run.ok('letter', '1', '--format', 'html', '--out', out)).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('<p>Dear 王芳,</p>');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const before = readFileSync(db);
    expect(expectFailure(await run('letter', '1', '--out', db), 1)).toBe(`--out ${db} is the database itself; give a file elsewhere, so that the records are never written over.`);
    expect(expectFailure(await run('letter', '1', '--out', `${db}-wal`), 1)).toContain('--out');
    expect(readFileSync(db).equals(before)).toBe(true);
  });
});

describe('when there is no letter', () => {
  it('refused before a resolution, after a reopening, for a voided complaint; an unknown id and format', async () => {
    const db = makeDb();
    const run = on(db, { now: OPENED });
    await run.ok('config', 'set', 'shop.name', 'Acme');
    await run.ok('open', ...WANG);
    expect(expectFailure(await run('letter', '1'), 1)).toBe('Complaint #1 has not been resolved, so there is no letter to write yet; resolve it first (kesu resolve 1 --solution TEXT).');
    expect(expectFailure(await run('--lang', 'zh', 'letter', '1'), 1)).toBe('投诉 #1 尚未处理完毕，还不能写致歉信；请先处理（kesu resolve 1 --solution 处理结果）。');
    await run.ok('resolve', '1', '--solution', 'Replaced');
    await run.ok('followup', '1', '--satisfaction', '2');
    expect(expectFailure(await run('letter', '1'), 1)).toBe('Complaint #1 was reopened after its resolution, so a letter would tell of a solution the customer did not accept; resolve it again first.');
    await run.ok('resolve', '1', '--solution', 'Refunded');
    expect(await run.ok('letter', '1')).toContain('What we have done: Refunded\n');
    await run.ok('void', '1', '--reason', 'test entry');
    expect(expectFailure(await run('letter', '1'), 1)).toBe('Complaint #1 is voided (entered by mistake), so it has no letter; kesu unvoid 1 brings it back.');
    expect(expectFailure(await run('letter', '9'), 1)).toBe('There is no complaint 9; see the ids with kesu list --status all.');
    expect(expectFailure(await run('letter', '1', '--format', 'pdf'), 2)).toBe('--format "pdf" is not a letter format; use text or html.');
  });

  it('a shop with no name set gets its letter, unsigned, and a warning saying how to set it', async () => {
    const db = makeDb();
    await on(db, { now: OPENED }).ok('open', '--customer', 'Li', '--category', 'service', '--desc', 'Late', '--by', 'Ann');
    await on(db, { now: RESOLVED }).ok('resolve', '1', '--solution', 'Apologised');
    const result = await on(db, { now: WRITTEN })('letter', '1');
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('5 November 2026\n\nOur reference: complaint no. 1\n')).toBe(true);
    expect(result.stdout.endsWith('\n\nYours sincerely,\n')).toBe(true);
    expect(result.stderr).toBe('kesu: The letter names no shop: set it with kesu config set shop.name NAME (and shop.address, shop.phone).\n');
  });
});

describe('what the letter never shows', () => {
  it("the customer's phone never whole; a phone in any text masked; their order number kept", async () => {
    const db = makeDb();
    await on(db, { now: OPENED }).ok('config', 'set', 'shop.name', 'Acme');
    await on(db, { now: OPENED }).ok('open', '--customer', 'Li', '--phone', '13800138000', '--order', 'JD-2026120512345', '--category', 'quality', '--desc', 'Call me on 138-0013-8000 or my son on 13912345678', '--by', 'Ann');
    await on(db, { now: RESOLVED }).ok('resolve', '1', '--solution', 'Called back on 13800138000 and replaced it');
    const template = join(makeTempDir(), 'phone.txt');
    writeFileSync(template, 'Tel. {{phone}}, order {{order}}\n{{description}}\n{{solution}}\n');
    await on(db, { now: WRITTEN }).ok('config', 'set', 'letter.template.en', template);
    const text = await on(db, { now: WRITTEN }).ok('letter', '1');
    expect(text).toBe('Acme\n\nTel. *******8000, order JD-2026120512345\nCall me on *** or my son on ***\nCalled back on *** and replaced it\n');
  });

  it('a stored <script> and control characters are escaped, in text and in HTML, the template included', async () => {
    const file = makeDb();
    const run = await resolvedComplaint(file);
    await run.ok('open', '--customer', 'Li', '--category', 'quality', '--desc', '<script>alert("x")</script> & more', '--by', 'Ann');
    await run.ok('resolve', '2', '--solution', '<b>fixed</b>');
    const db = new Database(file);
    // as if written by an older kesu or another program: an escape sequence in the name and in the template
    db.exec(`UPDATE events SET data = replace(data, '"Li"', '"Li\\u001b[2J\\u202e"') WHERE complaint_id = 2`);
    db.exec(`UPDATE settings SET value = json_set(value, '$.letter.template.en', 'Dear {{customer}}\u001b]0;x\u0007 <i>\n{{description}}\n{{solution}}')`);
    db.close();
    const text = await run.ok('letter', '2');
    const html = await run.ok('letter', '2', '--format', 'html');
    for (const output of [text, html]) expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('\nDear Li\\x1b[2J\\u202e\\x1b]0;x\\x07 <i>\n<script>alert("x")</script> & more\n<b>fixed</b>\n');
    expect(html).toContain('<p>Dear Li\\x1b[2J\\u202e\\x1b]0;x\\x07 &#60;i&#62;\n&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; more\n&#60;b&#62;fixed&#60;/b&#62;</p>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>');
  });
});

describe('config set letter.template.en|zh FILE', () => {
  it("the file's text is copied in and used; config shows it and says what changed; \"\" restores the built-in letter", async () => {
    const run = await resolvedComplaint();
    const dir = makeTempDir();
    const en = join(dir, 'en.txt');
    // a BOM and CRLF, as Windows Notepad saves it
    writeFileSync(en, '\uFEFFDear {{ customer }},\r\n\r\nabout {{ref}} ({{received}}): {{finding}}. {{solution}}, {{compensation}}.\r\n\r\n{{shop.name}}, {{date}}\r\n');
    expect(await run.ok('config', 'set', 'letter.template.en', en)).toBe("letter.template.en is now the shop's own (5 lines) (was built-in); kesu letter writes with it from now on.\n");
    writeFileSync(en, 'changed after setting it: the settings keep their copy');
    expect(await run.ok('letter', '1')).toBe(
      '好运电器\nAddress: 文三路 88 号\nTel: 0571-8888 6666\n\nDear 王芳,\n\nabout A-0012 (3 November 2026): 电源线破损. 更换同型号新机, voucher 50.00.\n\n好运电器, 5 November 2026\n',
    );
    // the Chinese letter keeps its built-in template
    expect(await run.ok('--lang', 'zh', 'letter', '1')).toBe(CHINESE);
    expect(await run.ok('config')).toContain("\nThe letter (kesu letter)\n  letter.template.en  the shop's own (5 lines)\n  letter.template.zh  built-in\n");
    expect(await run.ok('--lang', 'zh', 'config')).toContain('\n致歉信模板（kesu letter）\n  letter.template.en  本店自定（5 行）\n  letter.template.zh  内置\n');
    expect((await run.json<{ letter: unknown }>('config')).letter).toEqual({
      template: { en: 'Dear {{ customer }},\n\nabout {{ref}} ({{received}}): {{finding}}. {{solution}}, {{compensation}}.\n\n{{shop.name}}, {{date}}\n', zh: null },
    });
    const zh = join(dir, 'zh.txt');
    writeFileSync(zh, '{{customer}}：\n您好。{{solution}}\n');
    expect(await run.ok('--lang', 'zh', 'config', 'set', 'letter.template.zh', zh)).toBe('letter.template.zh 已改为本店自定（2 行）（原为内置）；kesu letter 此后按它写信。\n');
    expect(await run.ok('--lang', 'zh', 'letter', '1')).toBe('好运电器\n地址：文三路 88 号\n电话：0571-8888 6666\n\n王芳：\n您好。更换同型号新机\n');
    writeFileSync(zh, '{{customer}}：\n您好。{{solution}}。\n');
    expect(await run.ok('config', 'set', 'letter.template.zh', zh)).toBe("letter.template.zh is now the shop's own (2 lines), replacing the shop's earlier one; kesu letter writes with it from now on.\n");
    expect(await run.ok('config', 'set', 'letter.template.en', '')).toBe('letter.template.en is the built-in template again.\n');
    expect(await run.ok('letter', '1')).toBe(ENGLISH);
  });

  it('refuses an unknown placeholder naming it, an unclosed {{, a control character, an empty or huge file, no file, not UTF-8, and no language', async () => {
    const run = on(makeDb(), { now: OPENED });
    const dir = makeTempDir();
    const file = (name: string, content: string | Buffer): string => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    };
    const set = async (path: string) => expectFailure(await run('config', 'set', 'letter.template.en', path), 1);
    expect(await set(file('typo.txt', 'Dear {{custmer}},\n'))).toBe(
      'That setting cannot be used: letter.template.en holds the placeholder {{custmer}}, which kesu does not know (it knows {{date}} {{id}} {{ref}} {{customer}} {{phone}} {{received}} {{category}} {{description}} {{request}} {{order}} {{finding}} {{solution}} {{compensation}} {{resolved}} {{shop.name}} {{shop.address}} {{shop.phone}}).',
    );
    expect(await run('--lang', 'zh', 'config', 'set', 'letter.template.zh', file('typo-zh.txt', '{{客户}}：'))).toMatchObject({ code: 1 });
    expect(expectFailure(await run('--lang', 'zh', 'config', 'set', 'letter.template.zh', join(dir, 'typo-zh.txt')), 1)).toContain('letter.template.zh 含有未知的占位符 {{客户}}');
    expect(await set(file('open.txt', 'Dear {{customer}, {{solution}}\n'))).toBe('That setting cannot be used: letter.template.en has a {{ without its closing }}.');
    expect(await set(file('control.txt', 'Dear \u001b[2J{{customer}}\n'))).toBe('That setting cannot be used: letter.template.en holds the control character U+001B.');
    expect(await set(file('empty.txt', ' \n'))).toBe('That setting cannot be used: letter.template.en is empty (set it to "" for the built-in letter).');
    expect(await set(file('long.txt', 'x'.repeat(10_001)))).toBe('That setting cannot be used: letter.template.en must be at most 10000 characters, not 10001.');
    expect(await set(file('huge.txt', 'x'.repeat(300_000)))).toBe(`${join(dir, 'huge.txt')} is too large for a letter's template; give a text file of a page or two.`);
    expect(await set(join(dir, 'missing.txt'))).toBe(`Cannot read the template ${join(dir, 'missing.txt')}: there is no such file; check the path.`);
    expect(await set(dir)).toBe(`${dir} is not a file; give a text file holding the letter's template.`);
    // a device never ends (it was read until memory ran out), a pipe may never be written
    expect(await set('/dev/zero')).toBe("/dev/zero is not a file; give a text file holding the letter's template.");
    expect(await set(file('nothing.txt', ''))).toBe(`${join(dir, 'nothing.txt')} is empty; give a file holding the letter's template, or "" for the built-in one.`);
    expect(await set(file('utf16.txt', Buffer.from('\uFEFFDear', 'utf16le')))).toBe(`The template ${join(dir, 'utf16.txt')} is not UTF-8 text; save it as UTF-8 and set it again.`);
    expect(expectFailure(await run('config', 'set', 'letter.template', file('ok.txt', 'Dear {{customer}}')), 1)).toBe("Say which language's letter: letter.template.en or letter.template.zh.");
    expect((await run.json<{ letter: unknown }>('config')).letter).toEqual({ template: { en: null, zh: null } });
  });
});
