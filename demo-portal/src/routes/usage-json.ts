import type { UsageEntry, UsageResult } from '../model/usage-report.ts';

/**
 * Renders a usage result the way ArcGIS does: series of [bucketStartMs, value] pairs where both
 * elements are strings. Written straight into bytes: a username grouping over 250,000 members
 * with daily buckets is tens of megabytes, too slow to build as a JS string.
 *
 * The answer is measured first and written into one buffer of exactly its size. A generous
 * scratch buffer plus a copy (as before) meant well over 100 MB of buffers per large report,
 * and the garbage collector answers that much outside memory with a full collection of the
 * whole org's heap, which was most of the report's time at 250,000 members.
 */

const QUOTE = 0x22;
const CLOSE_BRACKET = 0x5d;
const DOT = 0x2e;
const ZERO = 0x30;
/** Below this, a whole number of milli-credits has at most 15 digits: its decimal is exact. */
const MAX_EXACT = 1e15;

function wholeDigits(whole: number): number {
  let digits = 1;
  for (let p = 10; p <= whole; p *= 10) digits++;
  return digits;
}

/** Decimal places `frac` thousandths take without trailing zeros (frac 1–999). */
function fractionPlaces(frac: number): number {
  if (frac % 100 === 0) return 1;
  return frac % 10 === 0 ? 2 : 3;
}

/** Whether `writeDecimal` writes `v` (else it is printed as a string). */
function isExact(v: number): boolean {
  return Number.isInteger(v) && v > 0 && v < MAX_EXACT;
}

/** Bytes `writeDecimal(…, v, divisor)` writes. */
function decimalLength(v: number, divisor: 1 | 1000): number {
  if (divisor === 1) return wholeDigits(v);
  const whole = Math.floor(v / 1000);
  const frac = v - whole * 1000;
  return wholeDigits(whole) + (frac > 0 ? 1 + fractionPlaces(frac) : 0);
}

/**
 * Writes `v / divisor` (v a positive whole number below MAX_EXACT, divisor 1 or 1000) as JavaScript
 * prints it (`${v / divisor}`: no trailing zeros, no exponent at this size) and returns the new end.
 * A double tells every decimal of up to 15 significant digits apart, so the shortest form printed
 * for v / 1000 is that decimal itself, and the digits can be written without making a string.
 */
export function writeDecimal(buf: Uint8Array, at: number, v: number, divisor: 1 | 1000): number {
  let whole = v;
  let frac = 0;
  if (divisor === 1000) {
    whole = Math.floor(v / 1000);
    frac = v - whole * 1000;
  }
  let end = at + wholeDigits(whole);
  for (let k = end - 1, w = whole; k >= at; k--) {
    const next = Math.floor(w / 10);
    buf[k] = ZERO + (w - next * 10);
    w = next;
  }
  if (frac > 0) {
    buf[end++] = DOT;
    const places = fractionPlaces(frac);
    let f = frac / 10 ** (3 - places);
    for (let k = end + places - 1; k >= end; k--) {
      const next = Math.floor(f / 10);
      buf[k] = ZERO + (f - next * 10);
      f = next;
    }
    end += places;
  }
  return end;
}

/** The keys of an entry, as `"etype":…,"stype":…` (no braces). */
function entryKeys(entry: UsageEntry): string {
  const keys: string[] = [];
  if (entry.etype !== undefined) keys.push(`"etype":${JSON.stringify(entry.etype)}`);
  if (entry.stype !== undefined) keys.push(`"stype":${JSON.stringify(entry.stype)}`);
  if (entry.username !== undefined) keys.push(`"username":${JSON.stringify(entry.username)}`);
  if (entry.userOrgId !== undefined) keys.push(`"userOrgId":${JSON.stringify(entry.userOrgId)}`);
  if (entry.appId !== undefined) keys.push(`"appId":${JSON.stringify(entry.appId)}`);
  if (entry.appOrgId !== undefined) keys.push(`"appOrgId":${JSON.stringify(entry.appOrgId)}`);
  return keys.join(',');
}

/** An entry's text up to its first series, with what goes before each series. */
function entryParts(entry: UsageEntry, first: boolean) {
  const keys = entryKeys(entry);
  let sep = keys === '' ? '' : ',';
  const head = `${first ? '{' : ',{'}${keys}`;
  const credits = entry.creditsMilli ? `${sep}"credits":[` : '';
  if (entry.creditsMilli) sep = ',';
  const num = entry.num ? `${sep}"num":[` : '';
  return { head, credits, num };
}

export function renderUsage(result: UsageResult): Uint8Array<ArrayBuffer> {
  const open = result.bucketStarts.map((b, i) => Buffer.from(`${i === 0 ? '' : ','}["${b}","`, 'latin1'));
  const zeros = result.bucketStarts.map((b, i) => Buffer.from(`${i === 0 ? '' : ','}["${b}","0"]`, 'latin1'));
  const start = `{"startTime":${result.startTime},"endTime":${result.endTime},"period":${JSON.stringify(result.period)},"data":[`;
  const parts = result.entries.map((entry, i) => entryParts(entry, i === 0));

  // Measure: what each value, series and entry takes.
  const seriesLength = (values: Float64Array, divisor: 1 | 1000) => {
    let size = 1; // the closing ] (the opening one is in the entry part)
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v === 0) size += zeros[i]!.length;
      else if (isExact(v)) size += open[i]!.length + decimalLength(v, divisor) + 2;
      else size += open[i]!.length + Buffer.byteLength(`${v / divisor}`) + 2;
    }
    return size;
  };
  let size = Buffer.byteLength(start) + 2;
  result.entries.forEach((entry, k) => {
    const p = parts[k]!;
    size += Buffer.byteLength(p.head) + Buffer.byteLength(p.credits) + Buffer.byteLength(p.num) + 1;
    if (entry.creditsMilli) size += seriesLength(entry.creditsMilli, 1000);
    if (entry.num) size += seriesLength(entry.num, 1);
  });

  // Write.
  const out = new Uint8Array(size);
  const buf = Buffer.from(out.buffer, 0, size);
  let at = 0;
  const write = (s: string) => {
    at += buf.write(s, at, 'utf8');
  };
  // A byte loop: these are ~20 bytes each, too short for a native copy's call to pay off.
  const writeBytes = (b: Buffer) => {
    for (let k = 0; k < b.length; k++) out[at + k] = b[k]!;
    at += b.length;
  };
  const series = (values: Float64Array, divisor: 1 | 1000) => {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v === 0) writeBytes(zeros[i]!);
      else {
        writeBytes(open[i]!);
        if (isExact(v)) at = writeDecimal(out, at, v, divisor);
        else write(`${v / divisor}`);
        out[at++] = QUOTE;
        out[at++] = CLOSE_BRACKET;
      }
    }
    out[at++] = CLOSE_BRACKET;
  };
  write(start);
  result.entries.forEach((entry, k) => {
    const p = parts[k]!;
    write(p.head);
    if (entry.creditsMilli) {
      write(p.credits);
      series(entry.creditsMilli, 1000);
    }
    if (entry.num) {
      write(p.num);
      series(entry.num, 1);
    }
    write('}');
  });
  write(']}');
  if (at !== size) throw new Error(`usage report: wrote ${at} of ${size} bytes`);
  return out;
}
