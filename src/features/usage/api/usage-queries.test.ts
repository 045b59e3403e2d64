import { QueryClient } from '@tanstack/react-query';
import { HttpResponse, http } from 'msw';
import { createArcGISClient } from '@/lib/arcgis/request';
import { PORTAL_URL, issueToken, resetPortal, server } from '../../../../tests/server';
import { shapeServiceSeries, shapeTopConsumers } from '../utils/shape';
import { usageQueries } from './usage-queries';

const D1 = 1767225600000; // 2026-01-01
const DAY = 86_400_000;

function setup() {
  const token = issueToken('demo_admin');
  const client = createArcGISClient({ portalUrl: PORTAL_URL, getToken: () => token });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return { client, queryClient };
}

beforeEach(() => resetPortal());

describe('usageQueries', () => {
  it('parses string-valued series (as ArcGIS sends them) into chart buckets', async () => {
    server.use(
      http.all(`${PORTAL_URL}/sharing/rest/portals/self/usage`, () =>
        HttpResponse.json({
          startTime: String(D1),
          endTime: String(D1 + 2 * DAY),
          period: '1d',
          data: [
            {
              etype: 'svcusg',
              stype: 'geocode',
              credits: [
                [String(D1), '0.0'],
                [String(D1 + DAY), '2.0E-4'],
              ],
            },
            {
              etype: 'svcusg',
              stype: 'hologram',
              credits: [
                [String(D1), '1.5'],
                [String(D1 + DAY), '3'],
              ],
            },
          ],
        }),
      ),
    );
    const { client, queryClient } = setup();
    const data = await queryClient.fetchQuery(
      usageQueries.byService(client, { start: D1, end: D1 + 2 * DAY, period: '1d' }),
    );
    const shaped = shapeServiceSeries(data);
    expect(shaped.buckets).toEqual([
      { time: D1, values: { geocode: 0, hologram: 1.5 }, total: 1.5 },
      { time: D1 + DAY, values: { geocode: 0.0002, hologram: 3 }, total: 3.0002 },
    ]);
    expect(shaped.services.map((s) => s.name)).toEqual(['Geocoding', 'hologram']);
  });

  it('keys hold every parameter', () => {
    const { client } = setup();
    const a = usageQueries.byMember(client, { start: 1, end: 2 * DAY, service: 'geocode' }).queryKey;
    const b = usageQueries.byMember(client, { start: 1, end: 2 * DAY }).queryKey;
    expect(a).not.toEqual(b);
    const m = usageQueries.memberByService(client, {
      username: 'x',
      start: 1,
      end: 2,
      period: '1d',
    }).queryKey;
    expect(m).toContainEqual(expect.objectContaining({ username: 'x', start: 1, end: 2, period: '1d' }));
  });

  it('loads the demo org’s top consumers and a member’s own usage', async () => {
    const { client, queryClient } = setup();
    const end = Date.now();
    const start = end - 30 * DAY;
    const top = shapeTopConsumers(
      await queryClient.fetchQuery(usageQueries.byMember(client, { start, end })),
    );
    expect(top.consumers.length).toBeGreaterThan(0);
    const first = top.consumers[0]!;
    const own = shapeServiceSeries(
      await queryClient.fetchQuery(
        usageQueries.memberByService(client, { username: first.username, start, end, period: '1d' }),
      ),
    );
    // Storage is charged to the org, never to a member, so the member's own total matches the ranking.
    expect(own.total).toBeCloseTo(first.credits, 3);
  });
});
