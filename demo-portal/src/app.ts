import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { RegisteredApp } from './auth/oauth-routes.ts';
import { createGenerateTokenRoutes } from './auth/generate-token.ts';
import { createOAuthRoutes } from './auth/oauth-routes.ts';
import { redactSecrets } from './auth/redact.ts';
import { SignInThrottle } from './auth/sign-in-throttle.ts';
import { TokenService } from './auth/tokens.ts';
import type { FaultRule } from './faults.ts';
import { faultRulesSchema, Faults, faultsFromEnv } from './faults.ts';
import { PortalError } from './model/errors.ts';
import { MAX_TOKEN_EXPIRATION_MINUTES, OrgModel } from './model/org.ts';
import { DEFAULT_MEMBERS, DEFAULT_SEED } from './model/seed.ts';
import { createCommunityRoutes } from './routes/community.ts';
import { createContentRoutes } from './routes/content.ts';
import { createDemoRoutes } from './routes/demo.ts';
import { createGroupRoutes } from './routes/groups.ts';
import type { RouteDeps } from './routes/http.ts';
import { errorBody, INVALID_URL, JSON_CONTENT_TYPE, sendError, sendJson } from './routes/http.ts';
import { createInfoRoutes } from './routes/info.ts';
import { createDemoNotificationRoutes, createNotificationRoutes } from './routes/notifications.ts';
import { createPortalRoutes } from './routes/portals.ts';
import { acknowledgeWhenDurable, StateStore } from './store.ts';
import { requestBodyLimit } from './body-limit.ts';

export type { FaultRule } from './faults.ts';
export type { RegisteredApp } from './auth/oauth-routes.ts';

export interface PortalOptions {
  /** Org size, default 2500 (up to 50,000 builds in a couple of seconds). */
  members?: number;
  /** Default 1. */
  seed?: number;
  /** Where changes persist; undefined = memory only. */
  stateFile?: string;
  /** Ignore/overwrite an existing state file. */
  reset?: boolean;
  /** Clock; default Date.now. */
  now?: () => number;
  /** Default '/portal'. */
  basePath?: string;
  /** OAuth apps; default: defaultApps(). */
  apps?: RegisteredApp[];
  /** Initial fault rules (else DEMO_FAULTS from the environment). */
  faults?: FaultRule[];
  /** Enables the /__test routes; default false. */
  testControl?: boolean;
  /**
   * `fsync` (default): a change is answered once it is on disk. `none`: answered at once and
   * saved in the background (only for benchmarks comparing the two).
   */
  durability?: 'fsync' | 'none';
}

export interface Portal {
  app: Hono;
  org: OrgModel;
  tokens: TokenService;
  /** Failed sign-ins per username and client address (sign-in page, oauth2/signin, generateToken). */
  throttle: SignInThrottle;
  faults: Faults;
  /** Resolves when every change is persisted. */
  flush(): Promise<void>;
  /** Flushes and releases the state file. */
  close(): Promise<void>;
}

export const DEFAULT_ORIGINS = [
  'https://localhost:8443',
  'https://127.0.0.1:8443',
  'https://localhost:5173',
  'https://localhost:8444',
];

export function defaultApps(origins: string[] = DEFAULT_ORIGINS): RegisteredApp[] {
  return [{ clientId: 'creditconsole', title: 'Credit Console', redirectUris: [...origins] }];
}

const CORS_ALLOW_HEADERS =
  'Content-Type, X-Esri-Authorization, X-Esri-Auth-Client-Id, X-Esri-Auth-Redirect-Uri, Authorization';
const CORS_ALLOW_METHODS = 'GET, POST, DELETE, OPTIONS';

function setHeader(c: Context, name: string, value: string): void {
  try {
    c.res.headers.set(name, value);
  } catch {
    // Immutable headers (e.g. Response.redirect): copy the response first.
    c.res = new Response(c.res.body, c.res);
    c.res.headers.set(name, value);
  }
}

/** CORS for credentialed requests: echo the exact Origin, never `*`. */
function cors(): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('Origin');
    if (c.req.method === 'OPTIONS') {
      const headers: Record<string, string> = {
        'Access-Control-Allow-Methods': CORS_ALLOW_METHODS,
        'Access-Control-Allow-Headers': CORS_ALLOW_HEADERS,
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      };
      if (origin) {
        headers['Access-Control-Allow-Origin'] = origin;
        headers['Access-Control-Allow-Credentials'] = 'true';
      }
      return new Response(null, { status: 204, headers });
    }
    await next();
    if (origin) {
      setHeader(c, 'Access-Control-Allow-Origin', origin);
      setHeader(c, 'Access-Control-Allow-Credentials', 'true');
      setHeader(c, 'Vary', 'Origin');
    }
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Applies fault rules to `${restPrefix}/...` requests before the routes run. */
function faultMiddleware(faults: Faults, tokens: TokenService, restPrefix: string): MiddlewareHandler {
  return async (c, next) => {
    const path = c.req.path;
    if (!path.toLowerCase().startsWith(`${restPrefix.toLowerCase()}/`)) return next();
    const decision = faults.decide(path.slice(restPrefix.length + 1));
    if (decision.expireToken) tokens.expireAllAccessTokens();
    if (decision.latencyMs > 0) await sleep(decision.latencyMs);
    switch (decision.failure) {
      case 'http500':
        return sendJson(
          c,
          errorBody(new PortalError(500, 'Internal Server Error (injected fault).', [])),
          500,
        );
      case 'http503':
        c.header('Retry-After', '1');
        return sendJson(c, errorBody(new PortalError(503, 'Service Unavailable (injected fault).', [])), 503);
      case 'envelope500':
        return sendError(
          c,
          new PortalError(
            500,
            'An unexpected error occurred while processing the request (injected fault).',
            [],
          ),
        );
      case undefined:
        return next();
    }
  };
}

const testFaultsBody = z.object({ rules: faultRulesSchema });

function testControlRoutes(portal: Omit<Portal, 'app' | 'flush' | 'close'>): Hono {
  const app = new Hono();
  app.post('/reset', (c) => {
    portal.org.resetToSeed();
    portal.faults.clear();
    portal.throttle.clear();
    return sendJson(c, { success: true });
  });
  app.post('/faults', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      body = undefined;
    }
    const parsed = testFaultsBody.safeParse(body);
    if (!parsed.success)
      return sendError(
        c,
        new PortalError(400, 'Invalid fault rules: expected {"rules": FaultRule[]}.', [parsed.error.message]),
      );
    portal.faults.replace(parsed.data.rules);
    return sendJson(c, { success: true, rules: portal.faults.rules });
  });
  app.get('/faults', (c) => sendJson(c, { rules: portal.faults.rules }));
  app.delete('/faults', (c) => {
    portal.faults.clear();
    return sendJson(c, { success: true });
  });
  // `?sessions=1` ends the sessions too (refresh tokens), so clients must sign in again.
  app.post('/expire-tokens', (c) => {
    portal.tokens.expireAllAccessTokens();
    if (c.req.query('sessions') === '1') portal.tokens.expireAllSessions();
    return sendJson(c, { success: true });
  });
  return app;
}

function normalizeBasePath(basePath: string | undefined): string {
  const trimmed = (basePath ?? '/portal').replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** Builds the demo portal: the org model, tokens, faults, persistence and the Hono app. */
export function createPortal(options: PortalOptions = {}): Portal {
  const now = options.now ?? Date.now;
  const base = normalizeBasePath(options.basePath);
  const members = Math.max(3, Math.floor(options.members ?? DEFAULT_MEMBERS));
  const seed = Math.floor(options.seed ?? DEFAULT_SEED);
  const org = new OrgModel({ members, seed, now });
  const tokens = new TokenService(now);
  const throttle = new SignInThrottle(now);
  const faults = new Faults(options.faults ?? faultsFromEnv(process.env.DEMO_FAULTS));

  let store: StateStore | undefined;
  if (options.stateFile) {
    store = new StateStore({
      file: options.stateFile,
      members,
      seed,
      ...(options.durability ? { durability: options.durability } : {}),
    });
    if (options.reset) store.discard();
    const loaded = options.reset ? undefined : store.load();
    if (loaded?.status === 'loaded') org.importChanges(loaded.changes);
    const persistent = store;
    persistent.open(() => org.exportChanges());
    org.onChange((change) => persistent.append(change));
  }

  const deps: RouteDeps = { org, tokens, basePath: base };
  const restPrefix = `${base}/sharing/rest`;
  const app = new Hono({ strict: false });
  app.use('*', cors());
  app.use('*', requestBodyLimit());
  if (store) app.use('*', acknowledgeWhenDurable(store));
  app.use('*', faultMiddleware(faults, tokens, restPrefix));

  const oauth = createOAuthRoutes({
    accounts: org,
    tokens,
    apps: options.apps ?? defaultApps(),
    now,
    orgName: org.identity.name,
    throttle,
  });
  app.route(`${base}/sharing/oauth2`, oauth);
  app.route(`${restPrefix}/oauth2`, oauth);
  app.route(
    restPrefix,
    createGenerateTokenRoutes({
      accounts: org,
      tokens,
      throttle,
      maxExpirationMinutes: MAX_TOKEN_EXPIRATION_MINUTES,
    }),
  );
  app.route(restPrefix, createInfoRoutes(deps));
  app.route(restPrefix, createPortalRoutes(deps));
  app.route(restPrefix, createCommunityRoutes(deps));
  app.route(restPrefix, createContentRoutes(deps));
  app.route(restPrefix, createGroupRoutes(deps));
  app.route(restPrefix, createNotificationRoutes(deps));
  // Demo controls (D2): outside /sharing/rest on purpose; see routes/demo.ts.
  app.route(`${base}/__demo`, createDemoRoutes(deps));
  app.route(`${base}/__demo`, createDemoNotificationRoutes(deps));
  if (options.testControl) app.route(`${base}/__test`, testControlRoutes({ org, tokens, throttle, faults }));

  app.notFound((c) => {
    const path = c.req.path.toLowerCase();
    if (path.startsWith(`${base.toLowerCase()}/sharing`)) return sendError(c, INVALID_URL);
    return c.body(errorBody(new PortalError(404, 'Not found.', [])), 404, {
      'Content-Type': JSON_CONTENT_TYPE,
    });
  });
  app.onError((error, c) => {
    // Never log request details (tokens travel in query strings and bodies), and redact the error:
    // its message may quote a URL or header value with a code or token in it.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.error(redactSecrets(`[demo-portal] ${c.req.method} ${c.req.path}: ${message}`));
    return sendError(
      c,
      new PortalError(500, 'An unexpected error occurred while processing the request.', []),
    );
  });

  return {
    app,
    org,
    tokens,
    throttle,
    faults,
    flush: async () => {
      await store?.flush();
    },
    close: async () => {
      await store?.close();
    },
  };
}
