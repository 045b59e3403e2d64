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
    const series = (v: number) => ({ credits: [[D1, v]] as [number, number][] });
    const top = shapeTopConsumers(
      {
        data: [
          { group: { username: 'ann', userOrgId: 'org' }, series: series(30) },
          { group: { username: 'bob', userOrgId: 'org' }, series: series(50) },
          { group: { username: 'guest' }, series: series(10) },
          { group: { username: 'idle', userOrgId: 'org' }, series: series(0) },
          { group: {}, series: series(10) },
        ],
      },
      2,
    );
    expect(top.total).toBe(100);
    expect(top.userCount).toBe(3);
    expect(top.consumers).toEqual([
      { username: 'bob', isOrgMember: true, credits: 50, share: 0.5 },
      { username: 'ann', isOrgMember: true, credits: 30, share: 0.3 },
    ]);
  });
});
