// Major complaints and escalation from the command line (issue 16, items 1–2): the criteria, the
// third-party default, kesu escalate by hand and --overdue, list --escalated, due's "Needs the
// manager" first, and the report's escalations.
import { afterAll, describe, expect, it } from 'vitest';
import { expectFailure, makeDb, on, removeTempDirs, type ComplaintJson, type Kesu } from '../helpers/kesu.js';

afterAll(removeTempDirs);

/** Friday 6 November 2026, noon. */
const NOW = '2026-11-06T12:00:00+08:00';

function shop(now = NOW): Kesu {
  return on(makeDb(), { now });
}

describe('recognising a major complaint', () => {
  it('one received through the press or a regulator is major, why, and escalated, unless said otherwise', async () => {
    const run = shop();
    const out = await run.ok('open', '--customer', '李雷', '--category', 'service', '--channel', '媒体', '--desc', 'In the newspaper', '--received', '2026-11-05 09:00');
    expect(out).toBe('Recorded complaint #1  MAJOR. The answer was due by Fri 6 Nov 09:00 (24 hours from Thu 5 Nov 09:00), which has passed: answer the customer now.\nEscalated to the store manager.\n');
    const shown = await run.ok('show', '1');
    expect(shown).toContain('Major because      raised through the press or a regulator\n');
    expect(shown).toContain('Escalated          the store manager (a major complaint, Thu 5 Nov 09:00)\n');
    expect(await run.json<ComplaintJson>('show', '1')).toMatchObject({ severity: 'major', majorCriterion: 'press-or-regulator', escalation: { reason: 'major', to: null } });
    await run.ok('open', '--customer', '韩梅', '--category', 'service', '--channel', 'third-party', '--severity', 'normal', '--desc', 'A letter from the regulator, minor');
    expect(await run.json<ComplaintJson>('show', '2')).toMatchObject({ severity: 'normal', majorCriterion: null, escalation: null });
  });

  it('--criterion: one of the shop\u2019s, its own added by config; another refused; with another severity a contradiction (decide\u2019s, exit 1)', async () => {
    const run = shop();
    expect(await run.ok('config', 'add', 'major.criterion', '儿童受伤')).toBe('Added a criterion of a major complaint: 儿童受伤.\n');
    await run.ok('open', '--customer', '王芳', '--category', 'facility', '--criterion', '儿童受伤', '--desc', 'A child fell on the wet floor');
    expect(await run.json<ComplaintJson>('show', '1')).toMatchObject({ severity: 'major', majorCriterion: '儿童受伤' });
    expect(await run.ok('--lang', 'zh', 'show', '1')).toContain('重大依据  儿童受伤\n');
    expect(expectFailure(await run('open', '--customer', '王芳', '--category', 'facility', '--criterion', 'a ghost', '--desc', 'x'), 1)).toMatch(/^"a ghost" is not one of the shop's criteria of a major complaint \(.*; 儿童受伤\); give one of them to --criterion, or add it with kesu config add major\.criterion\.$/);
    expect(expectFailure(await run('open', '--customer', '王芳', '--category', 'facility', '--criterion', '儿童受伤', '--severity', 'urgent', '--desc', 'x'), 1)).toBe(
      '--criterion says what makes the complaint major, and --severity says urgent; leave out --severity or give --severity major.',
    );
    // an empty criterion is one not given, as any optional flag: no major complaint, no escalation
    await run.ok('open', '--customer', '王芳', '--category', 'facility', '--criterion', ' ', '--desc', 'A wet floor');
    expect(await run.json<ComplaintJson>('show', '2')).toMatchObject({ severity: 'normal', majorCriterion: null, escalation: null });
    expect(await run.ok('config', 'remove', 'major.criterion', 'malicious claim')).toBe('Removed a criterion of a major complaint: a malicious claim.\n');
    expect(expectFailure(await run('config', 'remove', 'major.criterion', 'malicious claim'), 1)).toBe('"malicious claim" is not a criterion of a major complaint; kesu config lists them.');
  });
});

describe('kesu escalate', () => {
  it('by hand, to the shop\u2019s escalate.to or the one named; a note is needed; a closed complaint cannot be', async () => {
    const run = shop();
    await run.ok('open', '--customer', '王芳', '--category', 'quality', '--desc', 'Kettle leaks', '--received', '2026-11-05 09:00');
    expect(await run.ok('config', 'set', 'escalate.to', '王店长')).toBe('escalate.to is now 王店长 (was the store manager).\n');
    const out = await run.ok('escalate', '1', '--note', 'Threatens to call the newspaper', '--at', '2026-11-05 10:00');
    expect(out.split('\n')[0]).toBe('Complaint 1 escalated to 王店长 (escalated by hand); answer due Thu 12 Nov.');
    expect(out).toContain('   2  Thu 5 Nov 10:00  root  escalated to 王店长: Threatens to call the newspaper\n');
    expect((await run.ok('--lang', 'zh', 'escalate', '1', '--note', '再次来电', '--to', '李经理')).split('\n')[0]).toBe('投诉 1 已升级至李经理（人工升级）；答复客户期限 11月12日 周四。');
    // off a terminal the note is asked for by name
    expect(expectFailure(await run('escalate', '1'), 2)).toContain('--note');
    await run.ok('close', '1', '--reason', 'withdrawn');
    expect(expectFailure(await run('escalate', '1', '--note', 'again'), 1)).toBe('Complaint 1 is closed, so it cannot take escalate; from closed you can: reopen, log, edit, void.');
    expect(expectFailure(await run('escalate'), 2)).toBe('Name the complaint to escalate (kesu escalate ID --note TEXT), or give --overdue.');
  });

  it('--overdue escalates each passed deadline of a major complaint once: running it again escalates nothing', async () => {
    const db = makeDb();
    const run = on(db, { now: '2026-11-03T08:00:00+08:00' });
    await run.ok('open', '--customer', '王芳', '--category', 'quality', '--severity', 'major', '--desc', 'Burned hand', '--received', '2026-11-02 09:00');
    await run.ok('open', '--customer', '李雷', '--category', 'quality', '--desc', 'Kettle leaks', '--received', '2026-10-01 09:00');
    // before the answer is due (Tue 3 Nov 09:00): nothing
    expect(await run.ok('escalate', '--overdue')).toBe('No deadline of a major complaint has passed since the last escalation.\n');
    const later = on(db, { now: '2026-11-03T10:00:00+08:00' });
    expect(await later.ok('escalate', '--overdue')).toBe('Escalated 1 major complaint past a deadline: #1.\n');
    expect(await later.ok('escalate', '--overdue')).toBe('No deadline of a major complaint has passed since the last escalation.\n');
    expect(await later.ok('--lang', 'zh', 'escalate', '--overdue')).toBe('没有新超期的重大投诉需要升级。\n');
    const c = await later.json<ComplaintJson>('show', '1');
    expect(c.events!.map((event) => event.type)).toEqual(['opened', 'escalated', 'escalated']);
    expect(await later.ok('show', '1')).toContain('escalated to the store manager: a deadline of a major complaint passed (answer Tue 3 Nov 09:00)\n');
  });
});

describe('list, due and the report', () => {
  it('list --escalated; due lists what needs the manager first, until it is closed', async () => {
    const run = shop();
    await run.ok('open', '--customer', '王芳', '--category', 'quality', '--desc', 'Kettle leaks', '--received', '2026-10-01 09:00');
    await run.ok('open', '--customer', '李雷', '--category', 'service', '--desc', 'Rude', '--received', '2026-11-05 09:00');
    await run.ok('escalate', '2', '--note', 'Regular customer, very upset');
    expect((await run.json<ComplaintJson[]>('list', '--escalated')).map((c) => c.id)).toEqual([2]);
    const headings = (text: string) => text.split('\n').filter((line) => /^\S.*\(\d+\)$/.test(line));
    expect(headings(await run.ok('due'))).toEqual(['Needs the manager (1)', 'Overdue (1)']);
    expect(headings(await run.ok('--lang', 'zh', 'due'))).toEqual(['需店长处理 (1)', '已超期 (1)']);
    // escalated later, but overdue since 8 Oct: first, in due and in list alike
    await run.ok('escalate', '1', '--note', 'Overdue for a month');
    expect((await run.json<{ id: number; agenda: string }[]>('due')).map((c) => [c.id, c.agenda])).toEqual([
      [1, 'manager'],
      [2, 'manager'],
    ]);
    expect((await run.json<ComplaintJson[]>('list', '--escalated')).map((c) => c.id)).toEqual([1, 2]);
    // resolved or closed, it no longer needs the manager
    await run.ok('close', '2', '--reason', 'withdrawn');
    await run.ok('resolve', '1', '--solution', 'Replaced the kettle');
    expect(await run.json<ComplaintJson[]>('list', '--escalated')).toEqual([]);
    expect(headings(await run.ok('due'))).toEqual([]);
  });

  it('the report counts the escalations of the period by reason, as they were made', async () => {
    const run = shop('2026-11-30T12:00:00+08:00');
    // a major complaint (escalated when recorded), its answer due 24 hours later passed at the next step
    await run.ok('open', '--customer', '王芳', '--category', 'quality', '--severity', 'major', '--desc', 'Burned hand', '--received', '2026-11-02 09:00');
    await run.ok('answer', '1', 'We will replace it', '--at', '2026-11-04 10:00');
    // one by hand, and one in October, outside the period
    await run.ok('open', '--customer', '李雷', '--category', 'service', '--desc', 'Rude', '--received', '2026-10-20 09:00');
    await run.ok('escalate', '2', '--note', 'Upset', '--at', '2026-10-21 09:00');
    await run.ok('escalate', '2', '--note', 'Again', '--at', '2026-11-10 09:00');
    const report = await run.json<{ escalated: unknown; previous: { escalated: unknown } }>('report', '--month', '2026-11');
    expect(report.escalated).toEqual({ total: 3, byReason: { major: 1, 'reopened-again': 0, 'deadline-passed': 1, 'by-hand': 1 } });
    expect(report.previous.escalated).toEqual({ total: 1, byReason: { major: 0, 'reopened-again': 0, 'deadline-passed': 0, 'by-hand': 1 } });
    expect(await run.ok('report', '--month', '2026-11')).toMatch(/Escalated to the manager +│ +3 │ +1 │/);
  });

  it('export --redact (and so the notifications) masks the phones typed in waits, escalations and approvals', async () => {
    const run = shop();
    await run.ok('config', 'set', 'standard.*.*', 'refund 10');
    await run.ok('open', '--customer', '王芳', '--phone', '13800138000', '--category', 'quality', '--desc', 'Kettle leaks', '--received', '2026-11-05 09:00');
    await run.ok('wait', '1', '--on', 'supplier', '--note', 'supplier on 13512345678');
    await run.ok('escalate', '1', '--note', 'waited too long', '--to', '老王 13611112222');
    await run.ok('open', '--customer', '李雷', '--category', 'service', '--desc', 'Rude', '--received', '2026-11-05 09:00');
    await run.ok('escalate', '2', '--note', 'manager on 13712345678', '--to', '老王 13611112222');
    await run.ok('resolve', '2', '--solution', 'Refunded', '--compensation', '50', '--compensation-kind', 'refund', '--approved-by', '张店长 13811112222');
    const json = await run.ok('export', '--format', 'json', '--redact');
    const csv = await run.ok('export', '--format', 'csv', '--redact');
    for (const phone of ['13800138000', '13512345678', '13712345678', '13611112222', '13811112222']) {
      expect(json).not.toContain(phone);
      expect(csv).not.toContain(phone);
    }
    expect(json).toContain('"note": "supplier on ***"');
  });

  it('notifications are sent for escalations by default', async () => {
    const run = shop();
    expect((await run.json<{ notify: { on: string[] } }>('config')).notify.on).toContain('escalated');
  });
});
