// `kesu edit ID` on a real pseudo-terminal without flags: it asks which field and the new value.
import { afterAll, describe, expect, it } from 'vitest';
import { makeDb, on, removeTempDirs, type ComplaintJson } from '../helpers/kesu.js';
import { DOWN, ENTER, onTerminal } from '../helpers/terminal.js';

afterAll(removeTempDirs);

const BACKSPACE = '\x7f';

/** A store with complaint 1: Wang Fang, phone 138 0013 8000, quality, normal. */
async function withOne() {
  const db = makeDb();
  const run = on(db);
  await run.ok('open', '--customer', 'Wang Fang', '--phone', '138 0013 8000', '--category', 'quality', '--desc', 'Kettle leaks', '--received', '2026-11-02 09:00');
  return { db, run };
}

describe('edit on a terminal', () => {
  it('asks which field, showing each value now, then the new one in the line of the old to mend it', async () => {
    const { db, run } = await withOne();
    const result = onTerminal(
      ['--db', db, 'edit', '1', '--by', 'Alice'],
      [
        ['phone: 138 0013 8000', DOWN + ENTER],
        ['The right value (phone)', `${BACKSPACE.repeat(4)}1111${ENTER}`],
        ['Record this correction? phone: 138 0013 8000 → 138 0013 1111', ENTER],
      ],
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.screen).toContain('Which field is wrong?');
    expect(result.screen).toContain('Complaint 1 corrected: phone;');
    const c = await run.json<ComplaintJson>('show', '1');
    expect(c.customer.phone).toBe('138 0013 1111');
    expect(c.events!.at(-1)).toMatchObject({ type: 'corrected', by: 'Alice', changes: [{ field: 'phone', before: '138 0013 8000', after: '138 0013 1111' }] });
  });

  it('offers the words of a vocabulary to choose from, in Chinese too', async () => {
    const { db, run } = await withOne();
    const result = onTerminal(
      ['--db', db, 'edit', '1'],
      [
        ['要更正哪一项？', DOWN.repeat(4) + ENTER],
        ['正确的内容 (严重程度)', DOWN + DOWN + ENTER],
        ['记录这项更正吗？ 严重程度: 一般 → 重大', ENTER],
      ],
      { LANG: 'zh_CN.UTF-8' },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.screen).toContain('投诉 1 已更正：严重程度（已重新计算答复客户期限）');
    expect((await run.json<ComplaintJson>('show', '1')).severity).toBe('major');
  });

  it("asks again, with decide's sentence, for a value it refuses (a received time after the first step)", async () => {
    const { db, run } = await withOne();
    await run.ok('log', '1', 'Called back', '--at', '2026-11-03 09:00');
    const result = onTerminal(
      ['--db', db, 'edit', '1'],
      [
        ['received: 2026-11-02 09:00', DOWN.repeat(9) + ENTER],
        ['The right value (received)', `\x152026-11-05 10:00${ENTER}`],
        ["after complaint 1's first step", `\x152026-11-01 09:00${ENTER}`],
        ['Record this correction?', ENTER],
      ],
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.screen).toContain('Complaint 1 corrected: received');
    expect((await run.json<ComplaintJson>('show', '1')).receivedAt).toMatch(/^2026-11-01T09:00/);
  });

  it('shows the change before recording it: choosing again records nothing until one is confirmed', async () => {
    const { db, run } = await withOne();
    const result = onTerminal(
      ['--db', db, 'edit', '1'],
      [
        ['customer: Wang Fang', ENTER],
        ['The right value (customer)', `x${ENTER}`],
        ['Record this correction? customer: Wang Fang → Wang Fangx', DOWN + ENTER],
        ['Which field is wrong?', DOWN + ENTER],
        ['The right value (phone)', `${BACKSPACE.repeat(4)}2222${ENTER}`],
        ['→ 138 0013 2222', ENTER],
      ],
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const c = await run.json<ComplaintJson>('show', '1');
    expect(c.customer).toEqual({ name: 'Wang Fang', phone: '138 0013 2222' });
    expect(c.events!.filter((event) => event.type === 'corrected')).toHaveLength(1);
  });

  it('says first that a voided complaint takes no correction, exit 1, asking nothing', async () => {
    const { db, run } = await withOne();
    await run.ok('void', '1', '--reason', 'Entered twice');
    const result = onTerminal(['--db', db, 'edit', '1'], []);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.screen).not.toContain('Which field is wrong?');
    expect(result.screen).toContain('kesu: Complaint 1 is voided ("Entered twice"), so it cannot take edit; bring it back first with kesu unvoid 1.');
  });

  it('Ctrl-C at a question cancels in one sentence, exit 130, and corrects nothing', async () => {
    const { db, run } = await withOne();
    const result = onTerminal(['--db', db, 'edit', '1'], [['Which field is wrong?', '\x03']]);
    expect(result.code).toBe(130);
    expect(result.screen).toContain('kesu: Cancelled: nothing was recorded; run the command again when ready.');
    expect((await run.json<ComplaintJson>('show', '1')).events).toHaveLength(1);
  });
});
