// The CSV parser against csv-parse, which it replaced for speed: the same cells, row numbers and
// lines for any text made of the characters that matter (quotes, commas, line breaks), cut into
// chunks anywhere, and the same row and line for a quote that is never closed.
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvParser, MAX_ROW_CHARS, type CsvRow } from '../../src/cli/csv.js';
import { CsvReadError } from '../../src/cli/errors.js';

type Outcome = { rows: { row: number; line: number; cells: readonly string[] }[] } | { error: [number | null, number | null] };

/** What the reader gave with csv-parse: the same options, lines counted from each record's raw text. */
function withCsvParse(text: string): Outcome {
  try {
    const records = parse(text, { record_delimiter: '\n', relax_column_count: true, relax_quotes: true, skip_empty_lines: false, raw: true, info: true }) as unknown as {
      record: string[];
      raw: string;
      info: { records: number };
    }[];
    let line = 1;
    return {
      rows: records.map(({ record, raw, info }) => {
        const row = { row: info.records, line, cells: record };
        line += raw.split('\n').length - 1;
        return row;
      }),
    };
  } catch (error) {
    const details = error as { records?: number; lines?: number; raw?: string };
    const line = details.lines === undefined ? null : details.lines - ((details.raw ?? '').replace(/\n$/, '').split('\n').length - 1);
    return { error: [(details.records ?? 0) + 1, line] };
  }
}

function withCsvParser(chunks: readonly string[]): Outcome {
  const parser = new CsvParser();
  try {
    const rows = chunks.flatMap((chunk) => parser.push(chunk));
    return { rows: [...rows, ...parser.end()].map((r) => ({ row: r.row, line: r.line, cells: r.cells })) };
  } catch (error) {
    if (!(error instanceof CsvReadError)) throw error;
    return { error: [error.row, error.line] };
  }
}

/** The text cut at the given places. */
function cut(text: string, at: readonly number[]): string[] {
  const points = [...new Set(at.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const point of points) {
    chunks.push(text.slice(from, point));
    from = point;
  }
  chunks.push(text.slice(from));
  return chunks;
}

describe('CsvParser reads as csv-parse did', () => {
  it.each([
    'a,b\nc,d\n',
    'a,b\nc,d',
    '"a\nb",c\n\nx',
    '"abc"def,x\n',
    'a"b,c\n',
    '"a""b",c',
    '"abc" ,x',
    ' "abc",x',
    '""',
    '"',
    'a,"b\nc',
    'a\n\n',
    '"a""',
    '"a"""',
    '\n',
    '',
    'a,\n,b,\n',
  ])('%j', (text) => {
    expect(withCsvParser([text])).toEqual(withCsvParse(text));
  });

  it('for any text of quotes, commas, line breaks and letters, in chunks of any size', () => {
    const text = fc.array(fc.constantFrom('a', 'b', '"', ',', '\n', '中', ' '), { maxLength: 40 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 6 }), (csv, at) => {
        expect(withCsvParser(cut(csv, at))).toEqual(withCsvParse(csv));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('a row too long to be a form', () => {
  /** `start`, then `size` letters, in chunks of 64 KiB as the file is read. */
  const chunks = (start: string, size: number): string[] => {
    const step = 64 * 1024;
    return [start, ...Array.from({ length: Math.ceil(size / step) }, (_, i) => 'x'.repeat(Math.min(step, size - i * step)))];
  };

  it('stops the reading at the row where a quote is never closed, without taking the rest of the file', () => {
    const parser = new CsvParser();
    expect(parser.push('id,note\n1,fine\n')).toHaveLength(2);
    let thrown: unknown;
    try {
      for (const text of chunks('2,"unclosed\n', MAX_ROW_CHARS)) parser.push(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CsvReadError);
    expect((thrown as CsvReadError).message).toBe('Row 3 (line 3) is longer than 1,000,000 characters, from a quote (") that is probably never closed; close it.');
  });

  it('reads a row of exactly the limit: its cells and a character for each', () => {
    const parser = new CsvParser();
    const rows = [...chunks('"', MAX_ROW_CHARS - 3).flatMap((text) => parser.push(text)), ...parser.push('",b\n')];
    expect(rows.map((row) => [row.size, ...row.cells.map((cell) => cell.length)])).toEqual([[MAX_ROW_CHARS, MAX_ROW_CHARS - 3, 1]]);
  });

  it('stops at a row one character over the limit that ends inside a chunk', () => {
    const parser = new CsvParser();
    const push = (): CsvRow[] => [...chunks('"', MAX_ROW_CHARS - 11).flatMap((text) => parser.push(text)), ...parser.push('",0123456789\n')];
    expect(push).toThrow('Row 1 (line 1) is longer than 1,000,000 characters; check that the file is a CSV of forms.');
  });

  it('stops at a row of too many cells as well (a line of commas)', () => {
    const parser = new CsvParser();
    expect(() => chunks('a', MAX_ROW_CHARS).forEach((text) => parser.push(text.replace(/x/g, ',')))).toThrow(
      'Row 1 (line 1) is longer than 1,000,000 characters; check that the file is a CSV of forms.',
    );
  });
});
