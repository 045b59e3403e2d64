import type { UsageResult } from '../model/usage-report.ts';

/**
 * Renders a usage result the way ArcGIS does: series of [bucketStartMs, value] pairs where both
 * elements are strings. Written straight into a byte buffer: a username grouping over 50,000
 * members with daily buckets is tens of megabytes, too slow to build as a JS string.
 * All keys and values are ASCII (usernames are restricted to [A-Za-z0-9_.@-]).
 */
export function renderUsage(result: UsageResult): Uint8Array<ArrayBuffer> {
  const nb = result.bucketStarts.length;
  const open = result.bucketStarts.map((b, i) => Buffer.from(`${i === 0 ? '' : ','}["${b}","`, 'latin1'));
  const zeros = result.bucketStarts.map((b, i) => Buffer.from(`${i === 0 ? '' : ','}["${b}","0"]`, 'latin1'));
  let seriesCount = 0;
  for (const e of result.entries) seriesCount += (e.creditsMilli ? 1 : 0) + (e.num ? 1 : 0);
  // Upper bound: every pair at its longest (prefix + 24-char number + `"]`) plus keys per entry.
  const maxPair = (open[open.length - 1]?.length ?? 20) + 26;
  let buf = Buffer.allocUnsafe(256 + result.entries.length * 300 + seriesCount * (nb * maxPair + 16));
  let at = 0;
  const write = (s: string) => {
    if (at + s.length * 3 > buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(buf.length * 2, at + s.length * 3));
      buf.copy(bigger, 0, 0, at);
      buf = bigger;
    }
    at += buf.write(s, at, 'utf8');
  };
  const writeBytes = (b: Buffer) => {
    buf.set(b, at);
    at += b.length;
  };
  const series = (values: Float64Array, divisor: number) => {
    write('[');
    for (let i = 0; i < values.length; i++) {
      const v = values[i] ?? 0;
      if (v === 0) writeBytes(zeros[i]!);
      else {
        writeBytes(open[i]!);
        write(`${v / divisor}"]`);
      }
    }
    write(']');
  };
  write(
    `{"startTime":${result.startTime},"endTime":${result.endTime},"period":${JSON.stringify(result.period)},"data":[`,
  );
  let first = true;
  for (const entry of result.entries) {
    let head = first ? '{' : ',{';
    first = false;
    const keys: string[] = [];
    if (entry.etype !== undefined) keys.push(`"etype":${JSON.stringify(entry.etype)}`);
    if (entry.stype !== undefined) keys.push(`"stype":${JSON.stringify(entry.stype)}`);
    if (entry.username !== undefined) keys.push(`"username":${JSON.stringify(entry.username)}`);
    if (entry.userOrgId !== undefined) keys.push(`"userOrgId":${JSON.stringify(entry.userOrgId)}`);
    if (entry.appId !== undefined) keys.push(`"appId":${JSON.stringify(entry.appId)}`);
    if (entry.appOrgId !== undefined) keys.push(`"appOrgId":${JSON.stringify(entry.appOrgId)}`);
    head += keys.join(',');
    write(head);
    let sep = keys.length > 0 ? ',' : '';
    if (entry.creditsMilli) {
      write(`${sep}"credits":`);
      series(entry.creditsMilli, 1000);
      sep = ',';
    }
    if (entry.num) {
      write(`${sep}"num":`);
      series(entry.num, 1);
    }
    write('}');
  }
  write(']}');
  const out = new Uint8Array(at);
  out.set(buf.subarray(0, at));
  return out;
}
