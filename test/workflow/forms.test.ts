import { describe, expect, it } from 'vitest';
import { readForm, type FormContext, type FormReading } from '../../src/workflow/form-reading.js';
import { FORM_FIELDS, formRow, mapHeaders, readUserColumnMap, templateHeaders, type ColumnMap } from '../../src/workflow/forms.js';
import { formKey, refKey } from '../../src/workflow/identity.js';
import { DEFAULT_SETTINGS } from '../../src/workflow/settings.js';
import { fixedZone } from '../../src/workflow/time.js';

function context(): FormContext {
  let uuids = 0;
  return {
    now: '2026-11-19T12:00:00+08:00',
    settings: DEFAULT_SETTINGS,
    zone: fixedZone('+08:00'),
    newUuid: () => `uuid-${++uuids}`,
    defaultActor: 'clerk',
  };
}

function columnsOf(header: string[]): ColumnMap {
  const reading = mapHeaders(header);
  if (!reading.ok) throw new Error(reading.problem.en);
  return reading.columns;
}

/** Reads rows under a header; the first row given is spreadsheet row 2. */
function readRows(header: string[], rows: string[][], extra: Partial<FormContext> = {}): FormReading[] {
  const columns = columnsOf(header);
  const ctx = { ...context(), ...extra };
  return rows.map((cells, index) => readForm({ row: index + 2, cells }, columns, ctx));
}

function errorsOf(reading: FormReading | undefined): { row: number; column: string; message: string }[] {
  if (!reading || reading.ok) throw new Error('expected the row to be refused');
  return reading.errors.map(({ row, column, message }) => ({ row, column, message }));
}

const BASIC = ['ref', 'receivedAt', 'customer', 'category', 'description'];

describe('mapping headers', () => {
  it('reads English headers without regard to case, spaces, _ and -', () => {
    const columns = columnsOf(['Ref', 'Received At', 'CUSTOMER', 'cate-gory', 'description', 'received_by', 'Follow-Up At']);
    expect(columns.indexOf).toEqual({ ref: 0, receivedAt: 1, customer: 2, category: 3, description: 4, receivedBy: 5, followupAt: 6 });
  });

  it('reads the Chinese headers of the spec, full-width and with units in brackets', () => {
    const header = ['表单编号', '受理日期', '顾客姓名', '电话', '渠道', '类别', '严重程度', '投诉内容', '客户要求', '订单号', '受理人', '责任人', '责任部门', '处理结果', '处理日期', '赔付金额（元）', '回访日期', '满意度'];
    const columns = columnsOf(header);
    expect(Object.keys(columns.indexOf)).toEqual([
      'ref', 'receivedAt', 'customer', 'phone', 'channel', 'category', 'severity', 'description', 'request', 'order',
      'receivedBy', 'assignee', 'department', 'solution', 'resolvedAt', 'compensation', 'followupAt', 'satisfaction',
    ]);
    expect(columns.headers[15]).toBe('赔付金额（元）');
  });

  it('names an unknown column in a warning and ignores it', () => {
    const reading = mapHeaders([...BASIC, '备注']);
    expect(reading.ok && reading.columns.ignored).toEqual(['备注']);
    expect(reading.ok && reading.warnings.map((w) => w.en)).toEqual([
      'Column "备注" is not one kesu reads, so it is ignored; if it holds one of kesu\'s fields, name it with --map.',
    ]);
  });

  it('refuses a file without a required column, naming it', () => {
    const reading = mapHeaders(['ref', 'receivedAt', 'customer', 'description']);
    expect(reading.ok).toBe(false);
    expect(!reading.ok && reading.problem.en).toBe(
      'The file has no column for category (投诉类别), which every form needs; add it, or name the column that holds it with --map.',
    );
  });

  it('refuses two columns meaning the same field', () => {
    const reading = mapHeaders([...BASIC, '客户姓名']);
    expect(!reading.ok && reading.problem.en).toMatch(/Columns "customer" and "客户姓名" both mean customer/);
  });

  it('follows a user map, including null to silence a column', () => {
    const map = readUserColumnMap({ 'Kunde': 'customer', 'Datum': 'received_at', 'Notiz': null });
    if (!map.ok) throw new Error(map.problem.en);
    const reading = mapHeaders(['Datum', 'Kunde', 'category', 'description', 'Notiz'], map.map);
    expect(reading.ok && reading.columns.indexOf).toEqual({ receivedAt: 0, customer: 1, category: 2, description: 3 });
    expect(reading.ok && reading.warnings).toEqual([]);
    const bad = readUserColumnMap({ Kunde: 'client' });
    expect(!bad.ok && bad.problem.en).toMatch(/"Kunde" to "client", which is not a column kesu reads/);
  });

  it('gives a template that maps back to every field, in both languages', () => {
    for (const lang of ['en', 'zh'] as const) {
      const header = templateHeaders(lang);
      expect(Object.keys(columnsOf(header).indexOf)).toEqual([...FORM_FIELDS]);
    }
    expect(templateHeaders('zh').slice(0, 4)).toEqual(['编号', '投诉日期', '受理人', '客户姓名']);
  });
});

describe('a row becoming a complaint', () => {
  const HISTORY = ['编号', '投诉日期', '客户姓名', '投诉类别', '投诉内容', '责任人', '处理结果', '处理日期', '赔付金额', '赔付方式', '回访日期', '满意度'];

  it('opens with defaults and the department of its category', () => {
    const [reading] = readRows(BASIC, [['F-1', '2026-10-05 09:30', 'Wang Fang', 'quality', 'Kettle leaks']]);
    if (!reading?.ok) throw new Error('refused');
    expect(reading.events.map((e) => e.type)).toEqual(['opened']);
    expect(reading.complaint).toMatchObject({
      status: 'open', channel: 'in-person', severity: 'normal', department: 'QC', receivedAt: '2026-10-05T09:30:00+08:00', receivedBy: 'clerk',
    });
    expect(reading.complaint.deadlines.answer?.due).toBe('2026-10-12T23:59:59+08:00');
  });

  it('carries its history through decide: a satisfied follow-up closes, two are needed for quality', () => {
    const readings = readRows(HISTORY, [
      ['B-1', '2026年10月12日 10:15', '张伟', '配送', '送货晚了三天', '刘强', '退还运费并道歉', '2026年10月13日', '15.00', '退款', '2026/10/15', '满意'],
      ['B-2', '2026.10.05', '赵敏', '质量', '内胆有划痕', '', '更换新内胆', '', '', '换货', '2026年10月8日', '5'],
      ['B-3', '2026/10/5 16:20', '钱多多', '收费', '多收了10元', '', '退还差价', '2026/10/6', '10', '退款', '2026/10/9', '2'],
    ]);
    const [closed, resolved, reopened] = readings.map((r) => {
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r;
    });
    expect(closed!.events.map((e) => [e.type, e.at])).toEqual([
      ['opened', '2026-10-12T10:15:00+08:00'],
      ['assigned', '2026-10-12T10:15:00+08:00'],
      ['resolved', '2026-10-13T00:00:00+08:00'],
      ['followed-up', '2026-10-15T00:00:00+08:00'],
      ['closed', '2026-10-15T00:00:00+08:00'],
    ]);
    expect(closed!.complaint).toMatchObject({ status: 'closed', outcome: 'satisfied', assignee: '刘强', compensation: { kind: 'refund', cents: 1500 } });
    expect(resolved!.complaint.status).toBe('resolved');
    // A resolution with no date of its own happens when the complaint was received.
    expect(resolved!.complaint.resolvedAt).toBe('2026-10-05T00:00:00+08:00');
    expect(resolved!.complaint.deadlines.followup?.due).toBe('2026-10-15T23:59:59+08:00');
    expect(reopened!.complaint).toMatchObject({ status: 'open', reopenCount: 1 });
  });

  it('takes a date without a time on the day of the step before as that step\'s moment', () => {
    const [reading] = readRows(['receivedAt', 'customer', 'category', 'description', 'solution', 'resolvedAt'], [
      ['2026-10-05 15:00', 'Wang', 'service', 'Rude', 'Apologised', '2026-10-05'],
    ]);
    expect(reading?.ok && reading.complaint.resolvedAt).toBe('2026-10-05T15:00:00+08:00');
  });

  it("takes a time written with another offset as the same moment on the shop's clock", () => {
    const [reading] = readRows(['receivedAt', 'customer', 'category', 'description', 'solution', 'resolvedAt'], [
      ['2026-10-29T20:00:00Z', 'Wang', 'service', 'Rude', 'Apologised', '2026-10-30T09:00:00+09:00'],
    ]);
    expect(reading?.ok && [reading.complaint.receivedAt, reading.complaint.resolvedAt]).toEqual(['2026-10-30T04:00:00+08:00', '2026-10-30T08:00:00+08:00']);
  });

  it('checks a status column against where the history leads', () => {
    const header = ['receivedAt', 'customer', 'category', 'description', 'solution', 'status'];
    const [agrees, disagrees] = readRows(header, [
      ['2026-10-05', 'Wang', 'service', 'Rude', 'Apologised', '已解决'],
      ['2026-10-05', 'Chen', 'service', 'Rude', 'Apologised', 'closed'],
    ]);
    expect(agrees?.ok).toBe(true);
    expect(errorsOf(disagrees)).toEqual([
      {
        row: 3,
        column: 'status',
        message: "says closed, but the row's history leaves the complaint resolved (the status that the solution, follow-up and close reason lead to)",
      },
    ]);
  });

  it('closes with a close reason, at the close date', () => {
    const [reading] = readRows(['receivedAt', 'customer', 'category', 'description', 'closeReason', 'closedAt'], [
      ['2026-10-05', 'Wang', 'other', 'Changed her mind', '撤回', '2026-10-07 10:00'],
    ]);
    expect(reading?.ok && [reading.complaint.status, reading.complaint.outcome, reading.complaint.closedAt]).toEqual([
      'closed', 'withdrawn', '2026-10-07T10:00:00+08:00',
    ]);
  });
});

describe('the problems of a row, each with its row and column', () => {
  it('a date that is not a date', () => {
    const readings = readRows(BASIC, [
      ['X-1', '2026-10-05', 'Wang Fang', 'quality', 'Kettle leaks'],
      ['X-2', '2026-13-05', 'Chen Jie', 'service', 'Rude at the till'],
    ]);
    expect(readings[0]?.ok).toBe(true);
    expect(errorsOf(readings[1])).toEqual([
      {
        row: 3,
        column: 'receivedAt',
        message: '"2026-13-05" is not a date (a date like 2026-10-05, 2026/10/5, 2026.10.05 or 2026年10月5日, optionally with a time such as 14:30)',
      },
    ]);
  });

  it('an ambiguous date, refused rather than guessed', () => {
    const [reading] = readRows(['编号', '投诉日期', '客户姓名', '投诉类别', '投诉内容'], [['A-1', '05/10/2026', '张伟', '质量', '划痕']]);
    expect(errorsOf(reading)).toEqual([
      { row: 2, column: '投诉日期', message: '"05/10/2026" could be read as two different dates (the year first, like 2026-10-05 or 2026年10月5日)' },
    ]);
  });

  it('a missing required value', () => {
    const [reading] = readRows(BASIC, [['M-2', '2026-10-06', '  ', 'service', 'Rude at the till']]);
    expect(errorsOf(reading)).toEqual([{ row: 2, column: 'customer', message: "empty (the customer's name is required)" }]);
  });

  it('an unknown category', () => {
    const [reading] = readRows(['编号', '投诉日期', '客户姓名', '投诉类别', '投诉内容'], [['U-2', '2026年10月6日', '李娜', '变质', '牛奶过期了']]);
    expect(errorsOf(reading)).toEqual([
      {
        row: 2,
        column: '投诉类别',
        message: '"变质" is not a category (one of quality, service, delivery, wrong-item, after-sales, billing, facility, other, or 质量、服务、配送、错发、售后、账单、设施、其他)',
      },
    ]);
  });

  it('a satisfaction out of range', () => {
    const [reading] = readRows(['ref', 'receivedAt', 'customer', 'category', 'description', 'solution', 'resolvedAt', 'followupAt', 'satisfaction'], [
      ['S-1', '2026-10-05', 'Wang Fang', 'service', 'Rude at the till', 'Apologised in person', '2026-10-06', '2026-10-08', '7'],
    ]);
    expect(errorsOf(reading)).toEqual([
      { row: 2, column: 'satisfaction', message: '"7" is not a satisfaction (a whole number from 1 very dissatisfied to 5 very satisfied)' },
    ]);
  });

  it('every problem of a row, not only the first', () => {
    const header = ['投诉日期', '客户姓名', '投诉类别', '投诉内容', '联系电话', '赔付金额', '回访日期'];
    const [reading] = readRows(header, [['2026/10/32', '', '变质', '牛奶过期了', 'call me', 'ten', '2026-10-09']]);
    expect(errorsOf(reading).map((e) => e.column)).toEqual(['投诉日期', '客户姓名', '投诉类别', '联系电话', '赔付金额', '回访日期']);
  });

  it('history out of order or in the future, on the column of the later date', () => {
    const header = ['receivedAt', 'customer', 'category', 'description', 'solution', 'resolvedAt', 'followupAt', 'satisfaction'];
    const [early, future] = readRows(header, [
      ['2026-10-05 10:00', 'Wang', 'service', 'Rude', 'Apologised', '2026-10-04', '2026-10-08', '5'],
      ['2026-10-05 10:00', 'Chen', 'service', 'Rude', 'Apologised', '2026-10-06', '2026-12-01', '5'],
    ]);
    expect(errorsOf(early)).toEqual([
      { row: 2, column: 'resolvedAt', message: '2026-10-04 00:00 is before receivedAt (投诉日期) (a time no earlier than 2026-10-05 10:00)' },
    ]);
    expect(errorsOf(future)).toEqual([{ row: 3, column: 'followupAt', message: '2026-12-01 00:00 is in the future (a date that has passed)' }]);
  });

  it('every time out of place in the history, not only the first step decide refuses', () => {
    const header = ['receivedAt', 'customer', 'category', 'description', 'solution', 'resolvedAt', 'closeReason', 'closedAt'];
    const [reading] = readRows(header, [['2026-10-05 10:00', 'Wang', 'service', 'Rude', 'Apologised', '2026-10-04', 'withdrawn', '2026-12-01']]);
    expect(errorsOf(reading)).toEqual([
      { row: 2, column: 'resolvedAt', message: '2026-10-04 00:00 is before receivedAt (投诉日期) (a time no earlier than 2026-10-05 10:00)' },
      { row: 2, column: 'closedAt', message: '2026-12-01 00:00 is in the future (a date that has passed)' },
    ]);
  });

  it('an amount without its kind, refused by decide on the amount column', () => {
    const [reading] = readRows(['receivedAt', 'customer', 'category', 'description', 'solution', '赔付金额'], [['2026-10-05', 'Wang', 'service', 'Rude', 'Refunded', '25']]);
    expect(errorsOf(reading)).toEqual([
      { row: 2, column: '赔付金额', message: 'an amount without its kind (compensationKind/赔付方式: refund, replacement, repair, voucher, gift, none)' },
    ]);
  });

  it('a follow-up after one that reopened the complaint, said without the number the complaint does not have yet', () => {
    const header = ['receivedAt', 'customer', 'category', 'description', 'solution', 'followupAt', 'satisfaction'];
    const [reading] = readRows(header, [['2026-10-05', 'Wang', 'service', 'Rude', 'Apologised', '2026-10-08\n2026-10-09', '2\n5']]);
    expect(errorsOf(reading)).toEqual([
      { row: 2, column: 'satisfaction', message: 'an earlier step of this row left the complaint open, which cannot take followup (from open: assign, answer, resolve, close, log, edit, void, wait, resume, escalate)' },
    ]);
  });

  it('what a text may not hold, in every text of the row and with its other problems', () => {
    const header = ['receivedAt', 'customer', 'category', 'description', 'assignee', 'followupNote'];
    const [reading] = readRows(header, [['2026-10-05', 'Wang\u001b[2J', 'nonsense', 'x'.repeat(4001), 'Li\tNa', 'fine']]);
    expect(errorsOf(reading)).toEqual([
      { row: 2, column: 'customer', message: 'holds the control character U+001B, which would change what a terminal shows (plain text)' },
      { row: 2, column: 'description', message: 'too long at 4001 characters (at most 4000)' },
      { row: 2, column: 'category', message: '"nonsense" is not a category (one of quality, service, delivery, wrong-item, after-sales, billing, facility, other, or 质量、服务、配送、错发、售后、账单、设施、其他)' },
      { row: 2, column: 'assignee', message: 'holds a tab (one line)' },
      { row: 2, column: 'followupNote', message: 'a follow-up without its satisfaction (1 to 5, in satisfaction/满意度)' },
    ]);
  });

  it('a close date without a close reason, offering the reasons as the vocabulary labels them', () => {
    const [reading] = readRows(['receivedAt', 'customer', 'category', 'description', 'closedAt'], [['2026-10-05', 'Wang', 'other', 'Changed her mind', '2026-10-07']]);
    if (!reading || reading.ok) throw new Error('expected the row to be refused');
    expect(reading.errors.map((e) => [e.column, e.sentence.en, e.sentence.zh])).toEqual([
      ['closedAt', 'a close date without a close reason (closeReason/结案原因: withdrawn, unresolved, duplicate)', '有结案日期却没有结案原因（请填写：客户撤诉、未能解决或重复投诉）'],
    ]);
  });

  it('a refusal by decide lands on the column of its step', () => {
    const [reading] = readRows(['receivedAt', 'customer', 'category', 'description', 'solution'], [
      ['2026-10-05', 'Wang', 'service', 'Rude', 'x'.repeat(4001)],
    ]);
    expect(errorsOf(reading)).toEqual([{ row: 2, column: 'solution', message: 'too long at 4001 characters (at most 4000)' }]);
  });
});

describe('the keys that recognise a form again', () => {
  it('the form key is the day, customer and description, whatever the form number; the ref key its number loosely', () => {
    const [withRef, sameDayLater, other] = readRows(['ref', 'receivedAt', 'customer', 'category', 'description'], [
      ['F-001', '2026-10-05 09:00', 'Wang Fang', 'quality', 'Kettle leaks'],
      ['', '2026-10-05 17:00', ' wang  fang ', 'quality', 'Kettle   leaks'],
      ['', '2026-10-06', 'Wang Fang', 'quality', 'Kettle leaks'],
    ]);
    const keyOf = (reading: typeof withRef) => (reading?.ok ? formKey(reading.complaint) : null);
    expect(keyOf(withRef)).toBe(['form', '2026-10-05', 'wang fang', 'kettle leaks'].join('\u001f'));
    expect(keyOf(sameDayLater)).toBe(keyOf(withRef));
    expect(keyOf(other)).toBe(['form', '2026-10-06', 'wang fang', 'kettle leaks'].join('\u001f'));
    expect(withRef?.ok && withRef.complaint.ref).toBe('F-001');
    expect(['F-001', 'f-001', 'Ｆ－００１', ' F-001 '].map(refKey)).toEqual(['f-001', 'f-001', 'f-001', 'f-001']);
  });

  it('--ref-prefix goes before every form number, and not where a row has none', () => {
    const rows = readRows(['ref', 'receivedAt', 'customer', 'category', 'description'], [
      ['1', '2026-11-01', 'Tang', 'quality', 'Rice cooker'],
      ['', '2026-11-01', 'Sun', 'quality', 'Kettle'],
    ], { refPrefix: '2026-11-' });
    expect(rows.map((reading) => reading?.ok && reading.complaint.ref)).toEqual(['2026-11-1', null]);
  });
});

describe('several follow-ups in one row, and a complaint back to a row', () => {
  const HEADER = ['receivedAt', 'customer', 'category', 'description', 'solution', 'resolvedAt', 'followupAt', 'followupMethod', 'satisfaction', 'followupNote'];

  it('reads one follow-up per line, in order: two satisfied ones close a quality complaint', () => {
    const [reading] = readRows(HEADER, [
      ['2026-10-05 09:00', 'Wang', 'quality', 'Leaks', 'Replaced', '2026-10-06 10:00', '2026-10-09 10:00\n2026-10-16 10:00', 'visit', '5\n4', '\nStill fine'],
    ]);
    if (!reading?.ok) throw new Error(JSON.stringify(reading));
    expect(reading.complaint.status).toBe('closed');
    expect(reading.complaint.followups.map((f) => [f.at, f.method, f.satisfaction, f.note])).toEqual([
      ['2026-10-09T10:00:00+08:00', 'visit', 5, null],
      ['2026-10-16T10:00:00+08:00', 'visit', 4, 'Still fine'],
    ]);
  });

  it('refuses follow-up dates and satisfactions that do not pair up', () => {
    const [reading] = readRows(HEADER, [['2026-10-05', 'Wang', 'quality', 'Leaks', 'Replaced', '2026-10-06', '2026-10-09; 2026-10-16', '', '5', '']]);
    expect(errorsOf(reading)).toEqual([{ row: 2, column: 'satisfaction', message: '1 satisfaction for 2 follow-up dates (one per follow-up, one per line)' }]);
  });

  it('formRow gives back a row that reads as the same complaint', () => {
    const [first] = readRows(HEADER, [
      ['2026-10-05 09:00', 'Wang', 'quality', 'Leaks', 'Replaced', '2026-10-06 10:00', '2026-10-09 10:00\n2026-10-16 10:00', 'phone\nvisit', '5\n4', 'Glad\nStill fine'],
    ]);
    if (!first?.ok) throw new Error('refused');
    const row = formRow(first.complaint);
    const [again] = readRows([...FORM_FIELDS], [FORM_FIELDS.map((field) => row[field])]);
    if (!again?.ok) throw new Error(JSON.stringify(again));
    const { uuid: _a, ...before } = first.complaint;
    const { uuid: _b, ...after } = again.complaint;
    expect(after).toEqual(before);
    expect(again.events.map((e) => e.type)).toEqual(first.events.map((e) => e.type));
  });
});

describe('waits in a row: waitFrom, waitUntil, waitOn', () => {
  // Mon 2 Nov 2026 09:00, normal: the answer is due 5 working days on, at the end of Mon 9 Nov.
  const HEADER = ['receivedAt', 'customer', 'category', 'description', 'solution', 'resolvedAt', 'waitFrom', 'waitUntil', 'waitOn'];
  const row = (cells: Partial<Record<'solution' | 'resolvedAt' | 'waitFrom' | 'waitUntil' | 'waitOn', string>>): string[] => [
    '2026-11-02 09:00', 'Wang', 'service', 'Rude', cells.solution ?? '', cells.resolvedAt ?? '', cells.waitFrom ?? '', cells.waitUntil ?? '', cells.waitOn ?? '',
  ];
  const complaintOf = (reading: FormReading | undefined) => {
    if (!reading?.ok) throw new Error(JSON.stringify(reading));
    return reading;
  };

  it('a wait and its end push the answer deadline back by the working days waited', () => {
    // waited Tue 3 10:00 – Thu 5 15:00: the working days Wed 4 and Thu 5 → Mon 9 + 2 = Wed 11 Nov
    const [reading] = readRows(HEADER, [row({ waitFrom: '2026-11-03 10:00', waitUntil: '2026年11月5日 15:00', waitOn: '供应商' })]);
    const { events, complaint } = complaintOf(reading);
    expect(events.map((e) => [e.type, e.at])).toEqual([
      ['opened', '2026-11-02T09:00:00+08:00'],
      ['waiting', '2026-11-03T10:00:00+08:00'],
      ['resumed', '2026-11-05T15:00:00+08:00'],
    ]);
    expect(complaint.deadlines.answer?.due).toBe('2026-11-11T23:59:59+08:00');
    expect(complaint.waits).toEqual([{ since: '2026-11-03T10:00:00+08:00', until: '2026-11-05T15:00:00+08:00', on: 'supplier' }]);
    expect(complaint.waiting).toBeNull();
  });

  it('a wait without its end still lasts, on the customer by default; a date alone on the day received is that moment', () => {
    const [reading] = readRows(HEADER, [row({ waitFrom: '2026-11-02' })]);
    const { events, complaint } = complaintOf(reading);
    expect(events.map((e) => e.type)).toEqual(['opened', 'waiting']);
    expect(complaint.waiting).toMatchObject({ since: '2026-11-02T09:00:00+08:00', on: 'customer' });
    expect(complaint.waits).toEqual([{ since: '2026-11-02T09:00:00+08:00', until: null, on: 'customer' }]);
  });

  it('a later step of the row ends a wait without its end, as decide ends it at any step', () => {
    const [reading] = readRows(HEADER, [row({ solution: 'Apologised', resolvedAt: '2026-11-05 15:00', waitFrom: '2026-11-03 10:00' })]);
    const { events, complaint } = complaintOf(reading);
    expect(events.map((e) => [e.type, e.at])).toEqual([
      ['opened', '2026-11-02T09:00:00+08:00'],
      ['waiting', '2026-11-03T10:00:00+08:00'],
      ['resumed', '2026-11-05T15:00:00+08:00'],
      ['resolved', '2026-11-05T15:00:00+08:00'],
    ]);
    expect(complaint.waits).toEqual([{ since: '2026-11-03T10:00:00+08:00', until: '2026-11-05T15:00:00+08:00', on: 'customer' }]);
  });

  it('several waits, one per line or separated by ;, each among the steps by its time', () => {
    const [reading] = readRows(HEADER, [
      row({ solution: 'Apologised', resolvedAt: '2026-11-05 10:00', waitFrom: '2026-11-03 10:00\n2026-11-09 10:00', waitUntil: '2026-11-04 10:00;', waitOn: 'supplier; 客户' }),
    ]);
    const { events, complaint } = complaintOf(reading);
    expect(events.map((e) => [e.type, e.at])).toEqual([
      ['opened', '2026-11-02T09:00:00+08:00'],
      ['waiting', '2026-11-03T10:00:00+08:00'],
      ['resumed', '2026-11-04T10:00:00+08:00'],
      ['resolved', '2026-11-05T10:00:00+08:00'],
      ['waiting', '2026-11-09T10:00:00+08:00'],
    ]);
    expect(complaint.waits).toEqual([
      { since: '2026-11-03T10:00:00+08:00', until: '2026-11-04T10:00:00+08:00', on: 'supplier' },
      { since: '2026-11-09T10:00:00+08:00', until: null, on: 'customer' },
    ]);
    expect(complaint.status).toBe('resolved');
  });

  it('a wait whose end is empty on its line ends with the next step, and the next wait begins after it', () => {
    const [reading] = readRows(HEADER, [row({ solution: 'Apologised', resolvedAt: '2026-11-05 10:00', waitFrom: '2026-11-03 10:00\n2026-11-09 10:00', waitUntil: '\n2026-11-10 10:00' })]);
    expect(complaintOf(reading).complaint.waits).toEqual([
      { since: '2026-11-03T10:00:00+08:00', until: '2026-11-05T10:00:00+08:00', on: 'customer' },
      { since: '2026-11-09T10:00:00+08:00', until: '2026-11-10T10:00:00+08:00', on: 'customer' },
    ]);
  });

  it('the problems of waits, each on its row and column', () => {
    const readings = readRows(HEADER, [
      row({ waitFrom: '2026-11-03 10:00', waitUntil: '2026-11-02 10:00' }),
      row({ solution: 'Apologised', resolvedAt: '2026-11-05 10:00', waitFrom: '2026-11-03 10:00', waitUntil: '2026-11-06 10:00' }),
      row({ waitFrom: '2026-11-03 10:00', waitOn: '老板' }),
      row({ waitFrom: '2026-11-03 10:00; 2026-11-04 10:00' }),
      row({ waitUntil: '2026-11-04 10:00' }),
      row({ waitFrom: '2026-11-03 10:00', waitUntil: '2026-11-04 10:00\n2026-11-05 10:00' }),
      row({ waitFrom: '2026-11-01 10:00' }),
      row({ waitFrom: '2026-11-03 10:00', waitOn: 'supplier\ncustomer' }),
      row({ waitFrom: 'soon' }),
    ]);
    expect(readings.map((reading) => errorsOf(reading))).toEqual([
      [{ row: 2, column: 'waitUntil', message: '2026-11-02 10:00 is before waitFrom (等待开始) (a time no earlier than 2026-11-03 10:00)' }],
      [
        {
          row: 3,
          column: 'waitUntil',
          message: '2026-11-06 10:00 is after resolvedAt (处理日期) 2026-11-05 10:00, which ended the wait (a step taken for the complaint ends its wait: a time no later than that step, or leave it empty)',
        },
      ],
      [{ row: 4, column: 'waitOn', message: '"老板" is not whom a complaint waits on (one of customer, supplier, other, or 客户、供应商、其他)' }],
      [{ row: 5, column: 'waitFrom', message: "a wait while the one from 2026-11-03 10:00 had not ended (that wait's end on its line of waitUntil/等待结束, or a step of the row between the two)" }],
      [{ row: 6, column: 'waitUntil', message: 'given without a start (the date the wait began, in waitFrom/等待开始)' }],
      [{ row: 7, column: 'waitUntil', message: '2 ends for 1 wait (at most one per wait, one per line)' }],
      [{ row: 8, column: 'waitFrom', message: '2026-11-01 10:00 is before receivedAt (投诉日期) (a time no earlier than 2026-11-02 09:00)' }],
      [{ row: 9, column: 'waitOn', message: '2 parties waited on for 1 wait (one for all, or one per wait)' }],
      [{ row: 10, column: 'waitFrom', message: expect.stringMatching(/^"soon" is not a date/) }],
    ]);
  });

  it('a wait after the row closed the complaint, said on its start', () => {
    const [reading] = readRows(['receivedAt', 'customer', 'category', 'description', 'closeReason', 'closedAt', 'waitFrom'], [
      ['2026-11-02 09:00', 'Wang', 'other', 'Changed her mind', 'withdrawn', '2026-11-03 10:00', '2026-11-04 10:00'],
    ]);
    expect(errorsOf(reading)).toEqual([
      { row: 2, column: 'waitFrom', message: 'the complaint was closed at 2026-11-03 10:00, by an earlier step of this row (a wait while it is not closed)' },
    ]);
  });

  it('formRow writes every wait, one per line, and reads back as the same complaint', () => {
    const [first] = readRows(HEADER, [
      row({ solution: 'Apologised', resolvedAt: '2026-11-05 10:00', waitFrom: '2026-11-03 10:00\n2026-11-09 10:00', waitUntil: '2026-11-04 10:00', waitOn: 'supplier\nother' }),
    ]);
    const { complaint } = complaintOf(first);
    const written = formRow(complaint);
    expect([written.waitFrom, written.waitUntil, written.waitOn]).toEqual([
      '2026-11-03T10:00:00+08:00\n2026-11-09T10:00:00+08:00',
      '2026-11-04T10:00:00+08:00\n',
      'supplier\nother',
    ]);
    const [again] = readRows([...FORM_FIELDS], [FORM_FIELDS.map((field) => written[field])]);
    const { uuid: _a, ...before } = complaint;
    const { uuid: _b, ...after } = complaintOf(again).complaint;
    expect(after).toEqual(before);
  });
});
