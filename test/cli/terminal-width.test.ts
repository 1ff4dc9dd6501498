// `list` and `due` on a terminal: fitted to its width (a short description cut with "…", the
// columns that matter least left out, never a date broken across lines), measured as a terminal
// draws emoji, marks and zero-width characters; without a terminal, whole rows as before.
import { spawnSync } from 'node:child_process';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, makeDb, on, removeTempDirs, ROOT, testEnv } from '../helpers/kesu.js';

afterAll(removeTempDirs);

// Wednesday 18 November 2026, noon, on a fixed clock.
const now = '2026-11-18T12:00:00+08:00';
const db = makeDb();

/** The dates the rows below show, each of which must stay on one line whatever the width. */
const DATES = ['Wed 11 Nov', 'Wed 4 Nov', 'Fri 6 Nov', 'Mon 9 Nov'];
const DATES_ZH = ['11月11日 周三', '11月4日 周三', '11月6日 周五', '11月9日 周一'];

beforeAll(async () => {
  const run = on(db, { now });
  await run.ok('open', '--customer', 'Li Wei', '--category', 'quality', '--desc', 'The kettle leaks from the bottom seal\nafter two days of use', '--received', '2026-11-02 09:00');
  await run.ok('open', '--customer', 'Wang Fang 王芳 from the flower shop next door', '--category', 'service', '--severity', 'major', '--desc', '收银员态度很差，还多收了十元钱，要求道歉并退还差价', '--received', '2026-11-10 09:00');
  await run.ok('assign', '2', '--to', 'Zhang San of the front desk', '--at', '2026-11-10 10:00');
  await run.ok('open', '--customer', '小王😀', '--category', 'delivery', '--severity', 'urgent', '--desc', 'Late 👨‍👩‍👧 delivery, cafe\u0301 closed', '--received', '2026-11-03 09:00');
  await run.ok('open', '--customer', 'Zoe\u200b 👍🏽❤️', '--category', 'after-sales', '--severity', 'urgent', '--desc', 'Repair took too long', '--received', '2026-11-05 09:00');
  await run.ok('resolve', '4', '--solution', 'Replaced', '--at', '2026-11-05 12:00');
});

/** Runs kesu on a terminal this many columns wide (Chinese with `zh`). */
async function onTerminal(columns: number, ...args: string[]): Promise<string> {
  return on(db, { now, columns }).ok(...args);
}

const lines = (text: string): string[] => text.trimEnd().split('\n');
const widest = (text: string): number => Math.max(...lines(text).map((line) => stringWidth(line)));

describe('list on a terminal', () => {
  it('on 80 columns: a short description column cut with …, and every line within the 80', async () => {
    const text = await onTerminal(80, 'list');
    expect(widest(text)).toBeLessThanOrEqual(80);
    expect(lines(text)[1]).toMatch(/^│ ID +│ Customer +│ Description +│ Next due +│$/);
    expect(text).toMatch(/│ 2 ! +│ Wang Fang 王… +│ 收银员态度很差… +│ Wed 11 Nov 09:00 \(answer\) OVERDUE +│/);
    // Line breaks in a description are spaces in its one line.
    expect(text).toMatch(/│ 1 +│ Li Wei +│ The kettle leak… +│ Mon 9 Nov \(answer\) OVERDUE +│/);
    expect(await onTerminal(240, 'list')).toContain('│ The kettle leaks from the bottom seal after two days of use ');
  });

  it('at every width from 20 to 160, no line is wider than the terminal and no date is broken', async () => {
    for (let columns = 20; columns <= 160; columns += 7) {
      const text = await onTerminal(columns, 'list');
      expect(widest(text), `${columns} columns:\n${text}`).toBeLessThanOrEqual(columns);
      for (const date of DATES) expect(text, `${columns} columns:\n${text}`).toContain(date);
      // Each row keeps its id, and the table stays a table: every line as wide as the others.
      expect(new Set(lines(text).map((line) => stringWidth(line))).size).toBe(1);
      for (const id of ['2 !', '3', '4', '1']) expect(text).toMatch(new RegExp(`^│ ${id} `, 'm'));
    }
  });

  it('wide terminals show more columns, narrow ones break a row between the date, the time and the rest', async () => {
    expect(lines(await onTerminal(140, 'list'))[1]).toMatch(/^│ ID +│ Status +│ Severity +│ Category +│ Customer +│ Description +│ Next due +│ Assignee +│$/);
    expect(lines(await onTerminal(160, 'list'))[1]).toMatch(/^│ ID +│ Status +│ Severity +│ Category +│ Customer +│ Description +│ Received +│ Next due +│ Assignee +│$/);
    const narrow = await onTerminal(30, 'list');
    expect(narrow).toContain('│ 2 ! │ Wed 11 Nov 09:00     │\n│     │ (answer) OVERDUE     │\n├');
  });

  it('keeps its columns aligned with emoji, ZWJ sequences, skin tones, marks and zero-width characters in the cells', async () => {
    const text = await onTerminal(240, 'list');
    expect(text).toContain('小王😀');
    expect(text).toContain('Zoe\u200b 👍🏽❤️');
    expect(text).toContain('Late 👨‍👩‍👧 delivery, cafe\u0301 closed');
    expect(new Set(lines(text).map((line) => stringWidth(line))).size).toBe(1);
  });

  it('in Chinese, within 80 columns, dates whole', async () => {
    const text = await on(db, { now, columns: 80, env: { LANG: 'zh_CN.UTF-8' } }).ok('list');
    expect(widest(text)).toBeLessThanOrEqual(80);
    expect(lines(text)[1]).toMatch(/^│ 编号 +│ 客户 +│ 投诉内容 +│ 下一期限 +│$/);
    for (const date of DATES_ZH) expect(text).toContain(date);
  });

  it('without a terminal, every column whole, as before: no description, nothing cut', async () => {
    const text = await on(db, { now }).ok('list');
    expect(lines(text)[1]).toMatch(/^│ ID +│ Status +│ Severity +│ Category +│ Customer +│ Received +│ Next due +│ Assignee +│$/);
    expect(text).toContain('│ Wang Fang 王芳 from the flower shop next door │');
    expect(text).toContain('│ Zhang San of the front desk │');
    expect(text).not.toContain('…');
    expect(widest(text)).toBeGreaterThan(160);
  });
});

describe('due on a terminal', () => {
  it('fits each group to the width', async () => {
    for (const columns of [24, 50, 80, 120]) {
      const text = await onTerminal(columns, 'due');
      // the major complaint needs the manager (escalated when recorded), first; the other three are overdue
      expect(text.startsWith('Needs the manager (1)\n')).toBe(true);
      expect(text).toContain('\nOverdue (3)\n');
      expect(widest(text), text).toBeLessThanOrEqual(columns);
      for (const date of DATES) expect(text).toContain(date);
    }
  });
});

describe('on a real terminal', () => {
  it('takes the width the terminal says (a pseudo-terminal of 80 columns)', () => {
    // python3's pty module: the window size is set on the terminal before kesu starts.
    const player = String.raw`
import fcntl, os, pty, struct, sys, termios
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 80, 0, 0))
    os.execvp(sys.argv[1], sys.argv[1:])
out = b''
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
`;
    const result = spawnSync('python3', ['-c', player, process.execPath, BIN, '--db', db, 'list'], {
      cwd: ROOT,
      env: testEnv({ KESU_NOW: now }),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(0);
    const text = result.stdout.replace(/\r\n/g, '\n');
    expect(lines(text)[1]).toMatch(/^│ ID +│ Customer +│ Description +│ Next due +│$/);
    expect(widest(text)).toBeLessThanOrEqual(80);
  });
});
