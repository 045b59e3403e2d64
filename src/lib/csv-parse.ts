import Papa from 'papaparse';

/**
 * Reading CSV files the admin chooses (allocation imports). One table shape for every reader:
 * the header row, then each record with its 1-based line number in the file, and the problems
 * found while reading (line-numbered, short enough to show in a list).
 *
 * Files are parsed in a Web Worker so a large file never freezes the page; where workers are
 * unavailable (tests, old browsers) the same parser runs in the page.
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

/**
 * Largest file accepted. A `username,credits` row of a real org export is 20–40 bytes, so 16 MB
 * holds 250,000 members with room to spare (a full member export with every column holds about
 * 100,000).
 */
export const MAX_CSV_FILE_BYTES = 16 * 1024 * 1024;
/** Problem messages longer than this are cut (a cell quoted in a message can be huge). */
export const MAX_PROBLEM_MESSAGE_LENGTH = 200;
/** At most this many problems are listed; the last one says how many more there were. */
export const MAX_PROBLEMS = 1000;

/** A file that cannot be read; `message` is written for the admin. */
export class CsvFileError extends Error {
  constructor(
    message: string,
    readonly reason: 'too-large' | 'unreadable' | 'not-csv' | 'empty',
  ) {
    super(message);
    this.name = 'CsvFileError';
  }
}

const UNREADABLE_MESSAGE = 'The file could not be read. Choose it again, or save it as CSV (UTF-8) first.';

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Shortens text for a problem message: at most `max` characters, with an ellipsis when cut. */
export function clipText(text: string, max = MAX_PROBLEM_MESSAGE_LENGTH): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const QUOTE_MESSAGES: Record<string, string> = {
  MissingQuotes: 'a quote is not closed (everything after it was read as one cell)',
  InvalidQuotes: 'a quoted cell has text after its closing quote',
};

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * The delimiter the header row uses: whichever of `,` `;` tab appears most often outside quotes
 * in the first non-blank line (`,` when none does). The header is the surest guide: data rows may
 * hold decimal commas ("12,5" in a `;` file).
 */
function guessDelimiter(source: string): string {
  const start = source.search(/\S/);
  if (start < 0) return ',';
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = start; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** Parses CSV text (a leading BOM is dropped). */
export function parseCsvText(text: string): CsvTable {
  const source = text.replace(/^\uFEFF/, '');
  const header: string[] = [];
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let extraProblems = 0;
  const delimiter = guessDelimiter(source);
  let newline = '\n';

  // Line numbers: count line breaks between the start of one row and the next, so quoted cells
  // that span lines still give each record the line it starts on.
  let countedTo = 0;
  let linesBefore = 0;
  const lineAt = (index: number): number => {
    let at = source.indexOf(newline, countedTo);
    while (at >= 0 && at < index) {
      linesBefore++;
      at = source.indexOf(newline, at + newline.length);
    }
    countedTo = Math.max(countedTo, index);
    return linesBefore + 1;
  };
  const addProblem = (line: number, message: string) => {
    if (problems.length >= MAX_PROBLEMS - 1) extraProblems++;
    else problems.push({ line, message: clipText(message) });
  };

  let rowStart = 0;
  let first = true;
  Papa.parse<string[]>(source, {
    delimiter,
    skipEmptyLines: false,
    step: (result) => {
      if (first) newline = result.meta.linebreak || '\n';
      const line = lineAt(rowStart);
      const seen = new Set<string>();
      for (const error of result.errors) {
        const message = QUOTE_MESSAGES[error.code] ?? error.message;
        if (seen.has(error.code)) continue;
        seen.add(error.code);
        // A quote problem is reported on the line where the quoted cell starts.
        const at = typeof error.index === 'number' && error.index >= rowStart ? lineAt(error.index) : line;
        addProblem(at, message);
      }
      const cells = result.data;
      rowStart = result.meta.cursor;
      // Blank lines are skipped, above the header too.
      if (cells.every((c) => c.trim() === '')) return;
      if (first) {
        first = false;
        header.push(...cells);
        return;
      }
      records.push({ line, cells });
    },
  });
  if (extraProblems > 0) {
    problems.push({
      line: problems.at(-1)?.line ?? 1,
      message: `and ${extraProblems + 1} more problems (only the first ${MAX_PROBLEMS - 1} are listed)`,
    });
  }
  return { header, records, problems, delimiter };
}

export const NOT_CSV_MESSAGE =
  'This isn’t a CSV file: it holds binary data (an image, a PDF or a program, for example), not text. Choose a CSV file with a username and a credits column, such as the one Export CSV saves.';
export const WORKBOOK_MESSAGE =
  'This isn’t a CSV file: it is a spreadsheet workbook. Save it as CSV first (in Excel: File › Save As › CSV UTF-8), then import that file.';
export const EMPTY_FILE_MESSAGE =
  'The file is empty. Choose a CSV file with a header row (username,credits) and one member per row.';

/** Types a browser gives files that are certainly not text (a CSV can be `application/vnd.ms-excel`). */
const BINARY_TYPE =
  /^(image|audio|video|font)\/|^application\/(pdf|zip|x-zip-compressed|gzip|x-7z-compressed|x-rar-compressed|x-msdownload|x-executable|wasm)$/;
const WORKBOOK_TYPE =
  /^application\/(vnd\.openxmlformats-officedocument\.spreadsheetml\.|vnd\.oasis\.opendocument\.spreadsheet|x-iwork-numbers)/;
const WORKBOOK_NAME = /\.(xlsx|xlsm|xlsb|xls|ods|numbers)$/i;
/** How much of the start of a file is looked at to tell text from binary data. */
const SNIFF_BYTES = 64 * 1024;

/** The text encoding a byte-order mark names (UTF-16 files carry NUL bytes, yet are text). */
function utf16Encoding(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * True when the bytes are not text: a NUL byte (no text file has one), the PDF signature, or more
 * than a few control characters other than tab, line breaks and form feed.
 */
export function looksBinary(head: Uint8Array): boolean {
  if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46) return true; // %PDF
  let controls = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) controls++;
  }
  return controls > Math.max(8, head.length / 100);
}

/**
 * Refuses what can't be a CSV file before parsing it: an empty file, a spreadsheet workbook, or
 * binary data (by the type the browser gives and by the first bytes). A UTF-16 file (Excel's
 * "Unicode Text") is decoded and returned as text.
 */
async function checkContent(file: Blob): Promise<Blob> {
  if (file.size === 0) throw new CsvFileError(EMPTY_FILE_MESSAGE, 'empty');
  const name = file instanceof File ? file.name : '';
  if (WORKBOOK_TYPE.test(file.type) || WORKBOOK_NAME.test(name))
    throw new CsvFileError(WORKBOOK_MESSAGE, 'not-csv');
  if (BINARY_TYPE.test(file.type)) throw new CsvFileError(NOT_CSV_MESSAGE, 'not-csv');
  let head: Uint8Array;
  try {
    head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  } catch {
    throw new CsvFileError(UNREADABLE_MESSAGE, 'unreadable');
  }
  const utf16 = utf16Encoding(head);
  if (utf16) return new Blob([new TextDecoder(utf16).decode(await file.arrayBuffer())], { type: 'text/csv' });
  if (looksBinary(head)) throw new CsvFileError(NOT_CSV_MESSAGE, 'not-csv');
  return file;
}

function checkSize(file: Blob): void {
  if (file.size > MAX_CSV_FILE_BYTES) {
    throw new CsvFileError(
      `This file is ${megabytes(file.size)}; files up to ${megabytes(MAX_CSV_FILE_BYTES)} can be imported ` +
        '(enough for 250,000 members as username,credits). Keep only the username and credits columns, or split the file.',
      'too-large',
    );
  }
}

async function readText(file: Blob): Promise<string> {
  try {
    return await file.text();
  } catch {
    throw new CsvFileError(UNREADABLE_MESSAGE, 'unreadable');
  }
}

export type CsvWorkerReply = { ok: true; table: CsvTable } | { ok: false; unreadable: true };

/** Parses in a Web Worker; undefined when the worker cannot start (the caller parses in the page). */
function parseInWorker(file: Blob): Promise<CsvTable | undefined> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./csv-parse.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      resolve(undefined);
      return;
    }
    worker.onmessage = (event: MessageEvent<CsvWorkerReply>) => {
      worker.terminate();
      const reply = event.data;
      if (reply.ok) resolve(reply.table);
      else reject(new CsvFileError(UNREADABLE_MESSAGE, 'unreadable'));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      resolve(undefined);
    };
    worker.postMessage(file);
  });
}

/** A table with no header and no records: the file held only blank lines. */
function checkNotBlank(table: CsvTable): CsvTable {
  if (table.header.length === 0 && table.records.length === 0)
    throw new CsvFileError(EMPTY_FILE_MESSAGE, 'empty');
  return table;
}

/**
 * Reads and parses a file the admin chose, off the main thread where possible. Throws a
 * CsvFileError (with a message for the admin) for files too large, unreadable, empty or not text.
 */
export async function parseCsvFile(chosen: Blob): Promise<CsvTable> {
  checkSize(chosen);
  const file = await checkContent(chosen);
  if (typeof Worker !== 'undefined') {
    const table = await parseInWorker(file);
    if (table) return checkNotBlank(table);
  }
  return checkNotBlank(parseCsvText(await readText(file)));
}
