import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openCsv, readCsv, type CsvFile, type CsvRow } from '../../src/cli/csv.js';
import { CsvReadError } from '../../src/cli/errors.js';
import { readForm, type FormContext } from '../../src/workflow/form-reading.js';
import { mapHeaders } from '../../src/workflow/forms.js';
import { DEFAULT_SETTINGS } from '../../src/workflow/settings.js';
import { fixedZone } from '../../src/workflow/time.js';

const fixture = (name: string): string => new URL(`../../fixtures/${name}`, import.meta.url).pathname;

async function allRows(file: CsvFile): Promise<CsvRow[]> {
  const rows: CsvRow[] = [];
  for await (const row of file.rows) rows.push(row);
  return rows;
}

/** A source that hands the bytes over in small chunks, as a slow disk or pipe would. */
function chunked(bytes: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return Readable.from(chunks);
}

describe('reading the fixture forms', () => {
  it('reads UTF-8 with multi-line cells, a blank line and trailing empty rows', async () => {
    const file = await openCsv(fixture('forms-utf8.csv'));
    const rows = await allRows(file);
    expect(file.encoding()).toBe('utf8');
    expect(file.header.row).toBe(1);
    expect(file.header.cells.slice(0, 3)).toEqual(['ref', 'Received At', 'customer']);
    // The blank line is spreadsheet row 4 and the two all-empty rows 6 and 7: skipped, but counted.
    expect(rows.map((r) => [r.row, r.line, r.cells[0]])).toEqual([
      [2, 2, 'F-2026-001'],
      [3, 4, 'F-2026-002'],
      [5, 6, 'F-2026-003'],
    ]);
    expect(rows[0]!.cells[7]).toBe('Kettle leaks at the base after two days.\nWater all over the counter, nearly reached the socket.');
    expect(rows[1]!.cells[7]).toBe('Staff member was rude at the till, "not my problem" he said');
    expect(rows[1]!.cells[3]).toBe('');
    expect(rows[2]!.cells[2]).toBe('刘洋');
  });

  it('reads UTF-8 with a BOM and CRLF: no BOM in the first header, no CR in any cell', async () => {
    const file = await openCsv(fixture('forms-utf8-bom-crlf.csv'));
    const rows = await allRows(file);
    expect(file.encoding()).toBe('utf8-bom');
    expect(file.header.cells[0]).toBe('编号');
    expect(rows.map((r) => [r.row, r.line, r.cells[0]])).toEqual([
      [2, 2, 'B-101'],
      [3, 4, 'B-102'],
      [5, 8, 'B-103'],
    ]);
    expect(rows[1]!.cells[7]).toBe('洗衣机漏电，顾客手被电到。\n已送医检查，无大碍。\n要求赔偿。');
    expect(rows.flatMap((r) => r.cells).some((cell) => cell.includes('\r'))).toBe(false);
  });

  it('detects GBK and reads its Chinese headers and cells', async () => {
    const file = await openCsv(fixture('forms-gbk.csv'));
    const rows = await allRows(file);
    expect(file.encoding()).toBe('gb18030');
    expect(file.header.cells).toContain('备注');
    expect(file.header.cells[1]).toBe('受理日期');
    expect(rows.map((r) => [r.row, r.line, r.cells[2]])).toEqual([
      [2, 2, '赵敏'],
      [3, 4, '钱多多'],
      [4, 5, '孙丽'],
    ]);
    expect(rows[0]!.cells[7]).toBe('买的电饭煲内胆有划痕，\n使用一次后涂层脱落。');
    expect(file.bytesRead()).toBe(file.size);
  });

  it('refuses GBK told it is UTF-8 at its header, and reads it when told it is GBK', async () => {
    const forced: unknown = await openCsv(fixture('forms-gbk.csv'), { encoding: 'utf8' }).catch((e: unknown) => e);
    expect(forced).toBeInstanceOf(CsvReadError);
    expect((forced as CsvReadError).sentence.en).toMatch(/^The header row is not valid UTF-8 text \("\uFFFD+"\); save the file as UTF-8, or import it with --encoding gbk if it was saved as GBK\.$/);
    const gbk = await openCsv(fixture('forms-gbk.csv'), { encoding: 'gbk' });
    expect(gbk.header.cells[1]).toBe('受理日期');
  });
});

describe('detecting the encoding from the stream', () => {
  it('decides GBK even when the first Chinese characters come after a long English start, in tiny chunks', async () => {
    const text = `ref,customer,description\r\n${'A-1,Wang,fine\r\n'.repeat(200)}B-2,张伟,"送货晚了
三天"\r\n`;
    const file = await readCsv(chunked(iconv.encode(text, 'gbk'), 7));
    const rows = await allRows(file);
    expect(file.encoding()).toBe('gb18030');
    expect(rows.at(-1)).toEqual({ row: 202, line: 202, cells: ['B-2', '张伟', '送货晚了\n三天'], size: 15 });
  });

  it('decides GBK when its first Chinese characters come after megabytes of ASCII, and more than a kilobyte of them', async () => {
    const text = `ref,customer,description\r\n${'A-1,Wang,fine\r\n'.repeat(150_000)}B-2,张伟,${'送货晚了三天，'.repeat(100)}\r\n`;
    const file = await readCsv(chunked(iconv.encode(text, 'gbk'), 65_536));
    const rows = await allRows(file);
    expect(file.encoding()).toBe('gb18030');
    expect(rows.at(-1)?.cells).toEqual(['B-2', '张伟', '送货晚了三天，'.repeat(100)]);
    expect(rows.some((r) => r.problems)).toBe(false);
  });

  it('keeps a UTF-8 character cut between two chunks whole, and a CRLF cut between two chunks one line end', async () => {
    const bytes = Buffer.from('a,b\r\n甲,乙\r\n丙,丁\r\n', 'utf8');
    const file = await readCsv(chunked(bytes, 4));
    const rows = await allRows(file);
    expect(file.encoding()).toBe('utf8');
    expect(rows).toEqual([
      { row: 2, line: 2, cells: ['甲', '乙'], size: 4 },
      { row: 3, line: 3, cells: ['丙', '丁'], size: 4 },
    ]);
  });

  describe('a UTF-8 file with a stray byte', () => {
    const header = '编号,投诉日期,客户姓名,投诉类别,投诉内容\r\n';
    const forms = (from: number, to: number): string => Array.from({ length: to - from + 1 }, (_, i) => `U-${from + i},2026-10-05,王芳,质量,水壶漏水\r\n`).join('');
    /** The rows as UTF-8, with the byte A0 (part of no character) in the customer of row 7: 李\xA0娜. */
    const withStray = (after: string): Buffer =>
      Buffer.concat([Buffer.from(`${header}${forms(2, 6)}U-7,2026-10-05,李`), Buffer.from([0xa0]), Buffer.from(`娜,质量,水壶漏水\r\n${after}`)]);
    const problemsOf = (rows: CsvRow[]) => rows.filter((r) => r.problems).map((r) => [r.row, r.problems]);
    const strayProblem = (shown: string) => ({
      column: '客户姓名',
      sentence: {
        en: `"${shown}" is not valid UTF-8 text (a byte shown as \uFFFD is part of no character); save the file as UTF-8, or import it with --encoding gbk if it was saved as GBK`,
        zh: `“${shown}”不是有效的 UTF-8 文本（显示为 \uFFFD 的字节不属于任何字符）；请将文件另存为 UTF-8，如果文件是 GBK 编码，请用 --encoding gbk 导入`,
      },
    });

    it('stays UTF-8 and has a problem at the row and column of the byte, in any chunks and as told', async () => {
      for (const [source, encoding] of [
        [Readable.from([withStray(forms(8, 9))]), 'auto'],
        [chunked(withStray(forms(8, 9)), 5), 'auto'],
        [Readable.from([withStray(forms(8, 9))]), 'utf8'],
      ] as const) {
        const file = await readCsv(source, { encoding });
        const rows = await allRows(file);
        expect(file.encoding()).toBe('utf8');
        expect(file.header.cells[2]).toBe('客户姓名');
        expect(rows.map((r) => r.cells[2])).toEqual(['王芳', '王芳', '王芳', '王芳', '王芳', '李\uDCA0娜', '王芳', '王芳']);
        expect(problemsOf(rows)).toEqual([[7, [strayProblem('李\uFFFD娜')]]]);
      }
    });

    it('has the problem when the byte comes after the encoding was decided, and shows a long cell around it', async () => {
      const before = forms(2, 101);
      const bytes = Buffer.concat([Buffer.from(`${header}${before}U-102,2026-10-05,王芳,质量,${'水壶漏水'.repeat(10)}`), Buffer.from([0xff]), Buffer.from('漏水\r\n')]);
      const rows = await allRows(await readCsv(chunked(bytes, 64)));
      expect(problemsOf(rows)).toEqual([[102, [{ ...strayProblem('…水壶漏水水壶漏水水壶漏水\uFFFD漏水'), column: '投诉内容' }]]]);
    });

    it('takes an emoji whose second half lies where stray bytes are marked (💔, U+1F494) for text, in the header and after a stray byte', async () => {
      const bytes = Buffer.concat([
        Buffer.from(`编号,投诉日期,客户姓名💔,投诉类别,投诉内容\r\nU-2,2026-10-05,李`),
        Buffer.from([0xa0]),
        Buffer.from('娜,质量,水壶漏水\r\nU-3,2026-10-05,王芳💔,质量,水壶漏水💯\r\n'),
      ]);
      const file = await readCsv(Readable.from([bytes]));
      expect(file.header.cells[2]).toBe('客户姓名💔');
      const rows = await allRows(file);
      expect(rows.map((r) => [r.row, r.cells[2], Boolean(r.problems)])).toEqual([
        [2, '李\uDCA0娜', true],
        [3, '王芳💔', false],
      ]);
    });

    it('keeps a U+FFFD written in the file as a character of its own', async () => {
      const rows = await allRows(await readCsv(Readable.from([Buffer.from(`${header}U-2,2026-10-05,李\uFFFD娜,质量,水壶漏水\r\n`)])));
      expect(rows.map((r) => [r.cells[2], r.problems])).toEqual([['李\uFFFD娜', undefined]]);
    });
  });

  it('refuses an empty file and a UTF-16 one with a sentence', async () => {
    await expect(readCsv(Readable.from([Buffer.from('\n\n')]))).rejects.toThrow(/empty/);
    await expect(readCsv(Readable.from([iconv.encode('\ufeffa,b\n', 'utf16le')]))).rejects.toThrow(/UTF-16/);
  });
});

describe('an unclosed quote', () => {
  it('is a CsvReadError naming the row and the line where the quote opens', async () => {
    const file = await openCsv(fixture('broken/unclosed-quote.csv'));
    const error: unknown = await allRows(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvReadError);
    const csvError = error as CsvReadError;
    expect([csvError.row, csvError.line]).toEqual([3, 4]);
    expect(csvError.sentence.en).toBe(
      'Row 3 (line 4) opens a quote (") that is never closed; close it, or remove it if the cell does not need one.',
    );
    expect(csvError.sentence.zh).toContain('第 3 行');
  });

  it('is found at the line where it opens when the file ends without a line break', async () => {
    // A file this small is parsed whole while the header is read, so the error comes from readCsv.
    const source = Readable.from([Buffer.from('a,b\r\n"x\r\ny",1\r\nc,"open\r\nmore\r\nlast', 'utf8')]);
    const error = (await readCsv(source)
      .then(allRows)
      .catch((e: unknown) => e)) as CsvReadError;
    expect([error.row, error.line]).toEqual([3, 4]);
  });

  it('reports a missing file as not found', async () => {
    await expect(openCsv(fixture('no-such-file.csv'))).rejects.toThrow(/no such file/);
  });
});

describe('the fixture forms through the form mapping', () => {
  const context: FormContext = {
    now: '2026-11-19T12:00:00+08:00',
    settings: DEFAULT_SETTINGS,
    zone: fixedZone('+08:00'),
    newUuid: () => 'uuid',
    defaultActor: 'clerk',
  };

  async function readFixture(name: string): Promise<{ statuses: string[]; errors: string[]; ignored: readonly string[] }> {
    const file = await openCsv(fixture(name));
    const header = mapHeaders(file.header.cells);
    if (!header.ok) throw new Error(header.problem.en);
    const statuses: string[] = [];
    const errors: string[] = [];
    for await (const row of file.rows) {
      const reading = readForm(row, header.columns, context);
      if (reading.ok) statuses.push(reading.complaint.status);
      else errors.push(...reading.errors.map((e) => `row ${e.row}, column ${e.column}`));
    }
    return { statuses, errors, ignored: header.columns.ignored };
  }

  it('reads every good fixture without a problem', async () => {
    expect(await readFixture('forms-utf8.csv')).toEqual({ statuses: ['resolved', 'open', 'closed'], errors: [], ignored: [] });
    expect(await readFixture('forms-utf8-bom-crlf.csv')).toEqual({ statuses: ['closed', 'open', 'open'], errors: [], ignored: [] });
    expect(await readFixture('forms-gbk.csv')).toEqual({ statuses: ['resolved', 'open', 'assigned'], errors: [], ignored: ['备注'] });
  });

  it('finds the error of each broken fixture at its row and column', async () => {
    expect((await readFixture('broken/bad-date.csv')).errors).toEqual(['row 3, column receivedAt']);
    expect((await readFixture('broken/ambiguous-date.csv')).errors).toEqual(['row 2, column 投诉日期']);
    expect((await readFixture('broken/missing-value.csv')).errors).toEqual(['row 3, column customer']);
    expect((await readFixture('broken/unknown-category.csv')).errors).toEqual(['row 3, column 投诉类别']);
    expect((await readFixture('broken/satisfaction-out-of-range.csv')).errors).toEqual(['row 2, column satisfaction']);
    await expect(readFixture('broken/missing-column.csv')).rejects.toThrow(/no column for category/);
  });
});
