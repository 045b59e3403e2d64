import { useCallback, useSyncExternalStore } from 'react';
import { useArcGISSession } from '@/lib/arcgis/client-context';
import { sandboxSchema, type Sandbox } from './sandbox';

/**
 * Where the open sandbox lives: localStorage, one per portal and account, so it survives a reload
 * and another tab of the same console sees it. Nothing here is sent anywhere.
 */

const PREFIX = 'credit-console:what-if:';

export function sandboxStorageKey(portalUrl: string, username: string): string {
  return `${PREFIX}${portalUrl.replace(/\/+$/, '')}|${username.toLowerCase()}`;
}

const listeners = new Set<() => void>();
// The parsed value per key, so every render gets the same object until it changes.
const cache = new Map<string, { raw: string | null; value: Sandbox | null }>();

function read(key: string): Sandbox | null {
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(key);
  } catch {
    raw = null;
  }
  const hit = cache.get(key);
  if (hit && hit.raw === raw) return hit.value;
  let value: Sandbox | null = null;
  if (raw !== null) {
    try {
      const parsed = sandboxSchema.safeParse(JSON.parse(raw));
      value = parsed.success ? parsed.data : null;
    } catch {
      value = null;
    }
  }
  cache.set(key, { raw, value });
  return value;
}

function notify() {
  for (const l of listeners) l();
}

export function writeSandbox(key: string, sandbox: Sandbox | null): void {
  try {
    if (sandbox === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(sandbox));
  } catch {
    // Storage full or unavailable: the sandbox still works for this page, it just won't survive a reload.
    cache.set(key, { raw: sandbox === null ? null : JSON.stringify(sandbox), value: sandbox });
  }
  notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key === null || e.key.startsWith(PREFIX)) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export interface SandboxHandle {
  /** The open sandbox, or null when none is open. */
  sandbox: Sandbox | null;
  /** Replaces the sandbox (null closes it and leaves nothing behind). */
  set(next: Sandbox | null): void;
  update(change: (current: Sandbox) => Sandbox): void;
}

/** The open sandbox of this portal and account. */
export function useSandbox(portalUrl: string, username: string): SandboxHandle {
  const key = sandboxStorageKey(portalUrl, username);
  const sandbox = useSyncExternalStore(
    subscribe,
    () => read(key),
    () => null,
  );
  const set = useCallback((next: Sandbox | null) => writeSandbox(key, next), [key]);
  const update = useCallback(
    (change: (current: Sandbox) => Sandbox) => {
      const current = read(key);
      if (current) writeSandbox(key, change(current));
    },
    [key],
  );
  return { sandbox, set, update };
}

/** The open sandbox of the signed-in portal and account. */
export function useCurrentSandbox(): SandboxHandle {
  const session = useArcGISSession();
  return useSandbox(session.client.portalUrl, session.username);
}
