import { setupServer } from 'msw/node';
import { DEFAULT_PORTAL_OPTIONS, PORTAL_URL, createPortal, portalHandler } from './portal-bridge';
import type { DemoPortal, DemoPortalOptions } from './portal-bridge';

let current: DemoPortal | undefined;
let currentOptions: DemoPortalOptions = DEFAULT_PORTAL_OPTIONS;

/** The demo portal behind the default handler (300 members), created on first use. */
export function getPortal(): DemoPortal {
  current ??= createPortal({ ...DEFAULT_PORTAL_OPTIONS, ...currentOptions });
  return current;
}

/**
 * Throws the current demo portal away; the next request (or `getPortal()`) builds a fresh one
 * with `options`. Cheap when nothing uses the portal. Tokens issued before are no longer valid.
 */
export function resetPortal(options: DemoPortalOptions = {}): void {
  current = undefined;
  currentOptions = options;
}

/** An access token for a demo account (demo_admin, demo_credits, demo_member) on the current portal. */
export function issueToken(username = 'demo_admin', ttlMs = 60 * 60_000): string {
  return getPortal().tokens.issue('access', username, 'test', ttlMs).token;
}

export { PORTAL_URL };

export const server = setupServer(portalHandler(getPortal));
