// What the CLI takes from the world it runs in, in one seam: where its output goes, its environment,
// the clock, and whether it talks to a terminal. The process gives the real ones (main.ts); tests
// run the CLI in-process with their own (captured output, a fixed clock).
import type { IsoTime } from '../workflow/time.js';

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** The time now, on this machine's clock. */
  readonly now: () => IsoTime;
  /**
   * Whether stdin, stdout and stderr are terminals, and how many columns wide stdout's terminal is
   * (undefined when it does not say): asked only when a command needs to know, `columns` only of a
   * terminal.
   */
  readonly terminal: {
    readonly stdin: () => boolean;
    readonly stdout: () => boolean;
    readonly stderr: () => boolean;
    readonly columns: () => number | undefined;
  };
}
