// kesu import FILE: typed-up paper forms (CSV) in, or a JSON export restored; the options checked
// here, the import itself in services/csv-import.ts and services/restore.ts.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { normalizeHeader, readUserColumnMap, templateHeaders, type FormField } from '../../workflow/forms.js';
import { characterCount, textProblem } from '../../workflow/text.js';
import type { CliContext } from '../context.js';
import type { CsvEncoding } from '../csv.js';
import { usage, UserError } from '../errors.js';
import { checkOutputPath } from '../files.js';
import { importCsv } from '../services/csv-import.js';
import type { ImportJob } from '../services/import-worker.js';
import { REJECTS_COLUMN } from '../services/rejects-file.js';

export interface ImportOptions {
  template?: boolean;
  dryRun?: boolean;
  encoding?: string;
  map?: string;
  skipInvalid?: boolean;
  rejects?: string;
  refPrefix?: string;
}

const BOM = '\uFEFF';

export async function importFile(context: CliContext, file: string | undefined, options: ImportOptions): Promise<string> {
  if (options.template) {
    if (file !== undefined) throw usage('Give either FILE or --template, not both.', '请只给出 FILE 或 --template 其中之一。');
    return template(context);
  }
  if (file === undefined) {
    throw usage('Missing FILE: give the CSV file to import, or --template for an empty one.', '缺少 FILE：请给出要导入的 CSV 文件，或用 --template 获取空白模板。');
  }
  if (options.skipInvalid && options.rejects === undefined) {
    throw usage('--skip-invalid needs --rejects FILE, where the rows left out are written.', '--skip-invalid 需要配合 --rejects FILE，用来保存未导入的行。');
  }
  if (options.rejects !== undefined && !options.skipInvalid) {
    throw usage('--rejects only goes with --skip-invalid; add it to import the good rows.', '--rejects 只能与 --skip-invalid 一起使用。');
  }

  if (options.refPrefix !== undefined) checkRefPrefix(options.refPrefix);
  if (options.rejects !== undefined) checkOutputPath(options.rejects, '--rejects', { database: context.dbPath, inputs: options.map === undefined ? [file] : [file, options.map] });
  if (isJsonExport(file)) {
    const given: [string, unknown][] = [
      ['--skip-invalid', options.skipInvalid],
      ['--rejects', options.rejects],
      ['--map', options.map],
      ['--ref-prefix', options.refPrefix],
      ['--encoding', options.encoding],
    ];
    const csvOnly = given.filter(([, value]) => value !== undefined).map(([flag]) => flag);
    const { restoreFile } = await import('../services/restore.js');
    return restoreFile(context, file, { dryRun: options.dryRun, csvOnly });
  }
  const job: ImportJob = {
    file,
    encoding: (options.encoding ?? 'auto') as CsvEncoding,
    map: readMapFile(options.map),
    now: context.now,
    refPrefix: options.refPrefix ?? '',
    keepRejectedCells: Boolean(options.skipInvalid && !options.dryRun),
  };
  return importCsv(context, job, { dryRun: Boolean(options.dryRun), skipInvalid: Boolean(options.skipInvalid), rejects: options.rejects });
}

/** A --ref-prefix is a short piece of one line of plain text, as a form number is. */
function checkRefPrefix(prefix: string): void {
  if (textProblem(prefix, { oneLine: true }) !== null || characterCount(prefix) > MAX_REF_PREFIX) {
    throw usage(
      `--ref-prefix must be a short piece of plain text on one line (at most ${MAX_REF_PREFIX} characters, no control characters), like 2026-12-.`,
      `--ref-prefix 须为一行简短的普通文字（最多 ${MAX_REF_PREFIX} 个字符，不含控制字符），例如 2026-12-。`,
    );
  }
}

/** The longest --ref-prefix: a month or a shop's code, not a text. */
const MAX_REF_PREFIX = 40;

/** Whether the file is a JSON export (kesu export --format json): its first character, past a BOM and white space, opens an array. */
function isJsonExport(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    // The CSV reader says what is wrong with a path that cannot be read.
    return false;
  }
  try {
    const head = Buffer.alloc(256);
    const read = readSync(fd, head, 0, head.length, 0);
    return /^(\uFEFF)?\s*\[/.test(head.subarray(0, read).toString('utf8'));
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

/** The empty template: the accepted headers; in Chinese with a BOM, so that Excel reads it as UTF-8. */
function template(context: CliContext): string {
  const line = templateHeaders(context.lang).join(',');
  return context.lang === 'zh' ? `${BOM}${line}\r\n` : `${line}\n`;
}

function readMapFile(path: string | undefined): Map<string, FormField | null> {
  const map = new Map<string, FormField | null>([
    [normalizeHeader(REJECTS_COLUMN.en), null],
    [normalizeHeader(REJECTS_COLUMN.zh), null],
  ]);
  if (path === undefined) return map;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new UserError('invalid', {
      en: missing ? `Cannot read the map ${path}: there is no such file; check the path.` : `The map ${path} is not valid JSON; write it like { "their header": "customer" }.`,
      zh: missing ? `无法读取映射文件 ${path}：文件不存在，请检查路径。` : `映射文件 ${path} 不是有效的 JSON；请写成 { "他们的表头": "customer" }。`,
    });
  }
  const reading = readUserColumnMap(json);
  if (!reading.ok) throw new UserError('invalid', reading.problem);
  for (const [header, field] of reading.map) map.set(header, field);
  return map;
}
