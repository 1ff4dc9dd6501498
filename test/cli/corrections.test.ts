// kesu edit, void, unvoid and answer from the command line (issue 14): what each prints, what it
// records, what it refuses, and what lists, the agenda, reports, the import and export make of it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  expectComplaintShape,
  expectFailure,
  expectJsonFailure,
  expectOk,
  expectSentence,
  makeDb,
  makeTempDir,
  on,
  removeTempDirs,
  type ComplaintJson,
  type Kesu,
} from '../helpers/kesu.js';

afterAll(removeTempDirs);

/** Friday 20 November 2026, noon in Shanghai: every time below has passed. */
const NOW = '2026-11-20T12:00:00+08:00';

/** A new store with complaint 1: 王芳, quality, normal, received Monday 2 November 09:00 by 小李 (answer due Mon 9 Nov). */
async function withOne(): Promise<Kesu> {
  const run = on(makeDb(), { now: NOW });
  await run.ok('open', '--customer', '王芳', '--phone', '138 0013 8000', '--channel', 'phone', '--category', 'quality', '--desc', 'Kettle leaks', '--request', 'A new one', '--ref', 'F-1', '--received', '2026-11-02 09:00', '--by', '小李');
  return run;
}

describe('kesu edit', () => {
  it('records each field before and after as a corrected event: one sentence, then the record, a corrected phone masked', async () => {
    const run = await withOne();
    const out = await run.ok('edit', '1', '--phone', '139 1111 2222', '--customer', '王芳芳', '--at', '2026-11-02 10:00', '--by', '小李');
    expect(out.split('\n')[0]).toBe('Complaint 1 corrected: customer, phone; answer overdue since Mon 9 Nov.');
    expect(out).toContain('   2  Mon 2 Nov 10:00  小李  corrected customer: 王芳 → 王芳芳; phone: *******8000 → *******2222\n');
    // the current phone is in the record's header, the one corrected away nowhere
    expect(out).toContain('王芳芳 (139 1111 2222)');
    expect(out).not.toContain('0013');
    const c = await run.json<ComplaintJson>('show', '1');
    expectComplaintShape(c, { events: true, show: true });
    expect(c.customer).toEqual({ name: '王芳芳', phone: '139 1111 2222' });
    expect(c.events![1]).toEqual({
      seq: 2,
      type: 'corrected',
      at: '2026-11-02T10:00:00+08:00',
      by: '小李',
      note: null,
      changes: [
        { field: 'customer', before: '王芳', after: '王芳芳' },
        { field: 'phone', before: '138 0013 8000', after: '139 1111 2222' },
      ],
    });
  });

  it('in Chinese: the sentence and the timeline, with the labels of the vocabularies', async () => {
    const run = await withOne();
    const out = await run.ok('--lang', 'zh', 'edit', '1', '--channel', '现场', '--request', '', '--note', '录入错误', '--at', '2026-11-02 10:00', '--by', '小李');
    expect(out.split('\n')[0]).toBe('投诉 1 已更正：投诉方式、客户要求；答复客户已超期（期限 11月9日 周一）。');
    expect(out).toContain('   2  11月2日 周一 10:00  小李  更正 投诉方式：电话 → 现场；客户要求：A new one → — — 录入错误\n');
  });

  it('a new severity re-arms the pending deadlines from the correction, and show says how each was reached', async () => {
    const run = await withOne();
    await run.ok('assign', '1', '--to', '老张', '--at', '2026-11-02 10:00');
    const out = await run.ok('edit', '1', '--severity', 'major', '--at', '2026-11-03 09:00', '--verbose');
    expect(out.split('\n')[0]).toBe(
      'Complaint 1 corrected: severity (answer and solution deadlines re-armed), and escalated to the store manager (a major complaint); answer overdue since Wed 4 Nov 09:00, solution overdue since Wed 4 Nov.',
    );
    // major: the answer 24 hours from Tue 3 Nov 09:00, the solution 1 working day from that day
    expect(out).toContain('  answer      Wed 4 Nov 09:00  OVERDUE\n              24 hours from Tue 3 Nov 09:00 (re-armed when the severity was corrected to major)\n');
    expect(out).toContain('  solution    Wed 4 Nov  OVERDUE\n              1 working day from Tue 3 Nov (re-armed when the severity was corrected to major)\n');
    expect((await run.json<ComplaintJson>('show', '1')).deadlines).toEqual({ answer: '2026-11-04T09:00:00+08:00', solution: '2026-11-04T23:59:59+08:00', followup: null });
  });

  it('a corrected received time moves the answer deadline counted from it, and may not be later than the first step', async () => {
    const run = await withOne();
    const out = await run.ok('edit', '1', '--received', '2026-10-30 09:00', '--at', '2026-11-02 09:30', '--verbose');
    expect(out).toContain('  answer      Fri 6 Nov  OVERDUE\n              5 working days from Fri 30 Oct; skipped Sat 31 Oct, Sun 1 Nov (counted again from the corrected received time)\n');
    expect(out).toContain('corrected received: Mon 2 Nov 09:00 → Fri 30 Oct 09:00\n');
    const late = expectFailure(await run('edit', '1', '--received', '2026-11-02 10:00'), 1);
    expect(late).toBe(
      "The received time Mon 2 Nov 10:00 is after complaint 1's first step, at Mon 2 Nov 09:30; give --received a time no later than that.",
    );
  });

  it('a received date alone is shown alone, as open shows it, and a time given again shows the time', async () => {
    const run = await withOne();
    await run.ok('edit', '1', '--received', '2026-10-30', '--at', '2026-11-02 09:30');
    expect(await run.ok('show', '1')).toContain('Received           Fri 30 Oct · 小李 · phone\n');
    expect((await run.json<ComplaintJson>('show', '1')).receivedAt).toBe('2026-10-30T00:00:00+08:00');
    const exported = JSON.parse(await run.ok('export', '--format', 'json')) as { events: { details: Record<string, unknown> }[] }[];
    expect(exported[0]!.events[1]!.details).toMatchObject({ dateOnly: true });
    await run.ok('edit', '1', '--received', '2026-10-30 08:00', '--at', '2026-11-02 09:40');
    expect(await run.ok('show', '1')).toContain('Received           Fri 30 Oct 08:00 · 小李 · phone\n');
  });

  it('a new category keeps the assignee and their department', async () => {
    const run = await withOne();
    await run.ok('assign', '1', '--to', '老张', '--at', '2026-11-02 10:00');
    await run.ok('edit', '1', '--category', 'service', '--at', '2026-11-02 11:00');
    expect(await run.json<ComplaintJson>('show', '1')).toMatchObject({ category: 'service', assignee: '老张', department: 'QC' });
  });

  it('corrects a closed complaint too, which stays closed', async () => {
    const run = await withOne();
    await run.ok('close', '1', '--reason', 'withdrawn', '--at', '2026-11-03 09:00');
    await run.ok('edit', '1', '--order', 'SO-77', '--at', '2026-11-04 09:00');
    expect(await run.json<ComplaintJson>('show', '1')).toMatchObject({ status: 'closed', outcome: 'withdrawn', order: 'SO-77' });
  });

  it('refuses what changes nothing or what decide refuses, in one sentence, and writes nothing', async () => {
    const run = await withOne();
    const before = await run.ok('--json', 'show', '1');
    const cases: [string[], string][] = [
      [['edit', '1', '--customer', ' 王芳 ', '--severity', 'normal'], 'Complaint 1 already has every value given, so nothing was corrected; give the values that are wrong, as kesu show 1 shows them.'],
      [['edit', '1', '--customer', ''], 'Give the customer name (--customer); it must not be empty.'],
      [['edit', '1', '--phone', '12'], '"12" is not a phone number; give digits, optionally with +, spaces, - or brackets.'],
      [['edit', '1', '--severity', 'huge'], '--severity "huge" is not a severity; use one of: normal, urgent, major.'],
      [['edit', '1', '--desc', 'x\u001b[2Jy'], 'The description (--desc) holds the control character U+001B, which would change what a terminal shows; remove it and give plain text.'],
      [['edit', '9', '--customer', 'X'], 'There is no complaint 9; see the ids with kesu list --status all.'],
    ];
    for (const [args, message] of cases) {
      const said = expectFailure(await run(...args), 1);
      expectSentence(said);
      expect(said).toBe(message);
    }
    expect(await run.ok('--json', 'show', '1')).toBe(before);
  });

  it('without a flag, off a terminal, is a usage error (exit 2) naming the flags', async () => {
    const run = await withOne();
    expect(expectFailure(await run('edit', '1'), 2)).toBe(
      'Say what to correct with flags (--customer, --phone, --channel, --category, --severity, --desc, --request, --order, --ref, --received, --dept), or run kesu edit 1 in a terminal to be asked.',
    );
    expect(expectJsonFailure(await run('--json', 'edit', '1'), 2).code).toBe('usage');
  });

  it('--ref: a number another complaint has is refused; "" removes it, and the number is free for another', async () => {
    const run = await withOne();
    await run.ok('open', '--customer', 'Li', '--category', 'service', '--desc', 'Rude', '--ref', 'F-2', '--received', '2026-11-03 09:00');
    const taken = expectJsonFailure(await run('--json', 'edit', '2', '--ref', 'f-1'), 1);
    expect(taken).toEqual({ code: 'conflict', message: 'Form number f-1 is already complaint 1; give another --ref or look at kesu show 1.' });
    await run.ok('edit', '1', '--ref', '');
    await run.ok('edit', '2', '--ref', 'F-1');
    expect((await run.json<ComplaintJson[]>('list')).map((c) => [c.id, c.ref])).toEqual([
      [1, null],
      [2, 'F-1'],
    ]);
  });
});

describe('kesu void and unvoid', () => {
  /** Complaint 1 (see withOne) and complaint 2, a test entry of 测试, received Tue 3 Nov. */
  async function withTest(): Promise<Kesu> {
    const run = await withOne();
    await run.ok('open', '--customer', '测试', '--category', 'quality', '--desc', 'test', '--ref', 'F-2', '--received', '2026-11-03 09:00');
    return run;
  }

  it('a voided complaint leaves list, due and the report; show marks it with the reason; list --status voided lists it', async () => {
    const run = await withTest();
    const short = await run.ok('void', '2', '--reason', 'A test entry', '--at', '2026-11-03 10:00', '--by', '小李');
    expect(short).toBe(
      "Complaint 2 voided: it leaves lists, the agenda, reports and the import's duplicate check; kesu unvoid 2 brings it back.\n" +
        '#2  open  VOIDED\nCustomer           测试\nDescription        test\n   2  Tue 3 Nov 10:00  小李  voided: A test entry\n',
    );
    const out = await run.ok('show', '2');
    expect(out.split('\n').slice(0, 2)).toEqual([
      '#2  open  VOIDED',
      'Voided             A test entry (小李, Tue 3 Nov 10:00)',
    ]);
    expect(out).toContain('   2  Tue 3 Nov 10:00  小李  voided: A test entry\n');
    expect((await run.json<ComplaintJson[]>('list', '--status', 'all')).map((c) => c.id)).toEqual([1]);
    expect((await run.json<ComplaintJson[]>('due', '--days', '30')).map((c) => c.id)).toEqual([1]);
    expect(await run.ok('list', '--status', 'voided')).toMatch(/│ 2 {2}│ voided │ normal {3}│ quality {2}│ 测试/);
    expect((await run.json<ComplaintJson[]>('list', '--status', 'open,voided')).map((c) => c.id).sort()).toEqual([1, 2]);
    expect(await run.json('report', '--month', '2026-11')).toMatchObject({ received: 1, openAtEnd: 1, byCategory: { quality: 1 } });
    const shown = await run.json<ComplaintJson>('show', '2');
    expect(shown).toMatchObject({ status: 'open', voided: { at: '2026-11-03T10:00:00+08:00', by: '小李', reason: 'A test entry' }, overdue: [] });
  });

  it('a voided complaint leaves search, the customer’s history and show’s list of their others; search --status voided finds it', async () => {
    const run = await withOne();
    await run.ok('open', '--customer', '王芳', '--phone', '13800138000', '--category', 'quality', '--desc', 'Kettle leaks again', '--received', '2026-11-03 09:00');
    const ids = async (...args: string[]) => (await run.json<{ id: number }[]>(...args)).map((c) => c.id);
    expect(await ids('search', 'kettle')).toEqual([2, 1]);
    expect((await run.json<ComplaintJson>('show', '1')).sameCustomer).toEqual({ count: 1, newest: [{ id: 2, status: 'open', receivedAt: '2026-11-03T09:00:00+08:00' }] });
    await run.ok('void', '2', '--reason', 'Entered twice', '--at', '2026-11-03 10:00');
    expect(await ids('search', 'kettle')).toEqual([1]);
    expect(await ids('search', 'kettle', '--status', 'voided')).toEqual([2]);
    expect(await ids('search', 'kettle', '--status', 'open,voided')).toEqual([2, 1]);
    expect((await run.json<ComplaintJson>('show', '1')).sameCustomer).toEqual({ count: 0, newest: [] });
    // shown itself, the voided one still names the customer's live complaint
    expect((await run.json<ComplaintJson>('show', '2')).sameCustomer).toEqual({ count: 1, newest: [{ id: 1, status: 'open', receivedAt: '2026-11-02T09:00:00+08:00' }] });
    expect(await run.ok('customer', '王芳')).not.toMatch(/again/);
  });

  it('a voided complaint takes only unvoid, which brings it back with its deadlines', async () => {
    const run = await withTest();
    await run.ok('void', '2', '--reason', 'A test entry', '--at', '2026-11-03 10:00');
    const refused = expectJsonFailure(await run('--json', 'assign', '2', '--to', 'Li'), 1);
    expect(refused).toEqual({ code: 'not-allowed', message: 'Complaint 2 is voided ("A test entry"), so it cannot take assign; bring it back first with kesu unvoid 2.' });
    expect(expectFailure(await run('unvoid', '1'), 1)).toBe('Complaint 1 is not voided, so there is nothing to unvoid; kesu list --status voided lists the voided ones.');
    const out = await run.ok('unvoid', '2', '--note', 'not a test after all', '--at', '2026-11-04 09:00');
    expect(out.split('\n')[0]).toBe('Complaint 2 brought back: it counts again in lists, the agenda and reports; answer overdue since Tue 10 Nov.');
    expect(await run.json<ComplaintJson>('show', '2')).toMatchObject({ voided: null, overdue: ['answer'], deadlines: { answer: '2026-11-10T23:59:59+08:00' } });
    expect((await run.json<ComplaintJson[]>('list')).map((c) => c.id)).toEqual([1, 2]);
  });

  it('needs its reason: none is a usage error, an empty one is refused', async () => {
    const run = await withTest();
    expect(expectFailure(await run('void', '2'), 2)).toBe('Missing required option --reason; give it a value.');
    expect(expectFailure(await run('void', '2', '--reason', ' '), 1)).toBe('Give the reason (--reason); it must not be empty.');
  });

  it('frees its form number: open --ref takes it, and then unvoid is refused in one sentence', async () => {
    const run = await withTest();
    await run.ok('void', '2', '--reason', 'Double entry', '--at', '2026-11-03 10:00');
    const opened = await run.json<ComplaintJson>('open', '--customer', '李四', '--category', 'service', '--desc', 'Rude', '--ref', 'F-2');
    expect(opened).toMatchObject({ id: 3, ref: 'F-2' });
    // the voided one keeps its number in its record
    expect((await run.json<ComplaintJson>('show', '2')).ref).toBe('F-2');
    const refused = expectJsonFailure(await run('--json', 'unvoid', '2'), 1);
    expect(refused).toEqual({
      code: 'conflict',
      message: "Complaint 2's form number F-2 has been given to complaint 3 since it was voided; void complaint 3 or give it another number (kesu edit 3 --ref …), then unvoid 2.",
    });
    await run.ok('edit', '3', '--ref', 'F-3');
    await run.ok('unvoid', '2');
  });

  it("leaves the import's duplicate check: the same form imports again once its complaint is voided", async () => {
    const dir = makeTempDir();
    const run = on(join(dir, 'kesu.db'), { now: NOW });
    const csv = join(dir, 'forms.csv');
    writeFileSync(csv, '编号,投诉日期,客户姓名,投诉类别,投诉内容\nG-1,2026年11月5日,赵敏,质量,内胆有划痕\n');
    expect(await run.json('import', csv)).toMatchObject({ imported: 1, alreadyPresent: 0 });
    expect(await run.json('import', csv)).toMatchObject({ imported: 0, alreadyPresent: 1 });
    await run.ok('void', '1', '--reason', 'Imported into the wrong store');
    expect(await run.json('import', csv)).toMatchObject({ imported: 1, alreadyPresent: 0 });
    expect((await run.json<ComplaintJson[]>('list')).map((c) => [c.id, c.ref])).toEqual([[2, 'G-1']]);
  });

  it('in Chinese', async () => {
    const run = await withTest();
    const out = await run.ok('--lang', 'zh', 'void', '2', '--reason', '测试数据', '--at', '2026-11-03 10:00', '--by', '小李', '--verbose');
    expect(out.split('\n').slice(0, 3)).toEqual([
      '投诉 2 已作废：不再出现在列表、日程和报表中，导入查重也不再比对它；可用 kesu unvoid 2 恢复。',
      '#2  待处理  已作废',
      '作废原因  测试数据（小李，11月3日 周二 10:00）',
    ]);
    expect(await run.ok('--lang', 'zh', 'list', '--status', '已作废')).toContain('已作废');
  });
});

describe('kesu answer', () => {
  it('records the reply to the customer and meets the answer deadline without resolving', async () => {
    const run = await withOne();
    const out = await run.ok('answer', '1', 'We', 'replace', 'it', 'by', 'Friday', '--kind', 'call', '--at', '2026-11-04 10:00', '--by', '小李', '--verbose');
    expect(out.split('\n')[0]).toBe('Complaint 1: customer answered on time (due Mon 9 Nov); nothing more is due.');
    expect(out).toContain('  answer      Mon 9 Nov  met\n');
    expect(out).toContain('   2  Wed 4 Nov 10:00  小李  answered the customer (call): We replace it by Friday\n');
    const c = await run.json<ComplaintJson>('show', '1');
    expect(c).toMatchObject({ status: 'open', answeredAt: '2026-11-04T10:00:00+08:00', overdue: [] });
    expect(c.events!.at(-1)).toMatchObject({ type: 'answered', note: 'We replace it by Friday' });
    const again = await run.ok('answer', '1', 'Friday still', '--at', '2026-11-05 10:00');
    expect(again.split('\n')[0]).toBe('Complaint 1: customer answered again (first answered Wed 4 Nov 10:00); nothing more is due.');
  });

  it('late, it says so; log --answered is an answer too; once resolved it is refused', async () => {
    const run = await withOne();
    const late = await run.ok('log', '1', 'Told her: a new one on Monday', '--kind', 'call', '--answered', '--at', '2026-11-10 10:00', '--verbose');
    expect(late.split('\n')[0]).toBe('Complaint 1: customer answered late (due Mon 9 Nov); nothing more is due.');
    expect(late).toContain('  answer      Mon 9 Nov  met late\n');
    expect((await run.json<ComplaintJson>('show', '1')).events!.at(-1)).toMatchObject({ type: 'answered', note: 'Told her: a new one on Monday' });
    await run.ok('resolve', '1', '--solution', 'Replaced', '--at', '2026-11-11 10:00');
    expect(expectFailure(await run('answer', '1', 'again'), 1)).toBe('Complaint 1 is resolved, so it cannot take answer; from resolved you can: followup, close, log, edit, void, wait, resume, escalate.');
    expect(expectFailure(await run('log', '1', 'again', '--answered'), 1)).toMatch(/^Complaint 1 is resolved, so it cannot take answer;/);
  });

  it("the report's answered-on-time share counts the first answer of each arming, and a resolve only when no answer came first", async () => {
    const run = await withOne();
    // 1: answered on time (Wed 4 Nov), resolved after the answer deadline: on time
    await run.ok('answer', '1', 'A new one next week', '--at', '2026-11-04 10:00');
    await run.ok('answer', '1', 'Still next week', '--at', '2026-11-12 10:00');
    await run.ok('resolve', '1', '--solution', 'Replaced', '--at', '2026-11-13 10:00');
    // 2: no answer, resolved after its answer deadline (Mon 9 Nov): late
    await run.ok('open', '--customer', 'Li', '--category', 'service', '--desc', 'Rude', '--received', '2026-11-02 09:00');
    await run.ok('resolve', '2', '--solution', 'Apologised', '--at', '2026-11-10 10:00');
    expect(await run.json('report', '--month', '2026-11')).toMatchObject({ resolved: 2, answeredOnTimeShare: 0.5 });
    // 1 again: closed unresolved and reopened, which arms the answer deadline anew (Mon 23 Nov); its
    // first answer since, by log --answered, is on time and counts; the answer after it does not
    await run.ok('close', '1', '--reason', 'unresolved', '--at', '2026-11-14 09:00');
    await run.ok('reopen', '1', '--at', '2026-11-16 09:00');
    await run.ok('log', '1', 'A technician comes Thursday', '--kind', 'call', '--answered', '--at', '2026-11-17 09:00');
    await run.ok('answer', '1', 'Thursday still', '--at', '2026-11-18 09:00');
    expect(await run.json('report', '--month', '2026-11')).toMatchObject({ resolved: 2, answeredOnTimeShare: 0.6667 });
  });
});

describe('reports count each complaint as it stood at the period’s end', () => {
  it('a correction or a void after the period rewrites none of its figures; within it, they count', async () => {
    const run = on(makeDb(), { now: NOW });
    const open = (customer: string, received: string) => run.ok('open', '--customer', customer, '--category', 'quality', '--channel', 'phone', '--desc', `${customer}'s kettle`, '--received', received);
    await open('Wang', '2026-10-05 09:00');
    await open('Wang', '2026-10-12 09:00');
    await open('Zhao', '2026-10-20 09:00');
    // in October: 3 is corrected to billing
    await run.ok('edit', '3', '--category', 'billing', '--at', '2026-10-25 09:00');
    const october = await run.ok('report', '--month', '2026-10', '--format', 'json');
    // in November: 1 is corrected to another customer and a received date in September, 2 is voided
    await run.ok('edit', '1', '--customer', 'Li', '--received', '2026-09-28 09:00', '--at', '2026-11-02 09:00');
    await run.ok('void', '2', '--reason', 'double entry', '--at', '2026-11-02 09:00');
    expect(await run.ok('report', '--month', '2026-10', '--format', 'json')).toBe(october);
    expect(JSON.parse(october)).toMatchObject({ received: 3, openAtEnd: 3, repeatCustomers: 1, byCategory: { quality: 2, billing: 1 }, byChannel: { phone: 3 } });
    // November, and September seen from November: 1 was not received in either as things stood at their ends
    expect(await run.json('report', '--month', '2026-11')).toMatchObject({ received: 0, openAtEnd: 2, repeatCustomers: 0, previous: { received: 3 } });
    expect(await run.json('report', '--month', '2026-09')).toMatchObject({ received: 0 });
  });
});

describe('export', () => {
  it('--redact masks what a correction changed, as it masks the complaint', async () => {
    const run = await withOne();
    await run.ok('edit', '1', '--phone', '139 1111 2222', '--desc', 'Kettle leaks, call 13700001111', '--ref', 'F-13911112222', '--at', '2026-11-02 10:00');
    const [redacted] = JSON.parse(await run.ok('export', '--format', 'json', '--redact')) as ComplaintJson[];
    expect(redacted!.events![1]!.changes).toEqual([
      { field: 'phone', before: '*******8000', after: '*******2222' },
      { field: 'description', before: 'Kettle leaks', after: 'Kettle leaks, call ***' },
      { field: 'ref', before: 'F-1', after: 'F-***' },
    ]);
    expect(JSON.stringify(redacted)).not.toMatch(/0013|1111 2222|13700001111/);
  });

  it('CSV leaves a voided complaint out (it is no form to import again); JSON keeps it', async () => {
    const run = await withOne();
    await run.ok('open', '--customer', '测试', '--category', 'quality', '--desc', 'test');
    await run.ok('void', '2', '--reason', 'A test entry');
    const rows = (await run.ok('export')).trim().split('\r\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(/^F-1,/);
    expect((JSON.parse(await run.ok('export', '--format', 'json')) as ComplaintJson[]).map((c) => [c.id, c.voided?.reason ?? null])).toEqual([
      [1, null],
      [2, 'A test entry'],
    ]);
  });
});

describe('kesu check', () => {
  it('finds a store of corrections, voids and answers sound, and a voided row taken for a live one', async () => {
    const dir = makeTempDir();
    const db = join(dir, 'kesu.db');
    const run = on(db, { now: NOW });
    await run.ok('open', '--customer', '王芳', '--category', 'quality', '--desc', 'Leak', '--ref', 'F-1', '--received', '2026-11-02 09:00');
    await run.ok('open', '--customer', '王芳', '--category', 'quality', '--desc', 'Leak again', '--received', '2026-11-03 09:00');
    await run.ok('answer', '1', 'Next week', '--at', '2026-11-03 10:00');
    await run.ok('edit', '1', '--customer', '王 芳', '--severity', 'urgent', '--at', '2026-11-04 10:00');
    await run.ok('void', '2', '--reason', 'Double entry', '--at', '2026-11-04 11:00');
    expectOk(await run('check'));
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(db);
    raw.exec('UPDATE complaints SET voided = 0 WHERE id = 2');
    raw.close();
    const found = await run('check');
    expect(found.code).toBe(1);
    expect(found.stdout).toContain('complaint 2: its row has voided 0, but its events say 1');
    expectOk(await run('check', '--repair'));
    expectOk(await run('check'));
    expect(readFileSync(db).length).toBeGreaterThan(0);
  });
});
