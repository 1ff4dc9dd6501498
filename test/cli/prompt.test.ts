// Questions on a real terminal: `kesu open` asking for what is missing, checking each answer as
// decide checks the flag's, a summary to record or change; the other commands asking for a value
// they cannot do without; Ctrl-C and Ctrl-D. python3's pty module plays the user, waiting for each
// question before typing its answer (test/helpers/terminal.ts); what is left on the screen after Ctrl-C
// is read from tmux.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, makeDb, on, removeTempDirs, testEnv, type ComplaintJson } from '../helpers/kesu.js';
import { DOWN, ENTER, onTerminal as onPty, UP } from '../helpers/terminal.js';

afterAll(removeTempDirs);

const CTRL_D = '\x04';
const CTRL_U = '\x15';
/** Text pasted into a terminal that marks pastes (bracketed paste, which kesu asks for). */
const paste = (text: string) => `\x1b[200~${text}\x1b[201~`;

/** The clock of every run: what is received "now" is received then. */
const NOW = '2026-12-07T10:00:00+08:00';

type Script = [waitFor: string, keys: string][];

/** On a pseudo-terminal (test/helpers/terminal.ts), at NOW. */
function onTerminal(args: string[], script: Script, env: Record<string, string> = {}) {
  return onPty(args, script, { KESU_NOW: NOW, ...env });
}

/**
 * Runs kesu in a tmux window of 100 × 30, typing each step's keys (tmux key names) once its text is
 * on the screen; returns the exit code and the screen as kesu left it.
 */
function inTmux(args: string[], steps: [waitFor: string, keys: string[]][], env: Record<string, string> = {}) {
  const socket = `kesu-test-${randomUUID()}`;
  const tmux = (...tmuxArgs: string[]) => spawnSync('tmux', ['-L', socket, '-f', '/dev/null', ...tmuxArgs], { encoding: 'utf8' });
  // With the history: when the shell ends, tmux (remain-on-exit) scrolls the screen up a line to say
  // the pane is dead, and the first line would be lost from the visible part alone.
  const screen = () => tmux('capture-pane', '-p', '-S', '-', '-t', 'kesu').stdout;
  const waitFor = (pattern: RegExp | string, what: string) => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const shown = screen();
      const found = typeof pattern === 'string' ? shown.includes(pattern) : pattern.exec(shown);
      if (found) return { shown, found };
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen:\n${shown}`);
      spawnSync('sleep', ['0.05']);
    }
  };
  const environment = Object.entries(testEnv({ TERM: 'xterm', KESU_NOW: NOW, ...env })).flatMap(([name, value]) => ['-e', `${name}=${value}`]);
  // The shell says how kesu ended once all it wrote is on the screen.
  const command = ['sh', '-c', '"$@"; echo "[exit $?]"', 'sh', process.execPath, BIN, ...args];
  try {
    tmux('new-session', '-d', '-s', 'kesu', '-x', '100', '-y', '30', ...environment, ...command);
    // The window stays, with what was on it, when the shell has ended.
    tmux('set-option', '-t', 'kesu', 'remain-on-exit', 'on');
    for (const [text, keys] of steps) {
      waitFor(text, JSON.stringify(text));
      tmux('send-keys', '-t', 'kesu', ...keys);
    }
    const { shown, found } = waitFor(/^\[exit (\d+)\]$/m, 'kesu to end');
    const end = found as RegExpExecArray;
    return { code: Number(end[1]), screen: shown.slice(0, end.index).trim() };
  } finally {
    tmux('kill-server');
  }
}

describe('kesu open on a terminal', () => {
  it('walks through every field when nothing is given: choices by the arrow keys, a pasted description of several lines, Ctrl-D skipping', async () => {
    const db = makeDb();
    const result = onTerminal(
      ['--db', db, 'open', '--by', 'Alice'],
      [
        ['Customer name', `Wang Fang${ENTER}`],
        ['Phone (Enter to skip)', CTRL_D],
        ['How did the complaint come in?', DOWN + ENTER], // in person → phone
        ['Category', DOWN + ENTER], // quality → service
        // The shop's criteria of a major complaint, "None of these" chosen until one is: up to the second
        ['Is it a major complaint? Does one of these apply?', UP.repeat(5) + ENTER],
        // A pasted empty line stays in the text; an empty line typed ends it.
        ["What happened, in the customer's words (several lines; an empty line ends them)", `${paste('Shouted at me\r\rin front of everyone.')}${ENTER}${ENTER}`],
        ['What does the customer want? (Enter to skip)', CTRL_D],
        ['When was it received? (Enter for now)', `2026-12-05 09:30${ENTER}`],
        ['Paper form number (Enter to skip)', `F-7${ENTER}`],
        ['Order or product reference (Enter to skip)', ENTER],
        ['Record this complaint?', ENTER],
      ],
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.screen).toMatch(/Description +Shouted at me\s+in front of everyone\./);
    expect(result.screen).toContain('Recorded complaint #1  MAJOR.');
    expect(result.screen).toContain('Escalated to the store manager.');
    expect(await on(db, { now: NOW }).json<ComplaintJson>('show', '1')).toMatchObject({
      customer: { name: 'Wang Fang', phone: null },
      channel: 'phone',
      category: 'service',
      severity: 'major',
      majorCriterion: 'hurt-in-shop',
      escalation: { reason: 'major', to: null },
      description: 'Shouted at me\n\nin front of everyone.',
      request: null,
      receivedAt: '2026-12-05T09:30:00+08:00',
      receivedBy: 'Alice',
      ref: 'F-7',
      order: null,
    });
  });

  it("asks again, with decide's sentence, for an answer it refuses: the same words as the flag's", async () => {
    const db = makeDb();
    const result = onTerminal(
      ['--db', db, 'open'],
      [
        ['Customer name', ENTER],
        ['Give the customer name (--customer); it must not be empty.', `Li Wei${ENTER}`],
        ['Phone', `call me${ENTER}`],
        ['"call me" is not a phone number; give digits, optionally with +, spaces, - or brackets.', `${CTRL_U}138 0000 1111${ENTER}`],
        ['How did the complaint come in?', ENTER],
        ['Category', ENTER],
        ['Is it a major complaint?', ENTER], // none of these
        ['Severity', ENTER],
        ["What happened, in the customer's words", `Cracked cup${ENTER}${ENTER}`],
        // A control character pasted is refused as it is in --request; Ctrl-U takes the line back.
        ['What does the customer want?', `${paste('A new cup\u202e')}${ENTER}`],
        ['The customer\'s request (--request) holds the control character U+202E', `${CTRL_U}A new cup${ENTER}`],
        ['When was it received?', `whenever${ENTER}`],
        ['--received "whenever" is not a date or time', `${CTRL_U}2099-01-01 09:00${ENTER}`],
        // The sentence is wrapped at the terminal's 120 columns.
        ['The time Thu 1 Jan 2099 09:00 is in the future (it is now Mon 7 Dec 10:00); give --received a time', `${CTRL_U}${ENTER}`],
        ['Paper form number', ENTER],
        ['Order or product reference', ENTER],
        ['Record this complaint?', ENTER],
      ],
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(await on(db, { now: NOW }).json<ComplaintJson>('show', '1')).toMatchObject({
      customer: { name: 'Li Wei', phone: '138 0000 1111' },
      description: 'Cracked cup',
      request: 'A new cup',
      receivedAt: NOW,
    });
  });

  it('asks only for what is missing, then shows the complaint to record it or to change any answer first', async () => {
    const db = makeDb();
    const result = onTerminal(
      ['--db', db, 'open', '--category', 'quality', '--phone', '138 0000 1111'],
      [
        ['Customer name', `Li Wei${ENTER}`],
        ["What happened, in the customer's words", `Cracked cup${ENTER}${ENTER}`],
        // the severity was not said: whether it is major, asked after what was missing
        ['Is it a major complaint?', ENTER], // none of these
        ['Severity', ENTER], // normal
        ['Record this complaint?', DOWN + ENTER], // change an answer
        ['Which answer?', DOWN.repeat(4) + ENTER], // severity
        ['Is it a major complaint?', ENTER], // none of these: the severity then
        ['Severity', DOWN + DOWN + ENTER], // major, without a criterion
        ['Record this complaint?', DOWN + ENTER],
        ['Which answer?', ENTER], // the customer, shown as typed to edit
        ['Customer name', `${CTRL_U}Li Wei Jr${ENTER}`],
        ['Record this complaint?', ENTER],
      ],
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.screen).toMatch(/Phone +138 0000 1111/);
    expect(result.screen).toMatch(/Severity +major/);
    expect(await on(db, { now: NOW }).json<ComplaintJson>('show', '1')).toMatchObject({
      customer: { name: 'Li Wei Jr', phone: '138 0000 1111' },
      category: 'quality',
      severity: 'major',
      description: 'Cracked cup',
    });
  });

  it('with every required flag but no severity, it asks only whether it is major, then shows the complaint', async () => {
    const db = makeDb();
    const result = onTerminal(
      ['--db', db, 'open', '--customer', '王芳', '--category', 'facility', '--desc', '孩子在湿地板上滑倒'],
      [
        ['是否属于重大投诉？', `${UP.repeat(5)}${ENTER}`], // 顾客在店内受伤
        ['登记这条投诉吗？', ENTER],
      ],
      { LANG: 'zh_CN.UTF-8' },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.screen).toMatch(/严重程度 +重大（顾客在店内受伤）/);
    expect(await on(db, { now: NOW }).json<ComplaintJson>('show', '1')).toMatchObject({ severity: 'major', majorCriterion: 'hurt-in-shop', escalation: { reason: 'major' } });
  });

  it('asks in Chinese with a Chinese locale, and records Chinese answers', async () => {
    const db = makeDb();
    const result = onTerminal(
      ['--db', db, 'open', '--category', '质量', '--severity', '紧急'],
      [
        ['客户姓名', `李伟${ENTER}`],
        ['投诉内容（客户原话）', `杯子裂了${ENTER}倒热水时${ENTER}${ENTER}`],
        ['登记这条投诉吗？', ENTER],
      ],
      { LANG: 'zh_CN.UTF-8' },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.screen).toMatch(/严重程度 +紧急/);
    expect(result.screen).toContain('已受理投诉 #1。');
    expect(await on(db, { now: NOW }).json<ComplaintJson>('show', '1')).toMatchObject({
      category: 'quality',
      severity: 'urgent',
      customer: { name: '李伟' },
      description: '杯子裂了\n倒热水时',
    });
  });

  it('takes a pasted page in one go, refuses it as too long in the words of --desc, and Ctrl-U takes it back', async () => {
    const db = makeDb();
    const result = onTerminal(
      ['--db', db, 'open', '--customer', 'Li Wei', '--category', 'quality'],
      [
        ["What happened, in the customer's words", `${paste('x'.repeat(100_000))}${ENTER}${ENTER}`],
        ['The description (--desc) is 100000 characters long, which is too long; keep it to 4000 characters or fewer.', `${CTRL_U}Cracked cup${ENTER}${ENTER}`],
        ['Is it a major complaint?', ENTER],
        ['Severity', ENTER],
        ['Record this complaint?', ENTER],
      ],
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect((await on(db, { now: NOW }).json<ComplaintJson>('show', '1')).description).toBe('Cracked cup');
  });

  it('Ctrl-D leaves an optional question unanswered, and ends a text of several lines', async () => {
    const db = makeDb();
    const result = onTerminal(
      ['--db', db, 'open'],
      [
        ['Customer name', `Li Wei${ENTER}`],
        ['Phone', CTRL_D],
        ['How did the complaint come in?', CTRL_D], // in person, the default
        ['Category', ENTER],
        ['Is it a major complaint?', CTRL_D], // as it was: the severity's default, normal
        ["What happened, in the customer's words", `Cracked cup${ENTER}${CTRL_D}`],
        ['What does the customer want?', CTRL_D],
        ['When was it received?', CTRL_D], // now
        ['Paper form number', CTRL_D],
        ['Order or product reference', CTRL_D],
        ['Record this complaint?', ENTER],
      ],
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(await on(db, { now: NOW }).json<ComplaintJson>('show', '1')).toMatchObject({
      customer: { name: 'Li Wei', phone: null },
      channel: 'in-person',
      severity: 'normal',
      description: 'Cracked cup',
      request: null,
      receivedAt: NOW,
      ref: null,
      order: null,
    });
  });

  it('Ctrl-D at a question it cannot do without cancels, exit 1, and records nothing', async () => {
    const db = makeDb();
    const customer = onTerminal(['--db', db, 'open', '--category', 'quality'], [['Customer name', CTRL_D]]);
    expect(customer.code).toBe(1);
    expect(customer.screen).toContain('kesu: Cancelled: nothing was recorded; run the command again when ready.');
    const category = onTerminal(['--db', db, 'open', '--customer', '李伟', '--desc', '杯子裂了'], [['投诉类别', CTRL_D]], { LANG: 'zh_CN.UTF-8' });
    expect(category.code).toBe(1);
    expect(category.screen).toContain('kesu: 已取消，未记录任何内容；准备好后请重新运行该命令。');
    // Not even a database: the store is opened only to record.
    expect(existsSync(db)).toBe(false);
  });

  it.each([
    ['a line of text', [['Customer name', ['Li', 'C-c']]]],
    ['a choice', [['Customer name', ['Li', 'Enter']], ['Category', ['C-c']]]],
    [
      'the summary',
      [['Customer name', ['Li', 'Enter']], ['Category', ['Enter']], ['What happened', ['x', 'Enter', 'Enter']], ['Is it a major complaint?', ['Enter']], ['Severity', ['Enter']], ['Record this complaint?', ['C-c']]],
    ],
  ] as [string, [string, string[]][]][])('Ctrl-C at %s exits 130, the question cleared from the screen, and records nothing', (_, steps) => {
    const db = makeDb();
    const result = inTmux(['--db', db, 'open', '--phone', '138 0000 1111'], steps);
    expect(result).toEqual({ code: 130, screen: 'kesu: Cancelled: nothing was recorded; run the command again when ready.' });
    expect(existsSync(db)).toBe(false);
  });
});

describe('other commands on a terminal ask for a value they cannot do without', () => {
  /** A store with complaint 1 open, 2 resolved and 3 open, made before NOW. */
  async function shop() {
    const db = makeDb();
    const run = on(db, { now: NOW });
    for (const customer of ['Li Wei', 'Wang Fang', 'Zhao Lei']) {
      await run.ok('open', '--customer', customer, '--category', 'service', '--desc', 'Rude', '--received', '2026-12-01 09:00');
    }
    await run.ok('resolve', '2', '--solution', 'Apologised', '--at', '2026-12-02 09:00');
    return { db, run };
  }

  it('followup asks for the satisfaction, from the scale in the language of the terminal', async () => {
    const { db, run } = await shop();
    const result = onTerminal(['--db', db, 'followup', '2', '--method', 'visit'], [['客户满意度', `${UP}${ENTER}`]], { LANG: 'zh_CN.UTF-8' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.screen).toContain('5 非常满意');
    expect(await run.json<ComplaintJson>('show', '2')).toMatchObject({ status: 'closed', followups: [{ method: 'visit', satisfaction: 5 }] });
  });

  it("assign asks for the person, again with decide's sentence when the answer is empty; close asks for the reason", async () => {
    const { db, run } = await shop();
    const assigned = onTerminal(
      ['--db', db, 'assign', '1'],
      [
        ['Who will handle it?', ENTER],
        ['Give the assignee (--to); it must not be empty.', `老张${ENTER}`],
      ],
    );
    expect(assigned.stderr).toBe('');
    expect(assigned.code).toBe(0);
    expect((await run.json<ComplaintJson>('show', '1')).assignee).toBe('老张');
    const closed = onTerminal(['--db', db, 'close', '3'], [['Why is it closed?', DOWN + DOWN + ENTER]]);
    expect(closed.code).toBe(0);
    expect(await run.json<ComplaintJson>('show', '3')).toMatchObject({ status: 'closed', outcome: 'duplicate' });
  });

  it('void asks for the reason, again with decide\'s sentence when the answer is empty', async () => {
    const { db, run } = await shop();
    const voided = onTerminal(
      ['--db', db, 'void', '3'],
      [
        ['Why is it voided', ENTER],
        ['Give the reason (--reason); it must not be empty.', `Entered twice${ENTER}`],
      ],
    );
    expect(voided.stderr).toBe('');
    expect(voided.code).toBe(0);
    expect(await run.json<ComplaintJson>('show', '3')).toMatchObject({ voided: { reason: 'Entered twice' } });
  });

  it('wait asks whom it waits on, from the choices in the language of the terminal', async () => {
    const { db, run } = await shop();
    const result = onTerminal(['--db', db, 'wait', '1', '--note', '等照片'], [['等待谁？', `${DOWN}${ENTER}`]], { LANG: 'zh_CN.UTF-8' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.screen).toContain('投诉 1 已暂停计时：等待供应商');
    expect((await run.json<ComplaintJson>('show', '1')).waiting).toMatchObject({ on: 'supplier', note: '等照片' });
  });

  it('escalate asks why it needs the manager, again when the answer is empty', async () => {
    const { db, run } = await shop();
    const result = onTerminal(['--db', db, 'escalate', '1'], [['为什么需要店长处理？', ENTER], ['不能为空', `顾客扬言找媒体${ENTER}`]], { LANG: 'zh_CN.UTF-8' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.screen).toContain('投诉 1 已升级至店长（人工升级）');
    expect((await run.json<ComplaintJson>('show', '1')).escalation).toMatchObject({ reason: 'by-hand', note: '顾客扬言找媒体' });
  });

  it('log asks for the entry, of several lines; resolve --unfounded for the finding', async () => {
    const { db, run } = await shop();
    const logged = onTerminal(['--db', db, 'log', '1', '--kind', 'call'], [['What happened?', `Called back${ENTER}No answer${ENTER}${ENTER}`]]);
    expect(logged.code).toBe(0);
    const resolved = onTerminal(['--db', db, 'resolve', '3', '--unfounded'], [['What did the investigation find?', `Misread the receipt${ENTER}${ENTER}`]]);
    expect(resolved.code).toBe(0);
    const [one, three] = [await run.json<ComplaintJson>('show', '1'), await run.json<ComplaintJson>('show', '3')];
    expect(one.events!.at(-1)).toMatchObject({ type: 'logged', note: 'Called back\nNo answer' });
    expect(three).toMatchObject({ status: 'closed', outcome: 'unfounded', finding: 'Misread the receipt' });
  });

  it('answer asks what the customer was told, again when it is empty', async () => {
    const { db, run } = await shop();
    const result = onTerminal(['--db', db, 'answer', '1', '--kind', 'call'], [['What was the customer told?', ENTER + ENTER], ['must not be empty', `Replacement by Friday${ENTER}${ENTER}`]]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect((await run.json<ComplaintJson>('show', '1')).events!.at(-1)).toMatchObject({ type: 'answered', note: 'Replacement by Friday' });
  });

  it('says first that there is no such complaint, asking nothing', async () => {
    const { db } = await shop();
    const result = onTerminal(['--db', db, 'followup', '99'], []);
    expect(result.code).toBe(1);
    expect(result.screen).not.toContain('How satisfied is the customer?');
    expect(result.screen).toContain('kesu: There is no complaint 99; see the ids with kesu list --status all.');
  });

  it.each([
    ['answer on a closed complaint', ['close', '3', '--reason', 'duplicate'], ['answer', '3'], 'What was the customer told?', 'kesu: Complaint 3 is closed, so it cannot take answer; from closed you can: reopen, log, edit, void.'],
    ['followup on an open complaint', null, ['followup', '1'], 'How satisfied is the customer?', 'kesu: Complaint 1 is open, so it cannot take followup; from open you can: assign, answer, resolve, close, log, edit, void, wait, resume, escalate.'],
    // An entry that answers the customer is judged as an answer, which a resolved complaint does not take.
    ['log --answered on a resolved complaint', null, ['log', '2', '--answered'], 'What happened?', 'kesu: Complaint 2 is resolved, so it cannot take answer; from resolved you can: followup, close, log, edit, void, wait, resume, escalate.'],
    ['assign on a voided complaint', ['void', '3', '--reason', 'Entered twice'], ['assign', '3'], 'Who will handle it?', 'kesu: Complaint 3 is voided ("Entered twice"), so it cannot take assign; bring it back first with kesu unvoid 3.'],
    ['wait on a complaint already waiting', ['wait', '1', '--on', 'supplier', '--at', '2026-12-02 10:00'], ['wait', '1'], 'Who is it waiting on?', 'kesu: Complaint 1 is already waiting on a supplier, since Wed 2 Dec 10:00; resume it first with kesu resume 1.'],
  ] as [string, string[] | null, string[], string, string][])('%s: refused first, exit 1, asking nothing', async (_, before, args, question, refusal) => {
    const { db, run } = await shop();
    if (before !== null) await run.ok(...before);
    const result = onTerminal(['--db', db, ...args], []);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.screen).not.toContain(question);
    expect(result.screen).toContain(refusal);
  });

  it('Ctrl-C at the question exits 130 and changes nothing', async () => {
    const { db, run } = await shop();
    const result = inTmux(['--db', db, 'followup', '2'], [['How satisfied is the customer?', ['C-c']]]);
    expect(result).toEqual({ code: 130, screen: 'kesu: Cancelled: nothing was recorded; run the command again when ready.' });
    expect((await run.json<ComplaintJson>('show', '2')).status).toBe('resolved');
  });
});
