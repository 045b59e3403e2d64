import Papa from 'papaparse';

/**
 * Reading CSV files the admin chooses (allocation imports). One table shape for every reader:
 * the header row, then each record with its 1-based line number in the file, and the problems
 * found while reading (line-numbered, short enough to show in a list).
 */

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  cells: string[];
}

export interface CsvProblem {
  line: number;
  message: string;
}

export interface CsvTable {
  /** The first row's cells, as written (not trimmed or lower-cased). */
  header: string[];
  /** Every row after the header, blank rows left out. */
  records: CsvRecord[];
  problems: CsvProblem[];
  delimiter: string;
}

/** Parses CSV text (a leading BOM is dropped). */
export function parseCsvText(text: string): CsvTable {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  const [header = [], ...rest] = parsed.data;
  const records: CsvRecord[] = [];
  rest.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    records.push({ line: i + 2, cells });
  });
  return { header, records, problems: [], delimiter: parsed.meta.delimiter };
}

/** Reads and parses a file the admin chose. */
export async function parseCsvFile(file: Blob): Promise<CsvTable> {
  return parseCsvText(await file.text());
}
