/**
 * Removes what could be a secret from text bound for a log: query strings and fragments of URLs,
 * and long opaque strings (tokens, codes, oauth_state, PKCE values are all 32+ characters of
 * base64url). Error messages can quote a URL or a header value (a Location that failed to set
 * quotes the whole redirect, code included), so every server log line goes through this.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/([?#])[^\s"'<>`]*/g, '$1[redacted]')
    .replace(/[A-Za-z0-9_\-.~+/]{32,}={0,2}/g, '[redacted]');
}
