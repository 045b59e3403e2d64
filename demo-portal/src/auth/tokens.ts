import { randomBytes } from 'node:crypto';
import { ExpiringMap } from './expiring-map.ts';

export interface TokenGrant {
  username: string;
  clientId: string;
  /** Epoch ms. */
  expires: number;
  kind: 'access' | 'refresh';
  /** For access tokens minted from a refresh token: revoking the refresh token revokes them too. */
  parent?: string;
  /** For refresh tokens: the lifetime they were issued with (an exchange keeps it). */
  ttlMs?: number;
}

export type TokenCheck = { ok: true; grant: TokenGrant } | { ok: false; code: 498 | 499; message: string };

export const ACCESS_TOKEN_TTL_MS = 30 * 60 * 1000;

/** Most grants held at once; past it the oldest are forgotten (their holders sign in again). */
export const MAX_TOKENS = 100_000;

/** How long an expired refresh token is still recognised, so that the answer can say "expired". */
const EXPIRED_REFRESH_MEMORY_MS = 24 * 60 * 60 * 1000;

/**
 * In-memory token store shared by OAuth, generateToken and every REST route.
 * Tokens are opaque random strings; nothing about them is logged. The store is capped and reclaims
 * expired grants a few at a time as new ones are issued (see ExpiringMap).
 */
export class TokenService {
  private readonly grants: ExpiringMap<TokenGrant>;

  constructor(
    private readonly now: () => number,
    capacity: number = MAX_TOKENS,
  ) {
    this.grants = new ExpiringMap(now, capacity);
  }

  issue(kind: TokenGrant['kind'], username: string, clientId: string, ttlMs: number, parent?: string) {
    const token = randomBytes(24).toString('base64url');
    const expires = this.now() + ttlMs;
    const grant: TokenGrant = { username, clientId, expires, kind, parent };
    if (kind === 'refresh') grant.ttlMs = ttlMs;
    this.grants.set(token, grant, kind === 'refresh' ? expires + EXPIRED_REFRESH_MEMORY_MS : expires);
    return { token, grant };
  }

  /** Checks an access token as the REST routes see it. */
  check(token: string | undefined | null): TokenCheck {
    if (!token) return { ok: false, code: 499, message: 'Token Required' };
    const grant = this.grants.get(token);
    if (!grant || grant.kind !== 'access' || grant.expires <= this.now()) {
      return { ok: false, code: 498, message: 'Invalid token.' };
    }
    if (grant.parent && !this.peek(grant.parent)) {
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

  /** Whether `token` is a refresh token that was valid once and has run out (recently). */
  isExpiredRefresh(token: string): boolean {
    const grant = this.grants.get(token);
    return grant !== undefined && grant.kind === 'refresh' && grant.expires <= this.now();
  }

  /** Ends a token; ending a refresh token ends the access tokens issued under it (they name it). */
  revoke(token: string): void {
    this.grants.delete(token);
  }

  /** Number of grants held (live or recently expired). For tests. */
  get size(): number {
    return this.grants.size;
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
}
