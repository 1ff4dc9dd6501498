// kesu export: the CSV imports back into a fresh database as the same complaints, statuses and
// events; the JSON is the documented shape with events; --redact masks phone numbers.
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_FIELDS } from '../../src/workflow/forms.js';
import { expectComplaintShape, expectOk, kesu, makeDb, makeTempDir, on, removeTempDirs, type ComplaintJson, type Kesu } from '../helpers/kesu.js';

afterAll(removeTempDirs);

/** Opens a complaint and returns its id. */
async function open(run: Kesu, ...args: string[]): Promise<string> {
  return String((await run.json<ComplaintJson>('open', ...args)).id);
}

/** A shop's month, built through the commands, each step at its own time. */
async function buildShop(run: Kesu): Promise<void> {
  // quality: two satisfied follow-ups close it; compensation; a multi-line note
  const kettle = await open(run, '--customer', 'Wang Fang', '--phone', '138 0013 8000', '--category', 'quality', '--channel', 'phone', '--desc', 'Kettle leaks at the base,\nwater everywhere', '--request', 'A new one', '--order', 'SO-1', '--ref', 'F-1', '--received', '2026-10-05 09:30', '--by', 'Li Na');
  await run.ok('assign', kettle, '--to', 'Zhao Lei', '--dept', 'QC', '--at', '2026-10-05 10:00');
  await run.ok('resolve', kettle, '--solution', 'Replaced the kettle', '--compensation', '25.50', '--compensation-kind', 'refund', '--root-cause', 'Bad seal', '--action', 'Check seals on delivery', '--at', '2026-10-06 15:00');
  await run.ok('followup', kettle, '--satisfaction', '5', '--method', 'visit', '--note', 'Happy,\nthanks the shop', '--at', '2026-10-09 11:00');
  await run.ok('followup', kettle, '--satisfaction', '4', '--note', 'Still fine', '--at', '2026-10-16 11:00');
  // open only, with a phone
  await open(run, '--customer', '张伟', '--phone', '13912345678', '--category', '服务', '--desc', '收银员态度差', '--received', '2026-10-07 14:00');
  // assigned
  const late = await open(run, '--customer', 'Chen Jie', '--category', 'delivery', '--severity', 'urgent', '--desc', 'Three days late', '--received', '2026-10-08 09:00');
  await run.ok('assign', late, '--to', 'Sun Mei', '--at', '2026-10-08 09:30');
  // a dissatisfied follow-up reopens it: open again, reopened once
  const bill = await open(run, '--customer', '钱多多', '--category', 'billing', '--desc', '多收了10元', '--received', '2026-10-09 16:20');
  await run.ok('resolve', bill, '--solution', '退还差价10元', '--compensation', '10', '--compensation-kind', '退款', '--at', '2026-10-10 10:00');
  await run.ok('followup', bill, '--satisfaction', '2', '--at', '2026-10-12 10:00');
  // withdrawn
  const gone = await open(run, '--customer', 'Liu Yang', '--category', 'other', '--desc', 'Changed her mind', '--received', '2026-10-12 10:00');
  await run.ok('close', gone, '--reason', 'withdrawn', '--at', '2026-10-13 10:00');
  // quality with one satisfied follow-up: still resolved
  const chair = await open(run, '--customer', 'Sun Li', '--category', 'quality', '--desc', 'Chair wobbles', '--received', '2026-10-13 10:00');
  await run.ok('resolve', chair, '--solution', 'Tightened the legs', '--at', '2026-10-13 16:00');
  await run.ok('followup', chair, '--satisfaction', '4', '--at', '2026-10-15 10:00');
  // service: assigned, resolved, one satisfied follow-up closes it
  const rude = await open(run, '--customer', 'Zhou Jie', '--category', 'service', '--desc', '"Not my problem", he said', '--received', '2026-10-14 10:00');
  await run.ok('assign', rude, '--to', 'Wu Gang', '--at', '2026-10-14 11:00');
  await run.ok('resolve', rude, '--solution', 'Apologised, voucher', '--compensation', '20', '--compensation-kind', 'voucher', '--at', '2026-10-15 09:00');
  await run.ok('followup', rude, '--satisfaction', '5', '--method', 'message', '--at', '2026-10-16 09:00');
}

/** What must survive the round trip, by customer. */
function comparable(complaints: ComplaintJson[]) {
  return Object.fromEntries(
    complaints.map((c) => [
      c.customer.name,
      {
        ref: c.ref,
        status: c.status,
        outcome: c.outcome,
        severity: c.severity,
        category: c.category,
        channel: c.channel,
        phone: c.customer.phone,
        description: c.description,
        request: c.request,
        order: c.order,
        receivedAt: c.receivedAt,
        receivedBy: c.receivedBy,
        assignee: c.assignee,
        department: c.department,
        solution: c.solution,
        rootCause: c.rootCause,
        correctiveAction: c.correctiveAction,
        compensation: c.compensation,
        resolvedAt: c.resolvedAt,
        closedAt: c.closedAt,
        reopenCount: c.reopenCount,
        // With several follow-ups, each note is one line of its cell: a note's own line breaks become spaces.
        followups: c.followups.map((f) => ({ ...f, note: c.followups.length > 1 ? (f.note?.replace(/\s*\n\s*/g, ' ') ?? null) : f.note })),
        events: c.events!.map((e) => e.type),
      },
    ]),
  );
}

async function exportedJson(run: Kesu, ...args: string[]): Promise<ComplaintJson[]> {
  const result = await run('export', '--format', 'json', ...args);
  expectOk(result);
  return JSON.parse(result.stdout) as ComplaintJson[];
}

describe('export', () => {
  let db: string;
  let run: Kesu;

  beforeAll(async () => {
    db = makeDb();
    run = on(db);
    await buildShop(run);
  });

  it('CSV round trip: a fresh database gets the same complaints, statuses and event counts', async () => {
    const dir = makeTempDir();
    const csv = join(dir, 'export.csv');
    expectOk(await run('export', '--format', 'csv', '--out', csv));
    const fresh = on(join(dir, 'fresh.db'));
    expect(await fresh.json('import', csv)).toEqual({ read: 7, imported: 7, alreadyPresent: 0, alreadyPresentRows: [], rejected: 0, errors: [] });

    const before = await exportedJson(run);
    const after = await exportedJson(fresh);
    expect(after).toHaveLength(7);
    expect(comparable(after)).toEqual(comparable(before));
    // spelled out, so that a difference above is easy to read
    expect(Object.fromEntries(after.map((c) => [c.customer.name, [c.status, c.events!.length]]))).toEqual({
      'Wang Fang': ['closed', 6],
      张伟: ['open', 1],
      'Chen Jie': ['assigned', 2],
      钱多多: ['open', 4],
      'Liu Yang': ['closed', 2],
      'Sun Li': ['resolved', 3],
      'Zhou Jie': ['closed', 5],
    });
    expect(after.find((c) => c.customer.name === 'Wang Fang')!.followups.map((f) => [f.method, f.satisfaction, f.note])).toEqual([
      ['visit', 5, 'Happy, thanks the shop'],
      ['phone', 4, 'Still fine'],
    ]);

    // and importing the export again into the same database adds nothing
    expect(await fresh.json('import', csv)).toMatchObject({ imported: 0, alreadyPresent: 7 });
  });

  it('CSV: the import headers, UTF-8 with BOM, one row per complaint, written to an owner-only file', async () => {
    const dir = makeTempDir();
    const csv = join(dir, 'export.csv');
    expectOk(await run('export', '--out', csv));
    expect(statSync(csv).mode & 0o777).toBe(0o600);
    // a file already there, readable by all, is written over and made owner-only
    const shared = join(dir, 'shared.json');
    writeFileSync(shared, 'old');
    chmodSync(shared, 0o644);
    expectOk(await run('export', '--format', 'json', '--out', shared));
    expect(statSync(shared).mode & 0o777).toBe(0o600);
    expect(readFileSync(shared, 'utf8')).toMatch(/^\[\n {2}\{/);
    const text = readFileSync(csv, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.slice(1).split('\r\n')[0]).toBe(FORM_FIELDS.join(','));
    expect(text).toContain('F-1,2026-10-05T09:30:00+08:00,Li Na,Wang Fang,138 0013 8000,phone,quality,normal,"Kettle leaks at the base,\nwater everywhere",A new one,SO-1,Zhao Lei,QC,');
    // stdout gives the same bytes
    const stdout = await run('export');
    expectOk(stdout);
    expect(stdout.stdout).toBe(text);
  });

  it('JSON: an array of complaints in the documented shape, each with its events', async () => {
    const complaints = await exportedJson(run);
    expect(complaints).toHaveLength(7);
    for (const complaint of complaints) expectComplaintShape(complaint, { events: true, details: true });
    expect(complaints.map((c) => c.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const kettle = complaints[0]!;
    expect(kettle.events!.map((e) => [e.type, e.at])).toEqual([
      ['opened', '2026-10-05T09:30:00+08:00'],
      ['assigned', '2026-10-05T10:00:00+08:00'],
      ['resolved', '2026-10-06T15:00:00+08:00'],
      ['followed-up', '2026-10-09T11:00:00+08:00'],
      ['followed-up', '2026-10-16T11:00:00+08:00'],
      ['closed', '2026-10-16T11:00:00+08:00'],
    ]);
    expect(kettle.compensation).toEqual({ kind: 'refund', amount: '25.50' });
    // --json alone means JSON
    expect(JSON.parse((await kesu(['--db', db, '--json', 'export'])).stdout)).toEqual(complaints);
  });

  it('--redact masks every phone number but its last four digits, in CSV and JSON', async () => {
    const json = await exportedJson(run, '--redact');
    expect(json.map((c) => c.customer.phone)).toEqual(['*******8000', '*******5678', null, null, null, null, null]);
    const csv = await run('export', '--redact');
    expectOk(csv);
    expect(csv.stdout).toContain(',*******8000,');
    expect(csv.stdout).toContain(',*******5678,');
    for (const text of [JSON.stringify(json), csv.stdout]) {
      expect(text).not.toContain('0013');
      expect(text).not.toContain('13912345678');
    }
  });

  it("--redact masks the phone numbers typed into free text too, and the customer's own however short", async () => {
    const typed = on(makeDb());
    const id = await open(typed, '--customer', 'Ma Li', '--phone', '12345', '--category', 'service', '--desc', 'Call me on 139 1234 5678 or ext 12345', '--received', '2026-10-05 09:30');
    await typed.ok('log', id, 'Rang ０２１－５５５５－０１９９, no answer', '--at', '2026-10-05 10:00');
    await typed.ok('assign', id, '--to', 'Li', '--dept', 'Desk 13800138000', '--at', '2026-10-05 11:00');
    await typed.ok('resolve', id, '--solution', 'Called 13900001111 back', '--root-cause', 'Line 021-5555-0199 busy', '--action', 'Second line', '--at', '2026-10-06 10:00');
    await typed.ok('followup', id, '--satisfaction', '5', '--note', 'OK, said 12345 is her desk', '--at', '2026-10-07 10:00');
    const phones = ['1234 5678', '12345', '５５５５', '13800138000', '13900001111', '5555-0199'];
    const plain = JSON.stringify(await exportedJson(typed));
    for (const phone of phones) expect(plain).toContain(phone);
    const [json] = await exportedJson(typed, '--redact');
    expect(json).toMatchObject({
      description: 'Call me on *** or ext ***',
      department: 'Desk ***',
      solution: 'Called *** back',
      rootCause: 'Line *** busy',
      followups: [{ note: 'OK, said *** is her desk' }],
      receivedAt: '2026-10-05T09:30:00+08:00',
    });
    expect(json!.events!.find((e) => e.type === 'logged')!.note).toBe('Rang ***, no answer');
    const csv = (await typed('export', '--redact')).stdout;
    for (const text of [JSON.stringify(json), csv]) for (const phone of phones) expect(text).not.toContain(phone);
    expect(csv).toContain('2026-10-05T09:30:00+08:00');
  });

  it("--redact masks phones written into names, who did what and the assignee; in form and order numbers only the customer's own", async () => {
    // given a paper form with the phone beside the name, in the order number, and clerks who sign with theirs
    const named = on(makeDb());
    const id = await open(named, '--customer', '王先生 137 1111 2222', '--phone', '13711112222', '--category', 'quality', '--desc', '漏水', '--order', 'SO-137 1111 2222', '--ref', 'F-2026-0001234', '--by', '前台 13800001111', '--received', '2026-10-05 09:30');
    await named.ok('assign', id, '--to', '小李 13900002222', '--by', '店长 13600003333', '--at', '2026-10-05 10:00');
    const phones = ['1111 2222', '13711112222', '13800001111', '13900002222', '13600003333'];
    const plain = JSON.stringify(await exportedJson(named));
    for (const phone of phones) expect(plain).toContain(phone);
    // when exported with --redact
    const [json] = await exportedJson(named, '--redact');
    const csv = (await named('export', '--redact')).stdout;
    // then no phone is left, and a form number that is not a phone stays whole
    for (const text of [JSON.stringify(json), csv]) for (const phone of phones) expect(text).not.toContain(phone);
    expect(json).toMatchObject({ customer: { name: '王先生 ***', phone: '*******2222' }, order: 'SO-***', ref: 'F-2026-0001234', receivedBy: '前台 ***', assignee: '小李 ***' });
    expect(json!.events!.map((e) => e.by)).toEqual(['前台 ***', '店长 ***']);
    expect(csv).toContain('\r\nF-2026-0001234,');
    // a short phone is masked inside a longer number too, where its digits would still be read
    const short = on(makeDb());
    await open(short, '--customer', 'Ma', '--phone', '12345', '--category', 'service', '--desc', 'x', '--ref', 'F-2026-0012345', '--order', 'SO 12345', '--received', '2026-10-05 09:30');
    expect((await exportedJson(short, '--redact'))[0]).toMatchObject({ ref: 'F-***', order: 'SO ***' });
  });

  it('an empty store exports a header alone, or an empty array', async () => {
    const empty = on(makeDb());
    await empty.ok('config'); // creates the database, with nothing in it
    expect((await empty('export')).stdout).toBe(`\uFEFF${FORM_FIELDS.join(',')}\r\n`);
    expect(JSON.parse((await empty('export', '--format', 'json')).stdout)).toEqual([]);
  });

  it('refuses a file it cannot write, with one sentence', async () => {
    const result = await run('export', '--out', join(makeTempDir(), 'no', 'such', 'dir.csv'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^kesu: Cannot write .*dir\.csv \(the folder does not exist\); check the folder exists and is writable, and that the disk has room\.\n$/);
  });
});

describe('what one row cannot carry', () => {
  it('a note in the timeline is not exported as an event; the rest of the complaint round-trips', async () => {
    const dir = makeTempDir();
    const run = on(join(dir, 'a.db'));
    const id = await open(run, '--customer', 'Ma Li', '--category', 'service', '--desc', 'Long wait', '--received', '2026-10-05 09:00');
    await run.ok('log', id, 'Called the customer back', '--at', '2026-10-05 10:00');
    const csv = join(dir, 'export.csv');
    writeFileSync(csv, await run.ok('export'));
    const fresh = on(join(dir, 'b.db'));
    await fresh.ok('import', csv);
    const [original] = await exportedJson(run);
    const [copy] = await exportedJson(fresh);
    expect(copy!.status).toBe(original!.status);
    expect(original!.events!.map((e) => e.type)).toEqual(['opened', 'logged']);
    expect(copy!.events!.map((e) => e.type)).toEqual(['opened']);
  });
});
