import { randomBytes } from 'node:crypto';
import { ExpiringMap } from './expiring-map.ts';
import type { PkceMethod } from './pkce.ts';

/** Authorization codes live five minutes (RFC 6749 §4.1.2 recommends at most ten). */
export const AUTHORIZATION_CODE_TTL_MS = 5 * 60 * 1000;

/** How long a redeemed code is remembered, so that a replay can be detected and punished. */
const REDEEMED_CODE_MEMORY_MS = 60 * 60 * 1000;

/** Most codes remembered at once; past it the oldest are forgotten. */
export const MAX_CODES = 10_000;

/** Everything an authorization code stands for; checked again at the token endpoint. */
export interface AuthorizationCodeBinding {
  clientId: string;
  redirectUri: string;
  username: string;
  /** Lifetime of the refresh token the code will be exchanged for (from `expiration`). */
  refreshTtlMs: number;
  /** Present when the authorize request carried a PKCE code_challenge. */
  pkce?: { challenge: string; method: PkceMethod };
  /** "Keep me signed in" was ticked: the token response says `persist: true`. */
  persist?: boolean;
}

export type RedeemResult =
  | { ok: true; binding: AuthorizationCodeBinding }
  | { ok: false; reason: 'unknown' | 'expired' }
  /** The code was redeemed before; `issuedTokens` are the tokens minted from it (to revoke). */
  | { ok: false; reason: 'reused'; binding: AuthorizationCodeBinding; issuedTokens: readonly string[] };

interface CodeRecord {
  binding: AuthorizationCodeBinding;
  expires: number;
  redeemed: boolean;
  issuedTokens: string[];
}

/**
 * One-time authorization codes, in memory. Time comes from the injected clock so tests (and the
 * demo's "advance the clock" control) can move it. Codes are opaque and never logged.
 */
export class AuthorizationCodeStore {
  private readonly records: ExpiringMap<CodeRecord>;

  constructor(
    private readonly now: () => number,
    private readonly ttlMs: number = AUTHORIZATION_CODE_TTL_MS,
    capacity: number = MAX_CODES,
  ) {
    this.records = new ExpiringMap(now, capacity);
  }

  issue(binding: AuthorizationCodeBinding): string {
    const code = randomBytes(32).toString('base64url');
    const expires = this.now() + this.ttlMs;
    this.records.set(
      code,
      { binding, expires, redeemed: false, issuedTokens: [] },
      expires + REDEEMED_CODE_MEMORY_MS,
    );
    return code;
  }

  /**
   * Redeems a code: succeeds once, before it expires. Any redemption attempt, even one that later
   * fails a binding check, uses the code up.
   */
  redeem(code: string): RedeemResult {
    const record = this.records.get(code);
    if (!record) return { ok: false, reason: 'unknown' };
    if (record.redeemed) {
      return { ok: false, reason: 'reused', binding: record.binding, issuedTokens: [...record.issuedTokens] };
    }
    record.redeemed = true;
    if (this.now() > record.expires) return { ok: false, reason: 'expired' };
    return { ok: true, binding: record.binding };
  }

  /** Remembers a token minted from a redeemed code, so that replaying the code revokes it. */
  recordIssuedToken(code: string, token: string): void {
    this.records.get(code)?.issuedTokens.push(token);
  }

  /** Number of codes remembered (issued or recently redeemed). For tests. */
  get size(): number {
    return this.records.size;
  }
}
