import { describe, expect, it } from 'vitest';
import { ApiError, AuthError, deserializeError, ResponseShapeError, serializeError } from './errors';
import { createArcGISClient } from './request';
import { reduceUsageByMember, usageByMemberRequest } from './usage-by-member';

const T = '1767225600000';

describe('usage by member, summed', () => {
  it('adds every service row of a member and leaves storage out when only budgeted usage counts', () => {
    const json = {
      data: [
        {
          username: 'ann',
          userOrgId: 'o',
          stype: 'geocode',
          credits: [
            [T, '1.5'],
            [T, '2'],
          ],
        },
        { username: 'ann', userOrgId: 'o', stype: 'storage', credits: [[T, '100']] },
        { username: 'ann', userOrgId: 'o', stype: 'featurestorage', credits: [[T, '100']] },
        { username: 'bob', userorgid: 'o', stype: 'notebooks', credits: [[T, 4]] },
      ],
    };
    const all = reduceUsageByMember(json);
    expect(all.usernames).toEqual(['ann', 'bob']);
    expect(Array.from(all.credits)).toEqual([203.5, 4]);
    const budgeted = reduceUsageByMember(json, { budgetedOnly: true });
    expect(Array.from(budgeted.credits)).toEqual([3.5, 4]);
    expect(Array.from(budgeted.isOrgMember)).toEqual([1, 1]);
    expect(budgeted.total).toBe(7.5);
  });

  it('refuses a response of another shape with a clear error', () => {
    expect(() => reduceUsageByMember({ nope: [] })).toThrow(ResponseShapeError);
    expect(() => reduceUsageByMember({ data: [{ username: 'a', credits: [[T, 'lots']] }] })).toThrow(
      /expected \[time, value\] pairs/,
    );
  });

  it('asks per service type only when storage must be left out', () => {
    expect(usageByMemberRequest({ start: 0, end: 1, period: '1d' }).groupby).toBe('username,userorgid');
    expect(usageByMemberRequest({ start: 0, end: 1, period: '1d', budgetedOnly: true }).groupby).toBe(
      'username,userorgid,stype',
    );
    expect(() => usageByMemberRequest({ start: 2, end: 1, period: '1d' })).toThrow(RangeError);
  });

  it('carries typed errors across the worker boundary', () => {
    const auth = deserializeError(serializeError(new AuthError({ code: 498, message: 'Invalid token.' })));
    expect(auth).toBeInstanceOf(AuthError);
    expect((auth as AuthError).code).toBe(498);
    const api = deserializeError(
      serializeError(new ApiError({ code: 400, message: 'Bad range', details: ['x'] })),
    );
    expect(api).toBeInstanceOf(ApiError);
    expect(api).not.toBeInstanceOf(AuthError);
    expect((api as ApiError).details).toEqual(['x']);
  });
});

describe('client.withToken', () => {
  it('gives work done elsewhere the current token and one retry with a renewed token on 498', async () => {
    let token = 'old';
    const client = createArcGISClient({
      portalUrl: 'https://example.invalid/portal',
      getToken: () => token,
      refresh: async () => {
        token = 'new';
        return true;
      },
    });
    const seen: (string | undefined)[] = [];
    const result = await client.withToken(async (t) => {
      seen.push(t);
      if (t === 'old') throw new AuthError({ code: 498, message: 'Invalid token.' });
      return 42;
    });
    expect(result).toBe(42);
    expect(seen).toEqual(['old', 'new']);
  });
});
