import { createHash, timingSafeEqual } from 'node:crypto';

/** PKCE (RFC 7636) as ArcGIS supports it: `S256` and `plain`. */
export type PkceMethod = 'S256' | 'plain';

/** RFC 7636 §4.1/§4.2: 43–128 characters of [A-Z a-z 0-9 - . _ ~]. */
const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,128}$/;

export function isPkceMethod(value: string): value is PkceMethod {
  return value === 'S256' || value === 'plain';
}

/** Whether a code_verifier or code_challenge has the shape RFC 7636 requires. */
export function isValidPkceValue(value: string): boolean {
  return PKCE_VALUE.test(value);
}

/** base64url(SHA-256(verifier)) without padding: the S256 code_challenge for a verifier. */
export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** Checks a code_verifier against the challenge bound to an authorization code. */
export function verifyPkce(verifier: string, challenge: string, method: PkceMethod): boolean {
  if (!isValidPkceValue(verifier)) return false;
  const expected = method === 'S256' ? s256Challenge(verifier) : verifier;
  return constantTimeEqual(expected, challenge);
}

function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
