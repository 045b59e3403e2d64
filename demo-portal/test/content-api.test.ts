import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Portal } from '../src/app.ts';
import { ITEM_LIMITS } from '../src/model/items.ts';
import { applyChangeRecord } from '../src/store.ts';
import { call, errorOf, makePortal, NOW, tokenFor } from './helpers.ts';

/**
 * Items with text data (Add Item, Item, Item Data, Update Item, Delete Item, Search), in the shapes
 * of https://developers.arcgis.com/rest/users-groups-and-items/ — and who may do what.
 */

const addSchema = z.object({
  success: z.literal(true),
  id: z.string().regex(/^[0-9a-f]{32}$/),
  folder: z.null(),
});
const itemSchema = z
  .object({
    id: z.string(),
    owner: z.string(),
    orgId: z.string(),
    created: z.number(),
    modified: z.number(),
    title: z.string(),
    type: z.string(),
    typeKeywords: z.array(z.string()),
    description: z.string().nullable(),
    tags: z.array(z.string()),
    snippet: z.string().nullable(),
    access: z.enum(['private', 'shared', 'org', 'public']),
    size: z.number(),
    url: z.null(),
    itemControl: z.literal('admin').optional(),
  })
  .passthrough();
const searchSchema = z.object({
  query: z.string(),
  total: z.number(),
  start: z.number(),
  num: z.number(),
  nextStart: z.number(),
  results: z.array(itemSchema),
});

const POLICY_TYPE = 'Application';
const DOC = JSON.stringify({ version: 1, rules: [{ userType: 'creatorUT', credits: 500 }] });

let portal: Portal;
let admin: string;
let member: string;

beforeEach(() => {
  portal = makePortal();
  admin = tokenFor(portal, 'demo_admin');
  member = tokenFor(portal, 'demo_member');
});

async function addItem(token: string, owner: string, params: Record<string, string>) {
  return call(portal, `content/users/${owner}/addItem`, { method: 'POST', token, params });
}

async function addPolicies(token = admin, owner = 'demo_admin', text = DOC) {
  const result = await addItem(token, owner, {
    title: 'Credit Console policies',
    type: POLICY_TYPE,
    typeKeywords: 'Credit Console,Credit Policies',
    tags: 'credit-console-policies',
    snippet: 'Allocation policies',
    text,
  });
  return addSchema.parse(result.body).id;
}

describe('items: add, read, update, delete', () => {
  it('adds an item with JSON text, serves the item and its data as stored', async () => {
    const id = await addPolicies();
    const item = itemSchema.parse((await call(portal, `content/items/${id}`, { token: admin })).body);
    expect(item).toMatchObject({
      id,
      owner: 'demo_admin',
      orgId: portal.org.identity.id,
      title: 'Credit Console policies',
      type: 'Application',
      typeKeywords: ['Credit Console', 'Credit Policies'],
      tags: ['credit-console-policies'],
      access: 'private',
      created: NOW,
      modified: NOW,
      size: Buffer.byteLength(DOC),
      itemControl: 'admin',
    });
    const data = await call(portal, `content/items/${id}/data`, { token: admin });
    expect(data.text).toBe(DOC);
    expect(data.headers.get('content-type')).toContain('application/json');
  });

  it('update replaces the data with `text` and keeps the rest; delete removes the item', async () => {
    const id = await addPolicies();
    const next = JSON.stringify({ version: 2, rules: [] });
    const updated = await call(portal, `content/users/demo_admin/items/${id}/update`, {
      method: 'POST',
      token: admin,
      params: { text: next },
    });
    expect(updated.body).toEqual({ success: true, id });
    expect((await call(portal, `content/items/${id}/data`, { token: admin })).text).toBe(next);
    const item = itemSchema.parse((await call(portal, `content/items/${id}`, { token: admin })).body);
    expect(item.title).toBe('Credit Console policies');
    expect(item.modified).toBeGreaterThan(item.created);

    const deleted = await call(portal, `content/users/demo_admin/items/${id}/delete`, {
      method: 'POST',
      token: admin,
    });
    expect(deleted.body).toEqual({ success: true, itemId: id });
    const gone = errorOf(await call(portal, `content/items/${id}`, { token: admin }));
    expect(gone).toMatchObject({ code: 400, messageCode: 'CONT_0001' });
  });

  it('takes multipart bodies too (as Esri clients send addItem)', async () => {
    const form = new FormData();
    form.set('f', 'json');
    form.set('token', admin);
    form.set('title', 'Multipart');
    form.set('type', POLICY_TYPE);
    form.set('text', DOC);
    const result = await call(portal, 'content/users/demo_admin/addItem', { method: 'POST', body: form });
    const id = addSchema.parse(result.body).id;
    expect((await call(portal, `content/items/${id}/data`, { token: admin })).text).toBe(DOC);
  });

  it('refuses GET for changes', async () => {
    const result = await call(portal, 'content/users/demo_admin/addItem', {
      token: admin,
      params: { title: 'x', type: POLICY_TYPE },
    });
    expect(errorOf(result).code).toBe(405);
  });
});

describe('items: search', () => {
  it('finds items by type, tag and owner in the search shape, and pages', async () => {
    const id = await addPolicies();
    await addItem(admin, 'demo_admin', {
      title: 'Other',
      type: POLICY_TYPE,
      tags: 'something-else',
      text: '{}',
    });
    await addItem(member, 'demo_member', {
      title: 'Mine',
      type: POLICY_TYPE,
      tags: 'credit-console-policies',
      text: '{}',
    });
    const q = `type:"${POLICY_TYPE}" AND tags:"credit-console-policies" AND owner:demo_admin`;
    const found = searchSchema.parse((await call(portal, 'search', { token: admin, params: { q } })).body);
    expect(found).toMatchObject({ query: q, total: 1, start: 1, num: 10, nextStart: -1 });
    expect(found.results.map((r) => r.id)).toEqual([id]);

    const byTag = searchSchema.parse(
      (
        await call(portal, 'search', {
          token: admin,
          params: { q: 'tags:"credit-console-policies"', num: '1' },
        })
      ).body,
    );
    expect(byTag).toMatchObject({ total: 2, num: 1, nextStart: 2 });

    // As the ArcGIS API for Python searches by default: its org filter and avgRating order.
    const python = searchSchema.parse(
      (
        await call(portal, 'search', {
          token: admin,
          params: {
            q: `tags:"credit-console-policies" accountid:${portal.org.identity.id}`,
            sortField: 'avgRating',
            sortOrder: 'desc',
          },
        })
      ).body,
    );
    expect(python.total).toBe(2);
    expect(
      errorOf(await call(portal, 'search', { token: admin, params: { sortField: 'colour' } })).code,
    ).toBe(400);
  });

  it('shows private items only to their owner and administrators', async () => {
    await addPolicies();
    const q = 'tags:"credit-console-policies"';
    const asMember = searchSchema.parse(
      (await call(portal, 'search', { token: member, params: { q } })).body,
    );
    expect(asMember.total).toBe(0);
    const anonymous = searchSchema.parse((await call(portal, 'search', { params: { q } })).body);
    expect(anonymous.total).toBe(0);
    const id = [...portal.org.content.all()][0]!.id;
    expect(errorOf(await call(portal, `content/items/${id}/data`)).code).toBe(499);
  });

  it('refuses query syntax it does not implement, with a message', async () => {
    const result = await call(portal, 'search', {
      token: admin,
      params: { q: 'type:"Application" OR tags:x' },
    });
    expect(errorOf(result)).toMatchObject({ code: 400 });
    expect(errorOf(result).message).toContain('AND');
  });
});

describe('items: who may do what', () => {
  it('a member cannot read, update or delete an administrator’s private item (403 envelope)', async () => {
    const id = await addPolicies();
    const read = errorOf(await call(portal, `content/items/${id}/data`, { token: member }));
    expect(read).toMatchObject({ code: 403, messageCode: 'GWM_0003' });
    const update = errorOf(
      await call(portal, `content/users/demo_admin/items/${id}/update`, {
        method: 'POST',
        token: member,
        params: { text: '{}' },
      }),
    );
    expect(update.code).toBe(403);
    const del = errorOf(
      await call(portal, `content/users/demo_admin/items/${id}/delete`, { method: 'POST', token: member }),
    );
    expect(del.code).toBe(403);
    expect((await call(portal, `content/items/${id}/data`, { token: admin })).text).toBe(DOC);
  });

  it('an administrator may update and delete a member’s item', async () => {
    const id = await addPolicies(member, 'demo_member');
    const updated = await call(portal, `content/users/demo_member/items/${id}/update`, {
      method: 'POST',
      token: admin,
      params: { text: '{"by":"admin"}' },
    });
    expect(updated.body).toEqual({ success: true, id });
    expect((await call(portal, `content/items/${id}/data`, { token: member })).text).toBe('{"by":"admin"}');
  });

  it('nobody adds items to another member’s content; a viewer adds none at all', async () => {
    const other = await addItem(member, 'demo_admin', { title: 'x', type: POLICY_TYPE });
    expect(errorOf(other).code).toBe(403);
    const viewer = portal.org.members.find((m) => m.userLicenseTypeId === 'viewerUT');
    expect(viewer).toBeDefined();
    const result = await addItem(tokenFor(portal, viewer!.username), viewer!.username, {
      title: 'x',
      type: POLICY_TYPE,
    });
    expect(errorOf(result).code).toBe(403);
    expect([...portal.org.content.all()]).toHaveLength(0);
  });

  it('shares an item with the organization: members then read it, but only its owner or an admin change it', async () => {
    const id = await addPolicies();
    const credits = tokenFor(portal, 'demo_credits');
    expect(errorOf(await call(portal, `content/items/${id}/data`, { token: credits })).code).toBe(403);

    const shared = await call(portal, `content/users/demo_admin/items/${id}/share`, {
      method: 'POST',
      token: admin,
      params: { everyone: 'false', org: 'true', groups: '' },
    });
    expect(shared.body).toEqual({ notSharedWith: [], itemId: id });
    const item = itemSchema.parse((await call(portal, `content/items/${id}`, { token: credits })).body);
    expect(item.access).toBe('org');
    expect((await call(portal, `content/items/${id}/data`, { token: credits })).text).toBe(DOC);
    const found = searchSchema.parse(
      (await call(portal, 'search', { token: credits, params: { q: 'tags:"credit-console-policies"' } }))
        .body,
    );
    expect(found.results.map((r) => r.id)).toEqual([id]);

    // A credit manager is no administrator: the owner's update and share paths answer 403.
    for (const op of ['update', 'share'] as const) {
      const refused = await call(portal, `content/users/demo_admin/items/${id}/${op}`, {
        method: 'POST',
        token: credits,
        params: op === 'update' ? { text: '{}' } : { org: 'false' },
      });
      expect(errorOf(refused)).toMatchObject({ code: 403, messageCode: 'GWM_0003' });
    }
    expect((await call(portal, `content/items/${id}/data`, { token: admin })).text).toBe(DOC);
    expect(itemSchema.parse((await call(portal, `content/items/${id}`, { token: admin })).body).access).toBe(
      'org',
    );
  });

  it('an administrator shares a member’s item on their behalf; a bad flag is a 400 naming it', async () => {
    const id = await addPolicies(member, 'demo_member');
    const shared = await call(portal, `content/users/demo_member/items/${id}/share`, {
      method: 'POST',
      token: admin,
      params: { org: 'true', groups: 'g1,g2' },
    });
    expect(shared.body).toEqual({ notSharedWith: ['g1', 'g2'], itemId: id });
    expect(portal.org.content.get(id)?.access).toBe('org');
    const bad = await call(portal, `content/users/demo_member/items/${id}/share`, {
      method: 'POST',
      token: member,
      params: { org: 'yes' },
    });
    expect(errorOf(bad)).toMatchObject({ code: 400 });
    expect(errorOf(bad).message).toContain("'org'");
    const unshared = await call(portal, `content/users/demo_member/items/${id}/share`, {
      method: 'POST',
      token: member,
      params: { everyone: 'false', org: 'false' },
    });
    expect(unshared.body).toEqual({ notSharedWith: [], itemId: id });
    expect(portal.org.content.get(id)?.access).toBe('private');
  });

  it('an update names the item’s owner in the path', async () => {
    const id = await addPolicies();
    const result = await call(portal, `content/users/demo_member/items/${id}/update`, {
      method: 'POST',
      token: member,
      params: { text: '{}' },
    });
    expect(errorOf(result)).toMatchObject({ code: 400, messageCode: 'CONT_0001' });
  });

  it('needs a token to change anything', async () => {
    const result = await call(portal, 'content/users/demo_admin/addItem', {
      method: 'POST',
      params: { title: 'x', type: POLICY_TYPE },
    });
    expect(errorOf(result).code).toBe(499);
  });
});

describe('items: bounds', () => {
  it('refuses data over the size limit, and keeps the previous data', async () => {
    const id = await addPolicies();
    const big = JSON.stringify({ pad: 'x'.repeat(ITEM_LIMITS.textBytes) });
    const result = await call(portal, `content/users/demo_admin/items/${id}/update`, {
      method: 'POST',
      token: admin,
      params: { text: big },
    });
    expect(errorOf(result)).toMatchObject({ code: 400 });
    expect(errorOf(result).message).toContain("'text'");
    expect((await call(portal, `content/items/${id}/data`, { token: admin })).text).toBe(DOC);
  });

  it('refuses a missing or overlong title, too many tags, an unknown type', async () => {
    const cases: Record<string, string>[] = [
      { type: POLICY_TYPE },
      { title: 't'.repeat(ITEM_LIMITS.title + 1), type: POLICY_TYPE },
      {
        title: 'x',
        type: POLICY_TYPE,
        tags: Array.from({ length: ITEM_LIMITS.tags + 1 }, (_, i) => `t${i}`).join(','),
      },
      { title: 'x', type: 'Shapefile' },
      { title: 'x' },
    ];
    for (const params of cases) {
      const result = await addItem(admin, 'demo_admin', params);
      expect(errorOf(result).code, JSON.stringify(params).slice(0, 80)).toBe(400);
    }
    expect([...portal.org.content.all()]).toHaveLength(0);
  });
});

describe('items: persistence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-portal-items-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('items, their updates and deletions survive a restart', async () => {
    const file = join(dir, 'org.json');
    const first = makePortal({ stateFile: file });
    const token = tokenFor(first);
    const add = async (title: string) =>
      addSchema.parse(
        (
          await call(first, 'content/users/demo_admin/addItem', {
            method: 'POST',
            token,
            params: { title, type: POLICY_TYPE, text: `{"t":"${title}"}` },
          })
        ).body,
      ).id;
    const kept = await add('kept');
    const dropped = await add('dropped');
    await call(first, `content/users/demo_admin/items/${kept}/update`, {
      method: 'POST',
      token,
      params: { text: '{"t":"updated"}' },
    });
    await call(first, `content/users/demo_admin/items/${dropped}/delete`, { method: 'POST', token });
    await first.close();

    const second = makePortal({ stateFile: file });
    expect(second.org.content.get(kept)?.text).toBe('{"t":"updated"}');
    expect(second.org.content.get(dropped)).toBeUndefined();
    await second.close();
  });

  it('a logged change record adds, replaces and deletes items and appends notifications', () => {
    const changes = makePortal().org.exportChanges();
    const item = (id: string, text: string) => ({
      id,
      owner: 'demo_admin',
      title: id,
      type: POLICY_TYPE,
      typeKeywords: [],
      tags: [],
      description: null,
      snippet: null,
      access: 'private' as const,
      created: NOW,
      modified: NOW,
      text,
    });
    const base = {
      settings: changes.settings,
      purchasedDeltaMilli: 0,
      advancedDays: 0,
      allocations: {},
      added: [],
    };
    applyChangeRecord(changes, { ...base, items: { a: item('a', '1'), b: item('b', '1') } });
    applyChangeRecord(changes, { ...base, items: { a: item('a', '2'), b: null } });
    const sent = {
      id: 'n',
      created: NOW,
      from: 'demo_admin',
      channel: 'builtin' as const,
      subject: '',
      message: 'm',
      users: ['demo_member'],
    };
    applyChangeRecord(changes, { ...base, notifications: [sent] });
    expect(Object.keys(changes.items ?? {})).toEqual(['a']);
    expect(changes.items?.a?.text).toBe('2');
    expect(changes.notifications).toEqual([sent]);
    applyChangeRecord(changes, { ...base, reset: true });
    expect(changes.items).toBeUndefined();
    expect(changes.notifications).toBeUndefined();
  });
});
