/** RFC 9700 rules for the portal's registered apps (the console's client among them). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountDirectory } from '../src/auth/accounts.ts';
import { AuthorizationCodeStore } from '../src/auth/codes.ts';
import { createOAuthRoutes } from '../src/auth/oauth-routes.ts';
import type { RegisteredApp } from '../src/auth/oauth-routes.ts';
import { s256Challenge } from '../src/auth/pkce.ts';
import { redactSecrets } from '../src/auth/redact.ts';
import { TokenService } from '../src/auth/tokens.ts';

const CONSOLE: RegisteredApp = {
  clientId: 'creditconsole',
  title: 'Credit Console',
  redirectUris: ['https://localhost:8443'],
};
const REDIRECT = 'https://localhost:8443/';
const VERIFIER = 'M25iVXpKU3puUjFaYWg3T1NDTDQtcW1ROUY5YXlwalNoc0hhakxifmZHag';
/** The portal's own origin as Hono sees in-process requests. */
const SELF = 'http://localhost';

const accounts: AccountDirectory = {
  getAccount: (u) =>
    u.toLowerCase() === 'demo_admin'
      ? { username: 'demo_admin', fullName: 'A', role: 'org_admin', privileges: [] }
      : undefined,
  verifyPassword: (u, p) => u.toLowerCase() === 'demo_admin' && p === 'demo1234',
};

let tokens: TokenService;
let codes: AuthorizationCodeStore;
let app: ReturnType<typeof createOAuthRoutes>;

beforeEach(() => {
  const now = () => Date.UTC(2026, 0, 1);
  tokens = new TokenService(now);
  codes = new AuthorizationCodeStore(now);
  app = createOAuthRoutes({ accounts, tokens, codes, apps: [CONSOLE], now, orgName: 'Org' });
});

function params(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const all: Record<string, string | undefined> = {
    client_id: CONSOLE.clientId,
    response_type: 'code',
    redirect_uri: REDIRECT,
    state: 's1',
    code_challenge: s256Challenge(VERIFIER),
    code_challenge_method: 'S256',
    ...overrides,
  };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(all)) if (v !== undefined) out[k] = v;
  return out;
}

function signIn(fields: Record<string, string>, headers: Record<string, string> = {}) {
  return app.request('/authorize', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ username: 'demo_admin', password: 'demo1234', ...fields }).toString(),
  });
}

function errorOf(location: string | null) {
  const url = new URL(location ?? '');
  return { error: url.searchParams.get('error'), description: url.searchParams.get('error_description') };
}

describe('PKCE for the console’s public client', () => {
  it('refuses a code request without code_challenge, and a plain challenge', async () => {
    const none = await app.request(
      `/authorize?${new URLSearchParams(params({ code_challenge: undefined, code_challenge_method: undefined }))}`,
    );
    expect(none.status).toBe(302);
    expect(errorOf(none.headers.get('Location'))).toEqual({
      error: 'invalid_request',
      description: 'code_challenge required (PKCE with S256)',
    });
    const plain = await app.request(
      `/authorize?${new URLSearchParams(params({ code_challenge: VERIFIER, code_challenge_method: 'plain' }))}`,
    );
    expect(errorOf(plain.headers.get('Location'))).toEqual({
      error: 'invalid_request',
      description: 'code_challenge_method must be S256',
    });
    // The form is checked the same way: no code is issued.
    const posted = await signIn(params({ code_challenge: undefined, code_challenge_method: undefined }), {
      Origin: SELF,
    });
    expect(errorOf(posted.headers.get('Location')).error).toBe('invalid_request');
    expect(codes.size).toBe(0);
  });

  it('refuses the implicit grant', async () => {
    const res = await app.request(`/authorize?${new URLSearchParams(params({ response_type: 'token' }))}`);
    expect(res.status).toBe(302);
    const hash = new URLSearchParams(new URL(res.headers.get('Location') ?? '').hash.slice(1));
    expect(hash.get('error')).toBe('unsupported_response_type');
    expect(hash.get('access_token')).toBeNull();
  });

  it('refuses a code_verifier for a code issued without a challenge (the built-in client may skip PKCE)', async () => {
    const page = await (
      await app.request(
        `/authorize?${new URLSearchParams({ client_id: 'pythonapi', response_type: 'code', redirect_uri: 'urn:ietf:wg:oauth:2.0:oob' })}`,
      )
    ).text();
    const oauthState = /"oauth_state":"([^"]+)"/.exec(page)?.[1] ?? '';
    const code = async () => {
      const res = await app.request('/signin', {
        method: 'POST',
        body: new URLSearchParams({ oauth_state: oauthState, username: 'demo_admin', password: 'demo1234' }),
      });
      return /<title>SUCCESS code=(.*?)<\/title>/.exec(await res.text())?.[1] ?? '';
    };
    const redeem = async (c: string, extra: Record<string, string>) =>
      (await (
        await app.request('/token', {
          method: 'POST',
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            client_id: 'pythonapi',
            redirect_uri: 'urn:ietf:wg:oauth:2.0:oob',
            code: c,
            ...extra,
          }),
        })
      ).json()) as { access_token?: string; error?: { error: string; error_description: string } };

    const downgraded = await redeem(await code(), { code_verifier: VERIFIER });
    expect(downgraded.access_token).toBeUndefined();
    expect(downgraded.error).toMatchObject({
      error: 'invalid_grant',
      error_description: 'code_verifier sent, but the authorization request had no code_challenge',
    });
    expect((await redeem(await code(), {})).access_token).toEqual(expect.any(String));
  });
});

describe('redirect_uri with unsafe characters', () => {
  it.each([
    ['CR LF', 'https://localhost:8443/\r\nSet-Cookie: x=1'],
    ['a tab', 'https://localhost:8443/\tx'],
    ['a space', 'https://localhost:8443/a b'],
    ['non-ASCII', 'https://localhost:8443/é'],
  ])('refuses %s at authorize with a page, never a redirect', async (_name, redirectUri) => {
    const get = await app.request(`/authorize?${new URLSearchParams(params({ redirect_uri: redirectUri }))}`);
    expect(get.status).toBe(400);
    expect(get.headers.get('Location')).toBeNull();
    expect(await get.text()).toContain('contains spaces, control or non-ASCII characters');
    const post = await signIn(params({ redirect_uri: redirectUri }), { Origin: SELF });
    expect(post.status).toBe(400);
    expect(post.headers.get('Location')).toBeNull();
    expect(codes.size).toBe(0);
  });
});

describe('the authorize POST checks where it comes from', () => {
  it('refuses another Origin, Origin null and a cross-site fetch; accepts its own page and non-browser clients', async () => {
    const refused: Record<string, string>[] = [
      { Origin: 'https://evil.example' },
      { Origin: 'null' },
      { 'Sec-Fetch-Site': 'cross-site' },
    ];
    for (const headers of refused) {
      const res = await signIn(params(), headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.headers.get('Location')).toBeNull();
      expect(await res.text()).toContain('The sign-in form was sent from another site.');
    }
    expect(codes.size).toBe(0);
    expect((await signIn(params(), { Origin: SELF, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(302);
    expect((await signIn(params())).status).toBe(302);
    expect(codes.size).toBe(2);
  });

  it('serves the page with a same-origin referrer policy, so that the browser sends its Origin', async () => {
    const res = await app.request(`/authorize?${new URLSearchParams(params())}`);
    expect(res.headers.get('Referrer-Policy')).toBe('same-origin');
    expect(await res.text()).toContain('<meta name="referrer" content="same-origin">');
  });
});

describe('codes and tokens never reach the log', () => {
  const spies: ReturnType<typeof vi.spyOn>[] = [];
  afterEach(() => {
    for (const spy of spies.splice(0)) spy.mockRestore();
  });

  it('redacts URLs’ queries and long opaque values from error messages', () => {
    const code = 'Qk2xV9pR3sT7uW1yZ4bD6fH8jL0nP2rT5vX7zA9cE1g';
    const message = `TypeError: Headers.append: "https://localhost:8443/?code=${code}&state=s\r\n" is an invalid header value.`;
    const redacted = redactSecrets(message);
    expect(redacted).not.toContain(code);
    expect(redacted).toContain('Headers.append: "https://localhost:8443/?[redacted]');
    expect(redactSecrets(`token ${code} refused`)).toBe('token [redacted] refused');
  });

  it('a whole sign-in, code exchange and refusals print nothing', async () => {
    const logged: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      spies.push(
        vi.spyOn(console, method).mockImplementation((...args: unknown[]) => logged.push(args.join(' '))),
      );
    }
    const res = await signIn(params(), { Origin: SELF });
    const code = new URL(res.headers.get('Location') ?? '').searchParams.get('code') ?? '';
    await signIn(params({ redirect_uri: 'https://localhost:8443/\r\n' }));
    await signIn(params(), { Origin: 'https://evil.example' });
    const token = (await (
      await app.request('/token', {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: CONSOLE.clientId,
          redirect_uri: REDIRECT,
          code,
          code_verifier: VERIFIER,
        }),
      })
    ).json()) as { access_token: string };
    expect(token.access_token).toEqual(expect.any(String));
    expect(logged).toEqual([]);
  });
});
