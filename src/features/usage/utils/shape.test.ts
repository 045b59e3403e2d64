import { reduceUsageByMember } from '@/lib/arcgis/usage-by-member';
import { shapeServiceSeries, shapeTopConsumers } from './shape';

const D1 = Date.UTC(2026, 0, 1);
const D2 = Date.UTC(2026, 0, 2);

describe('shapeServiceSeries', () => {
  const response = {
    data: [
      {
        group: { stype: 'geocode', etype: 'svcusg' },
        series: {
          credits: [
            [D1, 1],
            [D2, 2],
          ] as [number, number][],
        },
      },
      { group: { stype: 'geocode', etype: 'other' }, series: { credits: [[D1, 0.5]] as [number, number][] } },
      { group: { stype: 'mystery', etype: 'svcusg' }, series: { credits: [[D2, 4]] as [number, number][] } },
      { group: { stype: 'tiles', etype: 'svcusg' }, series: { credits: [[D1, 0]] as [number, number][] } },
    ],
  };

  it('adds rows of one service together and keeps unknown types by code', () => {
    const s = shapeServiceSeries(response);
    expect(s.services.map((x) => [x.code, x.name, x.credits])).toEqual([
      ['geocode', 'Geocoding', 3.5],
      ['tiles', 'Tile generation', 0],
      ['mystery', 'mystery', 4],
    ]);
    expect(s.buckets).toEqual([
      { time: D1, values: { geocode: 1.5, tiles: 0 }, total: 1.5 },
      { time: D2, values: { geocode: 2, mystery: 4 }, total: 6 },
    ]);
    expect(s.total).toBe(7.5);
  });

  it('filters to one service but still lists every service', () => {
    const s = shapeServiceSeries(response, { service: 'mystery' });
    expect(s.total).toBe(4);
    expect(s.services).toHaveLength(1);
    expect(s.allServices).toHaveLength(3);
    expect(s.buckets.map((b) => b.total)).toEqual([4]);
  });
});

describe('shapeTopConsumers', () => {
  it('ranks users with their share of every credit, org-level charges included', () => {
    const credits = (v: number) => [[String(D1), String(v)]];
    const usage = reduceUsageByMember({
      data: [
        { username: 'ann', userOrgId: 'org', credits: credits(20) },
        { username: 'bob', userOrgId: 'org', credits: credits(50) },
        { username: 'ann', userOrgId: 'org', credits: credits(10) },
        { username: 'guest', credits: credits(10) },
        { username: 'idle', userOrgId: 'org', credits: credits(0) },
        { credits: credits(10) },
      ],
    });
    const top = shapeTopConsumers(usage, 2);
    expect(top.total).toBe(100);
    expect(top.userCount).toBe(3);
    expect(top.consumers).toEqual([
      { username: 'bob', isOrgMember: true, credits: 50, share: 0.5 },
      { username: 'ann', isOrgMember: true, credits: 30, share: 0.3 },
    ]);
    expect(shapeTopConsumers(usage, 10).consumers.map((c) => [c.username, c.isOrgMember])).toEqual([
      ['bob', true],
      ['ann', true],
      ['guest', false],
    ]);
  });

  it('keeps the largest of many in order, ties by username', () => {
    const data = Array.from({ length: 500 }, (_, i) => ({
      username: `u${String(i).padStart(3, '0')}`,
      userOrgId: 'org',
      credits: [[String(D1), String(i % 50)]],
    }));
    const top = shapeTopConsumers(reduceUsageByMember({ data }), 4);
    expect(top.consumers.map((c) => c.username)).toEqual(['u049', 'u099', 'u149', 'u199']);
  });
});
