import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { PortalError } from './model/errors.ts';
import { errorBody, JSON_CONTENT_TYPE } from './routes/http.ts';

/**
 * The largest request body the demo portal reads. Its biggest legitimate request, a full batch
 * of 100 allocations, is well under 20 kB; 1 MiB leaves room for any client's form encoding.
 */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

/** "1 MB" for the messages. */
function describeBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}

/**
 * Refuses oversized bodies while they are read, before any route (and so before any token check)
 * sees them: a declared Content-Length above the limit is refused without reading a byte, a
 * chunked body as soon as the limit is passed. The answer is HTTP 413 with the ArcGIS error
 * envelope, and the connection is closed so the rest of the upload is not read.
 */
export function requestBodyLimit(maxBytes = MAX_REQUEST_BODY_BYTES): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      const error = new PortalError(
        413,
        `Request body too large: the limit is ${describeBytes(maxBytes)} (${maxBytes} bytes).`,
        [`The request body must be at most ${maxBytes} bytes.`],
      );
      return new Response(errorBody(error), {
        status: 413,
        headers: { 'Content-Type': JSON_CONTENT_TYPE, Connection: 'close' },
      });
    },
  });
}
