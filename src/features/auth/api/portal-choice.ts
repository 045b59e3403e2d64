import type { PortalConfig } from '@/config/env';

const KEY = 'creditConsole.portal';
const PENDING_KEY = 'creditConsole.portal.pending';

function parseChoice(raw: string | null): PortalConfig | null {
  try {
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { portalUrl, appId } = { ...parsed } as Record<string, unknown>;
    return typeof portalUrl === 'string' && typeof appId === 'string' ? { portalUrl, appId } : null;
  } catch {
    return null;
  }
}

function storage(kind: 'local' | 'session'): Storage | null {
  try {
    return kind === 'local' ? window.localStorage : window.sessionStorage;
  } catch {
    return null; // storage unavailable (private mode): choices just aren't kept
  }
}

/**
 * The organization remembered in this browser (not a secret): only one a sign-in has succeeded
 * with, so a mistyped App ID is never offered again.
 */
export function readPortalChoice(): PortalConfig | null {
  return parseChoice(storage('local')?.getItem(KEY) ?? null);
}

/** The organization a sign-in is under way with (this tab only), until it succeeds or fails. */
export function readPendingPortalChoice(): PortalConfig | null {
  return parseChoice(storage('session')?.getItem(PENDING_KEY) ?? null);
}

export function savePendingPortalChoice(choice: PortalConfig): void {
  storage('session')?.setItem(PENDING_KEY, JSON.stringify(choice));
}

/** The sign-in with the pending organization succeeded: remember it from now on. */
export function commitPendingPortalChoice(): void {
  const pending = readPendingPortalChoice();
  if (pending) savePortalChoice(pending);
  dropPendingPortalChoice();
}

export function dropPendingPortalChoice(): void {
  storage('session')?.removeItem(PENDING_KEY);
}

export function savePortalChoice(choice: PortalConfig | null): void {
  const local = storage('local');
  if (choice) local?.setItem(KEY, JSON.stringify(choice));
  else local?.removeItem(KEY);
}
