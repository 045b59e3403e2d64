import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import type { AccountDirectory } from './accounts.ts';
import type { DemoHint } from './authorize-page.ts';
import { mountAuthorize } from './authorize-endpoint.ts';
import { AuthorizationCodeStore } from './codes.ts';
import type { OAuthContext, RegisteredApp } from './oauth-context.ts';
import { mountRevoke } from './revoke-endpoint.ts';
import { SignInThrottle } from './sign-in-throttle.ts';
import { mountSignOut } from './signout-endpoint.ts';
import { mountToken } from './token-endpoint.ts';
import type { TokenService } from './tokens.ts';

export type { RegisteredApp } from './oauth-context.ts';
export { OOB_REDIRECT_URI } from './oauth-context.ts';
export {
  DEFAULT_EXPIRATION_MINUTES,
  MAX_EXPIRATION_MINUTES,
  MAX_IMPLICIT_EXPIRATION_MINUTES,
} from './authorize-request.ts';

export interface OAuthOptions {
  accounts: AccountDirectory;
  tokens: TokenService;
  apps: readonly RegisteredApp[];
  now: () => number;
  orgName: string;
  /** Authorization-code store; defaults to one on `now`. Pass one to inspect it in tests. */
  codes?: AuthorizationCodeStore;
  /** Failed sign-in counter; share one with generateToken. Defaults to one on `now`. */
  throttle?: SignInThrottle;
  /** The demo-accounts hint on the sign-in page; defaults to `DEMO_ACCOUNTS_HINT`, `null` hides it. */
  demoHint?: DemoHint | null;
  /** The `ssl` flag of token responses (IdentityManager then forces https). Defaults to true. */
  ssl?: boolean;
}

export const DEMO_ACCOUNTS_HINT: DemoHint = {
  password: 'demo1234',
  accounts: [
    { username: 'demo_admin', description: 'organization administrator' },
    { username: 'demo_credits', description: 'can manage credits' },
    { username: 'demo_member', description: 'member without admin rights' },
  ],
};

/**
 * Esri's built-in public client of the ArcGIS API for Python. ArcGIS Online knows it without
 * registration, lets it skip PKCE, and lets it use the out-of-band redirect URI or the portal's own
 * address (`GIS(url, username, password)` signs in through it).
 */
export const PYTHON_API_APP: RegisteredApp = {
  clientId: 'pythonapi',
  title: 'ArcGIS API for Python',
  redirectUris: [],
  pkce: 'optional',
  builtIn: true,
};

/**
 * OAuth 2.0 endpoints, mounted under both `/sharing/oauth2` and `/sharing/rest/oauth2`:
 * authorize (HTML sign-in page), signin, token, revokeToken, signout.
 */
export function createOAuthRoutes(options: OAuthOptions): Hono {
  const apps = [...options.apps];
  if (!apps.some((a) => a.clientId === PYTHON_API_APP.clientId)) apps.push(PYTHON_API_APP);
  const ctx: OAuthContext = {
    accounts: options.accounts,
    tokens: options.tokens,
    codes: options.codes ?? new AuthorizationCodeStore(options.now),
    throttle: options.throttle ?? new SignInThrottle(options.now),
    appsById: new Map(apps.map((app) => [app.clientId, app])),
    now: options.now,
    orgName: options.orgName,
    demoHint: options.demoHint === undefined ? DEMO_ACCOUNTS_HINT : (options.demoHint ?? undefined),
    ssl: options.ssl ?? true,
    sealKey: randomBytes(32),
  };
  const app = new Hono();
  mountAuthorize(app, ctx);
  mountToken(app, ctx);
  mountRevoke(app, ctx);
  mountSignOut(app, ctx);
  return app;
}
