// Reads a CSV file as saved by a spreadsheet (UTF-8, UTF-8 with BOM, or GBK from Excel on a
// Chinese-language Windows) as rows numbered the way the spreadsheet shows them, streamed so that
// a large file never sits whole in memory.
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
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
  source.pipe(decoder);

  const records = numberedRecords(decoder as AsyncIterable<string>);
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

async function* numberedRecords(text: AsyncIterable<string>): AsyncGenerator<CsvRow> {
  const parser = new CsvParser();
  for await (const chunk of text) yield* parser.push(chunk);
  yield* parser.end();
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;

/**
 * The longest row read, in characters (csv.ts CsvRow size): about ten times the longest form (26
 * fields of at most 4,000 characters). A quote never closed would otherwise take the rest of a big file
 * into one row, and the import's reading thread has a fixed memory limit.
 */
export const MAX_ROW_CHARS = 1_000_000;

/** Where the parser is between two chunks of text. */
const enum Mode {
  /** At the start of a field: a quote here opens a quoted field. */
  FieldStart,
  Unquoted,
  Quoted,
  /** Just after a quote inside a quoted field: the next character (maybe in the next chunk) says what it was. */
  QuoteInQuoted,
}

/**
 * CSV as spreadsheets write it, read chunk by chunk: fields separated by commas, records by LF (the
 * decoder has made every line end LF), quoted fields with "" for a quote and line breaks inside.
 * Like csv-parse with relax_quotes and relax_column_count (which it replaced, for speed, and against
 * which it is tested): a quote inside an unquoted cell (12" pizza) is a plain character, a quoted
 * cell followed by more text before the comma is read as written, quotes included, records may have
 * any number of cells, and a blank line is a record of one empty cell (counted, as a spreadsheet
 * counts it). Records are numbered from 1 with the line of the file where each starts. Kept when
 * csv-parse was tried again, since the import was slower with it: the README's Performance section
 * has the figures.
 */
export class CsvParser {
  private mode = Mode.FieldStart;
  private cells: string[] = [];
  private field = '';
  private records = 0;
  /** The size (CsvRow size) of the current record's cells so far. */
  private size = 0;
  /** The line where the current record starts, and the line breaks inside its quoted cells so far. */
  private line = 1;
  private breaks = 0;

  push(text: string): CsvRow[] {
    const out: CsvRow[] = [];
    const length = text.length;
    let at = 0;
    while (at < length) {
      switch (this.mode) {
        case Mode.FieldStart:
          if (text.charCodeAt(at) === QUOTE) {
            this.mode = Mode.Quoted;
            at++;
          } else this.mode = Mode.Unquoted;
          break;
        case Mode.Unquoted: {
          let end = at;
          let code = 0;
          while (end < length) {
            code = text.charCodeAt(end);
            if (code === COMMA || code === LF) break;
            end++;
          }
          this.field += text.slice(at, end);
          if (end === length) return this.checkedSize(out);
          this.endField();
          if (code === LF) out.push(this.endRecord());
          this.mode = Mode.FieldStart;
          at = end + 1;
          break;
        }
        case Mode.Quoted: {
          const quote = text.indexOf('"', at);
          const end = quote === -1 ? length : quote;
          this.breaks += countLineBreaks(text, at, end);
          this.field += text.slice(at, end);
          if (quote === -1) return this.checkedSize(out);
          this.mode = Mode.QuoteInQuoted;
          at = quote + 1;
          break;
        }
        case Mode.QuoteInQuoted: {
          const code = text.charCodeAt(at);
          if (code === QUOTE) {
            this.field += '"';
            this.mode = Mode.Quoted;
            at++;
          } else if (code === COMMA || code === LF) {
            this.endField();
            if (code === LF) out.push(this.endRecord());
            this.mode = Mode.FieldStart;
            at++;
          } else {
            // Text after the closing quote: the cell is read as written, its quotes kept.
            this.field = `"${this.field}"`;
            this.mode = Mode.Unquoted;
          }
          break;
        }
      }
    }
    return this.checkedSize(out);
  }

  /** The last record, when the file does not end with a line break; an error for a quote never closed. */
  end(): CsvRow[] {
    if (this.mode === Mode.Quoted) {
      const row = this.records + 1;
      throw new CsvReadError(
        `Row ${row} (line ${this.line}) opens a quote (") that is never closed; close it, or remove it if the cell does not need one.`,
        `第 ${row} 行（文件第 ${this.line} 行）的引号（"）没有闭合；请补上结尾的引号，或去掉不需要的引号。`,
        row,
        this.line,
      );
    }
    if (this.mode === Mode.FieldStart && this.cells.length === 0) return [];
    this.endField();
    this.mode = Mode.FieldStart;
    return [this.endRecord()];
  }

  /**
   * A record may not grow past MAX_ROW_CHARS: checked at its end, and at the end of a chunk while it
   * is still open (so that an open one never holds more than the limit and one chunk).
   */
  private checkedSize(out: CsvRow[]): CsvRow[] {
    if (this.size + this.field.length <= MAX_ROW_CHARS) return out;
    throw this.tooLong(this.mode === Mode.Quoted || this.mode === Mode.QuoteInQuoted);
  }

  private tooLong(inQuote: boolean): CsvReadError {
    const row = this.records + 1;
    const limit = MAX_ROW_CHARS.toLocaleString('en');
    return new CsvReadError(
      `Row ${row} (line ${this.line}) is longer than ${limit} characters${inQuote ? ', from a quote (") that is probably never closed; close it' : '; check that the file is a CSV of forms'}.`,
      `第 ${row} 行（文件第 ${this.line} 行）超过 ${limit} 个字符${inQuote ? '，可能是引号（"）没有闭合；请补上结尾的引号' : '；请确认文件是投诉单 CSV'}。`,
      row,
      this.line,
    );
  }

  private endField(): void {
    this.cells.push(this.field);
    this.size += this.field.length + 1;
    this.field = '';
  }

  private endRecord(): CsvRow {
    if (this.size > MAX_ROW_CHARS) throw this.tooLong(false);
    const row: CsvRow = { row: ++this.records, line: this.line, cells: this.cells, size: this.size };
    this.line += this.breaks + 1;
    this.breaks = 0;
    this.cells = [];
    this.size = 0;
    return row;
  }
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count++;
  return count;
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
 * Bytes in, text out with LF line ends. Until the first non-ASCII byte the encoding does not matter;
 * from there, a stretch that is UTF-8 (but for a stray byte or two) means UTF-8 and anything else
 * means GB18030 (a superset of GBK, which is what Excel on a Chinese-language Windows saves).
 */
class DecodingStream extends Transform {
  detected: DetectedEncoding = 'ascii';
  bytesRead = 0;
  private decoder: Decoder | null = null;
  private pending: Buffer = Buffer.alloc(0);
  private started = false;
  private heldCarriageReturn = false;

  constructor(private readonly requested: CsvEncoding) {
    super({ readableObjectMode: true });
  }

  /** Whether bytes that are part of no UTF-8 character have been read (as lone surrogates: STRAY_BYTE). */
  strayBytes(): boolean {
    return this.decoder instanceof Utf8Decoder && this.decoder.strays;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytesRead += chunk.length;
    try {
      if (this.decoder) this.emitText(this.decoder.write(chunk));
      else this.detect(Buffer.concat([this.pending, chunk]), false);
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      if (!this.decoder) this.detect(this.pending, true);
      this.emitText(this.decoder?.end() ?? '');
      if (this.heldCarriageReturn) this.push('\n');
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
    let joined = this.heldCarriageReturn ? `\r${text}` : text;
    this.heldCarriageReturn = joined.endsWith('\r');
    if (this.heldCarriageReturn) joined = joined.slice(0, -1);
    if (joined !== '') this.push(joined.replace(/\r\n?/g, '\n'));
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
