import { http } from 'msw';
import { createPortal } from '../demo-portal/src/app.ts';
import type { Portal, PortalOptions } from '../demo-portal/src/app.ts';

export { createPortal };

/** Where tests point the client: the demo portal, reached in-process through MSW. */
export const PORTAL_URL = 'https://localhost:8443/portal';

export type DemoPortal = Portal;
export type DemoPortalOptions = PortalOptions;

/** Small and deterministic unless a test asks otherwise. */
export const DEFAULT_PORTAL_OPTIONS: DemoPortalOptions = { members: 300, seed: 42, testControl: true };

/** One catch-all MSW handler forwarding every portal request to whatever portal `current()` returns. */
export function portalHandler(current: () => DemoPortal) {
  return http.all(`${PORTAL_URL}/*`, ({ request }) => current().app.fetch(request));
}

/** A fresh demo portal and the MSW handler that serves it. */
export function createPortalBridge(options: DemoPortalOptions = {}): {
  portal: DemoPortal;
  handler: ReturnType<typeof portalHandler>;
} {
  const portal = createPortal({ ...DEFAULT_PORTAL_OPTIONS, ...options });
  return { portal, handler: portalHandler(() => portal) };
}
