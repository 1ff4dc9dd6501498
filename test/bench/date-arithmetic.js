// Why the workflow's date arithmetic (src/workflow/time.ts) is its own rather than dayjs's: the
// operations an import does for each event (its instant, its local date, a date some days later,
// back to an ISO time), for as many events as the benchmark's 100 k import has, both ways.
// `node test/bench/date-arithmetic.js` after a build.
// dayjs works in the machine's time zone: the shop's, as kesu's own clock.ts has it.
process.env.TZ = 'Asia/Shanghai';
const { default: dayjs } = await import('dayjs');
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const time = await import(pathToFileURL(join(root, 'dist', 'workflow', 'time.js')).href);

const EVENTS = 250_627;
const times = Array.from({ length: 997 }, (_, i) => time.formatInOffset(Date.UTC(2026, 0, 1) + i * 7_919_000, '+08:00'));

function kesu() {
  let sum = 0;
  for (let i = 0; i < EVENTS; i++) {
    const at = times[i % times.length];
    const later = time.addDays(time.localDateOf(at), 5);
    sum += time.instant(at) + time.instant(`${later}T23:59:59+08:00`);
  }
  return sum;
}

function withDayjs() {
  let sum = 0;
  for (let i = 0; i < EVENTS; i++) {
    const at = dayjs(times[i % times.length]);
    const later = at.add(5, 'day').format('YYYY-MM-DD');
    sum += at.valueOf() + dayjs(`${later}T23:59:59+08:00`).valueOf();
  }
  return sum;
}

function medianMs(run) {
  const runs = [];
  for (let round = 0; round < 7; round++) {
    const started = performance.now();
    run();
    runs.push(performance.now() - started);
  }
  return runs.sort((a, b) => a - b)[3];
}

if (kesu() !== withDayjs()) throw new Error('the two ways disagree');
console.log(`${EVENTS.toLocaleString('en')} events, median of 7: time.ts ${medianMs(kesu).toFixed(0)} ms, dayjs ${medianMs(withDayjs).toFixed(0)} ms`);
