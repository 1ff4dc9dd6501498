// One complaint carried through the whole procedure from the command line, in English: what each
// command prints, the --json shape it prints, and the state it leaves behind.
import { afterAll, describe, expect, it } from 'vitest';
import { expectComplaintShape, expectOk, makeDb, on, onProcess, removeTempDirs, type ComplaintJson, type Kesu } from '../helpers/kesu.js';

afterAll(removeTempDirs);

/** One complaint's road, step by step: a test of a step runs the steps before it on a database of its own. */
const CHAIN = {
  open: ['open', '--customer', 'Li Wei', '--phone', '138 0013 8000', '--channel', 'phone', '--category', 'quality', '--desc', 'Cracked cup', '--request', 'A new cup', '--order', 'ORD-7', '--ref', 'F-001', '--received', '2026-10-30 10:00', '--by', 'Alice'],
  call: ['log', '1', 'Called', 'the', 'customer', '--kind', 'call', '--at', '2026-10-30 11:00', '--by', 'Alice'],
  finding: ['log', '1', 'Glaze crack from the kiln', '--substantiated', 'yes', '--responsibility', 'supplier', '--root-cause', 'Kiln too hot', '--at', '2026-10-31 09:00', '--by', 'Bob'],
  assign: ['assign', '1', '--to', 'Zhang San', '--at', '2026-11-02 09:00', '--by', 'Alice'],
  resolve: ['resolve', '1', '--solution', 'Replaced the cup', '--compensation', '25.5', '--compensation-kind', 'voucher', '--root-cause', 'Kiln too hot', '--action', 'Check the kiln daily', '--at', '2026-11-04 15:00', '--by', 'Alice'],
  firstFollowup: ['followup', '1', '--satisfaction', '5', '--method', 'visit', '--note', 'Happy', '--at', '2026-11-06 10:00', '--by', 'Alice'],
  secondFollowup: ['followup', '1', '--satisfaction', '4', '--at', '2026-11-09 10:00', '--by', 'Alice'],
  reopen: ['reopen', '1', '--note', 'Customer called again', '--at', '2026-11-10 10:00', '--by', 'Alice'],
} as const;
type ChainStep = keyof typeof CHAIN;

/** A new database where the chain has gone as far as the step before `step`. */
async function before(step: ChainStep): Promise<Kesu> {
  const run = on(makeDb());
  for (const [name, args] of Object.entries(CHAIN)) {
    if (name === step) break;
    await run.ok(...args);
  }
  return run;
}

describe('open → log → assign → resolve → follow-ups → close → reopen', () => {
  it('open prints the id and the answer deadline with how it was reached', async () => {
    // on the day it was received, so that its answer is still to come
    const run = on(makeDb(), { now: '2026-10-30T12:00:00+08:00' });
    const result = await run(...CHAIN.open);
    expectOk(result);
    expect(result.stdout).toBe(
      'Recorded complaint #1. Answer the customer by the end of Fri 6 Nov (5 working days from Fri 30 Oct; skipped Sat 31 Oct, Sun 1 Nov).\n',
    );
  });

  it('show --json has the full documented shape, with the opening event', async () => {
    const run = await before('call');
    const c = await run.json<ComplaintJson>('show', '1');
    expectComplaintShape(c, { events: true, show: true });
    expect(c).toMatchObject({
      id: 1,
      ref: 'F-001',
      status: 'open',
      outcome: null,
      severity: 'normal',
      category: 'quality',
      channel: 'phone',
      customer: { name: 'Li Wei', phone: '138 0013 8000' },
      description: 'Cracked cup',
      request: 'A new cup',
      order: 'ORD-7',
      receivedAt: '2026-10-30T10:00:00+08:00',
      receivedBy: 'Alice',
      assignee: null,
      department: 'QC',
      substantiated: null,
      responsibility: null,
      rootCause: null,
      correctiveAction: null,
      solution: null,
      compensation: { kind: null, amount: null },
      deadlines: { answer: '2026-11-06T23:59:59+08:00', solution: null, followup: null },
      overdue: ['answer'],
      reopenCount: 0,
      closedAt: null,
      followups: [],
    });
    expect(c.events).toEqual([{ seq: 1, type: 'opened', at: '2026-10-30T10:00:00+08:00', by: 'Alice', note: null, changes: null }]);
  });

  it('show explains the deadline and prints the timeline', async () => {
    const run = await before('call');
    const text = await run.ok('show', '1');
    expect(text).toMatch(/^#1 {2}open\n/);
    expect(text).toContain('Customer           Li Wei (138 0013 8000)\n');
    expect(text).toContain('Received           Fri 30 Oct 10:00 · Alice · phone\n');
    expect(text).toContain('  answer      Fri 6 Nov  OVERDUE\n              5 working days from Fri 30 Oct; skipped Sat 31 Oct, Sun 1 Nov\n');
    expect(text).toMatch(/Timeline\n {3}1 {2}Fri 30 Oct 10:00 {2}Alice {2}received\n$/);
  });

  it('log adds a call, then an investigation finding with substantiated, responsibility and root cause', async () => {
    const run = await before('call');
    const call = await run.json<ComplaintJson>(...CHAIN.call);
    expect(call.status).toBe('open');
    expect(call.events!.at(-1)).toEqual({ seq: 2, type: 'logged', at: '2026-10-30T11:00:00+08:00', by: 'Alice', note: 'Called the customer', changes: null });

    const finding = await run.json<ComplaintJson>(...CHAIN.finding);
    expectComplaintShape(finding, { events: true });
    expect(finding).toMatchObject({ status: 'open', substantiated: true, responsibility: 'supplier', rootCause: 'Kiln too hot' });
    expect(finding.events!.map((e) => e.seq)).toEqual([1, 2, 3]);

    const text = await run.ok('show', '1');
    expect(text).toContain('   2  Fri 30 Oct 11:00  Alice  call: Called the customer\n');
    expect(text).toContain('   3  Sat 31 Oct 09:00  Bob  finding: Glaze crack from the kiln\n');
    expect(text).toContain('Substantiated      yes\n');
    expect(text).toContain('Responsibility     supplier\n');
  });

  it("assign hands it over; the department defaults to the category's; the solution deadline is armed", async () => {
    const run = await before('assign');
    const c = await run.json<ComplaintJson>(...CHAIN.assign);
    expectComplaintShape(c, { events: true });
    expect(c).toMatchObject({ status: 'assigned', assignee: 'Zhang San', department: 'QC' });
    expect(c.deadlines.solution).toBe('2026-11-05T23:59:59+08:00');
    const text = await run.ok('show', '1');
    expect(text).toContain('Assignee           Zhang San (QC)\n');
    expect(text).toContain('  solution    Thu 5 Nov  OVERDUE\n              3 working days from Mon 2 Nov\n');
    expect(text).toContain('   4  Mon 2 Nov 09:00  Alice  assigned → Zhang San (QC)\n');
  });

  it('resolve records the solution, compensation 25.5 as "25.50", root cause and corrective action', async () => {
    const run = await before('resolve');
    const c = await run.json<ComplaintJson>(...CHAIN.resolve);
    expectComplaintShape(c, { events: true });
    expect(c).toMatchObject({
      status: 'resolved',
      solution: 'Replaced the cup',
      compensation: { kind: 'voucher', amount: '25.50' },
      rootCause: 'Kiln too hot',
      correctiveAction: 'Check the kiln daily',
      resolvedAt: '2026-11-04T15:00:00+08:00',
    });
    expect(c.deadlines.followup).toBe('2026-11-11T23:59:59+08:00');
    const text = await run.ok('show', '1');
    expect(text).toContain('Compensation       voucher 25.50\n');
    expect(text).toContain('  follow-up   Wed 11 Nov  OVERDUE\n              5 working days from Wed 4 Nov; skipped Sat 7 Nov, Sun 8 Nov\n');
  });

  it('a first satisfied follow-up of a quality complaint keeps it resolved, with the next follow-up due', async () => {
    const run = await before('firstFollowup');
    const c = await run.json<ComplaintJson>(...CHAIN.firstFollowup);
    expect(c).toMatchObject({ status: 'resolved', outcome: null, closedAt: null });
    expect(c.followups).toEqual([{ at: '2026-11-06T10:00:00+08:00', method: 'visit', satisfaction: 5, note: 'Happy' }]);
    expect(c.deadlines.followup).toBe('2026-11-13T23:59:59+08:00');
  });

  it('the second satisfied follow-up closes it as satisfied', async () => {
    const run = await before('secondFollowup');
    const c = await run.json<ComplaintJson>(...CHAIN.secondFollowup);
    expectComplaintShape(c, { events: true });
    expect(c).toMatchObject({ status: 'closed', outcome: 'satisfied', closedAt: '2026-11-09T10:00:00+08:00', overdue: [] });
    expect(c.followups.map((f) => [f.method, f.satisfaction])).toEqual([['visit', 5], ['phone', 4]]);
    expect(c.events!.slice(-2).map((e) => e.type)).toEqual(['followed-up', 'closed']);
    expect(await run.ok('show', '1')).toMatch(/^#1 {2}closed \(satisfied\)\n/);
  });

  it('reopen puts it back with its assignee and re-arms the answer and solution deadlines from the reopening', async () => {
    const run = await before('reopen');
    const c = await run.json<ComplaintJson>(...CHAIN.reopen);
    expectComplaintShape(c, { events: true });
    expect(c).toMatchObject({ status: 'assigned', assignee: 'Zhang San', reopenCount: 1, closedAt: null, outcome: null });
    expect(c.deadlines).toEqual({ answer: '2026-11-17T23:59:59+08:00', solution: '2026-11-13T23:59:59+08:00', followup: null });
    expect(c.overdue).toEqual(['answer', 'solution']);
    expect(c.events!.at(-1)).toEqual({ seq: 9, type: 'reopened', at: '2026-11-10T10:00:00+08:00', by: 'Alice', note: 'Customer called again', changes: null });
    const text = await run.ok('show', '1');
    expect(text).toContain('Reopened           1\n');
    expect(text).toContain('5 working days from Tue 10 Nov; skipped Sat 14 Nov, Sun 15 Nov\n');
  });
});

describe('the other roads through the procedure', () => {
  /** A new database, and a way to open a service complaint in it (its id). */
  function shop(): { run: Kesu; open: () => Promise<string> } {
    const run = on(makeDb());
    const open = async (): Promise<string> => {
      const opened = await run.json<ComplaintJson>('open', '--customer', 'Wang Fang', '--category', 'service', '--desc', 'Rude cashier', '--received', '2026-11-02 09:00', '--by', 'Alice');
      return String(opened.id);
    };
    return { run, open };
  }

  it('a major complaint must be answered within 24 hours, counted in clock hours, and is flagged', async () => {
    const run = on(makeDb(), { now: '2026-10-30T12:00:00+08:00' });
    const result = await run('open', '--customer', 'Chen Jie', '--category', 'quality', '--severity', 'major', '--desc', 'Glass in the food', '--received', '2026-10-30 10:00', '--by', 'Alice');
    expectOk(result);
    expect(result.stdout).toBe('Recorded complaint #1  MAJOR. Answer the customer by Sat 31 Oct 10:00 (24 hours from Fri 30 Oct 10:00).\nEscalated to the store manager.\n');
    const c = await run.json<ComplaintJson>('show', '1');
    expect(c).toMatchObject({ severity: 'major', deadlines: { answer: '2026-10-31T10:00:00+08:00' } });
    expect(await run.ok('show', '1')).toMatch(/^#1 {2}open {2}MAJOR\n/);
  });

  it('open --json prints the new complaint in full; a Saturday complaint is due with the Friday one', async () => {
    const { run } = shop();
    const c = await run.json<ComplaintJson>('open', '--customer', 'Zhao Lei', '--category', 'delivery', '--desc', 'Late', '--received', '2026-10-31 10:00', '--by', 'Bob');
    expectComplaintShape(c, { events: true });
    expect(c).toMatchObject({ id: 1, channel: 'in-person', severity: 'normal', department: 'logistics', customer: { name: 'Zhao Lei', phone: null } });
    expect(c.deadlines.answer).toBe('2026-11-06T23:59:59+08:00');
    expect(c.events).toEqual([{ seq: 1, type: 'opened', at: '2026-10-31T10:00:00+08:00', by: 'Bob', note: null, changes: null }]);
  });

  it("a time typed with another offset is the same moment on the shop's clock, and deadlines count from the shop's day", async () => {
    // 20:00 on Thu 29 Oct in London is 04:00 on Fri 30 Oct in the shop (Shanghai)
    const { run } = shop();
    const c = await run.json<ComplaintJson>('open', '--customer', 'Sun Li', '--category', 'service', '--desc', 'Late', '--received', '2026-10-29T20:00:00Z', '--by', 'Bob');
    expect(c.receivedAt).toBe('2026-10-30T04:00:00+08:00');
    expect(c.deadlines.answer).toBe('2026-11-06T23:59:59+08:00'); // 5 working days from Fri 30 Oct, not Thu 29
    expect((await run.json<ComplaintJson>('log', String(c.id), 'called', '--at', '2026-10-30T01:30:00-04:00')).events!.at(-1)!.at).toBe('2026-10-30T13:30:00+08:00');
  });

  it("where the clocks change, a deadline in days ends at the end of its last day on that day's clock (TZ=America/New_York)", () => {
    const newYork = onProcess(makeDb(), { env: { TZ: 'America/New_York' } });
    // Received on Friday in daylight time (-04:00); due the next Friday, in standard time (-05:00).
    const normal = newYork.json<ComplaintJson>('open', '--customer', 'Ann', '--category', 'service', '--desc', 'Rude', '--received', '2026-10-30 10:00');
    expect([normal.receivedAt, normal.deadlines.answer]).toEqual(['2026-10-30T10:00:00-04:00', '2026-11-06T23:59:59-05:00']);
    // 24 hours after 10:00 on Saturday is 09:00 on Sunday: the clocks went back an hour.
    const major = newYork.json<ComplaintJson>('open', '--customer', 'Bo', '--category', 'quality', '--severity', 'major', '--desc', 'Glass', '--received', '2026-10-31 10:00');
    expect(major.deadlines.answer).toBe('2026-11-01T09:00:00-05:00');
  });

  it('assign --dept overrides the default department, and re-assigning is allowed', async () => {
    const { run, open } = shop();
    const id = await open();
    expect((await run.json<ComplaintJson>('assign', id, '--to', 'Liu', '--at', '2026-11-02 10:00')).department).toBe('front desk');
    const c = await run.json<ComplaintJson>('assign', id, '--to', 'Sun', '--dept', 'Training', '--note', 'Needs coaching', '--at', '2026-11-03 10:00');
    expect(c).toMatchObject({ status: 'assigned', assignee: 'Sun', department: 'Training' });
    expect(c.deadlines.solution).toBe('2026-11-06T23:59:59+08:00');
    expect(c.events!.map((e) => e.type)).toEqual(['opened', 'assigned', 'assigned']);
    expect(c.events!.at(-1)!.note).toBe('Needs coaching');
  });

  it('show tells a deadline met in time from one met late', async () => {
    const { run, open } = shop();
    // received Mon 2 Nov 09:00: answer due by the end of Mon 9 Nov; resolved on Fri 20 Nov
    const late = await open();
    await run.ok('resolve', late, '--solution', 'Apologised', '--at', '2026-11-20 09:00');
    expect(await run.ok('show', late)).toMatch(/^ {2}answer {6}Mon 9 Nov {2}met late$/m);
    const onTime = await open();
    await run.ok('resolve', onTime, '--solution', 'Apologised', '--at', '2026-11-03 09:00');
    expect(await run.ok('show', onTime)).toMatch(/^ {2}answer {6}Mon 9 Nov {2}met$/m);
  });

  it('a service complaint closes after one satisfied follow-up', async () => {
    const { run, open } = shop();
    const id = await open();
    await run.ok('resolve', id, '--solution', 'Apologised', '--at', '2026-11-02 12:00');
    const c = await run.json<ComplaintJson>('followup', id, '--satisfaction', '4', '--at', '2026-11-03 12:00');
    expect(c).toMatchObject({ status: 'closed', outcome: 'satisfied' });
  });

  it('a dissatisfied follow-up reopens it: open again without an assignee, reopen count + 1', async () => {
    const { run, open } = shop();
    const id = await open();
    await run.ok('resolve', id, '--solution', 'Apologised', '--at', '2026-11-02 12:00');
    const c = await run.json<ComplaintJson>('followup', id, '--satisfaction', '3', '--note', 'Still upset', '--at', '2026-11-03 12:00');
    expect(c).toMatchObject({ status: 'open', reopenCount: 1, outcome: null, assignee: null });
    expect(c.deadlines.answer).toBe('2026-11-10T23:59:59+08:00');
    expect(c.events!.slice(-2).map((e) => e.type)).toEqual(['followed-up', 'reopened']);
  });

  it('a dissatisfied follow-up of an assigned complaint goes back to the assignee', async () => {
    const { run, open } = shop();
    const id = await open();
    await run.ok('assign', id, '--to', 'Liu', '--at', '2026-11-02 10:00');
    await run.ok('resolve', id, '--solution', 'Apologised', '--at', '2026-11-02 12:00');
    const c = await run.json<ComplaintJson>('followup', id, '--satisfaction', '1', '--at', '2026-11-03 12:00');
    expect(c).toMatchObject({ status: 'assigned', assignee: 'Liu', reopenCount: 1 });
    expect(c.deadlines.solution).toBe('2026-11-06T23:59:59+08:00');
  });

  it('resolve --unfounded --finding closes it with outcome unfounded', async () => {
    const { run, open } = shop();
    const id = await open();
    const c = await run.json<ComplaintJson>('resolve', id, '--unfounded', '--finding', 'The receipt shows another shop', '--at', '2026-11-02 12:00');
    expectComplaintShape(c, { events: true });
    expect(c).toMatchObject({ status: 'closed', outcome: 'unfounded', finding: 'The receipt shows another shop', closedAt: '2026-11-02T12:00:00+08:00' });
    expect(await run.ok('show', id)).toMatch(/closed \(unfounded\)/);
  });

  it('close --reason closes it from any open status with that outcome', async () => {
    const { run, open } = shop();
    const id = await open();
    const c = await run.json<ComplaintJson>('close', id, '--reason', 'withdrawn', '--note', 'Customer dropped it', '--at', '2026-11-02 12:00');
    expect(c).toMatchObject({ status: 'closed', outcome: 'withdrawn', closedAt: '2026-11-02T12:00:00+08:00' });
    expect(c.events!.at(-1)).toMatchObject({ type: 'closed', note: 'Customer dropped it' });
    const reopened = await run.json<ComplaintJson>('reopen', id, '--at', '2026-11-03 12:00');
    expect(reopened).toMatchObject({ status: 'open', reopenCount: 1, closedAt: null });
  });

  it('a compensation amount is kept exact to the cent', async () => {
    const { run, open } = shop();
    const id = await open();
    const c = await run.json<ComplaintJson>('resolve', id, '--solution', 'Refunded', '--compensation', '1234.05', '--compensation-kind', 'refund', '--at', '2026-11-02 12:00');
    expect(c.compensation).toEqual({ kind: 'refund', amount: '1234.05' });
  });
});
