// `kesu slip` and `open --slip`: the acknowledgement slip, its exact words in both languages, the
// promise as the complaint holds it, and nothing of another customer's on it.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { expectFailure, makeDb, makeTempDir, on, removeTempDirs } from '../helpers/kesu.js';

afterAll(removeTempDirs);

/** Tue 3 Nov 2026, 10:00 in Shanghai: a normal complaint's answer (5 working days) is due by the end of Tue 10 Nov. */
const NOW = '2026-11-03T10:00:00+08:00';
const WANG = ['--customer', '王芳', '--phone', '138 0013 8000', '--category', 'quality', '--desc', '电饭煲漏电\n插上就跳闸', '--request', '退货', '--ref', 'A-0012', '--by', '小李'];

async function shop(withDetails = true, db = makeDb()) {
  const run = on(db, { now: NOW });
  if (withDetails) {
    await run.ok('config', 'set', 'shop.name', '好运电器');
    await run.ok('config', 'set', 'shop.address', '文三路 88 号');
    await run.ok('config', 'set', 'shop.phone', '0571-8888 6666');
  }
  return run;
}

const ENGLISH = `好运电器
Address: 文三路 88 号
Tel: 0571-8888 6666

Acknowledgement of your complaint

Complaint      #1
Form no.       A-0012
Received       Tue 3 Nov 2026 10:00
Customer       王芳 (tel. *******8000)
Category       quality
Your words     电饭煲漏电
               插上就跳闸
You asked for  退货
Received by    小李

We will answer you by the end of Tue 10 Nov 2026.

Customer's signature: ____________________
`;

const CHINESE = `好运电器
地址：文三路 88 号
电话：0571-8888 6666

投诉受理回执

投诉编号  #1
表单编号  A-0012
受理时间  2026年11月3日 周二 10:00
客户      王芳（电话 *******8000）
投诉类别  质量
投诉内容  电饭煲漏电
          插上就跳闸
您的要求  退货
受理人    小李

我们将最迟于 2026年11月10日 周二 答复您。

客户签名：____________________
`;

describe('kesu slip as text', () => {
  it('in English: the shop, the form and id, received, category, words, request, receiver, the promise, the signature line, the phone masked', async () => {
    const run = await shop();
    await run.ok('open', ...WANG);
    expect(await run.ok('slip', '1')).toBe(ENGLISH);
  });

  it('in Chinese', async () => {
    const run = await shop();
    await run.ok('open', ...WANG);
    expect(await run.ok('--lang', 'zh', 'slip', '#1')).toBe(CHINESE);
  });

  it('an hours-based deadline is promised with its time; no request and no form number leave their lines out', async () => {
    const run = await shop();
    // a major complaint is answered within 24 hours by default
    await run.ok('open', '--customer', 'Li', '--category', 'delivery', '--severity', 'major', '--desc', 'Never came', '--by', 'Ann');
    const text = await run.ok('slip', '1');
    expect(text).toContain('\nWe will answer you by Wed 4 Nov 2026 10:00.\n');
    expect(text).toContain('Customer       Li\nCategory       delivery\nYour words     Never came\nReceived by    Ann\n');
    expect(text).not.toContain('Form no.');
    expect(await run.ok('--lang', 'zh', 'slip', '1')).toContain('\n我们将在 2026年11月4日 周三 10:00 前答复您。\n');
  });

  it('a shop with no name set gets its slip, and a warning saying how to set it', async () => {
    const run = await shop(false);
    await run.ok('open', ...WANG);
    const result = await run('slip', '1');
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('Acknowledgement of your complaint\n\nComplaint      #1\n')).toBe(true);
    expect(result.stderr).toBe('kesu: The slip names no shop: set it with kesu config set shop.name NAME (and shop.address, shop.phone).\n');
  });

  it('open --slip prints it right after recording', async () => {
    const run = await shop();
    expect(await run.ok('open', ...WANG, '--slip')).toBe(
      `Recorded complaint #1. Answer the customer by the end of Tue 10 Nov (5 working days from Tue 3 Nov; skipped Sat 7 Nov, Sun 8 Nov).\n\n${ENGLISH}`,
    );
    const zh = await run.ok('--lang', 'zh', 'open', ...WANG.map((arg) => (arg === 'A-0012' ? 'A-0013' : arg)), '--slip');
    expect(zh).toContain('\n\n好运电器\n地址：文三路 88 号\n');
    expect(zh).toContain('投诉编号  #2\n表单编号  A-0013\n');
    expect(zh).toContain('\n我们将最迟于 2026年11月10日 周二 答复您。\n');
  });

  it('a voided complaint has no slip; an unknown id and format are refused', async () => {
    const run = await shop();
    await run.ok('open', ...WANG);
    await run.ok('void', '1', '--reason', 'test entry');
    expect(expectFailure(await run('slip', '1'), 1)).toBe('Complaint #1 is voided (entered by mistake), so it has no slip; kesu unvoid 1 brings it back.');
    expect(expectFailure(await run('slip', '9'), 1)).toBe('There is no complaint 9; see the ids with kesu list --status all.');
    expect(expectFailure(await run('slip', '1', '--format', 'pdf'), 2)).toBe('--format "pdf" is not a slip format; use text or html.');
  });
});

describe('kesu slip as HTML', () => {
  it('in English: the same content, marked up, with the layouts for 80 mm and A5', async () => {
    const run = await shop();
    await run.ok('open', ...WANG);
    const html = await run.ok('slip', '1', '--format', 'html');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>好运电器</h1>\n<p class="shop">Address: 文三路 88 号</p>\n<p class="shop">Tel: 0571-8888 6666</p>\n<h2>Acknowledgement of your complaint</h2>');
    expect(html).toContain(
      [
        '<dt>Complaint</dt><dd>#1</dd>',
        '<dt>Form no.</dt><dd>A-0012</dd>',
        '<dt>Received</dt><dd>Tue 3 Nov 2026 10:00</dd>',
        '<dt>Customer</dt><dd>王芳 (tel. *******8000)</dd>',
        '<dt>Category</dt><dd>quality</dd>',
        '<dt>Your words</dt><dd>电饭煲漏电<br>插上就跳闸</dd>',
        '<dt>You asked for</dt><dd>退货</dd>',
        '<dt>Received by</dt><dd>小李</dd>',
      ].join('\n'),
    );
    expect(html).toContain('<p class="promise">We will answer you by the end of Tue 10 Nov 2026.</p>\n<p class="signature">Customer&#39;s signature: <span></span></p>');
    expect(html).toContain('max-width: 72mm');
    expect(html).toContain('@media (min-width: 100mm)');
  });

  it('in Chinese', async () => {
    const run = await shop();
    await run.ok('open', ...WANG);
    const html = await run.ok('--lang', 'zh', 'slip', '1', '--format', 'html');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<title>投诉受理回执 #1</title>');
    expect(html).toContain('<dt>受理时间</dt><dd>2026年11月3日 周二 10:00</dd>\n<dt>客户</dt><dd>王芳（电话 *******8000）</dd>\n<dt>投诉类别</dt><dd>质量</dd>');
    expect(html).toContain('<p class="promise">我们将最迟于 2026年11月10日 周二 答复您。</p>\n<p class="signature">客户签名：<span></span></p>');
  });

  it('--out writes the file whole, owner-only, and is refused onto the database', async () => {
    const db = makeDb();
    const run = await shop(true, db);
    await run.ok('open', ...WANG);
    const out = join(makeTempDir(), 'slip.html');
    expect(await run.ok('slip', '1', '--format', 'html', '--out', out)).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('<dt>Complaint</dt><dd>#1</dd>');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const before = readFileSync(db);
    expect(expectFailure(await run('slip', '1', '--out', db), 1)).toBe(`--out ${db} is the database itself; give a file elsewhere, so that the records are never written over.`);
    expect(readFileSync(db).equals(before)).toBe(true);
  });
});

describe('what the slip never shows', () => {
  it("no other customer's data: not their names, phones or words, not even the same customer's other complaints", async () => {
    const run = await shop();
    await run.ok('open', '--customer', '张伟', '--phone', '13912345678', '--category', 'quality', '--desc', '冰箱不制冷', '--request', '换货');
    await run.ok('open', ...WANG);
    await run.ok('open', '--customer', '王芳', '--phone', '13800138000', '--category', 'billing', '--desc', '多收了钱');
    for (const format of ['text', 'html']) {
      const slip = await run.ok('slip', '2', '--format', format);
      for (const other of ['张伟', '5678', '冰箱', '换货', '多收', 'billing']) expect(slip).not.toContain(other);
      // their ids neither (an HTML character reference such as &#39; is no id)
      expect(slip).not.toMatch(/#[13]\b/);
      expect(slip).toMatch(/#2\b/);
      expect(slip).not.toContain('13800138000');
    }
  });

  it('a phone number in the words is masked, the customer\'s own and any other', async () => {
    const run = await shop();
    await run.ok('open', '--customer', 'Li', '--phone', '13800138000', '--category', 'quality', '--desc', 'Call me on 138-0013-8000 or my son on 13912345678', '--by', 'Ann');
    expect(await run.ok('slip', '1')).toContain('Your words     Call me on *** or my son on ***\n');
  });

  it('a stored <script> and control characters are escaped, in text and in HTML', async () => {
    const file = makeDb();
    const run = await shop(true, file);
    await run.ok('open', '--customer', 'Li', '--category', 'quality', '--desc', '<script>alert("x")</script> & more', '--by', 'Ann');
    const db = new Database(file);
    // as if written by an older kesu or another program: an escape sequence in the name and the receiver
    db.exec(`UPDATE events SET data = replace(data, '"Li"', '"Li\\u001b[2J\\u202e"'), actor = 'Ann\u0007' WHERE complaint_id = 1`);
    db.exec(`UPDATE settings SET value = replace(value, '好运电器', '好运\\u001b]0;x\\u0007电器')`);
    db.close();
    const text = await run.ok('slip', '1');
    const html = await run.ok('slip', '1', '--format', 'html');
    for (const output of [text, html]) expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('好运\\x1b]0;x\\x07电器\n');
    expect(text).toContain('Customer       Li\\x1b[2J\\u202e\n');
    expect(text).toContain('Your words     <script>alert("x")</script> & more\n');
    expect(html).toContain('<dd>&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; more</dd>');
    expect(html).not.toContain('<script');
    expect(html).toContain('<h1>好运\\x1b]0;x\\x07电器</h1>');
    expect(html).toContain('<dt>Customer</dt><dd>Li\\x1b[2J\\u202e</dd>');
  });
});

describe('config set shop.name|shop.address|shop.phone', () => {
  it('config shows them and says what changed; "" takes one off the slip', async () => {
    const run = on(makeDb(), { now: NOW });
    expect(await run.ok('config')).toContain('\nThe shop (printed on the slip)\n  shop.name    (not set)\n  shop.address (not set)\n  shop.phone   (not set)\n');
    expect(await run.ok('config', 'set', 'shop.name', ' 好运电器 ')).toBe('shop.name is now 好运电器 (was (not set)).\n');
    expect(await run.ok('--lang', 'zh', 'config', 'set', 'shop.phone', '0571-8888 6666')).toBe('shop.phone 已改为 0571-8888 6666（原为 （未设置））。\n');
    expect(await run.ok('--lang', 'zh', 'config')).toContain('\n本店（印在回执上）\n  shop.name    好运电器\n  shop.address （未设置）\n  shop.phone   0571-8888 6666\n');
    expect((await run.json<{ shop: unknown }>('config')).shop).toEqual({ name: '好运电器', address: null, phone: '0571-8888 6666' });
    expect(await run.ok('config', 'set', 'shop.phone', '')).toBe('shop.phone is now (not set) (was 0571-8888 6666).\n');
  });

  it('refuses a line break, a control character, more than 200 characters, and a key the shop has not', async () => {
    const run = on(makeDb(), { now: NOW });
    expect(expectFailure(await run('config', 'set', 'shop.address', 'line one\nline two'), 1)).toContain('shop.address');
    expect(expectFailure(await run('config', 'set', 'shop.name', 'Evil\u001b[2J'), 1)).toContain('shop.name');
    expect(expectFailure(await run('config', 'set', 'shop.email', 'a@b.c'), 1)).toContain('There is no setting "shop.email"');
    expect(expectFailure(await run('config', 'set', 'shop.address', '路'.repeat(201)), 1)).toBe('That setting cannot be used: shop.address must be at most 200 characters, not 201.');
    expect((await run.json<{ shop: unknown }>('config')).shop).toEqual({ name: null, address: null, phone: null });
    expect(await run.ok('config', 'set', 'shop.address', '路'.repeat(200))).toContain('shop.address is now 路路');
  });
});
