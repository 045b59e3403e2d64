import type { Context } from 'hono';
import { ExpiringMap } from './expiring-map.ts';

/**
 * ArcGIS Online's words for a sign-in refused after repeated failures (the ArcGIS API for Python
 * looks for exactly this sentence on the sign-in page) and for a wrong password.
 */
export const TOO_MANY_ATTEMPTS = 'Too many invalid attempts. Please try again later.';
export const INVALID_CREDENTIALS = 'Invalid username or password.';

export interface ThrottlePolicy {
  /** Failed sign-ins for one username, within `windowMs`, that lock it. */
  perUsername: number;
  /** Failed sign-ins from one client address, within `windowMs`, that lock it. */
  perAddress: number;
  /** Failures older than this (since the last one) are forgotten. */
  windowMs: number;
  /** How long a lock lasts. */
  lockMs: number;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  perUsername: 5,
  perAddress: 30,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};

/** Usernames and addresses tracked at once (each map); past it the oldest are forgotten. */
const MAX_TRACKED = 10_000;

interface Failures {
  count: number;
  lockedUntil: number;
}

export type ThrottleCheck = { locked: false } | { locked: true; retryAfterSeconds: number };

/**
 * Counts failed sign-ins per username and per client address (the sign-in form, `oauth2/signin`
 * and `generateToken` share one instance) and locks either for a while after too many. While a
 * lock lasts, even the right password is refused. State lives in this process only: a restart
 * forgets it, and every test server starts clean.
 */
export class SignInThrottle {
  private readonly byUsername: ExpiringMap<Failures>;
  private readonly byAddress: ExpiringMap<Failures>;

  constructor(
    private readonly now: () => number,
    private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY,
  ) {
    this.byUsername = new ExpiringMap(now, MAX_TRACKED);
    this.byAddress = new ExpiringMap(now, MAX_TRACKED);
  }

  check(username: string, address: string): ThrottleCheck {
    const t = this.now();
    const until = Math.max(
      this.byUsername.get(usernameKey(username))?.lockedUntil ?? 0,
      this.byAddress.get(address)?.lockedUntil ?? 0,
    );
    return until > t ? { locked: true, retryAfterSeconds: Math.ceil((until - t) / 1000) } : { locked: false };
  }

  /** Records a wrong password; answers whether this failure locked the username or the address. */
  recordFailure(username: string, address: string): ThrottleCheck {
    this.bump(this.byUsername, usernameKey(username), this.policy.perUsername);
    this.bump(this.byAddress, address, this.policy.perAddress);
    return this.check(username, address);
  }

  /** A right password clears the username's failures (not the address's: one good account must not reset them). */
  recordSuccess(username: string): void {
    this.byUsername.delete(usernameKey(username));
  }

  clear(): void {
    this.byUsername.clear();
    this.byAddress.clear();
  }

  private bump(map: ExpiringMap<Failures>, key: string, limit: number): void {
    const t = this.now();
    const entry = map.get(key) ?? { count: 0, lockedUntil: 0 };
    entry.count += 1;
    if (entry.count >= limit) {
      entry.lockedUntil = t + this.policy.lockMs;
      entry.count = 0;
    }
    map.set(key, entry, Math.max(t + this.policy.windowMs, entry.lockedUntil));
  }
}

function usernameKey(username: string): string {
  return username.trim().toLowerCase();
}

/**
 * The client's address as the socket sees it. Forwarding headers are ignored on purpose: anyone can
 * send them. Requests that do not come through a socket (in-process tests) share one address.
 */
export function clientAddress(c: Context): string {
  const env: unknown = c.env;
  if (env && typeof env === 'object' && 'incoming' in env) {
    const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } }).incoming;
    const address = incoming?.socket?.remoteAddress;
    if (address) return address;
  }
  return 'in-process';
}
