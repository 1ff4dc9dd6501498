// What kesu's reader adds to csv-parse, which splits the cells: for any text of the characters that
// matter (quotes, commas, line breaks, CRLF, characters of several bytes), cut into chunks anywhere,
// the rows are csv-parse's records numbered as a spreadsheet numbers them, with the line where each
// starts; a stray byte reaches its cell as the byte it was; a quote never closed is named at the row
// and line where its row starts; and no row longer than the limit is read, whatever makes it long.
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ROW_CHARS, readCsv, type CsvFile, type CsvRow } from '../../src/cli/csv.js';
import { CsvReadError } from '../../src/cli/errors.js';
import { strayByte } from '../../src/cli/stray-bytes.js';

type Row = { row: number; line: number; cells: readonly string[] };
type Outcome = { rows: Row[]; error?: [number | null, number | null] };

const HEADER = 'h1,h2\n';
const OPTIONS = { record_delimiter: '\n', relax_column_count: true, relax_quotes: true, raw: true, info: true } as const;
type ParsedRecord = { record: string[]; raw: string; info: { records: number } };

/**
 * What csv-parse makes of the text (line ends made LF), numbered from its own counts: the lines of
 * each record's raw text; the records up to a quote never closed, and the line where that record
 * starts (csv-parse counts no line after a line break at the very end).
 */
function withCsvParse(text: string): Outcome {
  const lf = text.replace(/\r\n?/g, '\n');
  const numbered = (records: ParsedRecord[]): Row[] => {
    let line = 1;
    return records.map(({ record, raw, info }) => {
      const row = { row: info.records, line, cells: record };
      line += raw.split('\n').length - 1;
      return row;
    });
  };
  const read = (rows: Row[]): Row[] => rows.slice(1).filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  try {
    return { rows: read(numbered(parse(lf, OPTIONS) as unknown as ParsedRecord[])) };
  } catch (error) {
    const details = error as { records: number; lines: number; raw?: string };
    const before = details.records === 0 ? [] : numbered(parse(lf, { ...OPTIONS, to: details.records }) as unknown as ParsedRecord[]);
    const line = details.lines - ((details.raw ?? '').replace(/\n$/, '').split('\n').length - 1);
    return { rows: read(before), error: [details.records + 1, line] };
  }
}

/** What kesu's reader gives for the bytes handed over in these chunks. */
async function withReader(chunks: readonly Buffer[], encoding: 'auto' | 'utf8' = 'auto'): Promise<Outcome> {
  const rows: Row[] = [];
  try {
    const file = await readCsv(Readable.from(chunks), { encoding });
    for await (const { row, line, cells } of file.rows) rows.push({ row, line, cells });
    return { rows };
  } catch (error) {
    if (!(error instanceof CsvReadError)) throw error;
    return { rows, error: [error.row, error.line] };
  }
}

/** The bytes cut at the given places. */
function cut(bytes: Buffer, at: readonly number[]): Buffer[] {
  const points = [...new Set(at.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(from, point));
    from = point;
  }
  chunks.push(bytes.subarray(from));
  return chunks;
}

const texts = fc.array(fc.constantFrom('a', 'b', '"', ',', '\n', '\r\n', '\r', '中', '😀', ' '), { maxLength: 40 }).map((parts) => parts.join(''));

describe('rows as csv-parse splits them, numbered as a spreadsheet numbers them', () => {
  it.each(['a,b\nc,d\n', 'a,b\r\nc,d', '"a\nb",c\n\nx', '"abc"def,x\n', 'a"b,c\n', '"a""b",c', '"abc" ,x', ' "abc",x', '""', '"', 'a,"b\nc', 'a\n\n', '"a""', '\n', '', 'a,\n,b,\n', 'x\r\r\n"y\r\nz"\rw'])(
    '%j',
    async (body) => {
      expect(await withReader([Buffer.from(HEADER + body)])).toEqual(withCsvParse(HEADER + body));
    },
  );

  it('for any text of quotes, commas, line breaks and letters, in chunks cut at any byte', async () => {
    await fc.assert(
      fc.asyncProperty(texts, fc.array(fc.nat(), { maxLength: 6 }), async (body, at) => {
        const bytes = Buffer.from(HEADER + body);
        expect(await withReader(cut(bytes, at))).toEqual(withCsvParse(HEADER + body));
      }),
      { numRuns: 1500 },
    );
  });
});

describe('stray bytes', () => {
  /** Bytes that are part of no UTF-8 character wherever they stand among these, and a U+FFFD of the file's own. */
  const STRAYS = [0x80, 0xa0, 0xbf, 0xc0, 0xff];
  const parts = fc.array(fc.oneof(fc.constantFrom('a', '"', ',', '\n', '中', '\uFFFD'), fc.constantFrom(...STRAYS)), { maxLength: 40 });

  it('reach their cells as the bytes they were, wherever the chunks are cut, beside U+FFFD as text', async () => {
    await fc.assert(
      fc.asyncProperty(parts, fc.array(fc.nat(), { maxLength: 6 }), async (body, at) => {
        const bytes = Buffer.concat([Buffer.from(HEADER), ...body.map((part) => (typeof part === 'number' ? Buffer.from([part]) : Buffer.from(part)))]);
        // csv-parse reads each stray byte as a character of the Private Use Area, which this text has none of.
        const placeholders = HEADER + body.map((part) => (typeof part === 'number' ? String.fromCharCode(0xe000 + part) : part)).join('');
        const expected = withCsvParse(placeholders);
        const strays = (cell: string): string => cell.replace(/[\uE080-\uE0FF]/g, (found) => strayByte(found.charCodeAt(0) - 0xe000));
        const outcome = await withReader(cut(bytes, at), 'utf8');
        expect(outcome).toEqual({ ...expected, rows: expected.rows.map((row) => ({ ...row, cells: row.cells.map(strays) })) });
      }),
      { numRuns: 1500 },
    );
  });

  it('make their row a problem, and only theirs', async () => {
    const bytes = Buffer.concat([Buffer.from(`${HEADER}ok,"\uFFFD"\n"a\n`), Buffer.from([0xa0]), Buffer.from('",b\nc,d\n')]);
    const file = await readCsv(Readable.from([bytes]), { encoding: 'utf8' });
    const rows: CsvRow[] = [];
    for await (const row of file.rows) rows.push(row);
    expect(rows.map((row) => [row.row, row.line, row.cells, row.problems?.map((problem) => problem.column)])).toEqual([
      [2, 2, ['ok', '\uFFFD'], undefined],
      [3, 3, [`a\n${strayByte(0xa0)}`, 'b'], ['h1']],
      [4, 5, ['c', 'd'], undefined],
    ]);
  });
});

describe('a row too long to be a form', () => {
  /** `start`, then `size` letters, in chunks of 64 KiB as the file is read. */
  const chunks = (start: string, size: number, letter = 'x'): Buffer[] => {
    const step = 64 * 1024;
    return [start, ...Array.from({ length: Math.ceil(size / step) }, (_, i) => letter.repeat(Math.min(step, size - i * step)))].map((text) => Buffer.from(text));
  };
  const failure = (reading: Promise<unknown>): Promise<CsvReadError> =>
    reading.then(
      () => {
        throw new Error('read without an error');
      },
      (error: unknown) => {
        expect(error).toBeInstanceOf(CsvReadError);
        return error as CsvReadError;
      },
    );
  const allRows = async (file: CsvFile): Promise<void> => {
    for await (const _ of file.rows);
  };

  it('stops the reading at the row where a quote is never closed, without taking the rest of the file', async () => {
    const file = await readCsv(Readable.from([Buffer.from('id,note\n1,fine\n'), ...chunks('2,"unclosed\n', MAX_ROW_CHARS)]));
    expect((await failure(allRows(file))).message).toBe('Row 3 (line 3) is longer than 1,000,000 characters, from a quote (") that is probably never closed; close it.');
  });

  it('stops at a quote never closed over many short lines, long before the end of the file, naming where its row starts', async () => {
    let handedOver = 0;
    const lines = Buffer.from('1,水壶漏水\n'.repeat(4096));
    const endless = Readable.from(
      (function* () {
        yield Buffer.from('id,note\n1,fine\n2,"unclosed\n');
        for (;;) {
          handedOver += lines.length;
          yield lines;
        }
      })(),
    );
    const error = await failure(readCsv(endless).then(allRows));
    expect([error.row, error.line, error.message]).toEqual([3, 3, 'Row 3 (line 3) is longer than 1,000,000 characters, from a quote (") that is probably never closed; close it.']);
    expect(handedOver).toBeLessThan(8 * MAX_ROW_CHARS);
  });

  it('says a quote never closed is that when its row is within the limit', async () => {
    const file = await readCsv(Readable.from([Buffer.from('id,note\n1,fine\n'), ...chunks('2,"unclosed\n', MAX_ROW_CHARS - 20)]));
    expect((await failure(allRows(file))).message).toBe('Row 3 (line 3) opens a quote (") that is never closed; close it, or remove it if the cell does not need one.');
  });

  it('reads a row of exactly the limit: its cells and a character for each', async () => {
    const file = await readCsv(Readable.from([...chunks('"', MAX_ROW_CHARS - 3), Buffer.from('",b\n')]));
    expect([file.header.size, ...file.header.cells.map((cell) => cell.length)]).toEqual([MAX_ROW_CHARS, MAX_ROW_CHARS - 3, 1]);
  });

  it('reads a row within the limit in characters whose UTF-8 is three times as long', async () => {
    const file = await readCsv(Readable.from([Buffer.from('id,note\n1,"'), ...chunks('', MAX_ROW_CHARS - 10, '中'), Buffer.from('"\n')]));
    const rows: number[] = [];
    for await (const row of file.rows) rows.push(row.size);
    expect(rows).toEqual([MAX_ROW_CHARS - 10 + 3]);
  });

  it('stops at a row one character over the limit that ends inside a chunk', async () => {
    const error = await failure(readCsv(Readable.from([...chunks('"', MAX_ROW_CHARS - 11), Buffer.from('",0123456789\n')])));
    expect(error.message).toBe('Row 1 (line 1) is longer than 1,000,000 characters; check that the file is a CSV of forms.');
  });

  it('stops at a row of too many cells as well (a line of commas)', async () => {
    const error = await failure(readCsv(Readable.from(chunks('a', MAX_ROW_CHARS, ','))));
    expect(error.message).toBe('Row 1 (line 1) is longer than 1,000,000 characters; check that the file is a CSV of forms.');
  });

  it('stops at a line of commas far longer than the limit without reading the rest of the file', async () => {
    let handedOver = 0;
    const commas = Buffer.from(','.repeat(64 * 1024));
    const endless = Readable.from(
      (function* () {
        yield Buffer.from('id,note\n1,fine\n2');
        for (;;) {
          handedOver += commas.length;
          yield commas;
        }
      })(),
    );
    const file = await readCsv(endless);
    expect((await failure(allRows(file))).message).toBe('Row 3 (line 3) is longer than 1,000,000 characters; check that the file is a CSV of forms.');
    expect(handedOver).toBeLessThan(4 * MAX_ROW_CHARS);
  });
});
