/** The token in the X-Esri-Authorization header (how the console keeps it out of URLs). */
import { describe, expect, it } from 'vitest';
import { call, errorOf, makePortal, tokenFor } from './helpers.ts';

describe('X-Esri-Authorization', () => {
  it('is allowed by CORS preflight from another origin', async () => {
    const portal = makePortal();
    const res = await call(portal, 'community/self', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://localhost:5173',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'x-esri-authorization',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('https://localhost:5173');
    expect(res.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain('x-esri-authorization');
  });

  it('signs a GET in without a token in the URL; a bad one is refused as a bad token param is', async () => {
    const portal = makePortal();
    const token = tokenFor(portal, 'demo_credits');
    const ok = await call(portal, 'community/self', {
      headers: { 'X-Esri-Authorization': `Bearer ${token}` },
    });
    expect((ok.body as { username?: string }).username).toBe('demo_credits');
    const bad = await call(portal, 'community/self', { headers: { 'X-Esri-Authorization': 'Bearer nope' } });
    expect(errorOf(bad).code).toBe(498);
  });
});
