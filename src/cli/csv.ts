// Reads a CSV file as saved by a spreadsheet (UTF-8, UTF-8 with BOM, or GBK from Excel on a
// Chinese-language Windows) as rows numbered the way the spreadsheet shows them, streamed so that
// a large file never sits whole in memory: kesu decodes the bytes (iconv-lite for GBK) and csv-parse
// splits the text into cells.
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { CsvError, Parser } from 'csv-parse';
import iconv from 'iconv-lite';
import type { Sentence } from '../workflow/errors.js';
import { CsvReadError, UserError } from './errors.js';
import { STRAY_BYTE, STRAY_BYTES, strayByte } from './stray-bytes.js';

export type CsvEncoding = 'auto' | 'utf8' | 'gbk';

/** What the bytes turned out to be; `ascii` until a byte above 0x7F decides it (both read ASCII alike). */
type DetectedEncoding = 'ascii' | 'utf8' | 'utf8-bom' | 'gb18030';

export interface CsvRow {
  /** The row as a spreadsheet numbers it: the header is row 1, a record with line breaks in a cell is one row. */
  readonly row: number;
  /** The line of the file where the row starts, for those who open the file in a text editor. */
  readonly line: number;
  /** The cells as written; an empty cell is "". */
  readonly cells: readonly string[];
  /** The characters of its cells, plus one a cell: what holding the row costs. */
  readonly size: number;
  /** Why the cells cannot be read as the header's columns; absent when they can. */
  readonly problems?: readonly CsvRowProblem[];
}

/** A problem of a row as CSV: of one cell (the column as the header names it), or of the row (null). */
interface CsvRowProblem {
  readonly column: string | null;
  readonly sentence: Sentence;
}

export interface CsvFile {
  readonly header: CsvRow;
  /** The data rows after the header; rows whose cells are all empty are skipped (but still counted). */
  readonly rows: AsyncIterable<CsvRow>;
  /** The encoding found so far; final once the rows have been read. */
  encoding(): DetectedEncoding;
  /** Bytes read from the source so far, for a progress bar. */
  bytesRead(): number;
}

/** Opens a CSV file and reads its header; the rows follow as they are iterated. */
export async function openCsv(path: string, options: { encoding?: CsvEncoding } = {}): Promise<CsvFile & { size: number }> {
  let size: number;
  try {
    const found = await stat(path);
    if (found.isDirectory()) {
      throw new UserError('invalid', {
        en: `Cannot read ${path}: it is a folder, not a CSV file; give the path of the file to import.`,
        zh: `无法读取 ${path}：这是一个文件夹，不是 CSV 文件；请给出要导入的文件路径。`,
      });
    }
    size = found.size;
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError('not-found', {
      en: `Cannot read ${path}: there is no such file; check the path.`,
      zh: `无法读取 ${path}：文件不存在，请检查路径。`,
    });
  }
  return { ...(await readCsv(createReadStream(path), options)), size };
}

/** Reads CSV from any byte stream (a file, or a buffer in tests). */
export async function readCsv(source: Readable, options: { encoding?: CsvEncoding } = {}): Promise<CsvFile> {
  const decoder = new DecodingStream(options.encoding ?? 'auto');
  source.on('error', (error) => decoder.destroy(error));
  // A line too long to be part of a form ends the text (DecodingStream): the rest need not be read.
  decoder.once('cut', () => {
    source.unpipe(decoder);
    source.destroy();
  });
  source.pipe(decoder);

  const records = parseRecords(decoder);
  let header: CsvRow | undefined;
  for (;;) {
    const next = await records.next();
    if (next.done) throw new CsvReadError('The file is empty: it has no header row.', '文件是空的：没有表头行。');
    if (!isBlank(next.value.cells)) {
      header = next.value;
      break;
    }
  }
  const stray = header.cells.find(hasStrayBytes);
  if (stray !== undefined) {
    throw new CsvReadError(
      `The header row is not valid UTF-8 text ("${excerpt(stray)}"); save the file as UTF-8, or import it with --encoding gbk if it was saved as GBK.`,
      `表头行不是有效的 UTF-8 文本（“${excerpt(stray)}”）；请将文件另存为 UTF-8，如果文件是 GBK 编码，请用 --encoding gbk 导入。`,
      header.row,
      header.line,
    );
  }
  const names = header.cells.map((cell) => cell.trim() || null);
  const rows: AsyncIterable<CsvRow> = {
    async *[Symbol.asyncIterator]() {
      for await (const row of { [Symbol.asyncIterator]: () => records }) {
        if (isBlank(row.cells)) continue;
        const problems = rowProblems(row.cells, names, decoder.strayBytes());
        yield problems === null ? row : { ...row, problems };
      }
    },
  };
  return { header, rows, encoding: () => decoder.detected, bytesRead: () => decoder.bytesRead };
}

function hasStrayBytes(cell: string): boolean {
  return STRAY_BYTE.test(cell);
}

/** Where a cell has bytes that are not text: some of it around the first, each stray byte shown as U+FFFD. */
function excerpt(cell: string): string {
  const at = cell.search(STRAY_BYTE);
  const from = Math.max(0, at - 12);
  const to = Math.min(cell.length, at + 12);
  const text = cell.slice(from, to).replace(STRAY_BYTES, '\uFFFD');
  return `${from > 0 ? '…' : ''}${text}${to < cell.length ? '…' : ''}`;
}

/** A problem for each cell with bytes that are not UTF-8 text; `names`: the header's, null where it has none. */
function strayCells(cells: readonly string[], names: readonly (string | null)[]): CsvRowProblem[] {
  const problems: CsvRowProblem[] = [];
  for (const [index, cell] of cells.entries()) {
    if (!hasStrayBytes(cell)) continue;
    const shown = excerpt(cell);
    problems.push({
      column: names[index] ?? null,
      sentence: {
        en: `"${shown}" is not valid UTF-8 text (a byte shown as \uFFFD is part of no character); save the file as UTF-8, or import it with --encoding gbk if it was saved as GBK`,
        zh: `“${shown}”不是有效的 UTF-8 文本（显示为 \uFFFD 的字节不属于任何字符）；请将文件另存为 UTF-8，如果文件是 GBK 编码，请用 --encoding gbk 导入`,
      },
    });
  }
  return problems;
}

function isBlank(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell !== '' && cell.trim() !== '') return false;
  return true;
}

/** What keeps the cells from being read under the header, or null; `strays`: whether stray bytes have been read. */
function rowProblems(cells: readonly string[], names: readonly (string | null)[], strays: boolean): CsvRowProblem[] | null {
  const extra = extraCells(cells, names.length);
  if (!strays && !extra) return null;
  const problems = strays ? strayCells(cells, names) : [];
  if (extra) problems.push(extra);
  return problems.length > 0 ? problems : null;
}

/**
 * A row with more cells than the header, most likely a comma typed in a cell that is not quoted:
 * its cells are out of place. Empty cells past the header's (a trailing comma) are no problem.
 */
function extraCells(cells: readonly string[], width: number): CsvRowProblem | null {
  if (cells.length <= width) return null;
  let count = cells.length;
  while (count > width && cells[count - 1]!.trim() === '') count--;
  if (count === width) return null;
  return {
    column: null,
    sentence: {
      en: `has ${count} cells where the header has ${width} (put a cell that holds a comma in quotes, "like, this", or give the extra cells a header)`,
      zh: `有 ${count} 个单元格，而表头只有 ${width} 列（含逗号的单元格要加英文引号，如 "甲, 乙"；或给多出的单元格加上表头）`,
    },
  };
}

/**
 * The longest row read, in characters (csv.ts CsvRow size): about ten times the longest form (26
 * fields of at most 4,000 characters). A quote never closed would otherwise take the rest of a big file
 * into one row, and the import's reading thread has a fixed memory limit.
 */
export const MAX_ROW_CHARS = 1_000_000;

/**
 * csv-parse's own guard on a record it has not finished (max_record_size), which counts the cell it
 * is reading in bytes: a row it stops at is longer than MAX_ROW_CHARS whatever its text, since no
 * character takes more than six bytes on the way (three of UTF-8, twice for one escaped: see
 * escapeForParser). The exact limit is checked on each row as it ends (parseRecords).
 */
const PARSER_MAX_BYTES = 6 * MAX_ROW_CHARS;

/**
 * A line with more characters than this, or more commas than MAX_ROW_CHARS, ends the text given to
 * csv-parse (DecodingStream), whose guard counts no empty cell and would gather a line of commas
 * into an array without limit; the row that holds such a line is longer than MAX_ROW_CHARS (a comma
 * is a character of its row's size, any other character at least a third of one), and is said to be.
 */
const MAX_LINE_CHARS = 3 * MAX_ROW_CHARS;

/** What csv-parse keeps of the record it is reading; read only to word its two errors about it. */
interface ParserState {
  readonly quoting: boolean;
  readonly record: readonly string[];
  readonly field: { toString(encoding: 'utf8'): string };
}

/**
 * csv-parse's Parser with each record kept here as it is made, rather than in its stream, whose
 * error (a quote never closed, found at the end) would drop the records it still holds: every row
 * before a problem is read.
 */
class RecordParser extends Parser {
  records: string[][] = [];

  override push(record: unknown): boolean {
    if (record === null) return super.push(null);
    this.records.push(record as string[]);
    return true;
  }
}

/**
 * The text parsed by csv-parse as spreadsheets write CSV: fields separated by commas, records by LF
 * (the decoder has made every line end LF), quoted fields with "" for a quote and line breaks inside;
 * a quote inside an unquoted cell (12" pizza) is a plain character, a quoted cell followed by more
 * text before the comma is read as written, quotes included (relax_quotes); records may have any
 * number of cells (relax_column_count); a blank line is a record of one empty cell. Records are
 * numbered as rows, each with the line where it starts, as a spreadsheet counts them.
 */
async function* parseRecords(decoder: DecodingStream): AsyncGenerator<CsvRow> {
  const parser = new RecordParser({ record_delimiter: '\n', relax_quotes: true, relax_column_count: true, max_record_size: PARSER_MAX_BYTES });
  // An error comes to the callback of the write that met it (and then as an event, not needed here).
  parser.on('error', () => undefined);
  const feed = (chunk: Buffer | null): Promise<Error | null | undefined> =>
    new Promise((resolve) => (chunk === null ? parser.end(resolve) : parser.write(chunk, resolve)));
  let rows = 0;
  let line = 1;
  function* numbered(): Generator<CsvRow> {
    const records = parser.records;
    parser.records = [];
    for (const record of records) {
      const cells = decoder.escaped ? record.map(unescapeFromParser) : record;
      let size = 0;
      let breaks = 0;
      for (const cell of cells) {
        size += cell.length + 1;
        if (cell.includes('\n')) breaks += countLineBreaks(cell);
      }
      if (size > MAX_ROW_CHARS) throw tooLong(rows + 1, line, false);
      yield { row: ++rows, line, cells, size };
      line += breaks + 1;
    }
  }

  for await (const chunk of decoder as AsyncIterable<Buffer>) {
    const failure = await feed(chunk);
    yield* numbered();
    if (failure) throw worded(failure);
  }
  const failure = await feed(null);
  yield* numbered();
  if (failure) throw worded(failure);

  /** csv-parse's errors count its own lines; kesu's name the row, and the line where it starts. */
  function worded(error: unknown): unknown {
    if (!(error instanceof CsvError)) return error;
    const state = (parser as unknown as { state: ParserState }).state;
    const row = rows + 1;
    if (error.code === 'CSV_MAX_RECORD_SIZE') return tooLong(row, line, state.quoting);
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
      // A quote never closed over more than the limit is said to be that, as when the limit stops a row.
      const cells = [...state.record, state.field.toString('utf8')].map(unescapeFromParser);
      const size = cells.reduce((sum, cell) => sum + cell.length + 1, 0);
      return size > MAX_ROW_CHARS ? tooLong(row, line, true) : unclosedQuote(row, line);
    }
    // With the options above csv-parse has no other complaint about a text: any other is a bug of kesu's.
    return error;
  }
}

function unclosedQuote(row: number, line: number): CsvReadError {
  return new CsvReadError(
    `Row ${row} (line ${line}) opens a quote (") that is never closed; close it, or remove it if the cell does not need one.`,
    `第 ${row} 行（文件第 ${line} 行）的引号（"）没有闭合；请补上结尾的引号，或去掉不需要的引号。`,
    row,
    line,
  );
}

function tooLong(row: number, line: number, inQuote: boolean): CsvReadError {
  const limit = MAX_ROW_CHARS.toLocaleString('en');
  return new CsvReadError(
    `Row ${row} (line ${line}) is longer than ${limit} characters${inQuote ? ', from a quote (") that is probably never closed; close it' : '; check that the file is a CSV of forms'}.`,
    `第 ${row} 行（文件第 ${line} 行）超过 ${limit} 个字符${inQuote ? '，可能是引号（"）没有闭合；请补上结尾的引号' : '；请确认文件是投诉单 CSV'}。`,
    row,
    line,
  );
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/**
 * The text goes to csv-parse as UTF-8, where a stray byte (a lone surrogate, STRAY_BYTE) would become
 * U+FFFD like any other: each is sent as U+FFFD and the character of its byte's value (U+0080 to
 * U+00FF), and a U+FFFD of the file's own as two, so that unescapeFromParser gives each cell back as
 * it was read. Neither holds a character that means something to CSV.
 */
const TO_ESCAPE = /[\uDC80-\uDCFF]|\uFFFD/gu;
const ESCAPED = /\uFFFD([\u0080-\u00FF\uFFFD])/g;

function escapeForParser(text: string): string {
  return text.replace(TO_ESCAPE, (found) => (found === '\uFFFD' ? '\uFFFD\uFFFD' : `\uFFFD${String.fromCharCode(found.charCodeAt(0) - 0xdc00)}`));
}

function unescapeFromParser(cell: string): string {
  if (!cell.includes('\uFFFD')) return cell;
  return cell.replace(ESCAPED, (_, next: string) => (next === '\uFFFD' ? next : strayByte(next.charCodeAt(0))));
}

/** Enough non-ASCII bytes to tell UTF-8 from GBK by how many of them make UTF-8 characters. */
const EVIDENCE_BYTES = 1024;
/**
 * UTF-8 despite a stray byte when its characters outnumber the bytes that are none at least this
 * many times: GBK text read as UTF-8 makes characters of under a fifth of its pairs.
 */
const CHARACTERS_PER_STRAY = 9;

interface Decoder {
  write(bytes: Buffer): string;
  end(): string | undefined;
}

/**
 * Bytes in, text out for csv-parse: UTF-8 with LF line ends and stray bytes escaped (escapeForParser).
 * Until the first non-ASCII byte the encoding does not matter; from there, a stretch that is UTF-8
 * (but for a stray byte or two) means UTF-8 and anything else means GB18030 (a superset of GBK, which
 * is what Excel on a Chinese-language Windows saves).
 */
class DecodingStream extends Transform {
  detected: DetectedEncoding = 'ascii';
  bytesRead = 0;
  /** Whether any text has been escaped (escapeForParser): only then may a cell need unescaping. */
  escaped = false;
  /** The characters and the commas since the last line break: past MAX_LINE_CHARS the text ends there ('cut'). */
  private lineChars = 0;
  private lineCommas = 0;
  private cut = false;
  private decoder: Decoder | null = null;
  private pending: Buffer = Buffer.alloc(0);
  private started = false;
  private heldCarriageReturn = false;

  constructor(private readonly requested: CsvEncoding) {
    super();
  }

  /** Whether bytes that are part of no UTF-8 character have been read (as lone surrogates: STRAY_BYTE). */
  strayBytes(): boolean {
    return this.decoder instanceof Utf8Decoder && this.decoder.strays;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytesRead += chunk.length;
    if (this.cut) return done();
    try {
      if (this.decoder) this.emitText(this.decoder.write(chunk));
      else this.detect(Buffer.concat([this.pending, chunk]), false);
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    if (this.cut) return done();
    try {
      if (!this.decoder) this.detect(this.pending, true);
      this.emitText(this.decoder?.end() ?? '');
      if (this.heldCarriageReturn && !this.cut) this.push(Buffer.from('\n'));
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  private detect(bytes: Buffer, atEnd: boolean): void {
    if (!this.started) {
      if (bytes.length < 3 && !atEnd) {
        this.pending = bytes;
        return;
      }
      this.started = true;
      if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
        throw new CsvReadError(
          'The file is UTF-16 ("Unicode text"); save it from the spreadsheet as "CSV UTF-8" or plain "CSV" instead.',
          '文件是 UTF-16 编码（“Unicode 文本”）；请在表格软件中另存为“CSV UTF-8”或普通“CSV”。',
        );
      }
      if (this.requested !== 'auto') return this.decide(this.requested === 'gbk' ? 'gb18030' : 'utf8', bytes);
      if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return this.decide('utf8-bom', bytes);
    }
    const firstNonAscii = bytes.findIndex((byte) => byte > 0x7f);
    if (firstNonAscii === -1) {
      this.pending = Buffer.alloc(0);
      this.emitText(bytes.toString('latin1'));
      return;
    }
    const evidence = bytes.subarray(firstNonAscii);
    if (evidence.length < EVIDENCE_BYTES && !atEnd) {
      this.pending = bytes;
      return;
    }
    const { characters, strays } = countUtf8(atEnd ? evidence : evidence.subarray(0, wholeCharacters(evidence)));
    this.decide(characters >= CHARACTERS_PER_STRAY * strays ? 'utf8' : 'gb18030', bytes);
  }

  private decide(encoding: Exclude<DetectedEncoding, 'ascii'>, bytes: Buffer): void {
    this.detected = encoding;
    this.decoder = encoding === 'gb18030' ? iconv.getDecoder('gb18030') : new Utf8Decoder();
    this.pending = Buffer.alloc(0);
    this.emitText(this.decoder.write(bytes));
  }

  /** Every CRLF and lone CR becomes LF; a CR at the end of a chunk waits to see if LF follows. */
  private emitText(text: string): void {
    if (this.cut) return;
    let joined = this.heldCarriageReturn ? `\r${text}` : text;
    this.heldCarriageReturn = joined.endsWith('\r');
    if (this.heldCarriageReturn) joined = joined.slice(0, -1);
    if (joined === '') return;
    joined = joined.replace(/\r\n?/g, '\n');
    const lastBreak = joined.lastIndexOf('\n');
    if (lastBreak !== -1) this.lineChars = this.lineCommas = 0;
    this.lineChars += joined.length - lastBreak - 1;
    for (let at = joined.indexOf(',', lastBreak + 1); at !== -1; at = joined.indexOf(',', at + 1)) this.lineCommas++;
    if (this.strayBytes() || joined.includes('\uFFFD')) {
      this.escaped = true;
      joined = escapeForParser(joined);
    }
    this.push(Buffer.from(joined));
    if (this.lineChars > MAX_LINE_CHARS || this.lineCommas > MAX_ROW_CHARS) {
      this.cut = true;
      this.push(null);
      this.emit('cut');
    }
  }
}

/**
 * UTF-8, streamed, with a leading BOM dropped (so it never reaches the first header). A byte that is
 * part of no character becomes a lone surrogate (STRAY_BYTE) instead of U+FFFD, so that the row
 * that held it is told and never stored.
 */
class Utf8Decoder implements Decoder {
  strays = false;
  /** The start of a character cut off at the end of the last chunk. */
  private carry: Buffer = Buffer.alloc(0);
  private first = true;

  write(chunk: Buffer): string {
    let bytes = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
    // The first bytes are those of the file's start (3 at least, or the whole file).
    if (this.first && startsWith(bytes, [0xef, 0xbb, 0xbf])) bytes = bytes.subarray(3);
    this.first = false;
    const whole = wholeCharacters(bytes);
    this.carry = Buffer.from(bytes.subarray(whole));
    return this.decode(bytes.subarray(0, whole));
  }

  end(): string {
    const rest = this.decode(this.carry);
    this.carry = Buffer.alloc(0);
    return rest;
  }

  private decode(bytes: Buffer): string {
    // Valid text (nearly always): decoded natively; only a chunk with a stray byte is walked here.
    if (isUtf8(bytes)) return bytes.toString('utf8');
    this.strays = true;
    let text = '';
    let from = 0;
    for (let at = 0; at < bytes.length; ) {
      const length = utf8CharLength(bytes, at);
      if (length > 0) {
        at += length;
        continue;
      }
      text += bytes.toString('utf8', from, at) + strayByte(bytes[at]!);
      from = ++at;
    }
    return text + bytes.toString('utf8', from);
  }
}

/** The length of the UTF-8 character at `at` (1 to 4), or 0 when the bytes there are none or it is cut off. */
function utf8CharLength(bytes: Buffer, at: number): number {
  const lead = bytes[at]!;
  if (lead < 0x80) return 1;
  const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (length === 0 || at + length > bytes.length) return 0;
  // After E0, ED, F0 and F4 the second byte's range is narrower: no overlong forms, surrogates or code points past U+10FFFF.
  const second = bytes[at + 1]!;
  if (second < (lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80) || second > (lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf)) return 0;
  for (let next = at + 2; next < at + length; next++) if (bytes[next]! < 0x80 || bytes[next]! > 0xbf) return 0;
  return length;
}

/** The bytes up to a character cut off at the end (more may follow), or all of them. */
function wholeCharacters(bytes: Buffer): number {
  for (let at = bytes.length - 1; at >= Math.max(0, bytes.length - 3); at--) {
    const byte = bytes[at]!;
    if (byte < 0x80) break;
    if (byte >= 0xc0) return bytes.length - at < (byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2) ? at : bytes.length;
  }
  return bytes.length;
}

/** The non-ASCII UTF-8 characters of the bytes, and the bytes that are part of none. */
function countUtf8(bytes: Buffer): { characters: number; strays: number } {
  let characters = 0;
  let strays = 0;
  for (let at = 0; at < bytes.length; ) {
    const length = utf8CharLength(bytes, at);
    if (length === 0) strays++;
    else if (length > 1) characters++;
    at += Math.max(1, length);
  }
  return { characters, strays };
}

function startsWith(bytes: Buffer, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}
