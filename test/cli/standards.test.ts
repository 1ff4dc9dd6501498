// Compensation standards and approvals (issue 16, item 5) through the command line: config, resolve
// (refused without --approved-by, exit 1), show, the report in its formats, the import and the export.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectFailure, expectOk, makeTempDir, on, removeTempDirs, type ComplaintJson } from '../helpers/kesu.js';

afterAll(removeTempDirs);

const NOW = '2026-11-06T12:00:00+08:00';

/** A store with the standards for quality/urgent (refund 100) and everything else (refund 50), and two complaints. */
async function shop() {
  const dir = makeTempDir();
  const run = on(join(dir, 'kesu.db'), { now: NOW });
  expect(await run.ok('config', 'set', 'standard.quality.urgent', 'refund 100')).toBe('standard.quality.urgent is now refund 100.00 (was not set).\n');
  await run.ok('config', 'set', 'standard.*.*', '退款 50');
  await run.ok('open', '--customer', 'Wang', '--category', 'quality', '--severity', 'urgent', '--desc', 'Kettle broke', '--received', '2026-11-02 09:00');
  await run.ok('open', '--customer', 'Chen', '--category', 'service', '--desc', 'Rude', '--received', '2026-11-02 10:00');
  return { run, dir };
}

describe('kesu config standard.*', () => {
  it('shows the standards, says each change, and removes one with ""', async () => {
    const { run } = await shop();
    expect(await run.ok('config')).toContain('Compensation standards (above one needs kesu resolve --approved-by)\n  standard.*.*                  refund 50.00\n  standard.quality.urgent       refund 100.00\n');
    expect(await run.ok('--lang', 'zh', 'config', 'set', 'standard.quality.urgent', '代金券 120')).toBe('standard.quality.urgent 已改为 代金券 120.00（原为 退款 100.00）。\n');
    expect(await run.ok('config', 'set', 'standard.*.*', '')).toBe('standard.*.* is removed (was refund 50.00).\n');
    const message = expectFailure(await run('config', 'set', 'standard.quality.urgent', 'cash 100'), 1);
    expect(message).toMatch(/^"cash 100" is not a compensation standard; write the kind/);
  });
});

describe('kesu resolve above the standard', () => {
  it('is refused without --approved-by, exit 1, naming the standard, in English and Chinese; nothing is written', async () => {
    const { run } = await shop();
    const args = ['resolve', '1', '--solution', 'Refunded', '--compensation', '150', '--compensation-kind', 'refund'];
    expect(expectFailure(await run(...args), 1)).toBe(
      'The compensation, refund 150.00, is above the standard for quality/urgent, refund 100.00; give --approved-by NAME with the name of who approved it.',
    );
    expect(expectFailure(await run('--lang', 'zh', ...args), 1)).toBe('赔付（退款 150.00）超出 quality/urgent 的赔付标准（退款 100.00）；请用 --approved-by 填写批准人的姓名。');
    expect((await run.json<ComplaintJson>('show', '1')).status).toBe('open');
    // Another kind than the standard's needs approval too, whatever the amount.
    expect(expectFailure(await run('resolve', '2', '--solution', 'Gift', '--compensation-kind', 'gift'), 1)).toMatch(/gift 0\.00, is above the standard for \*\/\*, refund 50\.00/);
  });

  it('with --approved-by: recorded, said by show and its JSON; a change of the standard later changes neither the record nor the report', async () => {
    const { run } = await shop();
    await run.ok('resolve', '1', '--solution', 'Refunded', '--compensation', '150', '--compensation-kind', 'refund', '--approved-by', '张店长');
    await run.ok('resolve', '2', '--solution', 'Refunded', '--compensation', '30', '--compensation-kind', 'refund');
    const before = await run.json<ComplaintJson & { approvedBy: string | null }>('show', '1');
    expect(before.compensation).toEqual({ kind: 'refund', amount: '150.00' });
    expect(before.approvedBy).toBe('张店长');
    expect((await run.json<ComplaintJson>('show', '2')).approvedBy).toBeNull();
    const shown = await run.ok('show', '1');
    expect(shown).toContain('Compensation       refund 150.00\nStandard           refund 100.00 (quality/urgent)\nApproved by        张店长 (above the standard, refund 100.00 quality/urgent)\n');
    const report = async () => (await run.json<{ compensation: Record<string, unknown> }>('report', '--month', '2026-11')).compensation;
    const figures = await report();
    expect(figures).toMatchObject({ total: '180.00', aboveStandard: { count: 1, amount: '150.00' }, byApprover: { 张店长: 1 } });
    // given: the shop raises the standard afterwards
    await run.ok('config', 'set', 'standard.quality.urgent', 'refund 500');
    // then: the record and the report still judge it by the standard it was given under
    expect(await report()).toEqual(figures);
    expect(await run.ok('show', '1')).toContain('Standard           refund 500.00 (quality/urgent)\nApproved by        张店长 (above the standard, refund 100.00 quality/urgent)\n');
  });

  it('the report masks a phone typed into an approver, in every format', async () => {
    const { run } = await shop();
    await run.ok('resolve', '1', '--solution', 'Refunded', '--compensation', '150', '--compensation-kind', 'refund', '--approved-by', 'Zhou 13900001111');
    const json = await run.json<{ compensation: { byApprover: Record<string, number> } }>('report', '--month', '2026-11');
    expect(json.compensation.byApprover).toEqual({ 'Zhou ***': 1 });
    for (const format of ['table', 'csv', 'md', 'html']) {
      const out = await run.ok('report', '--month', '2026-11', '--format', format);
      expect(out, format).not.toContain('13900001111');
      expect(out, format).toContain('Zhou ***');
    }
    expect(await run.ok('report', '--month', '2026-11', '--format', 'csv')).toContain('compensation,compensation.aboveStandard.count,Above the standard (approved),count,1,0\n');
  });
});

describe('import and export', () => {
  it('a row above the standard is a problem named on its compensation column unless it has an approver; the export writes the approver back', async () => {
    const { run, dir } = await shop();
    const file = join(dir, 'forms.csv');
    writeFileSync(
      file,
      '投诉日期,客户姓名,投诉类别,严重程度,投诉内容,处理结果,赔付金额,赔付方式,审批人\n' +
        '2026-11-03 09:00,王芳,质量,紧急,水壶坏了,已退款,150,退款,张店长\n' +
        '2026-11-03 10:00,李四,质量,紧急,水壶漏水,已退款,150,退款,\n',
    );
    const result = await run('--json', 'import', file, '--skip-invalid', '--rejects', join(dir, 'rejects.csv'));
    const summary = JSON.parse(result.stdout) as { imported: number; errors: { row: number; column: string | null; message: string }[] };
    expect(summary.imported).toBe(1);
    expect(summary.errors).toEqual([
      { row: 3, column: '赔付金额', message: expect.stringContaining('refund 150.00 is above the standard for quality/urgent, refund 100.00 (the name of who approved it in approvedBy/审批人)') },
    ]);
    expect((await run.json<ComplaintJson>('show', '3')).approvedBy).toBe('张店长');
    const csv = join(dir, 'out.csv');
    expectOk(await run('export', '--format', 'csv', '--out', csv));
    const [header, ...rows] = readFileSync(csv, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const column = header!.split(',').indexOf('approvedBy');
    expect(column).toBeGreaterThan(-1);
    expect(rows.map((row) => row.split(',')[column])).toEqual(['', '', '张店长']);
  });
});
