// The procedure in Chinese: LANG=zh_CN.UTF-8, Chinese labels and full-width digits as input,
// Chinese output; the stored codes and the --json shape are the same as in English.
import { afterAll, describe, expect, it } from 'vitest';
import { expectComplaintShape, makeDb, on, removeTempDirs, type ComplaintJson, type Kesu } from '../helpers/kesu.js';

afterAll(removeTempDirs);

/** The shop's history, step by step: a test runs the steps before its own on a database of its own. */
const CHAIN = {
  open: ['open', '--customer', '李伟', '--phone', '１３８００１３８０００', '--channel', '微信', '--category', '产品质量', '--severity', '普通', '--desc', '杯子裂了', '--request', '换新', '--received', '2026年10月30日 10:00', '--by', '小王'],
  major: ['open', '--customer', '陈杰', '--category', '质量', '--severity', '重大', '--desc', '食品中有玻璃', '--received', '2026-10-30 10:00', '--by', '小王'],
  call: ['log', '1', '已致电客户', '--kind', 'call', '--at', '2026/10/30 11:00', '--by', '小王'],
  finding: ['log', '1', '窑温过高', '--substantiated', '是', '--responsibility', '厂家', '--root-cause', '窑温', '--at', '2026.10.31 09:00', '--by', '小李'],
  assign: ['assign', '1', '--to', '张三', '--dept', '品控部', '--at', '2026-11-02 09:00', '--by', '小王'],
  resolve: ['resolve', '1', '--solution', '换新', '--compensation', '２５.５', '--compensation-kind', '代金券', '--action', '每日检查', '--at', '2026-11-04 15:00', '--by', '小王'],
  firstFollowup: ['followup', '1', '--satisfaction', '非常满意', '--method', '上门', '--at', '2026-11-06 10:00'],
  secondFollowup: ['followup', '1', '--satisfaction', '４', '--method', '短信', '--at', '2026-11-09 10:00'],
  reopen: ['reopen', '1', '--note', '客户再次来电', '--at', '2026-11-10 10:00', '--by', '小王'],
  resolveAgain: ['resolve', '1', '--solution', '再次换新', '--at', '2026-11-11 10:00'],
  dissatisfied: ['followup', '1', '--satisfaction', '不满意', '--at', '2026-11-12 10:00'],
  openService: ['open', '--customer', '王芳', '--category', '服务', '--desc', '态度差', '--received', '2026-11-02 09:00', '--by', '小王'],
  unfounded: ['resolve', '3', '--unfounded', '--finding', '监控显示无此事', '--at', '2026-11-03 09:00'],
  openDelivery: ['open', '--customer', '赵敏', '--category', '配送', '--desc', '迟到', '--received', '2026-11-02 09:00', '--by', '小王'],
  withdrawn: ['close', '4', '--reason', '撤回', '--at', '2026-11-03 09:00'],
} as const;
type ChainStep = keyof typeof CHAIN;

/** A new database (and its path) where the history has gone as far as the step before `step` (all of it, for null). */
async function before(step: ChainStep | null): Promise<{ db: string; run: Kesu }> {
  const db = makeDb();
  const run = on(db, { env: { LANG: 'zh_CN.UTF-8' } });
  for (const [name, args] of Object.entries(CHAIN)) {
    if (name === step) break;
    await run.ok(...args);
  }
  return { db, run };
}

describe('处理流程（中文）', () => {
  it('open: Chinese labels, Chinese dates and full-width digits; prints the id and the deadline in Chinese', async () => {
    // on the day it was received, so that its answer is still to come
    const run = on(makeDb(), { env: { LANG: 'zh_CN.UTF-8' }, now: '2026-10-30T12:00:00+08:00' });
    const out = await run.ok(...CHAIN.open);
    expect(out).toBe('已受理投诉 #1。请最迟于 11月6日 周五 答复客户（自 10月30日 周五 起 5 个工作日；跳过 10月31日 周六、11月1日 周日）。\n');
    const c = await run.json<ComplaintJson>('show', '1');
    expectComplaintShape(c, { events: true, show: true });
    expect(c).toMatchObject({
      channel: 'chat',
      category: 'quality',
      severity: 'normal',
      customer: { name: '李伟', phone: '13800138000' },
      receivedAt: '2026-10-30T10:00:00+08:00',
      receivedBy: '小王',
      deadlines: { answer: '2026-11-06T23:59:59+08:00' },
    });
  });

  it('a major complaint is flagged 重大投诉 with its deadline in hours', async () => {
    const { db } = await before('major');
    const run = on(db, { env: { LANG: 'zh_CN.UTF-8' }, now: '2026-10-30T12:00:00+08:00' });
    expect(await run.ok(...CHAIN.major)).toBe(
      '已受理投诉 #2  重大投诉。请在 10月31日 周六 10:00 前答复客户（自 10月30日 周五 10:00 起 24 小时）。\n已升级至店长。\n',
    );
  });

  it('log, assign, resolve: Chinese labels accepted, codes stored', async () => {
    const { run } = await before('call');
    await run.ok(...CHAIN.call);
    const finding = await run.json<ComplaintJson>(...CHAIN.finding);
    expect(finding).toMatchObject({ substantiated: true, responsibility: 'supplier', rootCause: '窑温' });
    const assigned = await run.json<ComplaintJson>(...CHAIN.assign);
    expect(assigned).toMatchObject({ status: 'assigned', assignee: '张三', department: '品控部', deadlines: { solution: '2026-11-05T23:59:59+08:00' } });
    const resolved = await run.json<ComplaintJson>(...CHAIN.resolve);
    expect(resolved).toMatchObject({ status: 'resolved', compensation: { kind: 'voucher', amount: '25.50' }, correctiveAction: '每日检查' });
  });

  it('show: the record, the deadlines with how they were reached, and the timeline in Chinese', async () => {
    const { run } = await before('firstFollowup');
    const text = await run.ok('show', '1');
    expect(text).toMatch(/^#1 {2}已解决\n/);
    expect(text).toContain('客户      李伟 (13800138000)\n');
    expect(text).toContain('受理时间  10月30日 周五 10:00 · 小王 · 在线\n');
    expect(text).toContain('是否属实  是\n');
    expect(text).toContain('责任方    供应商\n');
    expect(text).toContain('赔付      代金券 25.50\n');
    expect(text).toContain('  答复客户    11月6日 周五  已完成\n              自 10月30日 周五 起 5 个工作日；跳过 10月31日 周六、11月1日 周日\n');
    expect(text).toContain('  责任人方案  11月5日 周四  已完成\n              自 11月2日 周一 起 3 个工作日\n');
    expect(text).toContain('  回访        11月11日 周三  已超期\n');
    expect(text).toContain('   2  10月30日 周五 11:00  小王  通话: 已致电客户\n');
    expect(text).toContain('   4  11月2日 周一 09:00  小王  指派 → 张三（品控部）\n');
  });

  it('followup: 质量 needs two satisfied follow-ups; satisfaction given as a Chinese label or a full-width digit', async () => {
    const { run } = await before('firstFollowup');
    expect((await run.json<ComplaintJson>(...CHAIN.firstFollowup)).status).toBe('resolved');
    const closed = await run.json<ComplaintJson>(...CHAIN.secondFollowup);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'satisfied' });
    expect(closed.followups.map((f) => [f.method, f.satisfaction])).toEqual([['visit', 5], ['message', 4]]);
    const text = await run.ok('show', '1');
    expect(text).toMatch(/^#1 {2}已结案（客户满意）\n/);
    expect(text).toContain('回访\n  11月6日 周五 10:00  上门  5 非常满意\n  11月9日 周一 10:00  短信  4 满意\n');
    expect(text).toMatch(/11月6日 周五 10:00 {2}\S+ {2}上门回访，满意度 5\/5\n/);
  });

  it('reopen: back to the assignee, deadlines re-armed from the reopening', async () => {
    const { run } = await before('reopen');
    const c = await run.json<ComplaintJson>(...CHAIN.reopen);
    expect(c).toMatchObject({ status: 'assigned', reopenCount: 1, deadlines: { answer: '2026-11-17T23:59:59+08:00', solution: '2026-11-13T23:59:59+08:00' } });
    const text = await run.ok('show', '1');
    expect(text).toContain('重开次数  1\n');
    expect(text).toContain('   9  11月10日 周二 10:00  小王  重新处理: 客户再次来电\n');
  });

  it('a dissatisfied follow-up (不满意) reopens it', async () => {
    const { run } = await before('resolveAgain');
    await run.ok(...CHAIN.resolveAgain);
    const c = await run.json<ComplaintJson>(...CHAIN.dissatisfied);
    expect(c).toMatchObject({ status: 'assigned', reopenCount: 2 });
  });

  it('resolve --unfounded and close --reason with Chinese reasons', async () => {
    const { run } = await before('openService');
    await run.ok(...CHAIN.openService);
    expect(await run.ok(...CHAIN.unfounded)).toMatch(/^投诉 3 已结案：投诉不成立；无待办期限。\n#3 {2}已结案（投诉不成立）\n/);
    await run.ok(...CHAIN.openDelivery);
    expect(await run.ok(...CHAIN.withdrawn)).toMatch(/^投诉 4 已结案：客户撤诉；无待办期限。\n#4 {2}已结案（客户撤诉）\n/);
    expect(await run.json<ComplaintJson>('show', '4')).toMatchObject({ status: 'closed', outcome: 'withdrawn' });
  });

  it('the default departments are named in Chinese where kesu shows them; stored and in JSON as they are', async () => {
    const own = on(makeDb(), { env: { LANG: 'zh_CN.UTF-8' } });
    await own.ok('open', '--customer', '赵敏', '--category', '配送', '--desc', '送晚了', '--received', '2026-11-02 09:00', '--by', '小王');
    expect((await own.json<ComplaintJson>('assign', '1', '--to', '老张', '--at', '2026-11-02 10:00')).department).toBe('logistics');
    const shown = await own.ok('show', '1');
    expect(shown).toMatch(/责任人 +老张（物流部）/);
    expect(shown).toMatch(/指派 → 老张（物流部）/);
    expect(await own.ok('report', '--month', '2026-11', '--format', 'md')).toContain('物流部');
    expect(await own.ok('--lang', 'en', 'show', '1')).toMatch(/Assignee +老张 \(logistics\)/);
  });

  it('--lang zh wins over an English LANG, and --lang en over a Chinese one', async () => {
    const { db, run } = await before(null);
    expect(await on(db).ok('--lang', 'zh', 'show', '4')).toMatch(/^#4 {2}已结案（客户撤诉）\n/);
    expect(await run.ok('--lang', 'en', 'show', '4')).toMatch(/^#4 {2}closed \(withdrawn\)\n/);
  });
});
