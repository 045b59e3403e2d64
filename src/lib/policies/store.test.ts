import { getPortal, PORTAL_URL, issueToken } from '../../../tests/server';
import { getGroupMembers, getOrgGroups } from '@/lib/arcgis/groups';
import { getPortalSelf } from '@/lib/arcgis/portal';
import { createArcGISClient, type ArcGISClient } from '@/lib/arcgis/request';
import { getItemData, searchItems } from '@/lib/arcgis/items';
import { liveRules } from './engine';
import {
  loadPolicies,
  PolicyPermissionError,
  POLICY_ITEM_TAG,
  POLICY_ITEM_TYPE,
  savePolicyChanges,
  type PolicyAdmin,
} from './store';
import type { PolicyRule } from './types';

function clientAs(username: string): ArcGISClient {
  const token = issueToken(username);
  return createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => token });
}

/** Recent times (tombstones older than 90 days are pruned on save). */
const T0 = Date.now() - 60_000;

function rule(id: string, credits: number, tick: number): PolicyRule {
  return {
    id,
    updated: T0 + tick,
    updatedBy: 'demo_admin',
    target: { kind: 'user-type', userTypeId: 'creatorUT' },
    allocation: { kind: 'credits', credits },
    position: tick,
  };
}

async function admin(client: ArcGISClient, username = 'demo_admin'): Promise<PolicyAdmin> {
  const self = await getPortalSelf(client);
  return { username, orgId: self.id };
}

/** Another administrator of the seeded org (not a demo account). */
function secondAdmin(): string {
  const other = getPortal().org.members.find((m) => m.role === 'org_admin' && m.username !== 'demo_admin');
  if (!other) throw new Error('The seeded org has no second administrator.');
  return other.username;
}

describe('policies stored in the organization', () => {
  it('creates one item on the first save and reads the policies back from it', async () => {
    const client = clientAs('demo_admin');
    const me = await admin(client);
    expect((await loadPolicies(client, me)).item).toBeNull();

    await savePolicyChanges(client, me, { rules: [rule('creators', 500, 1)] }, { settleMs: 0 });
    const items = await searchItems(client, {
      type: POLICY_ITEM_TYPE,
      tag: POLICY_ITEM_TAG,
      owner: 'demo_admin',
    });
    expect(items).toHaveLength(1);
    const stored = (await getItemData(client, items[0]!.id)) as { rules: PolicyRule[] };
    expect(stored.rules.map((r) => [r.id, r.allocation])).toEqual([
      ['creators', { kind: 'credits', credits: 500 }],
    ]);

    const loaded = await loadPolicies(client, me);
    expect(loaded.item?.id).toBe(items[0]!.id);
    expect(liveRules(loaded.doc).map((r) => r.id)).toEqual(['creators']);
  });

  it('is one item for the whole org: a second administrator edits the first one’s, a credit manager reads it', async () => {
    const first = clientAs('demo_admin');
    await savePolicyChanges(
      first,
      await admin(first),
      { rules: [rule('creators', 500, 1)] },
      { settleMs: 0 },
    );

    const otherName = secondAdmin();
    const other = clientAs(otherName);
    const otherMe = await admin(other, otherName);
    const seen = await loadPolicies(other, otherMe);
    expect(seen.item?.owner).toBe('demo_admin');
    expect(liveRules(seen.doc).map((r) => r.id)).toEqual(['creators']);

    // The second admin saves through the owner's path: no item of their own appears.
    await savePolicyChanges(other, otherMe, { rules: [rule('viewers', 0, 2)] }, { settleMs: 0 });
    const items = await searchItems(first, {
      type: POLICY_ITEM_TYPE,
      tag: POLICY_ITEM_TAG,
      orgId: otherMe.orgId ?? undefined,
    });
    expect(items.map((i) => [i.owner, i.access])).toEqual([['demo_admin', 'org']]);
    const back = await loadPolicies(first, await admin(first));
    expect(
      liveRules(back.doc)
        .map((r) => r.id)
        .sort(),
    ).toEqual(['creators', 'viewers']);

    // A credit manager (no admin privileges) sees the same policies, shared with the org…
    const credits = clientAs('demo_credits');
    const creditsMe = await admin(credits, 'demo_credits');
    expect((await loadPolicies(credits, creditsMe)).item?.id).toBe(back.item?.id);
    // …but the portal refuses their save, and nothing changes.
    const refused = await savePolicyChanges(
      credits,
      creditsMe,
      { rules: [rule('sneaky', 1, 3)] },
      { settleMs: 0 },
    ).catch((e: unknown) => e);
    // The portal's 403, told as what the member lacks.
    expect(refused).toBeInstanceOf(PolicyPermissionError);
    expect((refused as Error).message).toMatch(
      /^Only an administrator can change the organization's policies/,
    );
    expect(
      liveRules((await loadPolicies(first, await admin(first))).doc)
        .map((r) => r.id)
        .sort(),
    ).toEqual(['creators', 'viewers']);
  });

  it('refuses to create the org’s policies in a non-administrator’s content', async () => {
    const credits = clientAs('demo_credits');
    const me = { ...(await admin(credits, 'demo_credits')), isAdministrator: false };
    await expect(
      savePolicyChanges(credits, me, { rules: [rule('x', 1, 1)] }, { settleMs: 0 }),
    ).rejects.toThrow(PolicyPermissionError);
    expect((await loadPolicies(clientAs('demo_admin'), await admin(clientAs('demo_admin')))).item).toBeNull();
  });

  it('keeps both admins’ changes when they save at the same time', async () => {
    const a = clientAs('demo_admin');
    const b = clientAs('demo_admin');
    const me = await admin(a);
    await savePolicyChanges(a, me, { rules: [rule('base', 1, 1)] }, { settleMs: 0 });

    await Promise.all([
      savePolicyChanges(a, me, { rules: [rule('from-a', 10, 2)] }, { settleMs: 5 }),
      savePolicyChanges(
        b,
        me,
        { rules: [rule('from-b', 20, 3), { ...rule('base', 1, 4), deleted: true }] },
        { settleMs: 5 },
      ),
    ]);
    const { doc } = await loadPolicies(a, me);
    expect(
      liveRules(doc)
        .map((r) => r.id)
        .sort(),
    ).toEqual(['from-a', 'from-b']);
    expect(doc.rules.find((r) => r.id === 'base')?.deleted).toBe(true);
  });

  it('does not bring back a rule another admin deleted when saving an older copy', async () => {
    const client = clientAs('demo_admin');
    const me = await admin(client);
    await savePolicyChanges(client, me, { rules: [rule('x', 1, 1)] }, { settleMs: 0 });
    await savePolicyChanges(client, me, { rules: [{ ...rule('x', 1, 5), deleted: true }] }, { settleMs: 0 });
    // A stale console saves its old copy of `x` along with a new rule.
    await savePolicyChanges(client, me, { rules: [rule('x', 1, 1), rule('y', 2, 6)] }, { settleMs: 0 });
    const { doc } = await loadPolicies(client, me);
    expect(liveRules(doc).map((r) => r.id)).toEqual(['y']);
  });

  it('reads the org’s groups and their members', async () => {
    const client = clientAs('demo_admin');
    const self = await getPortalSelf(client);
    const groups = await getOrgGroups(client, self.id ?? '');
    const gis = groups.find((g) => g.title === 'GIS Department');
    expect(gis).toBeDefined();
    const members = await getGroupMembers(client, gis!.id);
    expect(members).toEqual(expect.arrayContaining(['demo_admin', 'demo_credits', 'demo_member']));
  });
});
