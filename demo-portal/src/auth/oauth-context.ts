import type { Context } from 'hono';
import type { AccountDirectory } from './accounts.ts';
import type { DemoHint } from './authorize-page.ts';
import type { AuthorizationCodeStore } from './codes.ts';
import type { SignInThrottle } from './sign-in-throttle.ts';
import type { TokenService } from './tokens.ts';

/** The out-of-band redirect URI: the code is shown on a page for the person to copy. */
export const OOB_REDIRECT_URI = 'urn:ietf:wg:oauth:2.0:oob';

export interface RegisteredApp {
  clientId: string;
  title: string;
  /** Exact redirect URIs, or origins (scheme://host:port) whose every path is allowed. */
  redirectUris: readonly string[];
  /**
   * `S256` (the default, RFC 9700 §2.1.1 for public clients): the code flow needs an S256
   * `code_challenge`, and the implicit grant is refused. `optional`: PKCE is used when the client
   * sends it, as ArcGIS Online allows for its own built-in clients.
   */
  pkce?: 'S256' | 'optional';
  /**
   * Esri's built-in clients need no registration: they may use the out-of-band URI and any address
   * on the portal's own origin.
   */
  builtIn?: boolean;
}

/** What every OAuth endpoint shares. */
export interface OAuthContext {
  accounts: AccountDirectory;
  tokens: TokenService;
  codes: AuthorizationCodeStore;
  throttle: SignInThrottle;
  appsById: ReadonlyMap<string, RegisteredApp>;
  now: () => number;
  orgName: string;
  demoHint: DemoHint | undefined;
  /** The `ssl` flag of token responses (IdentityManager then forces https). */
  ssl: boolean;
  /** Seals and opens `oauth_state` (the sign-in request carried by the page). */
  sealKey: Buffer;
}

export interface OAuthErrorBody {
  error: { code: number; error: string; error_description: string; message: string; details: string[] };
}

export function oauthError(code: number, error: string, description: string): OAuthErrorBody {
  return { error: { code, error, error_description: description, message: description, details: [] } };
}

export const missing = (name: string) => oauthError(400, 'invalid_request', `${name} not specified`);
export const invalidClient = () => oauthError(400, 'invalid_client', 'Invalid client_id');
export const invalidGrant = (description: string) => oauthError(400, 'invalid_grant', description);

export const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' } as const;

/** Both spellings of a route: ArcGIS clients differ on the trailing slash. */
export const both = (path: string) => [path, `${path}/`];

export function redirect(c: Context, location: string) {
  return c.body(null, 302, { Location: location, ...NO_STORE, 'Referrer-Policy': 'no-referrer' });
}

export const postOnly = (c: Context) =>
  c.json(oauthError(405, 'invalid_request', 'This operation is supported via POST only.'), 200, NO_STORE);

/** The origin this portal is reached at (the built-in clients' redirect origin). */
export function portalOrigin(c: Context): string {
  return new URL(c.req.url).origin;
}
