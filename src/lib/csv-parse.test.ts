import { describe, expect, it } from 'vitest';
import {
  clipText,
  CsvFileError,
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

  it('refuses a file above the size limit with a message that states the limit', async () => {
    const big = new Blob([new Uint8Array(MAX_CSV_FILE_BYTES + 1)]);
    const error = await parseCsvFile(big).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvFileError);
    expect((error as CsvFileError).reason).toBe('too-large');
    expect((error as CsvFileError).message).toMatch(/files up to 16\.0 MB can be imported/);
    expect((error as CsvFileError).message).toContain('250,000 members');
  });
});
