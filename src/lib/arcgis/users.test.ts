import { PORTAL_URL, issueToken, resetPortal } from '../../../tests/server';
import { ApiError } from './errors';
import { createArcGISClient } from './request';
import { creditLimitOf } from './schemas';
import { getCurrentUser, getUser, listUsers, searchUsers } from './users';

function clientAs(username: string) {
  const token = issueToken(username);
  return createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => token });
}

beforeEach(() => resetPortal());

describe('users against the demo portal', () => {
  it('lists one page with the paging fields', async () => {
    const page = await listUsers(clientAs('demo_admin'), {
      num: 100,
      sortField: 'username',
      sortOrder: 'asc',
    });
    expect(page.users).toHaveLength(100);
    expect(page.total).toBeGreaterThanOrEqual(300);
    expect(page.start).toBe(1);
    expect(page.nextStart).toBe(101);
    const names = page.users.map((u) => u.username);
    expect(names).toEqual([...names].sort());
  });

  it('never asks for more than 100 per page', async () => {
    const page = await listUsers(clientAs('demo_admin'), { num: 500 });
    expect(page.users.length).toBeLessThanOrEqual(100);
  });

  it('reads one member with their credit fields', async () => {
    const user = await getUser(clientAs('demo_admin'), 'demo_member');
    expect(user.username).toBe('demo_member');
    expect(['unlimited', 'capped']).toContain(creditLimitOf(user).kind);
  });

  it('reads the signed-in user', async () => {
    expect((await getCurrentUser(clientAs('demo_credits'))).username).toBe('demo_credits');
  });

  it('an unknown member is an ApiError, not an empty user', async () => {
    await expect(getUser(clientAs('demo_admin'), 'nobody_here_at_all')).rejects.toBeInstanceOf(ApiError);
  });

  it('searches members (results key)', async () => {
    const page = await searchUsers(clientAs('demo_admin'), { q: 'username:demo_admin', num: 10 });
    expect(page.results.map((u) => u.username)).toContain('demo_admin');
    expect(page.total).toBeGreaterThanOrEqual(1);
  });
});
