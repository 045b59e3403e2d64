import Papa from 'papaparse';
import { seriesToCsv } from './csv';
import type { ServiceSeries } from './shape';

describe('seriesToCsv', () => {
  it('writes one row per bucket, a column per service and totals, with hostile names neutralised', () => {
    const series: ServiceSeries = {
      buckets: [
        { time: Date.UTC(2026, 0, 1), values: { geocode: 1.5, '=evil': 2 }, total: 3.5 },
        { time: Date.UTC(2026, 0, 2), values: { geocode: 0.25 }, total: 0.25 },
      ],
      services: [
        { code: 'geocode', name: 'Geocoding', credits: 1.75 },
        { code: '=evil', name: '=evil', credits: 2 },
      ],
      total: 3.75,
    };
    const rows = Papa.parse<string[]>(seriesToCsv(series, '1d')).data;
    expect(rows).toEqual([
      ['Period start (UTC)', 'Geocoding', "'=evil", 'Total credits'],
      ['2026-01-01', '1.5', '2', '3.5'],
      ['2026-01-02', '0.25', '0', '0.25'],
      ['Total', '1.75', '2', '3.75'],
    ]);
  });
});
