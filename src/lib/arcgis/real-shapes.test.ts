/**
 * Every real ArcGIS Online response in ../shared/real-shapes (beside the repository; sources.md
 * says where each comes from) parses with the schema the console reads that endpoint with.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { errorFromBody } from './request';
import {
  assignCreditsResponseSchema,
  portalSelfSchema,
  subscriptionInfoSchema,
  unassignCreditsResponseSchema,
  usageResponseSchema,
  userSchema,
  userSearchPageSchema,
} from './schemas';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SHAPES = resolve(REPO_ROOT, '..', 'shared', 'real-shapes');

/** The console's schema for each folder's endpoint. */
const SCHEMAS: Record<string, z.ZodType> = {
  'portals-self': portalSelfSchema,
  subscriptionInfo: subscriptionInfoSchema,
  'community-self': userSchema,
  'community-users': userSchema,
  'users-search': userSearchPageSchema,
  assignUserCredits: assignCreditsResponseSchema,
  unassignUserCredits: unassignCreditsResponseSchema,
  usage: usageResponseSchema,
};

/**
 * Folders the console reads without a schema of its own, and how: error envelopes go through the
 * client's error reader; `info` and `oauth2/token` are read by @arcgis/core's IdentityManager,
 * which signs the console in, and `generateToken` serves other clients (the console never calls
 * them itself).
 */
const READ_ELSEWHERE: Record<string, (json: unknown) => void> = {
  errors: (json) => {
    const error = errorFromBody(json as Record<string, unknown>, 200, 'real-shape');
    expect(error?.code).toBeGreaterThanOrEqual(400);
    expect(error?.message).not.toMatch(/^Request failed/);
  },
  info: (json) => expect(json).toMatchObject({ authInfo: { isTokenBasedSecurity: true } }),
  // Sign-in goes through OAuth; generateToken is only for other clients (Python, arcgis-rest-js).
  generateToken: (json) =>
    expect(json).toMatchObject({ token: expect.any(String), expires: expect.any(Number) }),
  'oauth2-token': (json) =>
    expect(json).toMatchObject({ access_token: expect.any(String), expires_in: expect.any(Number) }),
};

function folders(): string[] {
  return readdirSync(SHAPES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

function jsonFiles(folder: string): string[] {
  return readdirSync(join(SHAPES, folder))
    .filter((f) => f.endsWith('.json'))
    .sort();
}

describe('real ArcGIS Online responses parse with the console’s schemas', () => {
  it('finds the real shapes beside the repository', () => {
    expect(
      existsSync(SHAPES),
      `Real ArcGIS Online shapes not found at ${SHAPES}: the shared/ folder must sit beside the repository.`,
    ).toBe(true);
    expect(folders().length).toBeGreaterThan(0);
  });

  it.each(existsSync(SHAPES) ? folders() : [])('%s', (folder) => {
    const schema = SCHEMAS[folder];
    const other = READ_ELSEWHERE[folder];
    expect(schema ?? other, `no schema or reader is checked for ${folder}`).toBeDefined();
    const files = jsonFiles(folder);
    expect(files.length, `${folder} has no JSON`).toBeGreaterThan(0);
    for (const file of files) {
      const json: unknown = JSON.parse(readFileSync(join(SHAPES, folder, file), 'utf8'));
      if (schema) {
        const result = schema.safeParse(json);
        expect(result.error?.issues ?? [], `${folder}/${file}`).toEqual([]);
      } else other?.(json);
    }
  });

  it('reads `user: {}` (no member behind the token) as no user', () => {
    const json: unknown = JSON.parse(
      readFileSync(join(SHAPES, 'portals-self', 'restjs-PortalResponse.json'), 'utf8'),
    );
    expect(json).toMatchObject({ user: {} });
    expect(portalSelfSchema.parse(json).user).toBeNull();
  });
});
