// Stores with something in them, for the tests of backup and check: a few complaints with history
// (a repeat customer, a reopening, compensation), or many typed-up forms imported at once.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { makeTempDir, on, type Kesu } from './kesu.js';

/**
 * Four complaints received in October 2026: 1 reopened by an unhappy follow-up, 2 open, 3 major, 4
 * resolved and closed; 1, 2 and 4 are the same customer's (so 2 and 4 have customer links).
 */
export async function seedShop(db: string): Promise<Kesu> {
  const run = on(db);
  const phone = ['--phone', '13800138000'];
  await run.ok('open', '--customer', '王芳', ...phone, '--category', 'quality', '--desc', '电饭煲漏电', '--received', '2026-10-05 09:00');
  await run.ok('assign', '1', '--to', '老张', '--at', '2026-10-05 10:00');
  await run.ok('resolve', '1', '--solution', '换新机', '--compensation', '50', '--compensation-kind', 'voucher', '--at', '2026-10-06 10:00');
  await run.ok('followup', '1', '--satisfaction', '2', '--at', '2026-10-08 10:00');
  await run.ok('open', '--customer', '王芳', ...phone, '--category', 'service', '--desc', '态度差', '--received', '2026-10-12 09:00');
  await run.ok('open', '--customer', 'Li Si', '--category', 'delivery', '--severity', 'major', '--desc', 'Two weeks late', '--received', '2026-10-13 09:00');
  await run.ok('open', '--customer', '王芳', ...phone, '--category', 'billing', '--desc', '多收了钱', '--received', '2026-10-20 09:00');
  await run.ok('resolve', '4', '--solution', '退差价', '--compensation', '10', '--compensation-kind', 'refund', '--at', '2026-10-21 10:00');
  await run.ok('followup', '4', '--satisfaction', '5', '--at', '2026-10-23 10:00');
  return run;
}

/** Imports `count` resolved and followed-up forms of forty customers, received in October 2026. */
export async function importForms(db: string, count: number): Promise<Kesu> {
  const run = on(db);
  const rows = ['receivedAt,customer,phone,category,description,assignee,solution,resolvedAt,compensation,compensationKind,followupAt,satisfaction'];
  for (let i = 1; i <= count; i++) {
    const day = `2026-10-${String(1 + (i % 28)).padStart(2, '0')}`;
    const customer = i % 40;
    rows.push(
      `${day} 09:00,Customer ${customer},13800${String(customer).padStart(6, '0')},quality,The cup number ${i} cracked when hot water was poured into it,Li,Replaced the cup,${day} 15:00,12.50,refund,${day} 18:00,${1 + (i % 5)}`,
    );
  }
  const file = join(makeTempDir(), 'forms.csv');
  writeFileSync(file, `${rows.join('\n')}\n`);
  await run.ok('import', file);
  return run;
}

/**
 * Writes 1 KB of 0xFF into the middle of a leaf page of the events table's b-tree, the write-ahead
 * log checkpointed first, so that the page is the file's: SQLite's integrity check finds it.
 */
export function damageEventsPage(db: string): void {
  const raw = new Database(db);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  const leaves = raw.prepare<[], number>("SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf' ORDER BY pageno").pluck().all();
  const pageSize = raw.pragma('page_size', { simple: true }) as number;
  raw.close();
  expect(leaves.length).toBeGreaterThan(10);
  const page = leaves[Math.floor(leaves.length / 2)]!;
  const bytes = readFileSync(db);
  bytes.fill(0xff, (page - 1) * pageSize + pageSize / 2 - 512, (page - 1) * pageSize + pageSize / 2 + 512);
  writeFileSync(db, bytes);
}
