import { createArcGISClient } from '@/lib/arcgis/request';
import { loadMemberRecords } from './load';
import { serializeError } from '@/lib/arcgis/errors';
import type { FromIndexWorker, ToIndexWorker } from './protocol';
import type { MemberRecord } from './record';

/** The side of a message channel the worker talks through (its global scope, or a MessagePort in tests). */
export interface IndexPort {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/**
 * The worker's side of a member index load: fetches the pages with a client of its own (the same
 * ArcGIS client the page uses, token in the request body), asks the page for the token and for a
 * refresh after a 498/499, and posts each page back as slim records.
 */
export function serveMemberIndex(port: IndexPort): void {
  const answers = new Map<number, (value: unknown) => void>();
  let nextId = 0;
  let running: AbortController | undefined;
  const post = (message: FromIndexWorker) => port.postMessage(message);

  function ask<T>(type: 'token' | 'refresh'): Promise<T> {
    const id = ++nextId;
    return new Promise<T>((resolve) => {
      answers.set(id, resolve as (value: unknown) => void);
      post({ type, id });
    });
  }

  async function start(portalUrl: string, concurrency: number) {
    running?.abort(new DOMException('A newer load started.', 'AbortError'));
    const controller = new AbortController();
    running = controller;
    // One question per load for the token; asked again after a refresh.
    let token: Promise<string | undefined> | undefined;
    const client = createArcGISClient({
      portalUrl,
      getToken: () => (token ??= ask<string | undefined>('token')),
      refresh: async () => {
        const ok = await ask<boolean>('refresh');
        token = undefined;
        return ok;
      },
    });
    let arrived: { index: number; records: MemberRecord[] } | undefined;
    try {
      const done = await loadMemberRecords(client, {
        concurrency,
        signal: controller.signal,
        onPage: (index, records) => (arrived = { index, records }),
        onProgress: ({ loaded, total }) => {
          if (!arrived) return;
          post({ type: 'page', ...arrived, loaded, total });
          arrived = undefined;
        },
      });
      if (!controller.signal.aborted) post({ type: 'done', ...done });
    } catch (e) {
      if (!controller.signal.aborted) post({ type: 'failed', error: serializeError(e) });
    }
  }

  port.addEventListener('message', (event: MessageEvent) => {
    const message = event.data as ToIndexWorker;
    switch (message.type) {
      case 'start':
        void start(message.portalUrl, message.concurrency);
        break;
      case 'token':
        answers.get(message.id)?.(message.token);
        answers.delete(message.id);
        break;
      case 'refreshed':
        answers.get(message.id)?.(message.ok);
        answers.delete(message.id);
        break;
      case 'cancel':
        running?.abort(new DOMException('The load was cancelled.', 'AbortError'));
        break;
    }
  });
}
