import {
  canManageCredits,
  creditLimitOf,
  isArcGISOnline,
  isBudgetingEnabled,
  portalSelfSchema,
  seriesTotal,
  usageResponseSchema,
  userSchema,
} from './schemas';

describe('usage series parsing', () => {
  it('turns string pairs into numbers and splits group keys from series', () => {
    const parsed = usageResponseSchema.parse({
      startTime: 1672099200000,
      endTime: 1672704000000,
      period: '1d',
      data: [
        {
          etype: 'svcusg',
          stype: 'geocode',
          credits: [
            ['1672099200000', '0.0'],
            ['1672185600000', '2.0E-4'],
          ],
          num: [
            [1672099200000, 0],
            ['1672185600000', '5'],
          ],
        },
        { username: 'user_name1', userOrgId: 'JXrNeAy8ce1q2b4l', credits: [['1672099200000', '12.5']] },
      ],
    });
    expect(parsed.data[0]).toEqual({
      group: { etype: 'svcusg', stype: 'geocode' },
      series: {
        credits: [
          [1672099200000, 0],
          [1672185600000, 0.0002],
        ],
        num: [
          [1672099200000, 0],
          [1672185600000, 5],
        ],
      },
    });
    expect(parsed.data[1]?.group).toEqual({ username: 'user_name1', userOrgId: 'JXrNeAy8ce1q2b4l' });
    expect(seriesTotal(parsed.data[0]?.series.credits)).toBeCloseTo(0.0002);
    expect(seriesTotal(parsed.data[0]?.series.bw)).toBe(0);
  });

  it.each([['NaN'], ['abc'], [''], ['Infinity']])('rejects a value of %j', (bad) => {
    const result = usageResponseSchema.safeParse({
      data: [{ stype: 'geocode', credits: [['1672099200000', bad]] }],
    });
    expect(result.success).toBe(false);
  });

  it('rejects a point that is not a pair', () => {
    expect(usageResponseSchema.safeParse({ data: [{ credits: [['1672099200000']] }] }).success).toBe(false);
  });
});

describe('portal self', () => {
  it('accepts an anonymous view and extra keys', () => {
    const portal = portalSelfSchema.parse({
      currentVersion: '2025.1',
      supportsOAuth: true,
      somethingNew: { a: 1 },
    });
    expect(portal.user).toBeUndefined();
    expect(portal.somethingNew).toEqual({ a: 1 });
  });

  it('treats a missing or non-"enabled" creditAssignments as budgeting off', () => {
    expect(isBudgetingEnabled(portalSelfSchema.parse({ id: 'x' }))).toBe(false);
    expect(isBudgetingEnabled({ creditAssignments: 'disabled' })).toBe(false);
    expect(isBudgetingEnabled({ creditAssignments: 'enabled' })).toBe(true);
  });

  it('tells ArcGIS Online from Enterprise', () => {
    expect(isArcGISOnline({ isPortal: false })).toBe(true);
    expect(isArcGISOnline({})).toBe(true);
    expect(isArcGISOnline({ isPortal: true })).toBe(false);
  });
});

describe('creditLimitOf', () => {
  it('gives "used" at the 3 decimals credits carry, without float noise', () => {
    expect(creditLimitOf({ assignedCredits: 1000, availableCredits: 675.988 })).toMatchObject({
      used: 324.012,
    });
  });

  it('budgeting off (fields absent or null) → unavailable', () => {
    expect(creditLimitOf(userSchema.parse({ username: 'a' }))).toEqual({ kind: 'unavailable' });
    expect(creditLimitOf({ assignedCredits: null, availableCredits: null })).toEqual({ kind: 'unavailable' });
    expect(creditLimitOf({ assignedCredits: 50, availableCredits: 10 }, { budgetingEnabled: false })).toEqual(
      {
        kind: 'unavailable',
      },
    );
  });

  it('-1 → unlimited', () => {
    expect(creditLimitOf({ assignedCredits: -1, availableCredits: 894432.5 })).toEqual({ kind: 'unlimited' });
  });

  it('0 is a real cap of zero', () => {
    expect(creditLimitOf({ assignedCredits: 0, availableCredits: 0 })).toEqual({
      kind: 'capped',
      assigned: 0,
      available: 0,
      used: 0,
    });
  });

  it('capped: used = assigned − available, never negative', () => {
    expect(creditLimitOf({ assignedCredits: 500, availableCredits: 479.5 })).toEqual({
      kind: 'capped',
      assigned: 500,
      available: 479.5,
      used: 20.5,
    });
    expect(creditLimitOf({ assignedCredits: 10, availableCredits: 12 })).toMatchObject({ used: 0 });
  });

  it('parses numeric strings in credit fields', () => {
    expect(
      creditLimitOf(userSchema.parse({ username: 'a', assignedCredits: '100', availableCredits: '40' })),
    ).toEqual({
      kind: 'capped',
      assigned: 100,
      available: 40,
      used: 60,
    });
  });
});

describe('canManageCredits', () => {
  it('accepts org_admin or the manageCredits privilege', () => {
    expect(canManageCredits({ role: 'org_admin', privileges: [] })).toBe(true);
    expect(canManageCredits({ role: 'org_user', privileges: ['portal:admin:manageCredits'] })).toBe(true);
    expect(canManageCredits({ role: 'org_user', privileges: ['portal:user:viewOrgUsers'] })).toBe(false);
    expect(canManageCredits({ role: 'org_publisher' })).toBe(false);
    expect(canManageCredits(undefined)).toBe(false);
  });
});
