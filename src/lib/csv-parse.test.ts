import { describe, expect, it } from 'vitest';
import {
  clipText,
  CsvFileError,
  EMPTY_FILE_MESSAGE,
  NOT_CSV_MESSAGE,
  WORKBOOK_MESSAGE,
  MAX_CSV_FILE_BYTES,
  MAX_PROBLEM_MESSAGE_LENGTH,
  parseCsvFile,
  parseCsvText,
} from './csv-parse';

describe('parseCsvText', () => {
  it('reads the header and numbers records by their line in the file', () => {
    const table = parseCsvText('\uFEFFusername,credits\nann,10\n\nbob,20\n');
    expect(table.header).toEqual(['username', 'credits']);
    expect(table.records).toEqual([
      { line: 2, cells: ['ann', '10'] },
      { line: 4, cells: ['bob', '20'] },
    ]);
    expect(table.problems).toEqual([]);
    expect(table.delimiter).toBe(',');
  });

  it('gives each record the line it starts on, even after quoted cells that span lines', () => {
    const table = parseCsvText(
      'username,note\r\nann,"two\r\nlines"\r\nbob,"three\r\nwhole\r\nlines"\r\ncid,x\r\n',
    );
    expect(table.records.map((r) => [r.line, r.cells[0]])).toEqual([
      [2, 'ann'],
      [4, 'bob'],
      [7, 'cid'],
    ]);
    expect(table.records[0]?.cells[1]).toBe('two\r\nlines');
  });

  it('finds the header below blank lines', () => {
    const table = parseCsvText('\n\nusername,credits\nann,10\n');
    expect(table.header).toEqual(['username', 'credits']);
    expect(table.records).toEqual([{ line: 4, cells: ['ann', '10'] }]);
  });

  it('detects semicolon and tab delimiters', () => {
    const semicolon = parseCsvText('username;credits\nann;10,5\nbob;3\n');
    expect(semicolon.delimiter).toBe(';');
    expect(semicolon.records[0]?.cells).toEqual(['ann', '10,5']);
    const tab = parseCsvText('username\tcredits\nann\t10\n');
    expect(tab.delimiter).toBe('\t');
    expect(tab.records[0]?.cells).toEqual(['ann', '10']);
  });

  it('reports a quote that is not closed on the line where it opens', () => {
    const table = parseCsvText('username,credits\nann,10\nbob,"20\ncid,30\ndan,40\n');
    expect(table.problems).toEqual([{ line: 3, message: expect.stringMatching(/^a quote is not closed/) }]);
    expect(table.records.map((r) => r.line)).toEqual([2, 3]);
  });

  it('keeps every problem message short, however long the cell', () => {
    const table = parseCsvText(
      `username,credits\nann,"${'x'.repeat(100_000)}"junk\nbob,"${'y'.repeat(739_000)}`,
    );
    expect(table.problems.length).toBeGreaterThan(0);
    for (const p of table.problems) expect(p.message.length).toBeLessThanOrEqual(MAX_PROBLEM_MESSAGE_LENGTH);
    // The malformed quote on line 2 is never properly closed, so both problems point there.
    expect(table.problems.map((p) => p.line)).toEqual([2, 2]);
    expect(clipText('y'.repeat(739_000))).toHaveLength(MAX_PROBLEM_MESSAGE_LENGTH);
  });
});

describe('parseCsvFile', () => {
  it('parses a chosen file (in the page where workers are unavailable)', async () => {
    const file = new File(['username;credits\nann;10\n'], 'alloc.csv', { type: 'text/csv' });
    const table = await parseCsvFile(file);
    expect(table.delimiter).toBe(';');
    expect(table.records).toEqual([{ line: 2, cells: ['ann', '10'] }]);
  });

  it('refuses an image, by its type or, renamed to .csv, by its bytes', async () => {
    // The first bytes of a real PNG: signature, then the IHDR chunk (its length has NUL bytes).
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00,
      0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x08, 0x06, 0x00, 0x00, 0x00,
    ]);
    for (const file of [
      new File([png], 'chart.png', { type: 'image/png' }),
      new File([png], 'allocations.csv', { type: 'text/csv' }),
    ]) {
      const error = await parseCsvFile(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CsvFileError);
      expect((error as CsvFileError).reason).toBe('not-csv');
      expect((error as CsvFileError).message).toBe(NOT_CSV_MESSAGE);
      expect(NOT_CSV_MESSAGE).toMatch(/^This isn’t a CSV file/);
    }
  });

  it('refuses a PDF and says how to turn a workbook into CSV', async () => {
    const pdf = new File(['%PDF-1.7\n1 0 obj << /Type /Catalog >>\n'], 'report.csv', { type: '' });
    expect(await parseCsvFile(pdf).catch((e: unknown) => (e as Error).message)).toBe(NOT_CSV_MESSAGE);
    const xlsx = new File(['PK\u0003\u0004'], 'allocations.xlsx', {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(await parseCsvFile(xlsx).catch((e: unknown) => (e as Error).message)).toBe(WORKBOOK_MESSAGE);
  });

  it('accepts CSV whatever type the browser gives it (Windows says application/vnd.ms-excel)', async () => {
    const file = new File(['username,credits\nann,10\n'], 'a.csv', { type: 'application/vnd.ms-excel' });
    expect((await parseCsvFile(file)).records).toEqual([{ line: 2, cells: ['ann', '10'] }]);
  });

  it('says an empty file, or one with only blank lines, is empty', async () => {
    for (const content of ['', '\n  \r\n\t\n']) {
      const error = await parseCsvFile(new File([content], 'a.csv', { type: 'text/csv' })).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CsvFileError);
      expect((error as CsvFileError).reason).toBe('empty');
      expect((error as CsvFileError).message).toBe(EMPTY_FILE_MESSAGE);
    }
    expect(EMPTY_FILE_MESSAGE).toMatch(/^The file is empty/);
  });

  it('reads a UTF-16 file (Excel’s Unicode Text) as text', async () => {
    const text = '\uFEFFusername\tcredits\r\nann\t10\r\n';
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) bytes[i * 2] = text.charCodeAt(i) & 0xff;
    for (let i = 0; i < text.length; i++) bytes[i * 2 + 1] = text.charCodeAt(i) >> 8;
    const table = await parseCsvFile(new File([bytes], 'unicode.txt', { type: 'text/plain' }));
    expect(table.header).toEqual(['username', 'credits']);
    expect(table.records).toEqual([{ line: 2, cells: ['ann', '10'] }]);
  });

  it('refuses a file above the size limit with a message that states the limit', async () => {
    const big = new Blob([new Uint8Array(MAX_CSV_FILE_BYTES + 1)]);
    const error = await parseCsvFile(big).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvFileError);
    expect((error as CsvFileError).reason).toBe('too-large');
    expect((error as CsvFileError).message).toMatch(/files up to 16\.0 MB can be imported/);
    expect((error as CsvFileError).message).toContain('250,000 members');
  });
});
