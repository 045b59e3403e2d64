import type { Context, Handler } from 'hono';
import type { TokenService } from '../auth/tokens.ts';
import { badRequest, DomainError, PortalError } from '../model/errors.ts';
import type { Member } from '../model/member.ts';
import type { OrgModel } from '../model/org.ts';
import type { Operation } from './messages.ts';
import { restError } from './messages.ts';

/** Shared plumbing of the REST routes: params, tokens, JSON and the ArcGIS error envelope. */

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export interface RouteDeps {
  org: OrgModel;
  tokens: TokenService;
  basePath: string;
}

/** Request parameters from the query string and form/multipart/JSON bodies; names are case-insensitive. */
export class Params {
  private readonly values = new Map<string, string>();

  set(name: string, value: string): void {
    this.values.set(name.toLowerCase(), value);
  }

  /** The value, or undefined when absent (an empty string counts as absent). */
  get(name: string): string | undefined {
    const v = this.values.get(name.toLowerCase());
    return v === undefined || v === '' ? undefined : v;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** A comma-separated list (trimmed, empties dropped). */
  list(name: string): string[] | undefined {
    const v = this.get(name);
    return v === undefined
      ? undefined
      : v
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
  }

  /** An integer with a default; out-of-range or non-numeric → 400 naming the parameter. */
  int(name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const raw = this.get(name);
    if (raw === undefined) return fallback;
    const value = Number(raw.trim());
    if (!Number.isInteger(value) || value < min || value > max) {
      throw badRequest(
        `Invalid '${name}' parameter "${raw}": expected a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}.`,
      );
    }
    return value;
  }
}

export async function readParams(c: Context): Promise<Params> {
  const params = new Params();
  for (const [name, values] of Object.entries(c.req.queries())) {
    const last = values[values.length - 1];
    if (last !== undefined) params.set(name, last);
  }
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return params;
  const type = c.req.header('Content-Type') ?? '';
  try {
    if (type.includes('application/json')) {
      const body: unknown = await c.req.json();
      if (body && typeof body === 'object' && !Array.isArray(body)) {
        for (const [k, v] of Object.entries(body)) {
          if (v === null || v === undefined) continue;
          params.set(
            k,
            typeof v === 'string'
              ? v
              : typeof v === 'number' || typeof v === 'boolean'
                ? String(v)
                : JSON.stringify(v),
          );
        }
      }
    } else if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
      const body = await c.req.parseBody({ all: true });
      for (const [k, v] of Object.entries(body)) {
        const value = Array.isArray(v) ? v[v.length - 1] : v;
        if (typeof value === 'string') params.set(k, value);
      }
    }
  } catch {
    throw badRequest('Unable to read the request body.');
  }
  return params;
}

export function tokenFrom(c: Context, params: Params): string | undefined {
  const fromParam = params.get('token');
  if (fromParam) return fromParam;
  for (const header of ['X-Esri-Authorization', 'Authorization']) {
    const value = c.req.header(header);
    const match = value && /^Bearer\s+(\S+)$/i.exec(value.trim());
    if (match?.[1]) return match[1];
  }
  return undefined;
}

export function tokenError(code: 498 | 499): PortalError {
  return code === 499
    ? new PortalError(499, 'Token Required', ['Token Required'], 'GWM_0003')
    : new PortalError(498, 'Invalid token.', []);
}

/** The signed-in member, or undefined when no token was sent; a bad token is always 498. */
export function optionalCaller(deps: RouteDeps, c: Context, params: Params): Member | undefined {
  const token = tokenFrom(c, params);
  if (!token) return undefined;
  return requireCallerToken(deps, token);
}

/**
 * The OAuth app behind the request's token (its client id), or undefined for tokens from
 * generateToken or no token. Call after the caller was checked.
 */
export function callerApp(
  deps: RouteDeps,
  c: Context,
  params: Params,
): { clientId: string; title: string } | undefined {
  const token = tokenFrom(c, params);
  const check = token ? deps.tokens.check(token) : undefined;
  if (!check?.ok || check.grant.clientId === 'generateToken') return undefined;
  const clientId = check.grant.clientId;
  return { clientId, title: clientId === 'creditconsole' ? 'Credit Console' : clientId };
}

export function requireCaller(deps: RouteDeps, c: Context, params: Params): Member {
  const token = tokenFrom(c, params);
  if (!token) throw tokenError(499);
  return requireCallerToken(deps, token);
}

function requireCallerToken(deps: RouteDeps, token: string): Member {
  const check = deps.tokens.check(token);
  if (!check.ok) throw tokenError(check.code);
  const member = deps.org.findMember(check.grant.username);
  if (!member) throw tokenError(498);
  return member;
}

export function errorBody(error: PortalError): string {
  const body: Record<string, unknown> = { code: error.code };
  if (error.messageCode) body.messageCode = error.messageCode;
  body.message = error.message;
  body.details = error.details;
  return JSON.stringify({ error: body });
}

export function sendJson(c: Context, body: unknown, status: 200 | 400 | 404 | 500 | 503 = 200): Response {
  return c.body(typeof body === 'string' ? body : JSON.stringify(body), status, {
    'Content-Type': JSON_CONTENT_TYPE,
  });
}

/** Bodies above this are handed to the socket a piece at a time. */
const BODY_PIECE = 1 << 20;

/**
 * Already-encoded JSON bytes. A large body (a usage report runs to tens of megabytes) goes out in
 * pieces of 1 MiB: one write of the whole body makes the TLS socket encrypt and buffer all of it
 * at once, which costs several times the CPU of the same bytes written as the socket drains.
 */
export function sendJsonBytes(c: Context, bytes: Uint8Array<ArrayBuffer>): Response {
  if (bytes.length <= BODY_PIECE) return c.body(bytes, 200, { 'Content-Type': JSON_CONTENT_TYPE });
  let at = 0;
  const pieces = new ReadableStream<Uint8Array>({
    pull(controller) {
      controller.enqueue(bytes.subarray(at, at + BODY_PIECE));
      at += BODY_PIECE;
      if (at >= bytes.length) controller.close();
    },
  });
  return c.body(pieces, 200, {
    'Content-Type': JSON_CONTENT_TYPE,
    'Content-Length': String(bytes.length),
  });
}

export function sendError(c: Context, error: PortalError, status: 200 | 404 | 500 | 503 = 200): Response {
  return sendJson(c, errorBody(error), status);
}

export const INVALID_URL = new PortalError(400, 'Invalid URL', []);
export const METHOD_NOT_SUPPORTED = new PortalError(405, 'Method not supported.', []);

type RouteFn = (c: Context, params: Params) => unknown;

/**
 * Wraps a route: reads params, renders its result as JSON, and PortalErrors and the org's refusals
 * (worded for `operation`) as the envelope.
 */
export function route(fn: RouteFn, options: { postOnly?: boolean; operation?: Operation } = {}): Handler {
  return async (c) => {
    try {
      if (options.postOnly && c.req.method !== 'POST') throw METHOD_NOT_SUPPORTED;
      const params = await readParams(c);
      const result = await fn(c, params);
      if (result instanceof Response) return result;
      return sendJson(c, result);
    } catch (error) {
      if (error instanceof PortalError) return sendError(c, error);
      if (error instanceof DomainError) return sendError(c, restError(error, options.operation ?? 'demo'));
      throw error;
    }
  };
}

/** `self` or the org's id; anything else is an error. */
export function checkPortalId(deps: RouteDeps, portalId: string | undefined): void {
  if (portalId === undefined) return;
  if (portalId.toLowerCase() === 'self' || portalId === deps.org.identity.id) return;
  throw new PortalError(400, `Portal '${portalId}' not found.`, ['Invalid portal id.']);
}
