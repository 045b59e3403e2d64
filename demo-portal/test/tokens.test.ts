import { describe, expect, it } from 'vitest';
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
