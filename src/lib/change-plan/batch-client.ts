import { createArcGISClient, type ArcGISClient } from '@/lib/arcgis/request';
import { createWorkerTransport } from '@/lib/arcgis/worker-transport';

/**
 * The client a run sends its batches with: the session's own client, its requests made from a Web
 * Worker (see worker-transport.ts). Same token, same single shared refresh after a 498/499, same
 * "session ended" report; where workers are unavailable, the session's client itself.
 */
export function createBatchClient(client: ArcGISClient): { client: ArcGISClient; close(): void } {
  const { session } = client;
  if (!session || typeof Worker === 'undefined') return { client, close: () => undefined };
  const worker = createWorkerTransport(
    () => new Worker(new URL('../arcgis/http.worker.ts', import.meta.url), { type: 'module' }),
  );
  return {
    client: createArcGISClient({
      portalUrl: client.portalUrl,
      getToken: () => session.token(),
      refresh: () => session.refresh(),
      onAuthError: (error) => session.ended(error),
      transport: worker.transport,
    }),
    close: worker.close,
  };
}
