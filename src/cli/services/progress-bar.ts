// The import's progress on a terminal's stderr.
import type { CliContext } from '../context.js';

/** A one-line bar on stderr, redrawn at most ten times a second. */
export class ProgressBar {
  private lastDrawn = 0;
  private shown = false;

  constructor(
    private readonly total: number,
    private readonly context: CliContext,
  ) {}

  update(bytes: number, rows: number): void {
    const now = Date.now();
    if (now - this.lastDrawn < 100) return;
    this.lastDrawn = now;
    const share = Math.min(1, bytes / this.total);
    const width = 30;
    const filled = Math.round(share * width);
    const label = this.context.lang === 'zh' ? `${rows} 行` : `${rows} rows`;
    this.context.err(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}%  ${label}`);
    this.shown = true;
  }

  clear(): void {
    if (!this.shown) return;
    this.context.err('\r\u001b[K');
    this.shown = false;
    this.lastDrawn = 0;
  }
}
