/**
 * The last `portals/self` answer, kept in this browser so a reload can show the organization (and
 * run the admin check) before the portal has answered again. One copy at a time, for one portal and
 * one user: a copy is only handed back for the same portal and user, and signing out forgets it. It
 * holds what the portal said about the organization and the signed-in user, never a token.
 *
 * localStorage rather than IndexedDB: the copy is a few kilobytes, and reading it synchronously lets
 * the query cache hold it before the first render of the signed-in console (IndexedDB would add an
 * asynchronous open and read to a reload's critical path).
 *
 * No schema here (this module is part of the sign-in screen's code for sign-out): the reader in
 * portal-queries.ts validates what it gets.
 */
const KEY = 'creditConsole.portalSelf';
const VERSION = 1;

export interface KeptPortalSelf {
  /** The answer as the console last parsed it. */
  data: unknown;
  /** Epoch ms of that answer. */
  savedAt: number;
}

interface KeptRecord {
  version: number;
  portalUrl: string;
  username: string;
  savedAt: number;
  data: unknown;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Keeps `data` (a signed-in `portals/self` answer of `username`) for the next visit. */
export function keepPortalSelf(
  portalUrl: string,
  username: string,
  data: unknown,
  savedAt = Date.now(),
): void {
  const record: KeptRecord = { version: VERSION, portalUrl, username, savedAt, data };
  try {
    storage()?.setItem(KEY, JSON.stringify(record));
  } catch {
    // Storage full or unavailable: the next reload just waits for the portal.
  }
}

/** The kept answer for this portal and user, or null (none, another portal's or user's, unreadable). */
export function readKeptPortalSelf(portalUrl: string, username: string): KeptPortalSelf | null {
  let raw: string | null;
  try {
    raw = storage()?.getItem(KEY) ?? null;
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<KeptRecord> | null;
    if (
      !parsed ||
      parsed.version !== VERSION ||
      parsed.portalUrl !== portalUrl ||
      parsed.username !== username ||
      typeof parsed.savedAt !== 'number' ||
      parsed.data == null
    )
      return null;
    return { data: parsed.data, savedAt: parsed.savedAt };
  } catch {
    return null;
  }
}

/** Forgets the kept answer (sign-out). */
export function forgetKeptPortalSelf(): void {
  try {
    storage()?.removeItem(KEY);
  } catch {
    // nothing kept
  }
}
