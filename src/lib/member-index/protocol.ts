import type { SerializedError } from '@/lib/arcgis/errors';
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
