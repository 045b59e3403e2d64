/**
 * Sign-in throttling: one counter per username and per client address, shared by the sign-in
 * form, `oauth2/signin` and `generateToken`. Every test here runs its own portal, so the accounts
 * other tests sign in with are never locked.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Portal } from '../src/app.ts';
import { errorOf, makePortal, NOW, ORIGIN } from './helpers.ts';
import type { CallResult } from './helpers.ts';

let clock: { t: number };
let portal: Portal;

beforeEach(() => {
  clock = { t: NOW };
  portal = makePortal({ now: () => clock.t });
});

/** A request as if from `address` (the socket's remote address, as @hono/node-server passes it). */
async function from(address: string, path: string, init: RequestInit = {}): Promise<CallResult> {
  const response = await portal.app.fetch(new Request(`${ORIGIN}${path}`, init), {
    incoming: { socket: { remoteAddress: address } },
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // HTML
  }
  return { status: response.status, headers: response.headers, body, text };
}

function generateToken(address: string, username: string, password: string) {
  return from(address, '/portal/sharing/rest/generateToken', {
    method: 'POST',
    body: new URLSearchParams({ username, password, referer: 'http', f: 'json' }),
  });
}

async function formSignIn(address: string, username: string, password: string) {
  const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  const { createHash } = await import('node:crypto');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return from(address, '/portal/sharing/oauth2/authorize', {
    method: 'POST',
    headers: { Origin: ORIGIN },
    body: new URLSearchParams({
      client_id: 'creditconsole',
      response_type: 'code',
      redirect_uri: `${ORIGIN}/`,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      username,
      password,
      action: 'signin',
    }),
  });
}

const TOO_MANY = 'Too many invalid attempts. Please try again later.';

describe('generateToken', () => {
  it('is POST only: a GET is refused before the password is read, and issues nothing', async () => {
    const res = await from(
      'a',
      '/portal/sharing/rest/generateToken?username=demo_admin&password=demo1234&f=json',
    );
    expect(errorOf(res)).toMatchObject({ code: 405, message: 'Method not supported.' });
    expect(JSON.stringify(res.body)).not.toContain('token"');
    expect(portal.tokens.size).toBe(0);
  });

  it('locks a username after five wrong passwords, says so, and refuses the right one until the lock ends', async () => {
    for (let i = 0; i < 4; i++) {
      expect(errorOf(await generateToken('10.0.0.1', 'demo_member', `x${i}`)).details).toEqual([
        'Invalid username or password.',
      ]);
    }
    expect(errorOf(await generateToken('10.0.0.2', 'demo_member', 'x5'))).toEqual({
      code: 400,
      message: 'Unable to generate token.',
      details: [TOO_MANY],
    });
    expect(errorOf(await generateToken('10.0.0.3', 'demo_member', 'demo1234')).details).toEqual([TOO_MANY]);
    clock.t += 15 * 60_000;
    expect((await generateToken('10.0.0.3', 'demo_member', 'demo1234')).body).toMatchObject({
      token: expect.any(String),
    });
  });

  it('shares the count with the sign-in form: failures on one lock the other', async () => {
    for (let i = 0; i < 3; i++) await generateToken('10.0.0.1', 'demo_credits', `x${i}`);
    expect((await formSignIn('10.0.0.1', 'demo_credits', 'y1')).text).toContain(
      'Invalid username or password.',
    );
    const locked = await formSignIn('10.0.0.1', 'demo_credits', 'y2');
    expect(locked.status).toBe(200);
    expect(locked.text).toContain(TOO_MANY);
    const right = await formSignIn('10.0.0.9', 'demo_credits', 'demo1234');
    expect(right.status).toBe(200);
    expect(right.headers.get('Location')).toBeNull();
    expect(errorOf(await generateToken('10.0.0.9', 'demo_credits', 'demo1234')).details).toEqual([TOO_MANY]);
  });

  it('a right password clears the username’s failures', async () => {
    for (let i = 0; i < 4; i++) await generateToken('10.0.0.1', 'demo_admin', `x${i}`);
    expect((await generateToken('10.0.0.1', 'demo_admin', 'demo1234')).body).toMatchObject({
      token: expect.any(String),
    });
    for (let i = 0; i < 4; i++) {
      expect(errorOf(await generateToken('10.0.0.1', 'demo_admin', `z${i}`)).details).toEqual([
        'Invalid username or password.',
      ]);
    }
  });
});

describe('per client address', () => {
  it('locks an address that fails 30 times across usernames; other addresses still sign in', async () => {
    for (let i = 0; i < 29; i++) {
      expect(errorOf(await generateToken('198.51.100.7', `nobody${i}`, 'x')).details).toEqual([
        'Invalid username or password.',
      ]);
    }
    expect(errorOf(await generateToken('198.51.100.7', 'nobody29', 'x')).details).toEqual([TOO_MANY]);
    expect(errorOf(await generateToken('198.51.100.7', 'demo_admin', 'demo1234')).details).toEqual([
      TOO_MANY,
    ]);
    expect((await formSignIn('198.51.100.7', 'demo_admin', 'demo1234')).text).toContain(TOO_MANY);
    expect((await generateToken('198.51.100.8', 'demo_admin', 'demo1234')).body).toMatchObject({
      token: expect.any(String),
    });
    // The test control reset (used between e2e tests) clears every lock.
    portal.throttle.clear();
    expect((await generateToken('198.51.100.7', 'demo_admin', 'demo1234')).body).toMatchObject({
      token: expect.any(String),
    });
  });
});

describe('the portal’s error log', () => {
  it('redacts what an unexpected error quotes (a redirect with a code, a token)', async () => {
    const secret = 'Zq7Xw2Lr9Pt4Mn8Kb3Hc6Vd1Jf5Gs0Ay2Ue7Ti4Ro9';
    portal.app.get('/portal/__boom', () => {
      throw new TypeError(
        `Headers.append: "https://localhost:8443/?code=${secret}\r\n" is an invalid header value.`,
      );
    });
    const logged: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(' '));
    });
    try {
      const res = await from('a', `/portal/__boom?token=${secret}`);
      expect(errorOf(res).code).toBe(500);
    } finally {
      spy.mockRestore();
    }
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('[demo-portal] GET /portal/__boom: TypeError: Headers.append');
    expect(logged.join('\n')).not.toContain(secret);
  });
});
