// Running a command as a child process and measuring it: wall time from this process, and the
// child's peak resident memory from /usr/bin/time, else from python3's getrusage of its children.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const scratch = mkdtempSync(join(tmpdir(), 'kesu-bench-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

const PY_PEAK = [
  'import resource, subprocess, sys',
  'code = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)',
  'sys.stderr.buffer.write(code.stderr)',
  "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))",
  'sys.exit(code.returncode)',
].join('\n');

/** How peak memory is measured here, or null when it cannot be. */
export const memoryProbe = existsSync('/usr/bin/time') ? 'time' : hasPython() ? 'python3' : null;

function hasPython() {
  return spawnSync('python3', ['-c', 'import resource'], { stdio: 'ignore' }).status === 0;
}

/**
 * Runs `command` once. Returns { ms, peakKb, status, stderr, stdout }; peakKb only when
 * `memory` is asked for (the probe's own fork costs well under a millisecond).
 */
export function runOnce(command, args, { env, memory = false, input, timeoutMs } = {}) {
  let file = command;
  let argv = args;
  const peakFile = join(scratch, 'peak');
  if (memory && memoryProbe === 'time') {
    file = '/usr/bin/time';
    argv = ['-f', '%M', '-o', peakFile, command, ...args];
  } else if (memory && memoryProbe === 'python3') {
    file = 'python3';
    argv = ['-c', PY_PEAK, peakFile, command, ...args];
  }
  const started = process.hrtime.bigint();
  const result = spawnSync(file, argv, {
    env,
    input,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    maxBuffer: 1 << 30,
    // A command that runs past its limit is killed and reported as such, so the suite still ends.
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.error?.code === 'ETIMEDOUT' || (timeoutMs && result.signal === 'SIGKILL')) {
    return { ms, peakKb: null, status: null, stdout: '', stderr: `killed after ${Math.round(timeoutMs / 1000)} s (time limit)` };
  }
  let peakKb = null;
  if (memory && memoryProbe) {
    const text = existsSync(peakFile) ? readFileSync(peakFile, 'utf8') : '';
    // /usr/bin/time writes "Command exited with non-zero status N" before the figure.
    const figure = Number(text.trim().split('\n').at(-1));
    peakKb = Number.isFinite(figure) && figure > 0 ? figure : null;
    rmSync(peakFile, { force: true });
  }
  if (result.error) throw result.error;
  return { ms, peakKb, status: result.status, stdout: result.stdout?.toString() ?? '', stderr: result.stderr?.toString() ?? '' };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Runs the commands of a group in turn, A B C A B C …, `runs` times after `warmup` rounds that
 * are not counted, so that a change in the machine's load touches every command alike.
 * Each command: { key, command, args, env, memory, before(), check(result) }.
 * Returns, by key, { ms: [...], peakKb: [...], error, once }: `once` when a round took longer than
 * the whole time budget, so the warm-up run is the only figure.
 */
export function alternate(commands, { runs, warmup = 1, minRuns = 3, budgetMs = Infinity, timeoutMs, onRound } = {}) {
  const samples = Object.fromEntries(commands.map((c) => [c.key, { ms: [], peakKb: [], error: null }]));
  let roundStarted;
  for (let round = 0; round < warmup + runs; round++) {
    // A command far slower than its target would make the whole suite miss its ten minutes:
    // after the warm-up, the runs are cut to what the time budget allows (never under minRuns).
    // A single round over the whole budget is not repeated at all: its warm-up run is the figure.
    if (round === warmup && Number.isFinite(budgetMs)) {
      const roundMs = (Date.now() - roundStarted) / Math.max(1, warmup);
      runs = roundMs > budgetMs ? 0 : Math.max(minRuns, Math.min(runs, Math.floor(budgetMs / Math.max(1, roundMs))));
      if (runs === 0) {
        for (const sample of Object.values(samples)) {
          if (sample.warmup) {
            sample.ms.push(sample.warmup.ms);
            if (sample.warmup.peakKb !== null) sample.peakKb.push(sample.warmup.peakKb);
          }
          sample.once = true;
        }
        break;
      }
    }
    if (round === 0) roundStarted = Date.now();
    for (const c of commands) {
      const sample = samples[c.key];
      if (sample.error) continue;
      c.before?.();
      const result = runOnce(c.command, c.args, { env: c.env, memory: c.memory, timeoutMs });
      const problem = result.status === null ? firstLine(result.stderr) : result.status !== 0 ? `exit ${result.status}: ${firstLine(result.stderr)}` : (c.check?.(result) ?? null);
      if (problem) {
        sample.error = problem;
        continue;
      }
      if (round < warmup) {
        sample.warmup = { ms: result.ms, peakKb: result.peakKb };
        continue;
      }
      sample.ms.push(result.ms);
      if (result.peakKb !== null) sample.peakKb.push(result.peakKb);
    }
    onRound?.(round + 1, warmup + runs);
  }
  return samples;
}

function firstLine(text) {
  return text.trim().split('\n')[0]?.slice(0, 200) ?? '';
}
