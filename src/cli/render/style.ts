// Colour only where it helps and only on a terminal: chalk decides from --no-color, NO_COLOR and the TTY.
import { Chalk, type ChalkInstance } from 'chalk';

export interface Style {
  readonly major: (text: string) => string;
  readonly overdue: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
  readonly heading: (text: string) => string;
  /** What a search found, within its snippet. */
  readonly match: (text: string) => string;
}

export function makeStyle(color: boolean): Style {
  const chalk: ChalkInstance = new Chalk({ level: color ? 1 : 0 });
  return {
    major: (text) => chalk.bold.red(text),
    overdue: (text) => chalk.red(text),
    dim: (text) => chalk.dim(text),
    bold: (text) => chalk.bold(text),
    heading: (text) => chalk.bold.underline(text),
    match: (text) => chalk.inverse(text),
  };
}
