// `kesu report` end to end: a month of complaints (October 2026, with September before it and one
// complaint in June) built through the command line with --received/--at times, then every figure
// of `kesu --json report --month 2026-10` checked against values worked out by hand below; no
// phone number in any of the five formats; and the report as cron runs it.
//
// The shop's calendar: Monday to Friday, with China's National Day week as holidays
// (Thu 1 – Wed 7 Oct 2026) and its two make-up working days, Sun 20 Sep and Sat 10 Oct.
// So the working days of October are 8, 9, 10 (Sat), 12–16, 19–23, 26–30; of late September
// 14–18, 20 (Sun), 21–25, 28–30. Default policy: normal answer 5 working days, solution 3 from
// assign, follow-up 5 from resolve; urgent 1 / 1 / 24 h; major 24 h / 1 / 24 h; a deadline in days
// ends at 23:59:59 of its last day; quality needs 2 satisfied follow-ups, the rest 1.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BIN,
  expectFailure,
  expectJsonFailure,
  expectOk,
  expectSentence,
  kesu,
  makeDb,
  makeTempDir,
  on,
  removeTempDirs,
  ROOT,
  type ComplaintJson,
} from '../helpers/kesu.js';

afterAll(removeTempDirs);

const db = makeDb();
const run = on(db);

/** Runs a recording command with --json; returns the complaint it printed. */
const act = (...args: string[]): Promise<ComplaintJson> => run.json<ComplaintJson>(...args, '--by', 'Alice');
const open = (received: string, fields: Record<string, string>): Promise<ComplaintJson> =>
  act('open', '--received', received, ...Object.entries(fields).flatMap(([flag, value]) => [`--${flag}`, value]));

/** Every customer phone given below, as typed, plus one typed into a root cause by hand. */
const PHONES = [
  '139 0000 1111', // Chen Jing (#1 and #5)
  '021-6666-2222', // Zhou Min (#2)
  '135 1234 0003', // Guo Lei (#3)
  '186 0000 0004', // Sun Hao (#4)
  '137 0000 0006', // Huang Li (#6), given as 13700000006 for #11
  '158 0000 0007', // Ma Jun (#7)
  '189 0000 0008', // Zhang Wei (#8)
  '177 0000 0009', // Xu Yan (#9)
  '150 0000 0010', // Wu Fang (#10)
  '182 0000 0012', // Lin Na (#12)
  '021-6666-3333', // another Zhou Min (#13)
  '13655556666', // in #4's root cause
];

/** Each phone as typed and as its bare digits: neither may appear in a report. */
const PHONE_FORMS = [...new Set(PHONES.flatMap((p) => [p, p.replace(/\D/g, '')]))];

const day = (date: string): string => `${date}T23:59:59+08:00`;

async function buildShop(): Promise<void> {
  await run.ok('config', 'add', 'holiday', '2026-10-01..2026-10-07');
  await run.ok('config', 'add', 'workday', '2026-09-20,2026-10-10');

  // #1 Chen Jing, June: the first of her two complaints in 12 months (a repeat customer in October).
  // Resolved and closed in June, so it counts only for repeat customers and the June trend
  // (received 1, follow-ups 4 and 5 → mean 4.50).
  expect((await open('2026-06-10 10:00', { customer: 'Chen Jing', phone: '139 0000 1111', category: 'quality', desc: 'Kettle leaks' })).id).toBe(1);
  await act('resolve', '1', '--solution', 'Replaced the kettle', '--compensation', '20', '--compensation-kind', 'refund', '--at', '2026-06-11 10:00');
  await act('followup', '1', '--satisfaction', '4', '--at', '2026-06-12 10:00');
  expect((await act('followup', '1', '--satisfaction', '5', '--at', '2026-06-19 10:00')).status).toBe('closed');

  // #2 Zhou Min, Mon 14 Sep, delivery by phone, normal. Answer due 5 working days: 15, 16, 17, 18,
  // 20 (the make-up Sunday) → Sun 20 Sep. Assigned 10:00 → solution due 15, 16, 17 → Thu 17 Sep.
  const c2 = await open('2026-09-14 09:00', { customer: 'Zhou Min', phone: '021-6666-2222', channel: 'phone', category: 'delivery', desc: 'Parcel never came' });
  expect(c2.deadlines.answer).toBe(day('2026-09-20'));
  expect((await act('assign', '2', '--to', 'Liu Yang', '--at', '2026-09-14 10:00')).deadlines.solution).toBe(day('2026-09-17'));
  // Resolved Wed 16 Sep: answer and solution on time; 2 working days (15, 16); voucher 50.00.
  // Follow-up due 5 working days: 17, 18, 20, 21, 22 → Tue 22 Sep.
  const r2 = await act(
    'resolve', '2', '--solution', 'Redelivered', '--compensation', '50', '--compensation-kind', 'voucher',
    '--root-cause', 'Wrong address label', '--action', 'Double-check address labels', '--at', '2026-09-16 15:00',
  );
  expect(r2.deadlines.followup).toBe(day('2026-09-22'));
  // Fri 18 Sep, satisfaction 5, on time → closed (delivery needs 1).
  expect((await act('followup', '2', '--satisfaction', '5', '--at', '2026-09-18 10:00')).status).toBe('closed');
  // Reopened by hand on Mon 19 Oct (the redelivered goods were damaged): assigned again to Liu Yang,
  // answer re-armed 5 working days: 20, 21, 22, 23, 26 → Mon 26 Oct; solution 3: 20, 21, 22 →
  // Thu 22 Oct. Nothing more happens: at the end of October it is open and both are overdue.
  const o2 = await act('reopen', '2', '--at', '2026-10-19 09:00');
  expect(o2).toMatchObject({ status: 'assigned', deadlines: { answer: day('2026-10-26'), solution: day('2026-10-22') } });

  // #3 Guo Lei, Mon 28 Sep 16:00, service by email. Answer due 29, 30 Sep, (1–7 Oct holidays),
  // 8, 9, 10 Oct → Sat 10 Oct (the make-up Saturday). Open at the end of September, not overdue.
  const c3 = await open('2026-09-28 16:00', { customer: 'Guo Lei', phone: '135 1234 0003', channel: 'email', category: 'service', desc: 'Rude at the counter' });
  expect(c3.deadlines.answer).toBe(day('2026-10-10'));
  // Resolved Tue 13 Oct without an assignee: answered late; 7 working days (29, 30 Sep, 8, 9, 10, 12,
  // 13 Oct). Follow-up due 14, 15, 16, 19, 20 → Tue 20 Oct.
  const r3 = await act(
    'resolve', '3', '--solution', 'Apologised and explained the returns policy',
    '--root-cause', 'Counter staff not trained', '--action', 'Train counter staff on returns', '--at', '2026-10-13 10:00',
  );
  expect(r3.deadlines.followup).toBe(day('2026-10-20'));
  // Thu 15 Oct, satisfaction 4, on time → closed.
  expect((await act('followup', '3', '--satisfaction', '4', '--at', '2026-10-15 11:00')).status).toBe('closed');

  // #4 Sun Hao, Tue 29 Sep 09:00, billing by phone, major: answer due in 24 hours, Wed 30 Sep 09:00.
  // Open and overdue at the end of September.
  const c4 = await open('2026-09-29 09:00', { customer: 'Sun Hao', phone: '186 0000 0004', channel: 'phone', category: 'billing', severity: 'major', desc: 'Charged twice' });
  expect(c4.deadlines.answer).toBe('2026-09-30T09:00:00+08:00');
  // Resolved Thu 8 Oct 14:00 without an assignee: answered late; 2 working days (30 Sep, 8 Oct);
  // refund 35.20; a phone number typed into the root cause (the report must mask it).
  // Follow-up due in 24 hours: Fri 9 Oct 14:00.
  const r4 = await act(
    'resolve', '4', '--solution', 'Refunded the double charge', '--compensation', '35.20', '--compensation-kind', 'refund',
    '--root-cause', "Customer's number 13655556666 mistyped on the invoice", '--action', 'Read the number back to the customer',
    '--at', '2026-10-08 14:00',
  );
  expect(r4.deadlines.followup).toBe('2026-10-09T14:00:00+08:00');
  // Fri 9 Oct 11:00, satisfaction 4, on time → closed.
  expect((await act('followup', '4', '--satisfaction', '4', '--at', '2026-10-09 11:00')).status).toBe('closed');

  // #5 Chen Jing again (same name and phone as #1), Thu 8 Oct, quality, in person. Answer due 9,
  // 10, 12, 13, 14 → Wed 14 Oct. Assigned → solution due 9, 10, 12 → Mon 12 Oct; department QC.
  const c5 = await open('2026-10-08 09:30', { customer: 'Chen Jing', phone: '139 0000 1111', category: 'quality', desc: 'Glaze cracked on the whole set' });
  expect(c5.deadlines.answer).toBe(day('2026-10-14'));
  expect(await act('assign', '5', '--to', 'Wang Qiang', '--at', '2026-10-08 10:00')).toMatchObject({ department: 'QC', deadlines: { solution: day('2026-10-12') } });
  await act('log', '5', 'Batch', 'cracked', '--kind', 'finding', '--substantiated', 'yes', '--responsibility', 'supplier', '--at', '2026-10-08 16:00');
  // Resolved Fri 9 Oct: answer and solution on time; 1 working day; refund 120.00.
  // Follow-up due 10, 12, 13, 14, 15 → Thu 15 Oct.
  const r5 = await act(
    'resolve', '5', '--solution', 'Refund and a new set', '--compensation', '120', '--compensation-kind', 'refund',
    '--root-cause', 'Supplier batch defect', '--action', 'Inspect every incoming batch', '--at', '2026-10-09 14:00',
  );
  expect(r5.deadlines.followup).toBe(day('2026-10-15'));
  // Mon 12 Oct, 5, on time; quality needs 2, so it stays resolved; next due 13, 14, 15, 16, 19 → Mon 19 Oct.
  const f5 = await act('followup', '5', '--satisfaction', '5', '--at', '2026-10-12 10:00');
  expect(f5).toMatchObject({ status: 'resolved', deadlines: { followup: day('2026-10-19') } });
  // Tue 20 Oct, 4, late (due the 19th) → closed.
  expect((await act('followup', '5', '--satisfaction', '4', '--at', '2026-10-20 10:00')).status).toBe('closed');

  // #6 Huang Li, Fri 9 Oct 11:00, delivery by phone, urgent. Answer due 1 working day → Sat 10 Oct;
  // assigned 12:00 → solution due Sat 10 Oct; department logistics.
  const c6 = await open('2026-10-09 11:00', { customer: 'Huang Li', phone: '137 0000 0006', channel: 'phone', category: 'delivery', severity: 'urgent', desc: 'Fridge delivered a week late' });
  expect(c6.deadlines.answer).toBe(day('2026-10-10'));
  expect((await act('assign', '6', '--to', 'Zhao Gang', '--at', '2026-10-09 12:00')).deadlines.solution).toBe(day('2026-10-10'));
  await act('log', '6', 'The', 'courier', 'missed', 'the', 'slot', '--kind', 'finding', '--substantiated', 'yes', '--responsibility', 'third-party', '--at', '2026-10-09 13:00');
  // Resolved Mon 12 Oct 09:00: answer late, solution late; 2 working days (10, 12); voucher 30.00.
  // Follow-up due in 24 hours: Tue 13 Oct 09:00.
  await act(
    'resolve', '6', '--solution', 'Redelivered by express', '--compensation', '30', '--compensation-kind', 'voucher',
    '--root-cause', 'Courier missed the delivery slot', '--action', 'Book delivery slots a day ahead', '--at', '2026-10-12 09:00',
  );
  // Tue 13 Oct 08:30, satisfaction 2, on time → reopened (a reopen in October), assigned again;
  // answer and solution re-armed 1 working day → Wed 14 Oct.
  const f6 = await act('followup', '6', '--satisfaction', '2', '--at', '2026-10-13 08:30');
  expect(f6).toMatchObject({ status: 'assigned', reopenCount: 1, deadlines: { answer: day('2026-10-14'), solution: day('2026-10-14') } });
  // Resolved again Wed 14 Oct 16:00: answer and solution on time; 4 working days from receipt (10,
  // 12, 13, 14); refund 80.00. Follow-up due Thu 15 Oct 16:00.
  await act('resolve', '6', '--solution', 'Refunded the delivery fee', '--compensation', '80', '--compensation-kind', 'refund', '--at', '2026-10-14 16:00');
  // Thu 15 Oct 10:00, satisfaction 4, on time → closed.
  expect((await act('followup', '6', '--satisfaction', '4', '--at', '2026-10-15 10:00')).status).toBe('closed');

  // #7 Ma Jun, Mon 12 Oct, billing by chat. Answer due 13, 14, 15, 16, 19 → Mon 19 Oct.
  // Found unsubstantiated (the customer's responsibility), then unfounded on Wed 14 Oct: answered
  // on time, 2 working days, no compensation, no root cause; a corrective action all the same.
  const c7 = await open('2026-10-12 14:00', { customer: 'Ma Jun', phone: '158 0000 0007', channel: 'chat', category: 'billing', desc: 'Charged more than the shelf price' });
  expect(c7.deadlines.answer).toBe(day('2026-10-19'));
  await act('log', '7', 'The', 'shelf', 'price', 'was', 'the', 'one', 'charged', '--kind', 'finding', '--substantiated', 'no', '--responsibility', 'customer', '--at', '2026-10-13 10:00');
  const u7 = await act('resolve', '7', '--unfounded', '--finding', 'Charged the advertised price', '--action', 'Label shelf prices clearly', '--at', '2026-10-14 10:00');
  expect(u7).toMatchObject({ status: 'closed', outcome: 'unfounded' });

  // #8 Zhang Wei, Fri 16 Oct 18:00, after-sales via a consumer association, major. Answer due in
  // 24 hours: Sat 17 Oct 18:00. Assigned 19:00 → solution due 1 working day: Mon 19 Oct.
  const c8 = await open('2026-10-16 18:00', { customer: 'Zhang Wei', phone: '189 0000 0008', channel: 'third-party', category: 'after-sales', severity: 'major', desc: 'Water heater installed wrongly' });
  expect(c8.deadlines.answer).toBe('2026-10-17T18:00:00+08:00');
  expect((await act('assign', '8', '--to', 'Qian Feng', '--at', '2026-10-16 19:00')).deadlines.solution).toBe(day('2026-10-19'));
  await act('log', '8', 'Installer', 'skipped', 'the', 'check', '--kind', 'finding', '--substantiated', 'yes', '--responsibility', 'store', '--at', '2026-10-17 09:00');
  // Resolved Sat 17 Oct 10:00: answer and solution on time; 0 working days (Sat is not one);
  // replacement 200.00. Follow-up due Sun 18 Oct 10:00.
  await act(
    'resolve', '8', '--solution', 'Reinstalled and replaced the valve', '--compensation', '200', '--compensation-kind', 'replacement',
    '--root-cause', 'Staff skipped the installation check', '--action', 'Installation checklist signed by the customer',
    '--at', '2026-10-17 10:00',
  );
  // Mon 19 Oct 09:00, satisfaction 3, late → reopened, assigned again; answer due in 24 hours (Tue 20
  // Oct 09:00), solution 1 working day (Tue 20 Oct).
  const f8 = await act('followup', '8', '--satisfaction', '3', '--at', '2026-10-19 09:00');
  expect(f8).toMatchObject({ status: 'assigned', deadlines: { answer: '2026-10-20T09:00:00+08:00', solution: day('2026-10-20') } });
  // Resolved again Tue 20 Oct 15:00: answer late (09:00 passed), solution on time; 2 working days
  // (19, 20); a gift worth 15.50. Follow-up due Wed 21 Oct 15:00.
  await act('resolve', '8', '--solution', 'Replaced the whole unit', '--compensation', '15.50', '--compensation-kind', 'gift', '--at', '2026-10-20 15:00');
  // Wed 21 Oct 10:00, satisfaction 5, on time → closed.
  expect((await act('followup', '8', '--satisfaction', '5', '--at', '2026-10-21 10:00')).status).toBe('closed');

  // #9 Xu Yan, Tue 20 Oct, quality by email. Answer due 21, 22, 23, 26, 27 → Tue 27 Oct. Assigned
  // Wed 21 Oct to the "QC lab" department → solution due 22, 23, 26 → Mon 26 Oct. Resolved only in
  // November and closed there: at the end of October it is assigned, both deadlines passed.
  const c9 = await open('2026-10-20 10:00', { customer: 'Xu Yan', phone: '177 0000 0009', channel: 'email', category: 'quality', desc: 'Blender motor smokes' });
  expect(c9.deadlines.answer).toBe(day('2026-10-27'));
  expect((await act('assign', '9', '--to', 'Wang Qiang', '--dept', 'QC lab', '--at', '2026-10-21 09:00')).deadlines.solution).toBe(day('2026-10-26'));
  await act(
    'resolve', '9', '--solution', 'Replaced the blender', '--compensation-kind', 'replacement',
    '--root-cause', 'Motor overheats', '--action', 'Return the batch to the supplier', '--at', '2026-11-03 10:00',
  );
  await act('followup', '9', '--satisfaction', '5', '--at', '2026-11-05 10:00');
  expect((await act('followup', '9', '--satisfaction', '5', '--at', '2026-11-12 10:00')).status).toBe('closed');

  // #10 Wu Fang, Thu 22 Oct, wrong item by letter; withdrawn Fri 23 Oct (closed, never resolved).
  await open('2026-10-22 09:00', { customer: 'Wu Fang', phone: '150 0000 0010', channel: 'letter', category: 'wrong-item', desc: 'Got two left shoes' });
  await act('close', '10', '--reason', 'withdrawn', '--at', '2026-10-23 15:00');

  // #11 "HUANG  li" with 13700000006: the same customer as #6 (name compared without case and
  // spacing, phone by its digits). Mon 26 Oct, service on social media. Answer due 27, 28, 29, 30
  // Oct, 2 Nov → Mon 2 Nov. Resolved Wed 28 Oct: on time, 2 working days, compensation kind "none"
  // without an amount; the root cause and action written differently from #3's but the same.
  // Follow-up due 29, 30 Oct, 2, 3, 4 Nov → Wed 4 Nov: resolved, open and not overdue at month end.
  const c11 = await open('2026-10-26 11:00', { customer: 'HUANG  li', phone: '13700000006', channel: 'social', category: 'service', desc: 'Ignored at the service desk' });
  expect(c11.deadlines.answer).toBe(day('2026-11-02'));
  const r11 = await act(
    'resolve', '11', '--solution', 'Apologised', '--compensation-kind', 'none',
    '--root-cause', 'counter staff  NOT trained', '--action', 'train counter staff on returns', '--at', '2026-10-28 10:00',
  );
  expect(r11.deadlines.followup).toBe(day('2026-11-04'));

  // #12 Lin Na, Thu 29 Oct, facility, in person. Answer due 30 Oct, 2, 3, 4, 5 Nov → Thu 5 Nov.
  // Never touched: open, not overdue at month end.
  expect((await open('2026-10-29 15:00', { customer: 'Lin Na', phone: '182 0000 0012', category: 'facility', desc: 'Broken handrail' })).deadlines.answer).toBe(day('2026-11-05'));

  // #13 Zhou Min again, but another phone: another customer (not a repeat). Sat 31 Oct, "other", by
  // phone. Answer due 2–6 Nov → Fri 6 Nov. Open, not overdue at month end.
  expect((await open('2026-10-31 10:00', { customer: 'Zhou Min', phone: '021-6666-3333', channel: 'phone', category: 'other', desc: 'Car park gate stuck' })).deadlines.answer).toBe(day('2026-11-06'));
}

/** The 12 months ending with `last` ("2026-10"), each received 0 and no satisfaction unless given. */
function trend(last: string, months: Record<string, [number, number | null]>): { month: string; received: number; meanSatisfaction: number | null }[] {
  const [year, month] = last.split('-').map(Number) as [number, number];
  return Array.from({ length: 12 }, (_, i) => {
    const index = year * 12 + (month - 1) - 11 + i;
    const name = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    const [received, meanSatisfaction] = months[name] ?? [0, null];
    return { month: name, received, meanSatisfaction };
  });
}

// ---------------------------------------------------------------------------------------------
// October 2026, worked out by hand from the story above.
//
// received: complaints received 1–31 Oct: #5 #6 #7 #8 #9 #10 #11 #12 #13 → 9.
// resolved: resolve events dated in October, an unfounded finding included, a second resolution
//   after a reopen counted again: #3 (13th), #4 (8th), #5 (9th), #6 (12th, 14th), #7 (14th,
//   unfounded), #8 (17th, 20th), #11 (28th) → 9. (#9's resolution is in November.)
// closed: close events in October: #3, #4, #5, #6, #7 (unfounded), #8 (satisfied), #10 (withdrawn) → 7.
// reopened: reopen events in October: #2 (by hand, 19th), #6 (satisfaction 2, 13th), #8
//   (satisfaction 3, 19th) → 3.
// openAtEnd: received by 31 Oct and not closed at its end: #2 (reopened, assigned), #9 (closed
//   only on 12 Nov), #11 (resolved, awaiting its follow-up), #12, #13 → 5.
// overdueAtEnd: of those, with a deadline passed at 31 Oct 23:59:59: #2 (answer 26 Oct, solution
//   22 Oct), #9 (answer 27 Oct, solution 26 Oct) → 2. #11's follow-up is due 4 Nov, #12's answer
//   5 Nov, #13's 6 Nov.
// byCategory (received): quality #5 #9 → 2; delivery #6, billing #7, after-sales #8, wrong-item
//   #10, service #11, facility #12, other #13 → 1 each.
// byChannel: in-person #5 #12 → 2; phone #6 #13 → 2; chat #7, third-party #8, email #9, letter
//   #10, social #11 → 1 each.
// bySeverity: urgent #6, major #8, normal the other 7.
// byDepartment (as at month end): front desk #11 #13 → 2; then 1 each, by name: accounts #7,
//   after-sales #8, facilities #12, logistics #6, QC #5, QC lab #9 (given at assign), warehouse #10.
// byResponsibility: supplier #5, third-party #6, customer #7, store #8; not recorded (#9–#13) →
//   unknown 5.
// substantiatedShare: of received complaints whose finding is known: #5 yes, #6 yes, #7 no, #8 yes
//   → 3/4 = 0.75.
// answeredOnTimeShare: of the 9 resolutions, by the answer deadline in force: #3 late (due 10 Oct),
//   #4 late (due 30 Sep 09:00), #5 on time, #6 first late (due 10 Oct), #6 second on time (due 14
//   Oct), #7 on time, #8 first on time (17 Oct 10:00 < 18:00), #8 second late (20 Oct 15:00 > 09:00),
//   #11 on time → 5/9 = 0.5556.
// solutionOnTimeShare: resolutions of an assigned complaint (a solution was due): #5 on time, #6
//   first late, #6 second on time, #8 first on time, #8 second on time (due end of 20 Oct) → 4/5
//   = 0.8. (#3, #4, #7, #11 had no assignee.)
// followupOnTimeShare: follow-ups in October: #3 on time, #4 on time, #5 first on time, #5 second
//   late (due 19 Oct), #6 first on time (08:30 < 09:00), #6 second on time, #8 first late (due 18
//   Oct 10:00), #8 second on time → 6/8 = 0.75.
// daysToResolve: working days from the day received to the day of each resolution: #3 7, #4 2,
//   #5 1, #6 2 and 4, #7 2, #8 0 and 2, #11 2 → sorted 0 1 2 2 2 2 2 4 7: median (5th of 9) 2;
//   p90 by nearest rank, the ceil(0.9 × 9) = 9th → 7.
// followups: 8 (as above).
// meanSatisfaction: 4 + 4 + 5 + 4 + 2 + 4 + 3 + 5 = 31, / 8 = 3.875 → 3.88.
// satisfiedShare: 4 or 5 in 6 of the 8 (not #6's 2 nor #8's 3) → 0.75.
// compensation, by the resolutions in October: refund 35.20 (#4) + 120.00 (#5) + 80.00 (#6) =
//   235.20; voucher 30.00 (#6); replacement 200.00 (#8); gift 15.50 (#8); none 0.00 (#11, no
//   amount); repair 0.00 → total 480.70.
// repeatCustomers: two or more complaints received in the 12 months to 31 Oct (from 1 Nov 2025):
//   Chen Jing (#1 June, #5), Huang Li (#6, #11) → 2. The two Zhou Mins (#2, #13) have different
//   phones, so they are two customers.
// topRootCauses, of the complaints resolved in October (#3 #4 #5 #6 #7 #8 #11, as at month end):
//   "Counter staff not trained" #3 and #11 (shown as #3, the lower id, wrote it) → 2; then 1 each,
//   by text: "Courier missed the delivery slot" #6, "Customer's number *** mistyped on the invoice"
//   #4 (the phone number masked), "Staff skipped the installation check" #8, "Supplier batch
//   defect" #5. #7 has none.
// topCorrectiveActions: "Train counter staff on returns" #3 #11 → 2; then 1 each, by text: "Book
//   delivery slots a day ahead" #6, "Inspect every incoming batch" #5, "Installation checklist
//   signed by the customer" #8, "Label shelf prices clearly" #7; the sixth, "Read the number back
//   to the customer" #4, falls outside the top 5.
// trend, Nov 2025 – Oct 2026: June 1 received (#1), follow-ups 4 and 5 → 4.5; September 3 (#2 #3
//   #4), one follow-up (#2's 5) → 5; October 9, 3.88 as above; the other months 0 and none.
//
// September 2026, the previous period:
// received #2 #3 #4 → 3; resolved #2 → 1; closed #2 → 1; reopened 0; openAtEnd #3 #4 → 2 (#1 and
// #2 closed); overdueAtEnd #4 (answer due 30 Sep 09:00) → 1, #3's answer is due 10 Oct.
// byCategory delivery, service, billing 1 each; byChannel phone #2 #4 → 2, email #3 → 1;
// bySeverity normal 2, major 1; byDepartment accounts, front desk, logistics 1 each;
// byResponsibility unknown 3; substantiatedShare none known → null.
// On time: #2 answered (due 20 Sep), solution (due 17 Sep) and follow-up (due 22 Sep) all on time →
// 1, 1, 1. daysToResolve [2] → median 2, p90 2. followups 1, mean 5, satisfied 1.
// compensation voucher 50.00 = total. repeatCustomers in the 12 months to 30 Sep: Chen Jing has
// only #1 then → 0. topRootCauses "Wrong address label" 1; topCorrectiveActions "Double-check
// address labels" 1. trend Oct 2025 – Sep 2026: June 1 / 4.5, September 3 / 5.
// ---------------------------------------------------------------------------------------------

const zeroMoney = { refund: '0.00', replacement: '0.00', repair: '0.00', voucher: '0.00', gift: '0.00', none: '0.00' };
const zeroCategories = { quality: 0, service: 0, delivery: 0, 'wrong-item': 0, 'after-sales': 0, billing: 0, facility: 0, other: 0 };
const zeroChannels = { 'in-person': 0, phone: 0, email: 0, letter: 0, chat: 0, social: 0, 'third-party': 0 };
const zeroResponsibilities = { customer: 0, store: 0, supplier: 0, 'third-party': 0, unknown: 0 };

const OCTOBER = {
  period: { from: '2026-10-01', to: '2026-10-31', label: 'month' },
  received: 9,
  resolved: 9,
  closed: 7,
  reopened: 3,
  openAtEnd: 5,
  overdueAtEnd: 2,
  waitingAtEnd: 0,
  waitsEnded: { count: 0, workdays: 0 },
  // #8 major when recorded (16th); passed deadlines of a major complaint noticed at its next step: #4's
  // answer (due 30 Sep) at its resolve on the 8th, #8's follow-up (due 18 Oct 10:00) at the follow-up on
  // the 19th, #8's re-armed answer (due 20 Oct 09:00) at its resolve at 15:00 on the 20th
  escalated: { total: 4, byReason: { major: 1, 'reopened-again': 0, 'deadline-passed': 3, 'by-hand': 0 } },
  byCategory: { quality: 2, service: 1, delivery: 1, 'wrong-item': 1, 'after-sales': 1, billing: 1, facility: 1, other: 1 },
  byChannel: { 'in-person': 2, phone: 2, email: 1, letter: 1, chat: 1, social: 1, 'third-party': 1 },
  bySeverity: { normal: 7, urgent: 1, major: 1 },
  byDepartment: {
    'front desk': 2,
    accounts: 1,
    'after-sales': 1,
    facilities: 1,
    logistics: 1,
    QC: 1,
    'QC lab': 1,
    warehouse: 1,
  },
  byResponsibility: { customer: 1, store: 1, supplier: 1, 'third-party': 1, unknown: 5 },
  substantiatedShare: 0.75,
  answeredOnTimeShare: 0.5556,
  solutionOnTimeShare: 0.8,
  followupOnTimeShare: 0.75,
  daysToResolve: { median: 2, p90: 7 },
  followups: 8,
  meanSatisfaction: 3.88,
  satisfiedShare: 0.75,
  compensation: {
    total: '480.70',
    byKind: { refund: '235.20', replacement: '200.00', repair: '0.00', voucher: '30.00', gift: '15.50', none: '0.00' },
    // The shop has set no compensation standard: nothing is above one.
    aboveStandard: { count: 0, amount: '0.00' }, byApprover: {},
  },
  repeatCustomers: 2,
  topRootCauses: [
    { cause: 'Counter staff not trained', count: 2 },
    { cause: 'Courier missed the delivery slot', count: 1 },
    { cause: "Customer's number *** mistyped on the invoice", count: 1 },
    { cause: 'Staff skipped the installation check', count: 1 },
    { cause: 'Supplier batch defect', count: 1 },
  ],
  topCorrectiveActions: [
    { action: 'Train counter staff on returns', count: 2 },
    { action: 'Book delivery slots a day ahead', count: 1 },
    { action: 'Inspect every incoming batch', count: 1 },
    { action: 'Installation checklist signed by the customer', count: 1 },
    { action: 'Label shelf prices clearly', count: 1 },
  ],
  trend: trend('2026-10', { '2026-06': [1, 4.5], '2026-09': [3, 5], '2026-10': [9, 3.88] }),
};

const SEPTEMBER = {
  period: { from: '2026-09-01', to: '2026-09-30', label: 'month' },
  received: 3,
  resolved: 1,
  closed: 1,
  reopened: 0,
  openAtEnd: 2,
  overdueAtEnd: 1,
  waitingAtEnd: 0,
  waitsEnded: { count: 0, workdays: 0 },
  // #4, major, escalated when recorded on 29 Sep; its answer due 30 Sep passed with no step in September
  escalated: { total: 1, byReason: { major: 1, 'reopened-again': 0, 'deadline-passed': 0, 'by-hand': 0 } },
  byCategory: { ...zeroCategories, delivery: 1, service: 1, billing: 1 },
  byChannel: { ...zeroChannels, phone: 2, email: 1 },
  bySeverity: { normal: 2, urgent: 0, major: 1 },
  byDepartment: { accounts: 1, 'front desk': 1, logistics: 1 },
  byResponsibility: { ...zeroResponsibilities, unknown: 3 },
  substantiatedShare: null,
  answeredOnTimeShare: 1,
  solutionOnTimeShare: 1,
  followupOnTimeShare: 1,
  daysToResolve: { median: 2, p90: 2 },
  followups: 1,
  meanSatisfaction: 5,
  satisfiedShare: 1,
  compensation: { total: '50.00', byKind: { ...zeroMoney, voucher: '50.00' }, aboveStandard: { count: 0, amount: '0.00' }, byApprover: {} },
  repeatCustomers: 0,
  topRootCauses: [{ cause: 'Wrong address label', count: 1 }],
  topCorrectiveActions: [{ action: 'Double-check address labels', count: 1 }],
  trend: trend('2026-09', { '2026-06': [1, 4.5], '2026-09': [3, 5] }),
};

beforeAll(buildShop, 240_000);

describe('kesu --json report --month 2026-10 on a month built through the command line', () => {
  it('gives every figure worked out by hand, with September beside it', async () => {
    const report = await run.json('report', '--month', '2026-10');
    expect(report).toStrictEqual({ ...OCTOBER, previous: SEPTEMBER });
  });

  it('lists departments largest first, then by name', async () => {
    const report = await run.json<{ byDepartment: Record<string, number> }>('report', '--month', '2026-10');
    expect(Object.keys(report.byDepartment)).toEqual(Object.keys(OCTOBER.byDepartment));
  });

  it('is the same with --format json, in either language, and with --from/--to for the same days', async () => {
    const expected = { ...OCTOBER, previous: SEPTEMBER };
    expect(JSON.parse(await run.ok('report', '--month', '2026-10', '--format', 'json'))).toStrictEqual(expected);
    expect(JSON.parse(await run.ok('--lang', 'zh', 'report', '--month', '2026-10', '--format', 'json'))).toStrictEqual(expected);
    expect(JSON.parse(await run.ok('report', '--from', '2026-10-01', '--to', '2026-10-31', '--format', 'json'))).toStrictEqual(expected);
  });

  it('shows October as it was, not as it is now: #9, closed since, still counts as open and overdue in it', async () => {
    // Today #9 is closed (12 Nov) and #2 is still open; at the end of October both were open and overdue.
    expect(await run.json<ComplaintJson>('show', '9')).toMatchObject({ status: 'closed', closedAt: '2026-11-12T10:00:00+08:00' });
    expect((await run.json<ComplaintJson>('show', '2')).status).toBe('assigned');
    expect(await run.json('report', '--month', '2026-10')).toMatchObject({ openAtEnd: 5, overdueAtEnd: 2 });
    // November to date: #9 resolved on 3 Nov and closed on 12 Nov; the others still open at its end
    // are #2, #11, #12, #13.
    expect(await run.json('report', '--from', '2026-11-01', '--to', '2026-11-20')).toMatchObject({ resolved: 1, closed: 1, openAtEnd: 4, received: 0 });
  });
});

describe('no customer phone number in any format', () => {
  const FORMATS = ['table', 'md', 'csv', 'json', 'html'] as const;

  it.each(FORMATS)('%s, in English and Chinese', async (format) => {
    for (const lang of ['en', 'zh']) {
      const text = await run.ok('--lang', lang, 'report', '--month', '2026-10', '--format', format);
      expect(text.length).toBeGreaterThan(500);
      // The report is about these customers' complaints, so it must not be empty of them…
      expect(text).toContain('Supplier batch defect');
      // …but none of their phone numbers, as typed or as bare digits, and not the one typed into a root cause.
      for (const phone of PHONE_FORMS) expect(text, `${format} ${lang}: ${phone}`).not.toContain(phone);
    }
  });

  it('the phones really are in the database (so the check above can fail)', async () => {
    const shown = await run.ok('show', '4') + await run.ok('show', '11');
    expect(shown).toContain('186 0000 0004');
    expect(shown).toContain('13655556666');
    expect(shown).toContain('13700000006');
  });
});

describe('from cron: no terminal, stdin closed, a bare environment', () => {
  /** `sh -c '... > FILE'` with stdin closed, in the environment cron gives (no NO_COLOR, no LANG). */
  function fromCron(args: string, file: string): { code: number | null; stdout: string; stderr: string } {
    const command = `"${process.execPath}" "${BIN}" ${args} > "${file}" <&-`;
    const result = spawnSync('sh', ['-c', command], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', TZ: 'Asia/Shanghai' },
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('kesu report --month 2026-10 --format md > report.md: exit 0, no prompt, no colour, the figures in the file', () => {
    const file = join(makeTempDir(), 'report.md');
    const result = fromCron(`--db "${db}" report --month 2026-10 --format md`, file);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
    const md = readFileSync(file, 'utf8');
    expect(md).not.toMatch(/\u001b\[/);
    expect(md.split('\n')[0]).toBe('# Complaints report — October 2026');
    for (const line of [
      '| Received | 9 | 3 |',
      '| Resolved | 9 | 1 |',
      '| Open at the end | 5 | 2 |',
      '| Overdue at the end | 2 | 1 |',
      '| Repeat customers (12 months) | 2 | 0 |',
      '| Answered on time | 55.56% | 100% |',
      '| Working days to resolve, 90th percentile | 7 | 2 |',
      '| Mean satisfaction (1–5) | 3.88 | 5.00 |',
      '| Total | 480.70 | 50.00 |',
      '| QC lab | 1 | 0 |',
      '| Counter staff not trained | 2 |',
      '| October 2026 | 9 | 3.88 |',
    ]) {
      expect(md).toContain(`${line}\n`);
    }
  });

  it('a database never created is refused from cron too, not reported as empty', () => {
    const path = makeDb('never-created.db');
    const file = join(makeTempDir(), 'report.md');
    expect(fromCron(`--db "${path}" report --month 2025-01 --format md`, file)).toEqual({
      code: 1,
      stdout: '',
      stderr: `kesu: There is no kesu database at ${path}; check --db or KESU_DB, or record a complaint with kesu open to start one there.\n`,
    });
    expect(existsSync(path)).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe(''); // the shell's redirection made it; kesu wrote nothing
  });

  it('an empty period prints zeros, on an empty database and on one with complaints in other months', async () => {
    const emptyDb = makeDb();
    await on(emptyDb).ok('config'); // creates the database, with nothing in it
    const busyDb = makeDb();
    await on(busyDb).ok('open', '--customer', 'Li', '--category', 'quality', '--desc', 'x', '--received', '2026-10-05 09:00');
    for (const path of [emptyDb, busyDb]) {
      const file = join(makeTempDir(), 'report.md');
      expect(fromCron(`--db "${path}" report --month 2025-01 --format md`, file)).toEqual({ code: 0, stdout: '', stderr: '' });
      const md = readFileSync(file, 'utf8');
      expect(md).toContain('| Received | 0 | 0 |\n');
      expect(md).toContain('| Open at the end | 0 | 0 |\n');
      expect(md).toContain('| Answered on time | — | — |\n');
      expect(md).toContain('| Total | 0.00 | 0.00 |\n');

      const json = await on(path).json('report', '--month', '2025-01');
      expect(json).toMatchObject({
        period: { from: '2025-01-01', to: '2025-01-31' },
        received: 0,
        resolved: 0,
        closed: 0,
        reopened: 0,
        openAtEnd: 0,
        overdueAtEnd: 0,
        waitingAtEnd: 0,
        waitsEnded: { count: 0, workdays: 0 },
        escalated: { total: 0, byReason: { major: 0, 'reopened-again': 0, 'deadline-passed': 0, 'by-hand': 0 } },
        byCategory: zeroCategories,
        byChannel: zeroChannels,
        bySeverity: { normal: 0, urgent: 0, major: 0 },
        byDepartment: {},
        byResponsibility: zeroResponsibilities,
        substantiatedShare: null,
        answeredOnTimeShare: null,
        solutionOnTimeShare: null,
        followupOnTimeShare: null,
        daysToResolve: { median: null, p90: null },
        followups: 0,
        meanSatisfaction: null,
        satisfiedShare: null,
        compensation: { total: '0.00', byKind: zeroMoney, aboveStandard: { count: 0, amount: '0.00' }, byApprover: {} },
        repeatCustomers: 0,
        topRootCauses: [],
        topCorrectiveActions: [],
        trend: trend('2025-01', {}),
        previous: { received: 0, openAtEnd: 0, compensation: { total: '0.00' } },
      });
      expect(await on(path).ok('report', '--month', '2025-01')).toMatch(/Received +│ +0 │ +0 │/);
    }
  });

  it('--out writes each format to the file, the same as it prints, and nothing on stdout', async () => {
    const dir = makeTempDir();
    for (const format of ['table', 'md', 'csv', 'json', 'html']) {
      const file = join(dir, `october.${format}`);
      const result = fromCron(`--db "${db}" report --month 2026-10 --format ${format} --out "${file}"`, join(dir, `${format}.stdout`));
      expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
      expect(readFileSync(join(dir, `${format}.stdout`), 'utf8')).toBe('');
      const written = readFileSync(file, 'utf8');
      expect(written).toBe(await run.ok('report', '--month', '2026-10', '--format', format));
      expect(written).not.toMatch(/\u001b\[/);
    }
    expect(JSON.parse(readFileSync(join(dir, 'october.json'), 'utf8'))).toStrictEqual({ ...OCTOBER, previous: SEPTEMBER });
    expect(readFileSync(join(dir, 'october.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
    expect(readFileSync(join(dir, 'october.csv'), 'utf8').split('\n')[0]).toBe('section,figure,label,unit,current,previous');
    expect(readFileSync(join(dir, 'october.csv'), 'utf8')).toContain('\noverview,received,Received,count,9,3\n');
  });

  it('--month last is the month before this one, the December before in January', async () => {
    const lastOn = async (now: string) => JSON.parse((await kesu(['--db', db, '--json', 'report', '--month', 'last'], { now })).stdout).period as { from: string; to: string };
    expect(await lastOn('2026-12-06T10:00:00+08:00')).toMatchObject({ from: '2026-11-01', to: '2026-11-30' });
    expect(await lastOn('2027-01-01T00:30:00+08:00')).toMatchObject({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('a month that does not exist exits 1 with one clear sentence, and writes nothing', async () => {
    const dir = makeTempDir();
    const file = join(dir, 'bad.md');
    const message = expectFailure(await kesu(['--db', db, 'report', '--month', '2026-13', '--format', 'md', '--out', file]), 1);
    expectSentence(message);
    expect(message).toBe('--month "2026-13" is not a month; write it like 2026-10, or "last" for last month.');
    expect(existsSync(file)).toBe(false);
    expect(expectJsonFailure(await kesu(['--db', db, '--json', 'report', '--month', '2026-13']), 1).code).toBe('invalid');
    expect(fromCron(`--db "${db}" report --month 2026-13 --format md`, join(dir, 'cron.md'))).toMatchObject({ code: 1, stdout: '' });
  });

  it('a month that has not begun exits 1 too, rather than print a report of nothing', async () => {
    const message = expectFailure(await kesu(['--db', db, 'report', '--month', '2099-01']), 1);
    expectSentence(message);
    expect(message).toMatch(/^--month "2099-01" has not begun yet \(today is \w{3} \d{1,2} \w{3}(?: \d{4})?\); give this month or an earlier one\.$/);
  });
});

// Sanity: the test really ran against the database built above.
describe('the database the report was made from', () => {
  it('holds the 13 complaints of the story', async () => {
    expect((await run.json<ComplaintJson[]>('list', '--status', 'all')).map((c) => c.id).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 13 }, (_, i) => i + 1),
    );
    expectOk(await kesu(['--db', db, 'show', '13']));
  });
});
