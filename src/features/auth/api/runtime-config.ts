import { loadRuntimeConfig, type PortalConfig } from '@/config/env';

let early: Promise<PortalConfig> | null = null;

/** Starts reading config.json as the page starts (main.tsx), so the first render does not wait for it. */
export function preloadRuntimeConfig(): void {
  early ??= loadRuntimeConfig();
  // Read (and its failure reported) by the session gate.
  early.catch(() => undefined);
}

/** config.json: the read started by `preloadRuntimeConfig` (handed out once), or a new one. */
export function readRuntimeConfig(): Promise<PortalConfig> {
  const pending = early ?? loadRuntimeConfig();
  early = null;
  return pending;
}
