import { HttpResponse, http } from 'msw';
import { PORTAL_URL, getPortal, issueToken, resetPortal, server } from '../../../tests/server';
import { ApiError, AuthError, NetworkError, ResponseShapeError, describeError } from './errors';
import { getPortalSelf, getSubscriptionInfo, updatePortalSettings } from './portal';
import { createArcGISClient } from './request';
import { canManageCredits, creditLimitOf, isBudgetingEnabled } from './schemas';
import { getUser, listUsers } from './users';

const REST = `${PORTAL_URL}/sharing/rest`;

function clientAs(username: string) {
  const token = issueToken(username);
  return createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => token });
}

beforeEach(() => resetPortal());

describe('portals/self against the demo portal', () => {
  it('signed in: org, credits, budgeting and the admin user', async () => {
    const portal = await getPortalSelf(clientAs('demo_admin'));
    expect(portal.id).toEqual(expect.any(String));
    expect(portal.availableCredits).toEqual(expect.any(Number));
    expect(portal.creditAssignments === 'enabled' || portal.creditAssignments === 'disabled').toBe(true);
    expect(portal.subscriptionInfo).toBeTruthy();
    expect(portal.user?.username).toBe('demo_admin');
    expect(canManageCredits(portal.user)).toBe(true);
  });

  it('anonymous: no user, but what IdentityManager needs', async () => {
    const portal = await getPortalSelf(createArcGISClient({ portalUrl: PORTAL_URL }));
    expect(portal.user ?? undefined).toBeUndefined();
    expect(portal.supportsOAuth).toBe(true);
    expect(portal.currentVersion).toBeTruthy();
  });

  it('knows who may manage credits', async () => {
    const credits = await getPortalSelf(clientAs('demo_credits'));
    expect(credits.user?.role).not.toBe('org_admin');
    expect(canManageCredits(credits.user)).toBe(true);
    const member = await getPortalSelf(clientAs('demo_member'));
    expect(canManageCredits(member.user)).toBe(false);
  });

  it('reads the subscription', async () => {
    const info = await getSubscriptionInfo(clientAs('demo_admin'));
    expect(info.state).toEqual(expect.any(String));
    expect(info.expDate).toEqual(expect.any(Number));
  });
});

describe('portals/self/update', () => {
  it('sets the default allocation, 0 included, and No limit (-1)', async () => {
    const client = clientAs('demo_admin');
    await expect(updatePortalSettings(client, { defaultUserCreditAssignment: 0 })).resolves.toBe(true);
    expect((await getPortalSelf(client)).defaultUserCreditAssignment).toBe(0);
    await updatePortalSettings(client, { defaultUserCreditAssignment: -1 });
    expect((await getPortalSelf(client)).defaultUserCreditAssignment).toBe(-1);
  });

  it('turns budgeting off (member credit fields disappear) and back on', async () => {
    const client = clientAs('demo_admin');
    await updatePortalSettings(client, { creditAssignments: 'disabled' });
    expect(isBudgetingEnabled(await getPortalSelf(client))).toBe(false);
    expect(creditLimitOf(await getUser(client, 'demo_member'))).toEqual({ kind: 'unavailable' });

    await updatePortalSettings(client, { creditAssignments: 'enabled' });
    expect(isBudgetingEnabled(await getPortalSelf(client))).toBe(true);
    expect(creditLimitOf(await getUser(client, 'demo_member')).kind).not.toBe('unavailable');
  });

  it('rejects bad input before sending', async () => {
    const client = clientAs('demo_admin');
    await expect(updatePortalSettings(client, { defaultUserCreditAssignment: -5 })).rejects.toThrow(
      RangeError,
    );
    await expect(updatePortalSettings(client, {})).rejects.toThrow(TypeError);
  });

  it('a member without the privilege gets a 403 ApiError with a readable message', async () => {
    const error = await updatePortalSettings(clientAs('demo_member'), {
      creditAssignments: 'disabled',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 403 });
    expect(describeError(error)).toBe(
      "You don't have permission to manage credits in this organization (403).",
    );
  });
});

describe('errors from the demo portal', () => {
  it('499 without a token, 498 with a bad one', async () => {
    const anonymous = createArcGISClient({ portalUrl: PORTAL_URL });
    await expect(listUsers(anonymous)).rejects.toMatchObject({ name: 'AuthError', code: 499 });
    const forged = createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => 'not-a-token' });
    const error = await listUsers(forged).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: 498 });
  });

  it('an expired token is refreshed once (single flight) and every request retried', async () => {
    let token = issueToken('demo_admin');
    getPortal().tokens.expireAllAccessTokens();
    const refresh = vi.fn(async () => {
      token = issueToken('demo_admin');
      return true;
    });
    const onAuthError = vi.fn();
    const client = createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => token, refresh, onAuthError });
    const [self, page, user] = await Promise.all([
      getPortalSelf(client),
      listUsers(client, { num: 5 }),
      getUser(client, 'demo_member'),
    ]);
    expect(self.user?.username).toBe('demo_admin');
    expect(page.users).toHaveLength(5);
    expect(user.username).toBe('demo_member');
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(onAuthError).not.toHaveBeenCalled();
  });

  it('a refresh that fails leaves an AuthError for the app to re-sign-in', async () => {
    const token = issueToken('demo_admin');
    getPortal().tokens.expireAllAccessTokens();
    const onAuthError = vi.fn();
    const refresh = vi.fn(async () => false);
    const client = createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => token, refresh, onAuthError });
    await expect(listUsers(client)).rejects.toBeInstanceOf(AuthError);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(onAuthError).toHaveBeenCalledWith(expect.any(AuthError));
  });

  it('HTTP 500 → ApiError with status 500', async () => {
    server.use(
      http.all(`${REST}/portals/self`, () => HttpResponse.json({ message: 'down' }, { status: 500 })),
    );
    const error = await getPortalSelf(clientAs('demo_admin')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 500 });
    expect(describeError(error)).toBe('The server had a problem (500). Try again.');
  });

  it('no connection → NetworkError', async () => {
    server.use(http.all(`${REST}/portals/self`, () => HttpResponse.error()));
    await expect(getPortalSelf(clientAs('demo_admin'))).rejects.toBeInstanceOf(NetworkError);
  });

  it('a malformed body → ResponseShapeError', async () => {
    server.use(
      http.all(`${REST}/portals/self/users`, () =>
        HttpResponse.json({ total: 3, start: 1, num: 10, nextStart: -1 }),
      ),
    );
    const error = await listUsers(clientAs('demo_admin')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseShapeError);
    expect(error).toMatchObject({ issues: [expect.objectContaining({ path: ['users'] })] });
  });
});
