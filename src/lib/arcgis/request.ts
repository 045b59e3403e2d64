import type { z } from 'zod';
import {
  ApiError,
  AuthError,
  NetworkError,
  ResponseShapeError,
  isAbortError,
  isAuthErrorCode,
} from './errors';

/** A value the client knows how to encode (contract §0, arcgis-rest-js `processParams`). */
export type ParamValue =
  | string
  | number
  | boolean
  | Date
  | null
  | undefined
  | readonly ParamValue[]
  | { readonly [key: string]: unknown };

export type Params = { readonly [key: string]: ParamValue };

export type HttpMethod = 'GET' | 'POST';

/** What every endpoint function accepts last. */
export interface CallOptions {
  signal?: AbortSignal;
}

export interface RequestOptions extends CallOptions {
  params?: Params;
  /** Send no token and skip the refresh-and-retry (e.g. `generateToken`, anonymous `portals/self`). */
  anonymous?: boolean;
}

export interface SchemaRequestOptions<S extends z.ZodType> extends RequestOptions {
  schema: S;
}

export interface ArcGISClientOptions {
  /** e.g. `https://myorg.maps.arcgis.com` or `https://host/portal`; a trailing `/sharing/rest` is tolerated. */
  portalUrl: string;
  /** Current access token; `null`/`undefined`/`''` = anonymous. May be async. Called for every request. */
  getToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /**
   * Called when a request fails with 498/499. Resolve `true` once a new token is available
   * (then the request is retried once), `false` if it could not be renewed. Concurrent failures
   * share a single call.
   */
  refresh?: () => Promise<boolean>;
  /** Told about every `AuthError` the client finally throws (after any refresh attempt). */
  onAuthError?: (error: AuthError) => void;
  /** URLs longer than this switch a GET to POST. Default 2000 (arcgis-rest-js). */
  maxUrlLength?: number;
  /** How requests travel: `fetch` in this thread unless given (e.g. a Web Worker's, for a run's batches). */
  transport?: HttpTransport;
}

/** One HTTP request as the client sends it: a signed-in request's token is in `body`, never in `url`. */
export interface HttpRequest {
  url: string;
  method: HttpMethod;
  /** A form-encoded body (POST only). */
  body?: string;
  signal?: AbortSignal;
}

/** What the client reads of an answer. */
export interface HttpAnswer {
  ok: boolean;
  status: number;
  statusText: string;
  text: string;
}

/** Sends one request; rejects (like `fetch`) only when no answer arrived. */
export type HttpTransport = (request: HttpRequest) => Promise<HttpAnswer>;

/** `fetch` in the calling thread. */
export const fetchTransport: HttpTransport = async ({ url, method, body, signal }) => {
  const response =
    method === 'GET'
      ? await fetch(url, { method: 'GET', signal })
      : await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body,
          signal,
        });
  const text = await response.text();
  return { ok: response.ok, status: response.status, statusText: response.statusText, text };
};

export interface ArcGISClient {
  readonly portalUrl: string;
  /** `<portalUrl>/sharing/rest` */
  readonly restUrl: string;
  apiGet<S extends z.ZodType>(path: string, opts: SchemaRequestOptions<S>): Promise<z.infer<S>>;
  apiPost<S extends z.ZodType>(path: string, opts: SchemaRequestOptions<S>): Promise<z.infer<S>>;
  /** The unvalidated JSON body; prefer `apiGet`/`apiPost`. */
  request(method: HttpMethod, path: string, opts?: RequestOptions): Promise<unknown>;
  /**
   * Runs `task` with the session's current token, for requests sent elsewhere the way this client
   * sends them (a Web Worker with a client of its own: the token travels in a message, then in a
   * POST body, never in a URL). An `AuthError` from `task` gets the same single refresh and retry.
   */
  withToken<T>(task: (token: string | undefined) => Promise<T>, opts?: CallOptions): Promise<T>;
  /**
   * The session behind this client, for a Web Worker that makes this client's requests with a client
   * of its own: it asks here for the token, for the one shared refresh after a 498/499, and reports
   * a session that ended.
   */
  readonly session?: ClientSession;
}

export interface ClientSession {
  token(): Promise<string | undefined>;
  refresh(): Promise<boolean>;
  ended(error: AuthError): void;
}

export const DEFAULT_MAX_URL_LENGTH = 2000;

function encodeValue(value: ParamValue): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return String(value.getTime());
  if (Array.isArray(value)) {
    const allPrimitive = value.every(
      (v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean',
    );
    return allPrimitive ? value.map((v) => encodeValue(v) ?? '').join(',') : JSON.stringify(value);
  }
  return JSON.stringify(value);
}

/**
 * Contract §0: arrays of objects → JSON; arrays of primitives → comma list (pass a string,
 * e.g. `JSON.stringify(names)`, when the endpoint wants a JSON array); objects → JSON;
 * booleans → "true"/"false"; Date → epoch ms; null/undefined dropped.
 */
export function encodeParams(params: Params = {}): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    const encoded = encodeValue(value);
    if (encoded !== undefined) out.append(key, encoded);
  }
  return out;
}

/** `https://host/portal/` → `https://host/portal/sharing/rest` */
export function restUrlOf(portalUrl: string): string {
  const base = portalUrl.trim().replace(/\/+$/, '');
  if (/\/sharing\/rest$/i.test(base)) return base;
  if (/\/sharing$/i.test(base)) return `${base}/rest`;
  return `${base}/sharing/rest`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toCode(value: unknown, fallback: number): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
  return fallback;
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((d): d is string => typeof d === 'string') : [];
}

/** Builds the typed error for an `{error}` body (any HTTP status). */
export function errorFromBody(
  body: Record<string, unknown>,
  status: number,
  path: string,
): ApiError | undefined {
  const raw = body.error;
  if (raw === undefined || raw === null) return undefined;
  const err = isRecord(raw) ? raw : { message: typeof raw === 'string' ? raw : undefined };
  const code = toCode(err.code, status >= 400 ? status : 400);
  const message =
    (typeof err.message === 'string' && err.message) ||
    (typeof err.error_description === 'string' && err.error_description) ||
    (typeof err.error === 'string' && err.error) ||
    `Request failed with code ${code}`;
  const init = {
    code,
    message,
    messageCode: typeof err.messageCode === 'string' ? err.messageCode : undefined,
    details: stringsOf(err.details),
    // Only a real HTTP failure has a status worth reporting; ArcGIS's envelope arrives as 200.
    status: status >= 200 && status < 300 ? undefined : status,
    path,
  };
  return isAuthErrorCode(code) ? new AuthError(init) : new ApiError(init);
}

function parseJson(text: string): { json: unknown } | undefined {
  try {
    return { json: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

function abortReason(signal: AbortSignal | undefined, e: unknown): unknown {
  if (signal?.aborted) return signal.reason ?? e;
  return e;
}

export function createArcGISClient(options: ArcGISClientOptions): ArcGISClient {
  const restUrl = restUrlOf(options.portalUrl);
  const portalUrl = restUrl.replace(/\/sharing\/rest$/i, '');
  const maxUrlLength = options.maxUrlLength ?? DEFAULT_MAX_URL_LENGTH;
  const transport = options.transport ?? fetchTransport;
  let refreshing: Promise<boolean> | null = null;

  async function currentToken(): Promise<string | undefined> {
    const token = await options.getToken?.();
    return token ? token : undefined;
  }

  /** Single flight: every 498/499 that arrives while a refresh runs waits for that refresh. */
  function sharedRefresh(refresh: () => Promise<boolean>): Promise<boolean> {
    if (refreshing) return refreshing;
    const flight = Promise.resolve()
      .then(refresh)
      .then((ok) => ok === true)
      .catch(() => false);
    refreshing = flight;
    void flight.finally(() => {
      if (refreshing === flight) refreshing = null;
    });
    return flight;
  }

  async function send(
    method: HttpMethod,
    path: string,
    params: Params | undefined,
    token: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    const cleanPath = path.replace(/^\/+/, '');
    const url = `${restUrl}/${cleanPath}`;
    const form = encodeParams(params);
    form.set('f', 'json');
    if (token) form.set('token', token);

    // A signed-in request always travels as a POST, so the token is in the body and never in a URL
    // (URLs end up in server logs, proxies and browser history). Anonymous GETs stay GETs, unless
    // the URL would be too long.
    let effective = token ? 'POST' : method;
    let target = url;
    if (effective === 'GET') {
      target = `${url}?${form.toString()}`;
      if (target.length > maxUrlLength) effective = 'POST';
    }

    let response: HttpAnswer;
    try {
      response =
        effective === 'GET'
          ? await transport({ url: target, method: 'GET', signal })
          : await transport({ url, method: 'POST', body: form.toString(), signal });
    } catch (e) {
      if (signal?.aborted || isAbortError(e)) throw abortReason(signal, e);
      throw new NetworkError({ path: cleanPath, cause: e });
    }

    // Never trust content-type: AGOL serves JSON as text/plain.
    const body = parseJson(response.text);
    if (body && isRecord(body.json)) {
      const error = errorFromBody(body.json, response.status, cleanPath);
      if (error) throw error;
    }
    if (!response.ok) {
      const code = response.status;
      const init = { code, status: code, path: cleanPath, message: response.statusText || `HTTP ${code}` };
      throw isAuthErrorCode(code) ? new AuthError(init) : new ApiError(init);
    }
    if (!body) throw new ResponseShapeError(cleanPath, [], 'the body is not JSON');
    return body.json;
  }

  /** Runs `run` with the token; on 498/499, once more with a renewed token (shared refresh). */
  async function authorized<T>(
    run: (token: string | undefined) => Promise<T>,
    anonymous = false,
  ): Promise<T> {
    const token = anonymous ? undefined : await currentToken();
    try {
      return await run(token);
    } catch (e) {
      if (!(e instanceof AuthError) || anonymous) throw e;
      let retry = false;
      // Someone else already renewed the token while this request was in flight.
      const latest = await currentToken();
      if (latest && latest !== token) retry = true;
      else if (options.refresh) retry = await sharedRefresh(options.refresh);
      if (!retry) {
        options.onAuthError?.(e);
        throw e;
      }
      try {
        return await run(await currentToken());
      } catch (again) {
        if (again instanceof AuthError) options.onAuthError?.(again);
        throw again;
      }
    }
  }

  async function request(method: HttpMethod, path: string, opts: RequestOptions = {}): Promise<unknown> {
    const { params, signal, anonymous = false } = opts;
    signal?.throwIfAborted();
    return authorized((token) => send(method, path, params, token, signal), anonymous);
  }

  async function validated<S extends z.ZodType>(
    method: HttpMethod,
    path: string,
    opts: SchemaRequestOptions<S>,
  ): Promise<z.infer<S>> {
    const json = await request(method, path, opts);
    const result = await opts.schema.safeParseAsync(json);
    if (!result.success) throw new ResponseShapeError(path.replace(/^\/+/, ''), result.error.issues);
    return result.data;
  }

  return {
    portalUrl,
    restUrl,
    request,
    withToken: (task, opts = {}) => {
      opts.signal?.throwIfAborted();
      return authorized(task);
    },
    session: {
      token: currentToken,
      refresh: () => (options.refresh ? sharedRefresh(options.refresh) : Promise.resolve(false)),
      ended: (error) => options.onAuthError?.(error),
    },
    apiGet: (path, opts) => validated('GET', path, opts),
    apiPost: (path, opts) => validated('POST', path, opts),
  };
}
