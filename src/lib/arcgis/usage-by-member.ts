import { deserializeError, ResponseShapeError, type SerializedError } from './errors';
import type { ArcGISClient, CallOptions, Params } from './request';
import type { UsagePeriod } from './usage';

/**
 * Credits per member over a range, from `portals/self/usage` grouped by username. The response
 * holds one row per member (and per service type when asked): about 10 MB at 50,000 members, 40 MB
 * at 250,000. It is fetched, parsed and summed in a Web Worker, which hands back a few compact
 * columns; where workers are unavailable (tests, old browsers) the same code runs in the page.
 */

export interface UsageByMemberParams {
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, exclusive. */
  end: number;
  period: UsagePeriod;
  /** Only this service type (`stype`). */
  service?: string;
  /**
   * Only what counts toward allocations: transaction services. Storage is charged to the org,
   * never to a member (asks for rows per service type and leaves storage out).
   */
  budgetedOnly?: boolean;
}

/** Per-member totals: column `i` of each array is one member. */
export interface UsageByMember {
  usernames: string[];
  credits: Float64Array;
  /** 1 for a member of this organization (has a `userOrgId`), 0 for a user from outside. */
  isOrgMember: Uint8Array;
  /** Every credit in the response, org-level charges (no user) included. */
  total: number;
}

/** Storage service types: charged to the organization, never to a member's allocation. */
export function isStorageService(stype: string): boolean {
  return /storage|^stg/i.test(stype);
}

const PATH = 'portals/self/usage';

export function usageByMemberRequest(p: UsageByMemberParams): Params {
  const start = Number(p.start);
  const end = Number(p.end);
  if (!Number.isFinite(start) || !Number.isFinite(end) || start >= end) {
    throw new RangeError('The usage range must start before it ends.');
  }
  return {
    ...(p.service === undefined ? {} : { stype: p.service }),
    startTime: start,
    endTime: end,
    period: p.period,
    vars: 'credits',
    groupby: p.budgetedOnly ? 'username,userorgid,stype' : 'username,userorgid',
  };
}

function shapeError(detail: string): ResponseShapeError {
  return new ResponseShapeError(PATH, [], detail);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Sums a usage response per member, checking only the fields it reads (`data[].username`,
 * `userOrgId`, `stype`, and `credits` as `[time, value]` pairs whose values may be strings).
 */
export function reduceUsageByMember(json: unknown, options: { budgetedOnly?: boolean } = {}): UsageByMember {
  if (!isRecord(json) || !Array.isArray(json.data)) throw shapeError('data: expected an array');
  const at = new Map<string, number>();
  const usernames: string[] = [];
  const credits: number[] = [];
  const member: number[] = [];
  let total = 0;
  const rows = json.data as unknown[];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!isRecord(row)) throw shapeError(`data.${r}: expected an object`);
    const stype = typeof row.stype === 'string' ? row.stype : '';
    if (options.budgetedOnly && isStorageService(stype)) continue;
    const series = row.credits;
    let sum = 0;
    if (series !== undefined && series !== null) {
      if (!Array.isArray(series)) throw shapeError(`data.${r}.credits: expected an array`);
      for (const point of series as unknown[]) {
        const value = Array.isArray(point) ? Number(point[1]) : Number.NaN;
        if (!Number.isFinite(value)) throw shapeError(`data.${r}.credits: expected [time, value] pairs`);
        sum += value;
      }
    }
    total += sum;
    const username = typeof row.username === 'string' ? row.username : '';
    if (!username) continue;
    const orgId = row.userOrgId ?? row.userorgid;
    const isMember = typeof orgId === 'string' && orgId !== '' ? 1 : 0;
    const i = at.get(username);
    if (i === undefined) {
      at.set(username, usernames.length);
      usernames.push(username);
      credits.push(sum);
      member.push(isMember);
    } else {
      credits[i]! += sum;
      member[i] = member[i]! | isMember;
    }
  }
  return { usernames, credits: Float64Array.from(credits), isOrgMember: Uint8Array.from(member), total };
}

// --- the worker's messages ----------------------------------------------------------------------

export interface UsageWorkerRequest {
  portalUrl: string;
  token: string | undefined;
  params: Params;
  budgetedOnly: boolean;
}

export type UsageWorkerReply = { ok: true; result: UsageByMember } | { ok: false; error: SerializedError };

/** Reads in a Web Worker; undefined when no worker can start (the caller reads in the page). */
function inWorker(
  request: UsageWorkerRequest,
  signal: AbortSignal | undefined,
): Promise<UsageByMember | undefined> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./usage-by-member.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      resolve(undefined);
      return;
    }
    const stop = () => {
      worker.terminate();
      reject(signal?.reason ?? new DOMException('The request was cancelled.', 'AbortError'));
    };
    signal?.addEventListener('abort', stop, { once: true });
    const done = () => {
      signal?.removeEventListener('abort', stop);
      worker.terminate();
    };
    worker.onmessage = (event: MessageEvent<UsageWorkerReply>) => {
      done();
      const reply = event.data;
      if (reply.ok) resolve(reply.result);
      else reject(deserializeError(reply.error));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      done();
      reject(new Error('Usage by member could not be read (the background worker stopped).'));
    };
    worker.postMessage(request);
  });
}

/**
 * Credits per member over a range, read and summed off the main thread. The token comes from the
 * client (refreshed once on 498/499, as for any request) and travels to the worker in a message.
 */
export async function getUsageByMember(
  client: ArcGISClient,
  p: UsageByMemberParams,
  opts: CallOptions = {},
): Promise<UsageByMember> {
  const params = usageByMemberRequest(p);
  const budgetedOnly = p.budgetedOnly === true;
  if (typeof Worker !== 'undefined') {
    const result = await client.withToken(
      (token) => inWorker({ portalUrl: client.portalUrl, token, params, budgetedOnly }, opts.signal),
      opts,
    );
    if (result) return result;
  }
  const json = await client.request('GET', PATH, { params, signal: opts.signal });
  return reduceUsageByMember(json, { budgetedOnly });
}
