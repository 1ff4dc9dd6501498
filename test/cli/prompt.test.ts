// `kesu open` on a real pseudo-terminal: it asks for what is missing, and records the answers.
// python3's pty module plays the user: it waits for each question before typing the answer.
import { afterAll, describe, expect, it } from 'vitest';
import { makeDb, on, removeTempDirs, type ComplaintJson } from '../helpers/kesu.js';
import { DOWN, ENTER, onTerminal } from '../helpers/terminal.js';

afterAll(removeTempDirs);

describe('open on a terminal', () => {
  it('asks for the customer and the description when only the category is given, insisting on a name', async () => {
    const db = makeDb();
    const run = on(db);
    const result = onTerminal(
      ['--db', db, 'open', '--category', 'quality', '--by', 'Alice'],
      [
        ['Customer name', ENTER],
        ['This one is needed.', 'Li Wei' + ENTER],
        ["What happened, in the customer's words", 'Cracked cup' + ENTER],
      ],
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.screen).toMatch(/Recorded complaint #1\. Answer the customer by the end of \w{3} \d+ \w{3} \(5 working days from /);
    const c = await run.json<ComplaintJson>('show', '1');
    expect(c).toMatchObject({ category: 'quality', channel: 'in-person', severity: 'normal', customer: { name: 'Li Wei', phone: null }, description: 'Cracked cup', receivedBy: 'Alice' });
    expect(c.events!.map((e) => e.type)).toEqual(['opened']);
  });

  it('asks in Chinese and records Chinese answers', async () => {
    const db = makeDb();
    const run = on(db);
    const result = onTerminal(
      ['--db', db, 'open', '--category', '质量', '--severity', '紧急'],
      [
        ['客户姓名', '李伟' + ENTER],
        ['投诉内容（客户原话）', '杯子裂了' + ENTER],
      ],
      { LANG: 'zh_CN.UTF-8' },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.screen).toContain('已受理投诉 #1。');
    expect(await run.json<ComplaintJson>('show', '1')).toMatchObject({ category: 'quality', severity: 'urgent', customer: { name: '李伟' }, description: '杯子裂了' });
  });

  it('walks through every field when nothing is given, choices picked with the arrow keys', async () => {
    const db = makeDb();
    const run = on(db);
    const result = onTerminal(
      ['--db', db, 'open'],
      [
        ['Customer name', 'Wang Fang' + ENTER],
        ['Phone (optional)', '138 0000 1111' + ENTER],
        ['How did the complaint come in?', DOWN + ENTER], // in person → phone
        ['Category', DOWN + ENTER], // quality → service
        ['Severity', DOWN + DOWN + ENTER], // normal → major
        ["What happened, in the customer's words", 'Shouted at me' + ENTER],
        ['What does the customer want? (optional)', ENTER],
      ],
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.screen).toContain('Recorded complaint #1  MAJOR.');
    expect(await run.json<ComplaintJson>('show', '1')).toMatchObject({
      customer: { name: 'Wang Fang', phone: '138 0000 1111' },
      channel: 'phone',
      category: 'service',
      severity: 'major',
      description: 'Shouted at me',
      request: null,
    });
  });

  it('Ctrl-C or Ctrl-D at a question cancels in one sentence, exit 1, and records nothing', async () => {
    const db = makeDb();
    const run = on(db);
    await run.ok('open', '--customer', 'Li Wei', '--category', 'quality', '--desc', 'Cracked cup');
    const interrupted = onTerminal(['--db', db, 'open', '--category', 'quality'], [['Customer name', '\x03']]);
    expect(interrupted.code).toBe(1);
    expect(interrupted.screen).toContain('kesu: Cancelled: nothing was recorded; run kesu open again to record the complaint.');
    expect(interrupted.screen).not.toContain('unexpected');
    const closed = onTerminal(['--db', db, 'open', '--category', 'quality'], [['客户姓名', '\x04']], { LANG: 'zh_CN.UTF-8' });
    expect(closed.code).toBe(1);
    expect(closed.screen).toContain('kesu: 已取消，未登记任何内容；如需登记，请重新运行 kesu open。');
    expect(await run.json<ComplaintJson[]>('list', '--status', 'all')).toHaveLength(1);
  });
});
