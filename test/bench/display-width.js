// Why kesu measures display width itself (src/cli/render/width.ts displayWidth) rather than with
// string-width: the cells of a 500-row `list` measured both ways. `node test/bench/display-width.js`
// after a build.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { displayWidth } = await import(pathToFileURL(join(root, 'dist', 'cli', 'render', 'width.js')).href);
const loading = performance.now();
const { default: stringWidth } = await import('string-width');
const loadMs = performance.now() - loading;

const cells = [];
for (let i = 0; i < 500; i++) cells.push(String(i), '已指派', '重大', '服务', `客户${i} Wang Fang`, '11月10日 周二 09:00', '11月11日 周三 09:00 (答复客户) 已超期', 'Zhang');

function medianMs(width) {
  const runs = [];
  for (let run = 0; run < 9; run++) {
    const started = performance.now();
    for (const cell of cells) width(cell);
    runs.push(performance.now() - started);
  }
  return runs.sort((a, b) => a - b)[4];
}

const differ = cells.filter((cell) => displayWidth(cell) !== stringWidth(cell)).length;
console.log(`${cells.length} cells, median of 9: kesu ${medianMs(displayWidth).toFixed(2)} ms, string-width ${medianMs(stringWidth).toFixed(2)} ms (and ${loadMs.toFixed(0)} ms to load it); ${differ} cells measured differently`);
