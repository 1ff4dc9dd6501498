// The process entry (bin/kesu.js calls `main`): run the CLI with the real streams and set the exit
// code. `kesu --version` is answered here, before commander and the rest of the CLI are loaded: it
// is what scripts run to check the tool is there, and it should cost no more than starting Node.
import { UserError } from './errors.js';
import { languageFrom } from './language.js';
import { stdoutIsTerminal, writeStdout } from './stdout.js';
import { VERSION } from './version.js';

export async function main(argv: string[]): Promise<void> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    try {
      writeStdout(`${VERSION}\n`);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      process.stderr.write(`kesu: ${error.sentence[languageFrom(undefined, process.env)]}\n`);
      process.exitCode = 1;
    }
    return;
  }
  const { runCli } = await import('./program.js');
  const { currentTime, fixedClock } = await import('./clock.js');
  process.exitCode = await runCli(argv, {
    out: writeStdout,
    err: (text) => process.stderr.write(text),
    env: process.env,
    // KESU_NOW: a fixed clock for tests that run kesu as a process (an ISO time with its offset).
    now: fixedClock(process.env.KESU_NOW) ?? currentTime,
    terminal: {
      // Reading process.stdin builds its stream, a few milliseconds of every start: only when asked.
      stdin: () => Boolean(process.stdin.isTTY),
      stdout: stdoutIsTerminal,
      stderr: () => Boolean(process.stderr.isTTY),
      // 0 where a terminal does not know its size (a serial console, some CI runners).
      columns: () => process.stdout.columns || undefined,
    },
  });
}
