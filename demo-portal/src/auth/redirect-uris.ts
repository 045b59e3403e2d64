/** An entry that is just `scheme://host[:port]` (optionally with a trailing slash). */
const ORIGIN_ONLY = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+\/?$/i;

function parseAbsolute(uri: string): URL | undefined {
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
}

/**
 * Whether `redirectUri` may receive codes for an app registered with `registered` redirect URIs:
 * - an entry that is an origin allows every path on exactly that origin;
 * - any other entry must match exactly, ignoring a query string.
 * Fragments, credentials, unsafe characters and non-http(s) schemes are never allowed (RFC 6749 §3.1.2).
 */
export function isRedirectUriAllowed(registered: readonly string[], redirectUri: string): boolean {
  if (hasUnsafeCharacters(redirectUri)) return false;
  const target = parseAbsolute(redirectUri);
  if (!target || redirectUri.includes('#')) return false;
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return false;
  if (target.username || target.password) return false;
  const targetWithoutQuery = target.origin + target.pathname;
  return registered.some((entry) => {
    const allowed = parseAbsolute(entry);
    if (!allowed) return false;
    if (ORIGIN_ONLY.test(entry)) return allowed.origin === target.origin;
    return allowed.origin + allowed.pathname === targetWithoutQuery;
  });
}

/**
 * Anything but printable ASCII: spaces, control characters (CR/LF could split the Location header),
 * and non-ASCII text, which a redirect URI must carry percent-encoded.
 */
export function hasUnsafeCharacters(uri: string): boolean {
  return /[^\x21-\x7e]/.test(uri);
}

/** The origin of an absolute URI, or undefined. */
export function originOf(uri: string): string | undefined {
  const url = parseAbsolute(uri);
  return url && url.origin !== 'null' ? url.origin : undefined;
}

/**
 * Appends parameters to a redirect URI's query, keeping its existing query text byte for byte (the
 * client strips what we add and compares the rest with the redirect_uri it sent).
 */
export function withQuery(uri: string, params: Record<string, string | undefined>): string {
  const query = encodeParams(params);
  if (!query) return uri;
  if (!uri.includes('?')) return `${uri}?${query}`;
  return uri.endsWith('?') || uri.endsWith('&') ? uri + query : `${uri}&${query}`;
}

/** Puts parameters in a redirect URI's fragment (implicit grant). */
export function withFragment(uri: string, params: Record<string, string | undefined>): string {
  return `${uri}#${encodeParams(params)}`;
}

function encodeParams(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, value);
  return search.toString();
}

/** Exact comparison, tolerating only URL normalisation (e.g. host case, default port). */
export function sameRedirectUri(a: string, b: string): boolean {
  if (a === b) return true;
  const left = parseAbsolute(a);
  const right = parseAbsolute(b);
  return left !== undefined && right !== undefined && left.href === right.href;
}
