import Papa from 'papaparse';
import { neutraliseCell, toSafeCsv } from './csv';

describe('neutraliseCell', () => {
  it.each(['=SUM(A1)', '+1', '-1+2', '@cmd', '\tx', '\rx', '=HYPERLINK("x")'])(
    'prefixes %j with a quote',
    (v) => {
      expect(neutraliseCell(v)).toBe(`'${v}`);
    },
  );
  it.each(['Ann Smith', 'a=b', 'No limit', '12.5', ''])('leaves %j alone', (v) => {
    expect(neutraliseCell(v)).toBe(v);
  });
  it('keeps numbers as numbers, negative ones included', () => {
    expect(neutraliseCell(-5)).toBe(-5);
  });
});

describe('toSafeCsv', () => {
  it('neutralises every text cell, header included, and writes CRLF lines', () => {
    const csv = toSafeCsv(['name', '=n'], [['=HYPERLINK("x")', -1]]);
    expect(csv).toContain('\r\n');
    expect(Papa.parse<string[]>(csv.trim()).data).toEqual([
      ['name', "'=n"],
      ['\'=HYPERLINK("x")', '-1'],
    ]);
  });
});
