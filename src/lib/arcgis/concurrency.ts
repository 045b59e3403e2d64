/**
 * Runs `worker(0..count-1)` with at most `concurrency` calls in flight, in index order.
 * Stops starting new calls once `shouldStop()` is true or a call throws; calls already in
 * flight always finish. Rejects with the first error, after every started call has settled.
 */
export async function runBounded(
  count: number,
  concurrency: number,
  worker: (index: number) => Promise<void>,
  shouldStop: () => boolean = () => false,
): Promise<void> {
  const width = Math.max(1, Math.min(Math.floor(concurrency) || 1, count));
  let next = 0;
  let failed = false;
  let firstError: unknown;

  async function lane(): Promise<void> {
    while (!failed && !shouldStop() && next < count) {
      const index = next++;
      try {
        await worker(index);
      } catch (e) {
        if (!failed) {
          failed = true;
          firstError = e;
        }
      }
    }
  }

  await Promise.all(Array.from({ length: count > 0 ? width : 0 }, lane));
  if (failed) throw firstError;
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
