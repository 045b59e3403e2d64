import type { z } from 'zod';

export interface ApiErrorInit {
  /** ArcGIS error code (`error.code`), or the HTTP status when the body carried none. */
  code: number;
  message: string;
  messageCode?: string;
  details?: readonly string[];
  /** HTTP status, for non-2xx responses only (ArcGIS's 200-with-`{error}` envelope leaves it unset; see `code`). */
  status?: number;
  /** REST path (below `/sharing/rest/`) of the failed call; never carries a token. */
  path?: string;
}

/**
 * The portal answered, but with an error: either HTTP 200 with an `{error}` body (how ArcGIS
 * reports almost everything) or a non-2xx status.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly code: number;
  readonly messageCode?: string;
  readonly details: string[];
  readonly status?: number;
  readonly path?: string;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.code = init.code;
    this.messageCode = init.messageCode;
    this.details = [...(init.details ?? [])];
    this.status = init.status;
    this.path = init.path;
  }

  /** The server (not the request) is at fault: worth retrying, and worth an error boundary. */
  get isServerError(): boolean {
    return this.code >= 500 || (this.status ?? 0) >= 500;
  }
}

/** 498 (invalid or expired token) or 499 (token required): the user has to (re-)authenticate. */
export class AuthError extends ApiError {
  override name = 'AuthError';
}

export const AUTH_ERROR_CODES: readonly number[] = [498, 499];

export function isAuthErrorCode(code: number): boolean {
  return AUTH_ERROR_CODES.includes(code);
}

/** The request never got an HTTP answer: offline, DNS, TLS, CORS, connection reset. */
export class NetworkError extends Error {
  override name = 'NetworkError';
  readonly path?: string;

  constructor(options: { path?: string; cause?: unknown } = {}) {
    super('The ArcGIS portal could not be reached. Check the portal URL and your connection.', {
      cause: options.cause,
    });
    this.path = options.path;
  }
}

/** The portal answered 2xx, but the body is not what the contract says (or not JSON at all). */
export class ResponseShapeError extends Error {
  override name = 'ResponseShapeError';
  readonly path: string;
  readonly issues: z.core.$ZodIssue[];

  constructor(path: string, issues: readonly z.core.$ZodIssue[], summary?: string) {
    super(`Unexpected response from ${path}: ${summary ?? summarizeIssues(issues)}`);
    this.path = path;
    this.issues = [...issues];
  }
}

/** Every error the client throws on purpose (aborts are rethrown unchanged). */
export type ArcGISError = ApiError | NetworkError | ResponseShapeError;

function summarizeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, 3).map((issue) => {
    const at = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
    return `${at}: ${issue.message}`;
  });
  const more = issues.length > 3 ? ` (+${issues.length - 3} more)` : '';
  return `${shown.join('; ')}${more}`;
}

export function isAbortError(e: unknown): boolean {
  return (
    (e instanceof Error || (typeof DOMException !== 'undefined' && e instanceof DOMException)) &&
    (e.name === 'AbortError' || e.name === 'TimeoutError')
  );
}

function withPeriod(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** The most specific text the portal gave us, for the errors where it helps the person. */
function portalReason(e: ApiError): string {
  const detail = e.details.find((d) => d.trim() !== '' && d.trim() !== e.message.trim());
  return detail ? `${withPeriod(e.message)} ${withPeriod(detail)}` : withPeriod(e.message);
}

/** A short sentence a person can act on. */
export function describeError(e: unknown): string {
  if (isAbortError(e)) return 'The request was cancelled.';
  if (e instanceof AuthError) {
    return e.code === 499
      ? 'You are not signed in (499). Sign in to continue.'
      : 'Your session has expired or is no longer valid (498). Sign in again.';
  }
  if (e instanceof ApiError) {
    const code = e.code;
    if (code === 403 || code === 401) {
      return `You don't have permission to manage credits in this organization (${code}).`;
    }
    if (code === 404) return `The portal could not find what was asked for (404). ${portalReason(e)}`;
    if (code === 429) return 'The portal is receiving too many requests (429). Wait a moment and try again.';
    if (e.isServerError)
      return `The server had a problem (${e.status && e.status >= 500 ? e.status : code}). Try again.`;
    if (code === 400) return `The portal rejected the request (400): ${portalReason(e)}`;
    return `The portal returned an error (${code}): ${portalReason(e)}`;
  }
  if (e instanceof NetworkError) return e.message;
  if (e instanceof ResponseShapeError) {
    return 'The portal sent a response Credit Console does not understand. Check that the portal URL points to ArcGIS Online or ArcGIS Enterprise.';
  }
  if (e instanceof Error && e.message) return withPeriod(e.message);
  return 'Something went wrong. Try again.';
}

/**
 * Worth another try for an idempotent read: no answer, a server-side failure, throttling, or a
 * garbled body. Permission, validation and auth errors are not (auth has its own refresh path).
 */
export function isTransientError(e: unknown): boolean {
  if (isAbortError(e) || e instanceof AuthError) return false;
  if (e instanceof NetworkError || e instanceof ResponseShapeError) return true;
  if (e instanceof ApiError) return e.isServerError || e.code === 429 || e.code === 408;
  return false;
}

/**
 * An error as plain data, to cross a Web Worker boundary (`postMessage` drops classes): enough to
 * rebuild the same typed error on the other side (`deserializeError`).
 */
export interface SerializedError {
  name: string;
  message: string;
  code?: number;
  status?: number;
  path?: string;
  messageCode?: string;
  details?: string[];
}

export function serializeError(e: unknown): SerializedError {
  if (e instanceof ApiError) {
    return {
      name: e.name,
      message: e.message,
      code: e.code,
      status: e.status,
      path: e.path,
      messageCode: e.messageCode,
      details: e.details,
    };
  }
  if (e instanceof NetworkError) return { name: e.name, message: e.message, path: e.path };
  if (e instanceof ResponseShapeError) return { name: e.name, message: e.message, path: e.path };
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}

/** Rebuilds the typed error (`AuthError`, `ApiError`, `NetworkError`, `ResponseShapeError`, an abort). */
export function deserializeError(s: SerializedError): Error {
  if (s.name === 'AuthError' || s.name === 'ApiError') {
    const init = {
      code: s.code ?? 500,
      message: s.message,
      status: s.status,
      path: s.path,
      messageCode: s.messageCode,
      details: s.details,
    };
    return s.name === 'AuthError' ? new AuthError(init) : new ApiError(init);
  }
  if (s.name === 'NetworkError') return new NetworkError({ path: s.path });
  if (s.name === 'ResponseShapeError') {
    const summary = s.message.replace(/^Unexpected response from [^:]*: /, '');
    return new ResponseShapeError(s.path ?? '', [], summary);
  }
  if (s.name === 'AbortError') return new DOMException(s.message, 'AbortError');
  const error = new Error(s.message);
  error.name = s.name;
  return error;
}
