// kesu wait / resume from the command line (issue 15, item 4): what they print and record, how
// list, due and show set a waiting complaint apart, the limit of config wait.max, and the report as
// it stood during a pause and after it. Dates are counted by hand (Oct 2026: Mon 26, Tue 27 …
// Fri 30; Nov 2026: Mon 2 … Mon 9, Mon 16).
import { afterAll, describe, expect, it } from 'vitest';
import { expectComplaintShape, expectFailure, makeDb, on, removeTempDirs, type ComplaintJson, type Kesu } from '../helpers/kesu.js';

afterAll(removeTempDirs);

const NOW = '2026-11-20T12:00:00+08:00';

/** A new store with complaint 1: 王芳, quality, normal, received Mon 2 Nov 09:00 (answer due Mon 9 Nov). */
async function withOne(now = NOW): Promise<{ run: Kesu; db: string }> {
  const db = makeDb();
  const run = on(db, { now });
  await run.ok('open', '--customer', '王芳', '--phone', '13800138000', '--category', 'quality', '--desc', 'Kettle leaks', '--received', '2026-11-02 09:00', '--by', '小李');
  return { run, db };
}

describe('kesu wait and kesu resume', () => {
  it('pause, then resume: one sentence each, the deadline pushed back by the working days waited, show explains', async () => {
    const { run } = await withOne();
    const paused = await run.ok('wait', '1', '--on', 'customer', '--note', 'photos of the damage', '--at', '2026-11-03 10:00', '--by', '小李');
    expect(paused.split('\n')[0]).toBe("Complaint 1 paused: waiting on the customer; its deadlines are paused until kesu resume 1 or the shop's next step.");
    expect(paused).toContain('   2  Tue 3 Nov 10:00  小李  waiting on the customer: photos of the damage\n');
    // Waited Wed 4 and Thu 5: the answer moves from Mon 9 to Wed 11 Nov.
    const resumed = await run.ok('resume', '1', '--at', '2026-11-05 15:00', '--by', '小李');
    expect(resumed.split('\n')[0]).toBe('Complaint 1 resumed after 2 working days waiting on the customer, its deadlines pushed back; answer overdue since Wed 11 Nov.');
    const shown = await run.ok('show', '1');
    expect(shown).toContain('  answer      Wed 11 Nov  OVERDUE\n              5 working days from Mon 2 Nov, pushed back 2 working days waited; skipped Sat 7 Nov, Sun 8 Nov\n');
    expect(shown).toContain('   3  Thu 5 Nov 15:00  小李  resumed: paused 2 working days waiting on the customer, Tue 3 Nov – Thu 5 Nov\n');
  });

  it('show says a complaint is paused, since when and on whom; its JSON has the wait and the events', async () => {
    const { run } = await withOne();
    await run.ok('wait', '1', '--on', '供应商', '--note', 'a new part', '--at', '2026-11-03 10:00');
    const shown = await run.ok('show', '1');
    expect(shown).toContain('  PAUSED: waiting on a supplier since Tue 3 Nov 10:00 (a new part)\n');
    // the deadline passed while it waits, and is not called overdue
    expect(shown).not.toContain('OVERDUE');
    const c = await run.json<ComplaintJson>('show', '1');
    expectComplaintShape(c, { events: true, show: true });
    expect(c.waiting).toEqual({ since: '2026-11-03T10:00:00+08:00', on: 'supplier', by: 'root', note: 'a new part' });
    expect(c.overdue).toEqual([]);
    expect(c.events!.map((event) => event.type)).toEqual(['opened', 'waiting']);
  });

  it('a step the shop takes ends the wait: the answer is said on time against the deadline pushed back', async () => {
    const { run } = await withOne();
    await run.ok('wait', '1', '--on', 'customer', '--at', '2026-11-03 10:00');
    // waited Wed 4 – Wed 11 (6 working days): the answer is due Tue 17 Nov, not Mon 9
    const out = await run.ok('answer', '1', 'We will replace it', '--at', '2026-11-11 10:00');
    expect(out.split('\n')[0]).toBe('Complaint 1: customer answered on time (due Tue 17 Nov) (the wait on the customer ended after 6 working days); nothing more is due.');
    const c = await run.json<ComplaintJson>('show', '1');
    expect(c.waiting).toBeNull();
    expect(c.events!.map((event) => event.type)).toEqual(['opened', 'waiting', 'resumed', 'answered']);
  });

  it('in Chinese', async () => {
    const { run } = await withOne();
    const paused = await run.ok('--lang', 'zh', 'wait', '1', '--on', '客户', '--at', '2026-11-03 10:00');
    expect(paused.split('\n')[0]).toBe('投诉 1 已暂停计时：等待客户；期限暂停，直到 kesu resume 1 或店里的下一步处理。');
    const resumed = await run.ok('--lang', 'zh', 'resume', '1', '--at', '2026-11-05 15:00');
    expect(resumed.split('\n')[0]).toBe('投诉 1 已恢复计时：等待客户 2 个工作日，期限相应顺延；答复客户已超期（期限 11月11日 周三）。');
    expect(await run.ok('--lang', 'zh', 'show', '1')).toContain('自 11月2日 周一 起 5 个工作日，因等待顺延 2 个工作日');
  });

  it('refuses what the procedure refuses, with one sentence, and writes nothing', async () => {
    const { run } = await withOne();
    expect(expectFailure(await run('resume', '1'), 1)).toBe('Complaint 1 is not waiting on anyone, so there is nothing to resume; kesu list --waiting lists the ones that are.');
    await run.ok('wait', '1', '--on', 'customer', '--at', '2026-11-03 10:00');
    expect(expectFailure(await run('wait', '1', '--on', 'supplier'), 1)).toBe('Complaint 1 is already waiting on the customer, since Tue 3 Nov 10:00; resume it first with kesu resume 1.');
    expect(expectFailure(await run('wait', '1', '--on', 'the boss'), 1)).toBe('--on "the boss" is not a waiting party; use one of: customer, supplier, other.');
    // off a terminal, a missing --on is asked for by name
    expect(expectFailure(await run('wait', '1'), 2)).toContain('--on');
    expect((await run.json<ComplaintJson>('show', '1')).events).toHaveLength(2);
  });
});

describe('list and due set waiting complaints apart', () => {
  /** 1 waits on the customer since Tue 3 Nov; 2 runs, its answer overdue since Mon 9 Nov. */
  async function twoComplaints(): Promise<Kesu> {
    const { run } = await withOne();
    await run.ok('open', '--customer', '李雷', '--category', 'service', '--desc', 'Rude staff', '--received', '2026-11-02 10:00');
    await run.ok('wait', '1', '--on', 'customer', '--at', '2026-11-03 10:00');
    return run;
  }

  it('list shows the waiting ones after the others, under their own heading; --waiting alone; --overdue never', async () => {
    const run = await twoComplaints();
    const listed = await run.ok('list');
    const [running, waiting] = listed.split('Waiting on others, deadlines paused (1)\n');
    expect(running).toContain('李雷');
    expect(running).not.toContain('王芳');
    expect(waiting).toContain('waiting on the customer since Tue 3 Nov');
    expect((await run.json<ComplaintJson[]>('list')).map((c) => c.id)).toEqual([2, 1]);
    expect((await run.json<ComplaintJson[]>('list', '--waiting')).map((c) => c.id)).toEqual([1]);
    expect((await run.json<ComplaintJson[]>('list', '--overdue')).map((c) => c.id)).toEqual([2]);
  });

  it('due lists them last while they wait within wait.max, and with the overdue ones for a decision past it', async () => {
    const run = await twoComplaints();
    const headings = (text: string): string[] => text.split('\n').filter((line) => /^\S.*\(\d+\)$/.test(line));
    // waited Tue 3 – Fri 20 Nov: 13 working days, past the default limit of 10 (Tue 17 Nov)
    expect(headings(await run.ok('due'))).toEqual(['Overdue (1)', 'Waited past the limit: resume or close (1)']);
    expect((await run.json<{ id: number; agenda: string }[]>('due')).map((c) => [c.id, c.agenda])).toEqual([
      [2, 'overdue'],
      [1, 'decide'],
    ]);
    expect(await run.ok('config', 'set', 'wait.max', '15d')).toBe('wait.max is now 15d (was 10d).\n');
    // 15 working days from Tue 3 Nov: Tue 24 Nov, not yet passed
    expect(headings(await run.ok('due'))).toEqual(['Overdue (1)', 'Waiting on others, deadlines paused (1)']);
  });

  it('due with nothing due says so, then lists what waits', async () => {
    const { run } = await withOne();
    await run.ok('wait', '1', '--on', 'customer', '--at', '2026-11-03 10:00');
    await run.ok('config', 'set', 'wait.max', '30d');
    // three working days from Fri 20 Nov: Mon 23, Tue 24, Wed 25
    expect(await run.ok('due')).toMatch(/^Nothing is overdue or due by the end of Wed 25 Nov\.\n\nWaiting on others, deadlines paused \(1\)\n┌/);
  });

  it('config refuses a limit that is no duration', async () => {
    const { run } = await withOne();
    expect(expectFailure(await run('config', 'set', 'wait.max', 'soon'), 1)).toBe('"soon" is not a deadline; write it like 5d (working days) or 24h (hours).');
  });
});

describe('the report as things stood: during a pause and after it', () => {
  /**
   * Two urgent complaints received Mon 26 Oct 09:00, the answer due Tue 27 Oct (1 working day).
   * 1 waits on a supplier from Mon 26 Oct 15:00 until Wed 4 Nov 10:00 (Tue 27 – Wed 4: 7 working
   * days, so its answer moves to Thu 5 Nov); 2 does not wait. Both are answered Thu 5 Nov 10:00.
   */
  async function history(db: string, until: 'paused' | 'answered'): Promise<void> {
    const run = on(db, { now: '2026-11-03T12:00:00+08:00' });
    for (const customer of ['王芳', '李雷']) {
      await run.ok('open', '--customer', customer, '--category', 'quality', '--severity', 'urgent', '--desc', 'Kettle leaks', '--received', '2026-10-26 09:00');
    }
    await run.ok('wait', '1', '--on', 'supplier', '--at', '2026-10-26 15:00');
    if (until === 'paused') return;
    const later = on(db, { now: NOW });
    await later.ok('resume', '1', '--at', '2026-11-04 10:00');
    await later.ok('answer', '1', 'A new kettle on Friday', '--at', '2026-11-05 10:00');
    await later.ok('answer', '2', 'A new kettle on Friday', '--at', '2026-11-05 10:00');
  }

  interface Figures {
    openAtEnd: number;
    overdueAtEnd: number;
    waitingAtEnd: number;
    waitsEnded: { count: number; workdays: number };
    answeredOnTimeShare: number | null;
  }
  const figures = ({ openAtEnd, overdueAtEnd, waitingAtEnd, waitsEnded, answeredOnTimeShare }: Figures) => ({ openAtEnd, overdueAtEnd, waitingAtEnd, waitsEnded, answeredOnTimeShare });
  const october = { openAtEnd: 2, overdueAtEnd: 1, waitingAtEnd: 1, waitsEnded: { count: 0, workdays: 0 }, answeredOnTimeShare: null };

  it('October made during the pause: the waiting complaint open, never overdue', async () => {
    const db = makeDb();
    await history(db, 'paused');
    const report = await on(db, { now: '2026-11-03T12:00:00+08:00' }).json<Figures>('report', '--month', '2026-10');
    expect(figures(report)).toEqual(october);
  });

  it('October made after it: the same; November: the wait that ended, and the answer on time against its pushed deadline', async () => {
    const db = makeDb();
    await history(db, 'answered');
    const run = on(db, { now: NOW });
    expect(figures(await run.json<Figures>('report', '--month', '2026-10'))).toEqual(october);
    const november = await run.json<Figures & { previous: Figures }>('report', '--month', '2026-11');
    // 1 answered on time (due Thu 5 Nov after the push), 2 late (due Tue 27 Oct)
    expect(figures(november)).toEqual({ openAtEnd: 2, overdueAtEnd: 0, waitingAtEnd: 0, waitsEnded: { count: 1, workdays: 7 }, answeredOnTimeShare: 0.5 });
    // its previous period is 1–20 October (month to date), before either was received
    expect(figures(november.previous)).toEqual({ openAtEnd: 0, overdueAtEnd: 0, waitingAtEnd: 0, waitsEnded: { count: 0, workdays: 0 }, answeredOnTimeShare: null });
    // every format shows the figures
    expect(await run.ok('report', '--month', '2026-11')).toMatch(/Working days waited \(in waits ended\) +│ +7 │/);
    expect(await run.ok('--lang', 'zh', 'report', '--month', '2026-10', '--format', 'csv')).toContain('期末等待中');
  });
});
