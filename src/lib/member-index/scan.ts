import type { ScanProgress } from '@/lib/arcgis/paging';
import { AuthError, deserializeError } from '@/lib/arcgis/errors';
import type { ArcGISClient } from '@/lib/arcgis/request';
import { loadMemberRecords } from './load';
import type { FromIndexWorker, ToIndexWorker } from './protocol';
import type { MemberRecord } from './record';
import type { IndexPort } from './worker-host';

export interface ScanMembersOptions {
  signal?: AbortSignal;
  /** Pages in flight at once. */
  concurrency: number;
  /** Each page's records as it arrives, with the load's progress so far. */
  onPage: (index: number, records: MemberRecord[], progress: ScanProgress) => void;
}

/**
 * The page's side of a load in the worker: starts it, answers the worker's token and refresh questions
 * from the session behind `client`, and settles like a load in the page would — with the same typed
 * errors, and a session that ended reported to the session (the sign-in-again dialog).
 */
export function scanThroughPort(
  port: IndexPort,
  client: ArcGISClient,
  opts: ScanMembersOptions,
): Promise<ScanProgress> {
  const post = (message: ToIndexWorker) => port.postMessage(message);
  return new Promise<ScanProgress>((resolve, reject) => {
    const { signal } = opts;
    const finish = () => {
      port.removeEventListener('message', onMessage);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      post({ type: 'cancel' });
      finish();
      reject(signal?.reason);
    };
    const onMessage = (event: MessageEvent) => {
      const message = event.data as FromIndexWorker;
      switch (message.type) {
        case 'token':
          void Promise.resolve(client.session?.token()).then(
            (token) => post({ type: 'token', id: message.id, token }),
            () => post({ type: 'token', id: message.id, token: undefined }),
          );
          break;
        case 'refresh':
          void Promise.resolve(client.session?.refresh() ?? false).then(
            (ok) => post({ type: 'refreshed', id: message.id, ok }),
            () => post({ type: 'refreshed', id: message.id, ok: false }),
          );
          break;
        case 'page':
          opts.onPage(message.index, message.records, { loaded: message.loaded, total: message.total });
          break;
        case 'done':
          finish();
          resolve({ loaded: message.loaded, total: message.total });
          break;
        case 'failed': {
          finish();
          const error = deserializeError(message.error);
          if (error instanceof AuthError) client.session?.ended(error);
          reject(error);
          break;
        }
      }
    };
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    port.addEventListener('message', onMessage);
    signal?.addEventListener('abort', onAbort, { once: true });
    post({ type: 'start', portalUrl: client.portalUrl, concurrency: opts.concurrency });
  });
}

function startWorker(): Worker | undefined {
  if (typeof Worker === 'undefined') return undefined;
  try {
    return new Worker(new URL('../member-index.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return undefined;
  }
}

/**
 * Every member of the organization as records, page by page: in a Web Worker (fetching, parsing and
 * reducing off the main thread), or in the page where workers are unavailable (tests, old browsers).
 */
export async function scanMembers(client: ArcGISClient, opts: ScanMembersOptions): Promise<ScanProgress> {
  const worker = startWorker();
  if (!worker) return scanInPage(client, opts);
  let heard = false;
  const failedToStart = new Promise<'fallback'>((resolve, reject) => {
    worker.addEventListener('message', () => (heard = true), { once: true });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      // A worker that could not start at all: load in the page instead.
      if (!heard) resolve('fallback');
      else reject(new Error('The member list stopped loading. Try again.'));
    });
  });
  try {
    const result = await Promise.race([scanThroughPort(worker, client, opts), failedToStart]);
    return result === 'fallback' ? await scanInPage(client, opts) : result;
  } finally {
    worker.terminate();
  }
}

function scanInPage(client: ArcGISClient, opts: ScanMembersOptions): Promise<ScanProgress> {
  let arrived: { index: number; records: MemberRecord[] } | undefined;
  return loadMemberRecords(client, {
    concurrency: opts.concurrency,
    signal: opts.signal,
    onPage: (index, records) => (arrived = { index, records }),
    onProgress: (progress) => {
      if (!arrived) return;
      opts.onPage(arrived.index, arrived.records, progress);
      arrived = undefined;
    },
  });
}
