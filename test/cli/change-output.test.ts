// What a command that changes a complaint prints: one sentence saying what happened and what comes
// next (its deadlines as the complaint holds them), then the record in short: the whole record with
// --verbose, and --json as before.
import { afterAll, describe, expect, it } from 'vitest';
import { expectComplaintShape, makeDb, on, removeTempDirs, type ComplaintJson } from '../helpers/kesu.js';

afterAll(removeTempDirs);

// Monday 2 November 2026, 16:00: the deadlines below are still to come unless a test says otherwise.
const now = '2026-11-02T16:00:00+08:00';
const zh = { LANG: 'zh_CN.UTF-8' };

/** A quality complaint (two satisfied follow-ups close it) received on Friday 30 October. */
async function opened(options: { env?: Record<string, string>; now?: string } = {}) {
  const run = on(makeDb(), { now, ...options });
  await run.ok('open', '--customer', 'Li Wei', '--phone', '138 0013 8000', '--category', 'quality', '--desc', 'Cracked cup\nfrom the new set', '--received', '2026-10-30 10:00', '--by', 'Alice');
  return run;
}

describe('the sentence, then the record in short', () => {
  it('log: the kind logged, and the deadline that comes next', async () => {
    const run = await opened();
    expect(await run.ok('log', '1', 'Called', 'the', 'customer', '--kind', 'call', '--at', '2026-10-30 11:00', '--by', 'Alice')).toBe(
      [
        'Complaint 1: call logged; answer due Fri 6 Nov.',
        '#1  open',
        'Customer           Li Wei (138 0013 8000)',
        'Description        Cracked cup from the new set',
        '   2  Fri 30 Oct 11:00  Alice  call: Called the customer',
        '',
      ].join('\n'),
    );
    expect(await run.ok('log', '1', 'Glaze crack', '--substantiated', 'yes', '--at', '2026-10-31 09:00')).toMatch(/^Complaint 1: finding logged \(substantiated\); answer due Fri 6 Nov\.\n/);
  });

  it('assign and reassign: to whom, and the deadlines still to be met, nearest first', async () => {
    const run = await opened();
    expect(await run.ok('assign', '1', '--to', 'Zhang San', '--at', '2026-11-02 09:00', '--by', 'Alice')).toBe(
      [
        'Complaint 1 assigned to Zhang San (QC); solution due Thu 5 Nov, answer due Fri 6 Nov.',
        '#1  assigned',
        'Customer           Li Wei (138 0013 8000)',
        'Description        Cracked cup from the new set',
        'Assignee           Zhang San (QC)',
        '   2  Mon 2 Nov 09:00  Alice  assigned → Zhang San (QC)',
        '',
      ].join('\n'),
    );
    expect(await run.ok('assign', '1', '--to', '老张', '--dept', '品控部', '--at', '2026-11-02 10:00')).toMatch(
      /^Complaint 1 reassigned from Zhang San to 老张 \(品控部\); solution due Thu 5 Nov, answer due Fri 6 Nov\.\n/,
    );
  });

  it('resolve, follow-ups, a reopening by a dissatisfied customer, a close and a reopen', async () => {
    const run = await opened({ now: '2026-11-20T16:00:00+08:00' });
    await run.ok('assign', '1', '--to', '老张', '--at', '2026-11-02 09:00');
    const first = (text: string): string => text.split('\n')[0]!;
    expect(first(await run.ok('resolve', '1', '--solution', 'Replaced', '--compensation', '25.5', '--compensation-kind', 'voucher', '--at', '2026-11-04 15:00'))).toBe(
      'Complaint 1 resolved (voucher 25.50); follow-up overdue since Wed 11 Nov.',
    );
    expect(first(await run.ok('followup', '1', '--satisfaction', '5', '--at', '2026-11-16 10:00'))).toBe('Complaint 1: follow-up 1 of 2 satisfied (5/5); next follow-up due Mon 23 Nov.');
    expect(first(await run.ok('followup', '1', '--satisfaction', '2', '--at', '2026-11-17 10:00'))).toBe(
      'Complaint 1 reopened: customer dissatisfied (2/5); back with 老张, solution due Fri 20 Nov, answer due Tue 24 Nov.',
    );
    await run.ok('resolve', '1', '--solution', 'Refunded', '--at', '2026-11-18 10:00');
    await run.ok('followup', '1', '--satisfaction', '4', '--at', '2026-11-19 10:00');
    const closed = await run.ok('followup', '1', '--satisfaction', '5', '--at', '2026-11-19 11:00');
    expect(first(closed)).toBe('Complaint 1 closed: follow-up 2 of 2 satisfied (5/5); nothing more is due.');
    // Both entries the follow-up added, under the record's title.
    expect(closed).toContain('#1  closed (satisfied)\n');
    expect(closed).toMatch(/ {3}9 {2}Thu 19 Nov 11:00 {2}\S+ {2}followed up phone, 5\/5\n {2}10 {2}Thu 19 Nov 11:00 {2}\S+ {2}closed \(satisfied\)\n$/);
    expect(first(await run.ok('reopen', '1', '--at', '2026-11-20 09:00'))).toBe(
      // its second reopening: the customer still dissatisfied, the manager is told
      'Complaint 1 reopened, and escalated to the store manager (reopened a second time); back with 老张, solution due Wed 25 Nov, answer due Fri 27 Nov.',
    );
    expect(first(await run.ok('close', '1', '--reason', 'withdrawn', '--at', '2026-11-20 10:00'))).toBe('Complaint 1 closed: withdrawn; nothing more is due.');
  });

  it('a service complaint closes on one satisfied follow-up; an unfounded one closes on its finding; one without an assignee is open again', async () => {
    const run = on(makeDb(), { now });
    const open = ['open', '--customer', 'Wang Fang', '--category', 'service', '--desc', 'Rude', '--received', '2026-11-02 09:00'];
    await run.ok(...open);
    await run.ok('resolve', '1', '--solution', 'Apologised', '--at', '2026-11-02 10:00');
    expect(await run.ok('followup', '1', '--satisfaction', '5', '--at', '2026-11-02 11:00')).toMatch(/^Complaint 1 closed: customer very satisfied \(5\/5\); nothing more is due\.\n/);
    await run.ok(...open);
    expect(await run.ok('resolve', '2', '--unfounded', '--finding', 'Camera shows otherwise', '--at', '2026-11-02 10:00')).toMatch(/^Complaint 2 closed: unfounded; nothing more is due\.\n#2 {2}closed \(unfounded\)\n/);
    await run.ok(...open);
    await run.ok('resolve', '3', '--solution', 'Apologised', '--at', '2026-11-02 10:00');
    expect(await run.ok('followup', '3', '--satisfaction', '3', '--at', '2026-11-02 11:00')).toMatch(/^Complaint 3 reopened: customer neutral \(3\/5\); open again, answer due Mon 9 Nov\.\n/);
  });

  it('a deadline in hours is said with its time', async () => {
    const run = on(makeDb(), { now });
    await run.ok('open', '--customer', 'Chen Jie', '--category', 'quality', '--severity', 'major', '--desc', 'Glass in the food', '--received', '2026-11-02 09:00');
    expect(await run.ok('log', '1', 'Called', '--at', '2026-11-02 10:00')).toMatch(/^Complaint 1: note logged; answer due Tue 3 Nov 09:00\.\n#1 {2}open {2}MAJOR\n/);
  });
});

describe('in Chinese', () => {
  it('says the same in Chinese words, with the vocabulary of the record', async () => {
    const run = await opened({ env: zh, now: '2026-11-20T16:00:00+08:00' });
    expect((await run.ok('assign', '1', '--to', '老张', '--by', '小王', '--at', '2026-11-02 09:00')).split('\n')).toEqual([
      '投诉 1 已指派给 老张（品控部）；责任人方案已超期（期限 11月5日 周四），答复客户已超期（期限 11月6日 周五）。',
      '#1  已指派',
      '客户      Li Wei (138 0013 8000)',
      '投诉内容  Cracked cup from the new set',
      '责任人    老张（品控部）',
      '   2  11月2日 周一 09:00  小王  指派 → 老张（品控部）',
      '',
    ]);
  });

  it('follow-ups, a reopening and a close', async () => {
    const run = await opened({ env: zh, now: '2026-11-06T16:00:00+08:00' });
    const first = (text: string): string => text.split('\n')[0]!;
    expect(first(await run.ok('resolve', '1', '--solution', '换新', '--at', '2026-11-04 15:00'))).toBe('投诉 1 已解决；回访期限 11月11日 周三。');
    expect(first(await run.ok('followup', '1', '--satisfaction', '非常满意', '--at', '2026-11-05 10:00'))).toBe('投诉 1：第 1 次满意回访，共需 2 次（5/5）；下次回访期限 11月12日 周四。');
    expect(first(await run.ok('followup', '1', '--satisfaction', '不满意', '--at', '2026-11-06 10:00'))).toBe('投诉 1 重新处理：客户评价“不满意”（2/5）；重新待处理，答复客户期限 11月13日 周五。');
    expect(first(await run.ok('close', '1', '--reason', '撤回', '--at', '2026-11-06 11:00'))).toBe('投诉 1 已结案：客户撤诉；无待办期限。');
  });
});

describe('--verbose and --json', () => {
  it('show keeps a description of several lines under its label, not at the line\'s start', async () => {
    const run = await opened();
    expect(await run.ok('show', '1')).toContain('\nDescription        Cracked cup\n                   from the new set\n');
    expect(await run.ok('--lang', 'zh', 'show', '1')).toContain('\n投诉内容  Cracked cup\n          from the new set\n');
  });

  it('--verbose prints the whole record after the sentence, as show prints it', async () => {
    const run = await opened();
    const verbose = await run.ok('log', '1', 'Called', '--at', '2026-10-30 11:00', '--verbose');
    const [sentence, ...record] = verbose.split('\n');
    expect(sentence).toBe('Complaint 1: note logged; answer due Fri 6 Nov.');
    expect(record.join('\n')).toBe(await run.ok('show', '1'));
  });

  it('--json prints the complaint as it did, and nothing else', async () => {
    const run = await opened();
    const c = await run.json<ComplaintJson>('assign', '1', '--to', 'Zhang San', '--at', '2026-11-02 09:00');
    expectComplaintShape(c, { events: true });
    expect(c).toMatchObject({ status: 'assigned', assignee: 'Zhang San' });
  });

  it('the record in short cuts a long description to the width of the terminal', async () => {
    const run = on(makeDb(), { now, columns: 40 });
    await run.ok('open', '--customer', 'Li', '--category', 'quality', '--desc', 'A very long description of what went wrong with the kettle', '--received', '2026-11-02 09:00');
    expect(await run.ok('log', '1', 'x', '--at', '2026-11-02 10:00')).toContain('\nDescription        A very long descript…\n');
  });
});
