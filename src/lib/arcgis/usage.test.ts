import { HttpResponse, http } from 'msw';
import { PORTAL_URL, issueToken, resetPortal, server } from '../../../tests/server';
import { ResponseShapeError } from './errors';
import { createArcGISClient } from './request';
import { seriesTotal } from './schemas';
import { getUsage, periodForRange } from './usage';

const DAY = 24 * 60 * 60 * 1000;

function clientAs(username: string) {
  const token = issueToken(username);
  return createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => token });
}

beforeEach(() => resetPortal());

describe('periodForRange', () => {
  it('follows the contract rule', () => {
    expect(periodForRange(0, DAY)).toBe('1h');
    expect(periodForRange(0, 30 * DAY)).toBe('1d');
    expect(periodForRange(0, 90 * DAY)).toBe('1d');
    expect(periodForRange(0, 180 * DAY)).toBe('1w');
    expect(periodForRange(0, 365 * DAY)).toBe('1w');
    expect(periodForRange(0, 400 * DAY)).toBe('1m');
  });
});

describe('getUsage against the demo portal', () => {
  it('returns numeric series grouped by service type', async () => {
    const end = Date.now();
    const usage = await getUsage(clientAs('demo_admin'), {
      startTime: end - 30 * DAY,
      endTime: end,
      period: '1d',
      vars: ['credits', 'num'],
      groupby: ['stype', 'etype'],
    });
    expect(usage.data.length).toBeGreaterThan(0);
    for (const entry of usage.data) {
      expect(entry.group.stype).toEqual(expect.any(String));
      for (const [time, value] of entry.series.credits ?? []) {
        expect(Number.isFinite(time)).toBe(true);
        expect(Number.isFinite(value)).toBe(true);
      }
    }
    expect(usage.data.reduce((sum, e) => sum + seriesTotal(e.series.credits), 0)).toBeGreaterThan(0);
  });

  it('groups by member for top consumers', async () => {
    const end = Date.now();
    const usage = await getUsage(clientAs('demo_admin'), {
      startTime: end - 7 * DAY,
      endTime: end,
      period: '1d',
      vars: ['credits'],
      groupby: ['username', 'userorgid'],
    });
    expect(usage.data.some((e) => typeof e.group.username === 'string')).toBe(true);
  });

  it('is admin-only', async () => {
    const end = Date.now();
    await expect(
      getUsage(clientAs('demo_member'), {
        startTime: end - DAY,
        endTime: end,
        period: '1h',
        vars: ['credits'],
        groupby: ['stype'],
      }),
    ).rejects.toMatchObject({ code: 403 });
  });

  it('rejects an inverted range before sending', async () => {
    await expect(
      getUsage(clientAs('demo_admin'), {
        startTime: 10,
        endTime: 5,
        period: '1d',
        vars: ['credits'],
        groupby: ['stype'],
      }),
    ).rejects.toThrow(RangeError);
  });

  it('parses string values such as "2.0E-4", and rejects NaN', async () => {
    server.use(
      http.all(`${PORTAL_URL}/sharing/rest/portals/self/usage`, () =>
        HttpResponse.json({
          startTime: '1672099200000',
          endTime: '1672704000000',
          period: '1d',
          data: [
            {
              etype: 'svcusg',
              stype: 'geocode',
              credits: [
                ['1672099200000', '0.0'],
                ['1672185600000', '2.0E-4'],
              ],
            },
          ],
        }),
      ),
    );
    const usage = await getUsage(clientAs('demo_admin'), {
      startTime: 1672099200000,
      endTime: 1672704000000,
      period: '1d',
      vars: ['credits'],
      groupby: ['stype', 'etype'],
    });
    expect(usage.startTime).toBe(1672099200000);
    expect(usage.data[0]?.series.credits).toEqual([
      [1672099200000, 0],
      [1672185600000, 0.0002],
    ]);

    server.use(
      http.all(`${PORTAL_URL}/sharing/rest/portals/self/usage`, () =>
        HttpResponse.json({ data: [{ stype: 'geocode', credits: [['1672099200000', 'NaN']] }] }),
      ),
    );
    await expect(
      getUsage(clientAs('demo_admin'), {
        startTime: 1,
        endTime: 2,
        period: '1d',
        vars: ['credits'],
        groupby: ['stype'],
      }),
    ).rejects.toBeInstanceOf(ResponseShapeError);
  });
});
