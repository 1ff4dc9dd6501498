// Waits through the import and the export (issue 15, item 5): a form's waitFrom/waitUntil/waitOn
// (等待开始/等待结束/等待原因) become waits judged by decide; the CSV export writes every wait back,
// and the JSON export restores them exactly. Dates are counted by hand on November 2026 (Mon 2 … Mon 9).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectOk, kesu, makeTempDir, on, removeTempDirs, type ComplaintJson, type Kesu } from '../helpers/kesu.js';

afterAll(removeTempDirs);

const NOW = '2026-11-06T12:00:00+08:00';
const SUMMARY = (imported: number) => ({ read: imported, imported, alreadyPresent: 0, alreadyPresentRows: [], rejected: 0, errors: [] });

/** Writes a CSV file in a fresh directory and returns its path and a store beside it. */
function sheet(text: string): { file: string; run: Kesu; dir: string } {
  const dir = makeTempDir();
  const file = join(dir, 'forms.csv');
  writeFileSync(file, text);
  return { file, run: on(join(dir, 'kesu.db'), { now: NOW }), dir };
}

describe('importing waits', () => {
  it('a form with Chinese headers, a wait and its end: the answer deadline pushed back by the working days waited', async () => {
    // answer: 5 working days from Mon 2 Nov → Mon 9 Nov; waited Tue 3 10:00 – Thu 5 15:00: Wed 4, Thu 5 → Wed 11 Nov
    const { file, run } = sheet('投诉日期,客户姓名,投诉类别,投诉内容,等待开始,等待结束,等待原因\n2026年11月2日 9:00,王芳,服务,态度差,2026年11月3日 10:00,2026/11/5 15:00,供应商\n');
    expect(await run.json('import', file)).toEqual(SUMMARY(1));
    const complaint = await run.json<ComplaintJson>('show', '1');
    expect(complaint.deadlines.answer).toBe('2026-11-11T23:59:59+08:00');
    expect(complaint.events!.map((e) => [e.type, e.at])).toEqual([
      ['opened', '2026-11-02T09:00:00+08:00'],
      ['waiting', '2026-11-03T10:00:00+08:00'],
      ['resumed', '2026-11-05T15:00:00+08:00'],
    ]);
    expect(complaint).toMatchObject({ waiting: null });
  });

  it('a form still waiting: list --waiting shows it, due shows it apart from the running deadlines', async () => {
    const { file, run } = sheet(
      'receivedAt,customer,category,description,waitFrom,waitOn\n2026-11-02 09:00,Wang,service,Rude,2026-11-04 10:00,supplier\n2026-11-02 09:00,Chen,service,Slow,,\n',
    );
    expect(await run.json('import', file)).toEqual(SUMMARY(2));
    expect((await run.json<ComplaintJson[]>('list', '--waiting')).map((c) => c.customer.name)).toEqual(['Wang']);
    expect(await run.json<ComplaintJson>('show', '1')).toMatchObject({ waiting: { since: '2026-11-04T10:00:00+08:00', on: 'supplier' } });
    const agenda = await run.json<(ComplaintJson & { agenda: string })[]>('due');
    expect(agenda.map((c) => [c.customer.name, c.agenda])).toEqual([
      ['Chen', 'day'],
      ['Wang', 'waiting'],
    ]);
    const shown = await run.ok('due');
    expect(shown.indexOf('Waiting on others, deadlines paused (1)')).toBeGreaterThan(shown.indexOf('Chen'));
    expect(shown).toMatch(/Wang .*waiting on a supplier since Wed 4 Nov/);
  });

  it('several waits in one row, one per line; each problem with its row and column', async () => {
    const { file, run } = sheet(
      [
        'receivedAt,customer,category,description,solution,resolvedAt,waitFrom,waitUntil,waitOn',
        '2026-11-02 09:00,Wang,service,Rude,Sorry,2026-11-05 10:00,"2026-11-03 10:00\n2026-11-05 11:00","2026-11-04 10:00\n2026-11-05 12:00","supplier\ncustomer"',
        '2026-11-02 09:00,Early,service,x,,,2026-11-03 10:00,2026-11-02 10:00,',
        '2026-11-02 09:00,Late,service,x,Sorry,2026-11-05 10:00,2026-11-03 10:00,2026-11-06 10:00,',
        '2026-11-02 09:00,Boss,service,x,,,2026-11-03 10:00,,老板',
        '',
      ].join('\n'),
    );
    const result = await run('import', file);
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n').slice(0, 3)).toEqual([
      'row 3, column waitUntil: 2026-11-02 10:00 is before waitFrom (等待开始) (a time no earlier than 2026-11-03 10:00)',
      'row 4, column waitUntil: 2026-11-06 10:00 is after resolvedAt (处理日期) 2026-11-05 10:00, which ended the wait (a step taken for the complaint ends its wait: a time no later than that step, or leave it empty)',
      'row 5, column waitOn: "老板" is not whom a complaint waits on (one of customer, supplier, other, or 客户、供应商、其他)',
    ]);
    // the good row alone, and the others to a rejects file that keeps their waits as they were
    const rejects = join(makeTempDir(), 'fix.csv');
    expect(await run.json('import', file, '--skip-invalid', '--rejects', rejects)).toMatchObject({ imported: 1, rejected: 3 });
    const rejected = readFileSync(rejects, 'utf8').split('\r\n');
    expect(rejected[0]).toBe('\uFEFFreceivedAt,customer,category,description,solution,resolvedAt,waitFrom,waitUntil,waitOn,kesu error');
    expect(rejected[1]).toMatch(/^2026-11-02 09:00,Early,service,x,,,2026-11-03 10:00,2026-11-02 10:00,,"row 3, column waitUntil: /);
    const wang = await run.json<ComplaintJson>('show', '1');
    expect(wang.events!.map((e) => [e.type, e.at])).toEqual([
      ['opened', '2026-11-02T09:00:00+08:00'],
      ['waiting', '2026-11-03T10:00:00+08:00'],
      ['resumed', '2026-11-04T10:00:00+08:00'],
      ['resolved', '2026-11-05T10:00:00+08:00'],
      ['waiting', '2026-11-05T11:00:00+08:00'],
      ['resumed', '2026-11-05T12:00:00+08:00'],
    ]);
    // fixed by hand, the rejects file imports: the error column is ignored
    writeFileSync(rejects, readFileSync(rejects, 'utf8').replace('2026-11-02 10:00,', '2026-11-04 10:00,').replace('2026-11-06 10:00,', '2026-11-05 10:00,').replace('老板', '其他'));
    expect(await run.json('import', rejects)).toEqual(SUMMARY(3));
    expect((await run.json<ComplaintJson[]>('list', '--waiting')).map((c) => [c.customer.name, c.waiting?.on])).toEqual([['Boss', 'other']]);
  });

  it('--template names the three columns, in English and in Chinese', async () => {
    expect((await kesu(['import', '--template'])).stdout).toContain(',closedAt,waitFrom,waitUntil,waitOn,status\n');
    expect((await kesu(['--lang', 'zh', 'import', '--template'])).stdout).toContain(',结案日期,等待开始,等待结束,等待原因,状态\r\n');
  });
});

describe('exporting waits', () => {
  /** A complaint that waited and resumed, then was resolved in a wait (which the resolve ended), then waits again; and one waiting still. */
  async function shopWithWaits(run: Kesu): Promise<void> {
    await run.ok('open', '--customer', 'Wang Fang', '--category', 'quality', '--desc', 'Kettle leaks', '--received', '2026-11-02 09:00');
    await run.ok('wait', '1', '--on', 'supplier', '--at', '2026-11-03 10:00');
    await run.ok('resume', '1', '--at', '2026-11-04 10:00');
    await run.ok('wait', '1', '--on', 'customer', '--at', '2026-11-04 15:00');
    await run.ok('resolve', '1', '--solution', 'Replaced', '--at', '2026-11-05 10:00');
    await run.ok('wait', '1', '--on', 'other', '--at', '2026-11-05 16:00');
    await run.ok('open', '--customer', '张伟', '--category', 'service', '--desc', '态度差', '--received', '2026-11-04 09:00');
    await run.ok('wait', '2', '--on', 'customer', '--at', '2026-11-04 09:30');
  }

  it('CSV export → import into a new store: the same waits, events and deadlines', async () => {
    const dir = makeTempDir();
    const run = on(join(dir, 'a.db'), { now: NOW });
    await shopWithWaits(run);
    const csv = join(dir, 'export.csv');
    await run.ok('export', '--out', csv);
    const text = readFileSync(csv, 'utf8');
    expect(text).toContain(',"2026-11-03T10:00:00+08:00\n2026-11-04T15:00:00+08:00\n2026-11-05T16:00:00+08:00","2026-11-04T10:00:00+08:00\n2026-11-05T10:00:00+08:00\n","supplier\ncustomer\nother",resolved\r\n');
    const fresh = on(join(dir, 'b.db'), { now: NOW });
    expect(await fresh.json('import', csv)).toEqual(SUMMARY(2));
    for (const id of ['1', '2']) {
      const { uuid: _before, ...before } = await run.json<ComplaintJson>('show', id);
      const { uuid: _after, ...after } = await fresh.json<ComplaintJson>('show', id);
      expect(after).toEqual(before);
    }
    // spelled out: the second wait ended with the resolve, which the CSV says as its end
    expect((await fresh.json<ComplaintJson>('show', '1')).events!.map((e) => e.type)).toEqual(['opened', 'waiting', 'resumed', 'waiting', 'resumed', 'resolved', 'waiting']);
  });

  it('JSON export → import → export is byte for byte the same, waits included', async () => {
    const dir = makeTempDir();
    const run = on(join(dir, 'a.db'), { now: NOW });
    await shopWithWaits(run);
    const exported = join(dir, 'all.json');
    await run.ok('export', '--format', 'json', '--out', exported);
    expect(readFileSync(exported, 'utf8')).toContain('"type": "resumed"');
    const fresh = on(join(dir, 'b.db'), { now: NOW });
    expect(await fresh.json('import', exported)).toEqual(SUMMARY(2));
    const again = join(dir, 'again.json');
    await fresh.ok('export', '--format', 'json', '--out', again);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(exported, 'utf8'));
    expectOk(await fresh('check'));
  });
});
