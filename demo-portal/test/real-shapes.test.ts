/**
 * The demo portal answers with the same keys and JSON types as real ArcGIS Online responses
 * (../shared/real-shapes beside the repository: captures, fixtures and docs examples, each with
 * its source in sources.md). Every key a real answer has must be in the demo's answer for the same
 * endpoint, with the same type; nested objects and the first element of arrays are compared too.
 * The demo may add keys. `null` on either side matches any type: ArcGIS sends `null` for what is
 * not set (a member's description or thumbnail), and the demo sets none of those.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Portal } from '../src/app.ts';
import { call, DAY, makePortal, NOW, tokenFor } from './helpers.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHAPES = resolve(REPO_ROOT, '..', 'shared', 'real-shapes');

function shapesIn(folder: string): { file: string; json: unknown }[] {
  const dir = join(SHAPES, folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, json: JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown }));
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Where the demo's answer lacks a real key or types it differently: "path: problem". */
export function shapeDifferences(real: unknown, demo: unknown, path = '$'): string[] {
  const realType = typeOf(real);
  if (realType === 'null') return [];
  // Keys a copy marks as trimmed ("…": "…") say nothing about the real answer.
  if (realType === 'object' && '…' in (real as object)) return [];
  const demoType = typeOf(demo);
  if (demoType === 'null') return [];
  if (realType !== demoType) return [`${path}: ${realType} in the real answer, ${demoType} in the demo's`];
  if (realType === 'array') {
    const [r] = real as unknown[];
    const [d] = demo as unknown[];
    return r === undefined || d === undefined ? [] : shapeDifferences(r, d, `${path}[0]`);
  }
  if (realType !== 'object') return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(real as Record<string, unknown>)) {
    if (key === '…') continue;
    const demoObject = demo as Record<string, unknown>;
    if (!(key in demoObject)) out.push(`${path}.${key}: missing in the demo's answer`);
    else out.push(...shapeDifferences(value, demoObject[key], `${path}.${key}`));
  }
  return out;
}

let portal: Portal;
let admin: string;
let demo: Record<string, () => Promise<unknown>>;

beforeAll(() => {
  portal = makePortal();
  admin = tokenFor(portal);
  const get = async (path: string, params: Record<string, string> = {}, token = admin) =>
    (await call(portal, path, { token, params })).body;
  const post = async (path: string, params: Record<string, string>, token = admin) =>
    (await call(portal, path, { method: 'POST', token, params })).body;
  const usage = (params: Record<string, string>) =>
    post('portals/self/usage', {
      startTime: String(NOW - 7 * DAY),
      endTime: String(NOW),
      period: '1d',
      ...params,
    });
  const refresh = () => portal.tokens.issue('refresh', 'demo_admin', 'creditconsole', DAY).token;
  // One demo answer per real-shapes file name (folder/file without .json).
  demo = {
    'portals-self': () => get('portals/self'),
    subscriptionInfo: () => get('portals/self/subscriptionInfo'),
    'community-self': () => get('community/self'),
    // A member of a custom role (the fixture carries a roleId).
    'community-users/restjs-GroupMemberUserResponse': () => get('community/users/demo_credits'),
    'community-users': () => get('community/users/demo_member', { returnUserLicensedItems: 'true' }),
    'users-search': () => get('portals/self/users/search', { q: 'demo', num: '100' }),
    assignUserCredits: () =>
      post('portals/self/assignUserCredits', {
        userAssignments: JSON.stringify([
          { username: 'demo_member', credits: 5 },
          { username: 'nobody_here', credits: 5 },
        ]),
      }),
    unassignUserCredits: () =>
      post('portals/self/unassignUserCredits', { usernames: 'demo_member,nobody_here' }),
    'usage/arcgis-python-2.4.3-users-docstring': () =>
      usage({ vars: 'credits', groupby: 'username,userorgid' }),
    'usage/arcgis-python-2.4.3-applications-docstring': () =>
      usage({ vars: 'num', groupby: 'appId', eType: 'svcusg', sType: 'applogin' }),
    generateToken: () =>
      post('generateToken', { username: 'demo_admin', password: 'demo1234', expiration: '60' }, ''),
    info: () => get('info', {}, ''),
    'oauth2-token/restjs-ArcGISIdentityManager-test-refresh': () =>
      post(
        'oauth2/token',
        { grant_type: 'refresh_token', client_id: 'creditconsole', refresh_token: refresh() },
        '',
      ),
    'oauth2-token/qodex-authorization_code-pkce': () =>
      post(
        'oauth2/token',
        {
          grant_type: 'exchange_refresh_token',
          client_id: 'creditconsole',
          redirect_uri: 'https://localhost:8443/',
          refresh_token: refresh(),
        },
        '',
      ),
    'errors/restjs-ArcGISOnlineAuthError': () => get('portals/self/users', {}, 'not-a-token'),
    'errors/restjs-ArcGISOnlineError': () => post('portals/self/update', { creditAssignments: 'sometimes' }),
    'errors/restjs-ArcGISOnlineErrorNoMessageCode': () =>
      post('portals/self/assignUserCredits', { userAssignments: '[]' }, tokenFor(portal, 'demo_member')),
    'errors/restjs-ArcGISServerTokenRequired': () => get('portals/self/users', {}, ''),
    'errors/restjs-GenerateTokenError': () =>
      post('generateToken', { username: 'demo_admin', password: 'wrong' }, ''),
    'errors/restjs-RefreshTokenError': () =>
      post(
        'oauth2/token',
        { grant_type: 'refresh_token', client_id: 'creditconsole', refresh_token: 'expired' },
        '',
      ),
  };
});

function demoAnswerFor(folder: string, file: string): (() => Promise<unknown>) | undefined {
  return demo[`${folder}/${file.replace(/\.json$/, '')}`] ?? demo[folder];
}

describe('the demo portal answers with the keys and types of real ArcGIS Online responses', () => {
  it('finds the real shapes beside the repository', () => {
    expect(
      existsSync(SHAPES),
      `Real ArcGIS Online shapes not found at ${SHAPES}: the shared/ folder must sit beside the repository.`,
    ).toBe(true);
  });

  const folders = existsSync(SHAPES)
    ? readdirSync(SHAPES, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];

  it.each(folders)('%s', async (folder) => {
    const shapes = shapesIn(folder);
    expect(shapes.length, `${folder} has no JSON`).toBeGreaterThan(0);
    for (const { file, json } of shapes) {
      const answer = demoAnswerFor(folder, file);
      expect(answer, `no demo endpoint is compared with ${folder}/${file}`).toBeDefined();
      const differences = shapeDifferences(json, await answer!());
      expect(differences, `${folder}/${file}`).toEqual([]);
    }
  });
});
