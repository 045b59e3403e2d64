import { randomBytes } from 'node:crypto';

export interface TokenGrant {
  username: string;
  clientId: string;
  /** Epoch ms. */
  expires: number;
  kind: 'access' | 'refresh';
  /** For access tokens minted from a refresh token: revoking the refresh token revokes them too. */
  parent?: string;
}

export type TokenCheck = { ok: true; grant: TokenGrant } | { ok: false; code: 498 | 499; message: string };

export const ACCESS_TOKEN_TTL_MS = 30 * 60 * 1000;

/**
 * In-memory token store shared by OAuth, generateToken and every REST route.
 * Tokens are opaque random strings; nothing about them is logged.
 */
export class TokenService {
  private readonly grants = new Map<string, TokenGrant>();
  constructor(private readonly now: () => number) {}

  issue(kind: TokenGrant['kind'], username: string, clientId: string, ttlMs: number, parent?: string) {
    const token = randomBytes(24).toString('base64url');
    const grant: TokenGrant = { username, clientId, expires: this.now() + ttlMs, kind, parent };
    this.grants.set(token, grant);
    this.sweep();
    return { token, grant };
  }

  /** Checks an access token as the REST routes see it. */
  check(token: string | undefined | null): TokenCheck {
    if (!token) return { ok: false, code: 499, message: 'Token Required' };
    const grant = this.grants.get(token);
    if (!grant || grant.kind !== 'access') return { ok: false, code: 498, message: 'Invalid token.' };
    if (grant.expires <= this.now()) {
      return { ok: false, code: 498, message: 'Invalid token.' };
    }
    if (grant.parent && !this.grants.has(grant.parent)) {
      return { ok: false, code: 498, message: 'Invalid token.' };
    }
    return { ok: true, grant };
  }

  /** Looks up a refresh token (or any token) without the access-token rules. */
  peek(token: string): TokenGrant | undefined {
    const grant = this.grants.get(token);
    if (!grant || grant.expires <= this.now()) return undefined;
    return grant;
  }

  revoke(token: string): void {
    const grant = this.grants.get(token);
    this.grants.delete(token);
    if (grant?.kind === 'refresh') {
      for (const [t, g] of this.grants) if (g.parent === token) this.grants.delete(t);
    }
  }

  /** Fault injection: every access token issued so far stops working (refresh tokens still do). */
  expireAllAccessTokens(): void {
    const t = this.now();
    for (const g of this.grants.values()) if (g.kind === 'access') g.expires = Math.min(g.expires, t);
  }

  /** Fault injection: every session ends (refresh tokens and the access tokens issued from them). */
  expireAllSessions(): void {
    const t = this.now();
    for (const g of this.grants.values()) g.expires = Math.min(g.expires, t);
  }

  private sweep(): void {
    if (this.grants.size < 10_000) return;
    const t = this.now();
    for (const [token, g] of this.grants) if (g.expires <= t) this.grants.delete(token);
  }
}
