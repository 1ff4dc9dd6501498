// Runs every test of the suite alone: its file, and -t its exact full name, two at a time (about a
// quarter of an hour here), after `npm run build`. Prints each test that fails so, and exits 1 if
// any does. `node scripts/tests-alone.js [PART-OF-A-FILE-NAME]`.
import { spawn, spawnSync } from 'node:child_process';

const only = process.argv[2];
const listed = spawnSync('npx', ['vitest', 'list', '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
if (listed.status !== 0) throw new Error(`vitest list failed: ${listed.stderr}`);
const tests = JSON.parse(listed.stdout).filter((test) => !only || test.file.includes(only));
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const failures = [];
let next = 0;

/** Whether one test passes alone. vitest's full name joins describe and test with spaces. */
function passesAlone(test) {
  const pattern = `^${escape(test.name.split(' > ').join(' '))}$`;
  return new Promise((resolve) => {
    const child = spawn('npx', ['vitest', 'run', test.file, `--testNamePattern=${pattern}`, '--reporter=dot'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve(code === 0 && /Tests\s+1 passed/.test(output.replace(/\u001b\[[0-9;]*m/g, ''))));
  });
}

async function worker() {
  while (next < tests.length) {
    const test = tests[next++];
    if (!(await passesAlone(test))) {
      failures.push(test);
      console.log(`fails alone: ${test.file} > ${test.name}`);
    }
  }
}

await Promise.all([worker(), worker()]);
console.log(`${tests.length - failures.length} of ${tests.length} tests pass alone`);
process.exitCode = failures.length > 0 ? 1 : 0;
