import { describe, expect, it } from 'vitest';
import { AuthorizationCodeStore } from '../src/auth/codes.ts';
import { TokenService } from '../src/auth/tokens.ts';

describe('TokenService fault injection', () => {
  it('expireAllAccessTokens ends access tokens but keeps sessions; expireAllSessions ends both', () => {
    let now = 1_000_000;
    const tokens = new TokenService(() => now);
    const refresh = tokens.issue('refresh', 'demo_admin', 'app', 60 * 60_000);
    const access = tokens.issue('access', 'demo_admin', 'app', 30 * 60_000, refresh.token);

    tokens.expireAllAccessTokens();
    expect(tokens.check(access.token)).toMatchObject({ ok: false, code: 498 });
    expect(tokens.peek(refresh.token)?.kind).toBe('refresh');

    tokens.expireAllSessions();
    now += 1;
    expect(tokens.peek(refresh.token)).toBeUndefined();
    expect(tokens.check(null)).toMatchObject({ ok: false, code: 499 });
  });
});

describe('TokenService limits', () => {
  it('never holds more than its capacity: the oldest grants make room', () => {
    const tokens = new TokenService(() => 0, 100);
    const issued = Array.from({ length: 250 }, () => tokens.issue('access', 'u', 'app', 60_000).token);
    expect(tokens.size).toBe(100);
    expect(tokens.check(issued[0]).ok).toBe(false);
    expect(tokens.check(issued[249]).ok).toBe(true);
  });

  it('reclaims expired grants a few per issue, without waiting for the cap', () => {
    let now = 0;
    const tokens = new TokenService(() => now, 10_000);
    for (let i = 0; i < 1000; i++) tokens.issue('access', 'u', 'app', 1000);
    now = 5000;
    for (let i = 0; i < 600; i++) tokens.issue('access', 'u', 'app', 60_000);
    // Two old entries looked at per issue: 1,200 reclaimed at most; all 1,000 expired ones are gone.
    expect(tokens.size).toBe(600);
  });

  it('revoking a refresh token ends the access tokens issued under it', () => {
    const tokens = new TokenService(() => 0);
    const refresh = tokens.issue('refresh', 'u', 'app', 60_000);
    const access = tokens.issue('access', 'u', 'app', 30_000, refresh.token);
    const other = tokens.issue('access', 'u', 'app', 30_000);
    tokens.revoke(refresh.token);
    expect(tokens.check(access.token).ok).toBe(false);
    expect(tokens.check(other.token).ok).toBe(true);
  });
});

describe('AuthorizationCodeStore limits', () => {
  it('is capped and forgets expired codes as new ones are issued', () => {
    let now = 0;
    const codes = new AuthorizationCodeStore(() => now, 1000, 50);
    const binding = { clientId: 'c', redirectUri: 'https://x/', username: 'u', refreshTtlMs: 1 };
    const first = codes.issue(binding);
    for (let i = 0; i < 120; i++) codes.issue(binding);
    expect(codes.size).toBe(50);
    expect(codes.redeem(first)).toEqual({ ok: false, reason: 'unknown' });

    now = 2 * 60 * 60 * 1000; // past expiry and the hour a redeemed code is remembered
    for (let i = 0; i < 30; i++) codes.issue(binding);
    expect(codes.size).toBe(30);
  });
});
