// The process entry (bin/kesu.js calls `main`): run the CLI with the real streams and set the exit
// code. `kesu --version` is answered here, before commander and the rest of the CLI are loaded: it
// is what scripts run to check the tool is there, and it should cost no more than starting Node.
import { writeStdout } from './stdout.js';
import { VERSION } from './version.js';

export async function main(argv: string[]): Promise<void> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    writeStdout(`${VERSION}\n`);
    return;
  }
  const { runCli } = await import('./program.js');
  process.exitCode = await runCli(argv, {
    out: writeStdout,
    err: (text) => process.stderr.write(text),
    env: process.env,
  });
}
