import { ApiError, AuthError, NetworkError, ResponseShapeError } from '@/lib/arcgis/errors';
import type { MemberRecord } from './record';

/**
 * The messages between the page and the member index worker. The page starts a load, answers the
 * worker's token and refresh questions (the session lives in the page), and receives the members
 * page by page as slim records. The token travels only in these messages and in request bodies.
 */
export type ToIndexWorker =
  | { type: 'start'; portalUrl: string; concurrency: number }
  | { type: 'token'; id: number; token: string | undefined }
  | { type: 'refreshed'; id: number; ok: boolean }
  | { type: 'cancel' };

export type FromIndexWorker =
  | { type: 'token'; id: number }
  | { type: 'refresh'; id: number }
  | { type: 'page'; index: number; records: MemberRecord[]; loaded: number; total: number }
  | { type: 'done'; loaded: number; total: number }
  | { type: 'failed'; error: SerializedError };

/** An error as it crosses to the page: enough to rebuild the same typed error there. */
export interface SerializedError {
  name: string;
  message: string;
  code?: number;
  status?: number;
  path?: string;
  messageCode?: string;
  details?: string[];
}

export function serializeError(e: unknown): SerializedError {
  if (e instanceof ApiError) {
    return {
      name: e.name,
      message: e.message,
      code: e.code,
      status: e.status,
      path: e.path,
      messageCode: e.messageCode,
      details: e.details,
    };
  }
  if (e instanceof NetworkError) return { name: e.name, message: e.message, path: e.path };
  if (e instanceof ResponseShapeError) return { name: e.name, message: e.message, path: e.path };
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}

/** Rebuilds the typed error (`AuthError`, `ApiError`, `NetworkError`, `ResponseShapeError`) in the page. */
export function deserializeError(s: SerializedError): Error {
  if (s.name === 'AuthError' || s.name === 'ApiError') {
    const init = {
      code: s.code ?? 500,
      message: s.message,
      status: s.status,
      path: s.path,
      messageCode: s.messageCode,
      details: s.details,
    };
    return s.name === 'AuthError' ? new AuthError(init) : new ApiError(init);
  }
  if (s.name === 'NetworkError') return new NetworkError({ path: s.path });
  if (s.name === 'ResponseShapeError') {
    const summary = s.message.replace(/^Unexpected response from [^:]*: /, '');
    return new ResponseShapeError(s.path ?? '', [], summary);
  }
  if (s.name === 'AbortError') return new DOMException(s.message, 'AbortError');
  const error = new Error(s.message);
  error.name = s.name;
  return error;
}
