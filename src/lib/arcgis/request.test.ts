import { HttpResponse, http } from 'msw';
import { z } from 'zod';
import { PORTAL_URL, server } from '../../../tests/server';
import { ApiError, AuthError, NetworkError, ResponseShapeError, describeError } from './errors';
import { createArcGISClient, encodeParams, restUrlOf } from './request';
import { requestParams } from '../../../tests/request-params';

const REST = `${PORTAL_URL}/sharing/rest`;
const echoSchema = z.object({
  method: z.string(),
  contentType: z.string().nullish(),
  params: z.record(z.string(), z.string()),
});

/** A stand-in endpoint that reports what arrived, for the transport's own tests. */
function echoHandlers(path: string) {
  return [
    http.get(`${REST}/${path}`, ({ request }) =>
      HttpResponse.json({ method: 'GET', params: Object.fromEntries(new URL(request.url).searchParams) }),
    ),
    http.post(`${REST}/${path}`, async ({ request }) =>
      HttpResponse.json({
        method: 'POST',
        contentType: request.headers.get('content-type'),
        params: Object.fromEntries(new URLSearchParams(await request.text())),
      }),
    ),
  ];
}

describe('encodeParams (contract §0)', () => {
  it('encodes every value type the way arcgis-rest-js does', () => {
    const encoded = encodeParams({
      text: 'a b',
      zero: 0,
      yes: true,
      no: false,
      when: new Date(1672099200000),
      names: ['a', 'b', 'c'],
      mixed: [1, 'x', false],
      userAssignments: [{ username: 'u1', credits: 100 }],
      object: { a: 1 },
      explicit: JSON.stringify(['u1', 'u2']),
      empty: '',
      nothing: null,
      missing: undefined,
    });
    expect(Object.fromEntries(encoded)).toEqual({
      text: 'a b',
      zero: '0',
      yes: 'true',
      no: 'false',
      when: '1672099200000',
      names: 'a,b,c',
      mixed: '1,x,false',
      userAssignments: '[{"username":"u1","credits":100}]',
      object: '{"a":1}',
      explicit: '["u1","u2"]',
      empty: '',
    });
  });

  it('builds the REST root from any portal URL form', () => {
    expect(restUrlOf('https://org.maps.arcgis.com')).toBe('https://org.maps.arcgis.com/sharing/rest');
    expect(restUrlOf('https://host/portal/')).toBe('https://host/portal/sharing/rest');
    expect(restUrlOf('https://host/portal/sharing/rest/')).toBe('https://host/portal/sharing/rest');
    expect(restUrlOf('https://host/portal/sharing')).toBe('https://host/portal/sharing/rest');
  });
});

describe('createArcGISClient transport', () => {
  it('sends a signed-in read as a form-encoded POST, so the token is never in a URL', async () => {
    server.use(...echoHandlers('echo'));
    const client = createArcGISClient({ portalUrl: PORTAL_URL, getToken: async () => 'tok-1' });
    const got = await client.apiGet('echo', { schema: echoSchema, params: { q: 'role:org_admin', num: 5 } });
    expect(got).toEqual({
      method: 'POST',
      contentType: expect.stringContaining('application/x-www-form-urlencoded'),
      params: { q: 'role:org_admin', num: '5', f: 'json', token: 'tok-1' },
    });

    const posted = await client.request('POST', '/echo', { params: { usernames: JSON.stringify(['a']) } });
    expect(posted).toMatchObject({
      method: 'POST',
      contentType: expect.stringContaining('application/x-www-form-urlencoded'),
      params: { usernames: '["a"]', f: 'json', token: 'tok-1' },
    });
  });

  it('sends no token when there is none or the call is anonymous', async () => {
    server.use(...echoHandlers('echo'));
    const signedOut = createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => null });
    await expect(signedOut.apiGet('echo', { schema: echoSchema })).resolves.toEqual({
      method: 'GET',
      params: { f: 'json' },
    });
    const signedIn = createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => 'tok' });
    await expect(signedIn.apiGet('echo', { schema: echoSchema, anonymous: true })).resolves.toEqual({
      method: 'GET',
      params: { f: 'json' },
    });
  });

  it('switches a GET to POST when the URL would pass 2000 characters', async () => {
    server.use(...echoHandlers('echo'));
    const client = createArcGISClient({ portalUrl: PORTAL_URL });
    const short = await client.apiGet('echo', { schema: echoSchema, params: { q: 'x'.repeat(100) } });
    expect(short.method).toBe('GET');
    const long = await client.apiGet('echo', { schema: echoSchema, params: { q: 'x'.repeat(2000) } });
    expect(long.method).toBe('POST');
    expect(long.params.q).toHaveLength(2000);
  });

  it('reads JSON whatever the content-type says', async () => {
    server.use(
      http.all(
        `${REST}/plain`,
        () =>
          new HttpResponse('{"method":"GET","params":{}}', {
            headers: { 'Content-Type': 'text/plain;charset=utf-8' },
          }),
      ),
    );
    const client = createArcGISClient({ portalUrl: PORTAL_URL });
    await expect(client.apiGet('plain', { schema: echoSchema })).resolves.toEqual({
      method: 'GET',
      params: {},
    });
  });
});

describe('errors', () => {
  const client = createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => 'tok' });
  const anySchema = z.unknown();

  it('turns a 200 with an {error} body into ApiError', async () => {
    server.use(
      http.all(`${REST}/forbidden`, () =>
        HttpResponse.json({
          error: {
            code: 403,
            messageCode: 'GWM_0003',
            message: 'You do not have permissions to access this resource or perform this operation.',
            details: [],
          },
        }),
      ),
    );
    const error = await client.apiGet('forbidden', { schema: anySchema }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: 403, messageCode: 'GWM_0003', status: undefined, details: [] });
    expect(describeError(error)).toBe(
      "You don't have permission to manage credits in this organization (403).",
    );
  });

  it('keeps the details of a 400', async () => {
    server.use(
      http.post(`${REST}/bad`, () =>
        HttpResponse.json({
          error: {
            code: 400,
            message: 'Unable to generate token.',
            details: ['Invalid username or password.'],
          },
        }),
      ),
    );
    const error = await client.apiPost('bad', { schema: anySchema }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 400, details: ['Invalid username or password.'] });
    expect(describeError(error)).toBe(
      'The portal rejected the request (400): Unable to generate token. Invalid username or password.',
    );
  });

  it('maps a real HTTP 500 to ApiError with status 500', async () => {
    server.use(http.all(`${REST}/boom`, () => new HttpResponse('<html>oops</html>', { status: 500 })));
    const error = await client.apiGet('boom', { schema: anySchema }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 500, code: 500 });
    expect(describeError(error)).toBe('The server had a problem (500). Try again.');
  });

  it('maps an envelope code 500 (HTTP 200) to a server error too', async () => {
    server.use(http.all(`${REST}/boom`, () => HttpResponse.json({ error: { code: 500 } })));
    const error = await client.apiGet('boom', { schema: anySchema }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 500, status: undefined, isServerError: true });
    expect(describeError(error)).toBe('The server had a problem (500). Try again.');
  });

  it('maps a fetch failure to NetworkError without leaking the token', async () => {
    server.use(http.all(`${REST}/down`, () => HttpResponse.error()));
    const error = await client.apiGet('down', { schema: anySchema }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(describeError(error)).toBe(
      'The ArcGIS portal could not be reached. Check the portal URL and your connection.',
    );
    expect(String(error)).not.toContain('tok');
  });

  it('rethrows an abort as an abort, not as a network error', async () => {
    server.use(http.all(`${REST}/slow`, () => new Promise<Response>(() => {})));
    const controller = new AbortController();
    const pending = client.apiGet('slow', { schema: anySchema, signal: controller.signal });
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(describeError(error)).toBe('The request was cancelled.');
  });

  it('throws ResponseShapeError (with the zod issues) for a body that breaks the schema', async () => {
    server.use(http.all(`${REST}/odd`, () => HttpResponse.json({ method: 42 })));
    const error = await client.apiGet('odd', { schema: echoSchema }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseShapeError);
    if (!(error instanceof ResponseShapeError)) return;
    expect(error.issues.map((i) => i.path.join('.'))).toEqual(['method', 'params']);
    expect(error.message).toMatch(/^Unexpected response from odd: method: /);
    expect(describeError(error)).toMatch(/does not understand/);
  });

  it('throws ResponseShapeError for a 200 that is not JSON', async () => {
    server.use(http.all(`${REST}/html`, () => HttpResponse.html('<html></html>')));
    await expect(client.apiGet('html', { schema: anySchema })).rejects.toBeInstanceOf(ResponseShapeError);
  });
});

describe('auth errors and refresh', () => {
  /** 498 unless the token is `fresh`, like a portal after the access token expired. */
  function tokenGate() {
    server.use(
      http.all(`${REST}/guarded`, async ({ request }) => {
        const token = (await requestParams(request)).get('token');
        await new Promise((r) => setTimeout(r, 5));
        if (!token)
          return HttpResponse.json({ error: { code: 499, message: 'Token Required', details: [] } });
        if (token !== 'fresh')
          return HttpResponse.json({ error: { code: 498, message: 'Invalid token.', details: [] } });
        return HttpResponse.json({ ok: true });
      }),
    );
  }
  const okSchema = z.object({ ok: z.literal(true) });

  it('maps 499 and 498 to AuthError', async () => {
    tokenGate();
    const anonymous = createArcGISClient({ portalUrl: PORTAL_URL });
    const e499 = await anonymous.apiGet('guarded', { schema: okSchema }).catch((e: unknown) => e);
    expect(e499).toBeInstanceOf(AuthError);
    expect(e499).toMatchObject({ code: 499 });
    const stale = createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => 'stale' });
    const e498 = await stale.apiGet('guarded', { schema: okSchema }).catch((e: unknown) => e);
    expect(e498).toBeInstanceOf(AuthError);
    expect(e498).toMatchObject({ code: 498 });
    expect(describeError(e498)).toMatch(/Sign in again/);
  });

  it('refreshes once for concurrent 498s and retries each request once', async () => {
    tokenGate();
    let token = 'stale';
    const refresh = vi.fn(async () => {
      await new Promise((r) => setTimeout(r, 10));
      token = 'fresh';
      return true;
    });
    const onAuthError = vi.fn();
    const client = createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => token, refresh, onAuthError });
    const results = await Promise.all([1, 2, 3, 4].map(() => client.apiGet('guarded', { schema: okSchema })));
    expect(results).toEqual([{ ok: true }, { ok: true }, { ok: true }, { ok: true }]);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(onAuthError).not.toHaveBeenCalled();
  });

  it('throws the AuthError when the refresh fails, and tells onAuthError', async () => {
    tokenGate();
    const refresh = vi.fn(async () => false);
    const onAuthError = vi.fn();
    const client = createArcGISClient({
      portalUrl: PORTAL_URL,
      getToken: () => 'stale',
      refresh,
      onAuthError,
    });
    await expect(client.apiGet('guarded', { schema: okSchema })).rejects.toBeInstanceOf(AuthError);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(onAuthError).toHaveBeenCalledTimes(1);
  });

  it('does not loop when the refreshed token is rejected too', async () => {
    tokenGate();
    const refresh = vi.fn(async () => true); // claims success, token stays bad
    const client = createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => 'stale', refresh });
    await expect(client.apiGet('guarded', { schema: okSchema })).rejects.toMatchObject({ code: 498 });
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('treats a throwing refresh hook as a failed refresh', async () => {
    tokenGate();
    const client = createArcGISClient({
      portalUrl: PORTAL_URL,
      getToken: () => 'stale',
      refresh: () => Promise.reject(new Error('popup blocked')),
    });
    await expect(client.apiGet('guarded', { schema: okSchema })).rejects.toBeInstanceOf(AuthError);
  });
});
