import { fetchTransport, type HttpAnswer, type HttpRequest, type HttpTransport } from './request';

/** Page → worker: one request to send, by id (the body, with any token in it, travels in the message). */
export interface TransportRequestMessage {
  id: number;
  url: string;
  method: HttpRequest['method'];
  body?: string;
}

/** Worker → page: the answer to one request, or why none arrived. */
export type TransportAnswerMessage = { id: number; answer: HttpAnswer } | { id: number; error: string };

/** The side of a message channel the worker talks through (its global scope, or a MessagePort in tests). */
export interface TransportPort {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** The worker's side: sends each request it is given with `fetch` and posts the answer back. */
export function serveTransport(port: TransportPort, send: HttpTransport = fetchTransport): void {
  port.addEventListener('message', (event: MessageEvent) => {
    const { id, url, method, body } = event.data as TransportRequestMessage;
    send({ url, method, body }).then(
      (answer) => port.postMessage({ id, answer } satisfies TransportAnswerMessage),
      (e: unknown) =>
        port.postMessage({
          id,
          error: e instanceof Error ? e.message : 'The request could not be sent.',
        } satisfies TransportAnswerMessage),
    );
  });
}

/** What the page needs of the worker: `Worker` fits, and so does a MessagePort in tests. */
export interface TransportWorker {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
  terminate?(): void;
}

/**
 * Requests sent from a Web Worker, so a long run's thousand requests don't compete with the page's
 * rendering for its main thread (in a browser, each `fetch` costs the calling thread about a
 * millisecond of its own). The worker starts with the first request. If it cannot start, or stops,
 * the requests it had not answered and every later one go through `fetch` here instead: the batches
 * a run sends set values, so one sent twice ends the same.
 */
export function createWorkerTransport(start: () => TransportWorker | undefined): {
  transport: HttpTransport;
  close(): void;
} {
  let worker: TransportWorker | undefined;
  let broken = false;
  let nextId = 0;
  const pending = new Map<
    number,
    { request: HttpRequest; resolve(answer: HttpAnswer): void; reject(error: unknown): void }
  >();

  function fallBack() {
    broken = true;
    worker?.terminate?.();
    worker = undefined;
    const left = [...pending.values()];
    pending.clear();
    for (const p of left) fetchTransport(p.request).then(p.resolve, p.reject);
  }

  function started(): TransportWorker | undefined {
    if (broken) return undefined;
    if (worker) return worker;
    try {
      worker = start();
    } catch {
      worker = undefined;
    }
    if (!worker) {
      broken = true;
      return undefined;
    }
    worker.addEventListener('message', (event: MessageEvent) => {
      const message = event.data as TransportAnswerMessage;
      const p = pending.get(message.id);
      if (!p) return;
      pending.delete(message.id);
      if ('answer' in message) p.resolve(message.answer);
      // Like `fetch`, a request that got no answer rejects with a TypeError.
      else p.reject(new TypeError(message.error));
    });
    worker.addEventListener('error', (event: Event) => {
      event.preventDefault();
      fallBack();
    });
    return worker;
  }

  const transport: HttpTransport = (request) => {
    const w = started();
    if (!w) return fetchTransport(request);
    const { signal } = request;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const id = ++nextId;
    return new Promise<HttpAnswer>((resolve, reject) => {
      const onAbort = () => {
        // The answer, if it comes, is dropped.
        pending.delete(id);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle =
        <T>(f: (value: T) => void) =>
        (value: T) => {
          signal?.removeEventListener('abort', onAbort);
          f(value);
        };
      pending.set(id, { request, resolve: settle(resolve), reject: settle(reject) });
      w.postMessage({
        id,
        url: request.url,
        method: request.method,
        body: request.body,
      } satisfies TransportRequestMessage);
    });
  };

  return {
    transport,
    /** Stops the worker (a later request starts another); requests it had not answered reject. */
    close() {
      worker?.terminate?.();
      worker = undefined;
      const left = [...pending.values()];
      pending.clear();
      for (const p of left)
        p.reject(new DOMException('The console closed its request worker.', 'AbortError'));
    },
  };
}
