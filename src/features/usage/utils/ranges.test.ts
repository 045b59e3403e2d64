import { DAY_MS } from '@/lib/time';
import { customRange, parseIsoDate, presetRange, RANGE_PRESETS, validateCustomRange } from './ranges';

const NOW = Date.UTC(2026, 10, 25, 14, 30); // 2026-11-25 14:30 UTC

describe('presetRange', () => {
  it('covers whole UTC days ending at the start of today, and picks the bucket size from the length', () => {
    const periods = RANGE_PRESETS.map((p) => presetRange(p.id, NOW).period);
    expect(periods).toEqual(['1d', '1d', '1d', '1w', '1w']);
    const r = presetRange('30d', NOW);
    expect(r.start).toBe(Date.UTC(2026, 9, 26)); // midnight, 30 days before today
    expect(r.end).toBe(Date.UTC(2026, 10, 25));
  });

  it('ends the weekly ranges on a whole week', () => {
    for (const id of ['6m', '12m'] as const) {
      const r = presetRange(id, NOW);
      expect((r.end - r.start) % (7 * DAY_MS)).toBe(0);
    }
    expect(presetRange('12m', NOW).end - presetRange('12m', NOW).start).toBe(52 * 7 * DAY_MS);
  });

  it('is the same all day long (stable query keys)', () => {
    expect(presetRange('30d', NOW)).toEqual(presetRange('30d', NOW + 9 * 60 * 60_000));
  });
});

describe('custom ranges', () => {
  it('accept whole days, To included; one day gets hourly buckets', () => {
    const r = customRange('2026-03-01', '2026-03-31', NOW);
    expect(r).toMatchObject({ start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 3, 1), period: '1d' });
    expect(customRange('2026-11-01', '2026-11-01', NOW)?.period).toBe('1h');
    expect(customRange('2025-11-25', '2026-11-25', NOW)?.period).toBe('1w');
  });

  it('end at the next hour when To is today', () => {
    expect(customRange('2026-11-20', '2026-11-25', NOW)?.end).toBe(Date.UTC(2026, 10, 25, 15));
  });

  it('are validated: From before To, not in the future, at most one year back', () => {
    expect(validateCustomRange('2026-03-31', '2026-03-01', NOW)).toEqual({
      to: 'To must be on or after From.',
    });
    expect(validateCustomRange('2026-11-26', '2026-11-27', NOW)).toEqual({
      from: 'From can’t be in the future.',
      to: 'To can’t be in the future.',
    });
    expect(validateCustomRange('2025-11-24', '2026-01-01', NOW)).toEqual({
      from: 'From can be at most one year back.',
    });
    expect(validateCustomRange('', 'nope', NOW)).toEqual({
      from: 'Enter a start date.',
      to: 'Enter an end date.',
    });
    expect(validateCustomRange('2025-11-25', '2026-11-25', NOW)).toEqual({});
    expect(customRange('2026-03-31', '2026-03-01', NOW)).toBeUndefined();
  });

  it('parses only real calendar dates', () => {
    expect(parseIsoDate('2026-02-30')).toBeUndefined();
    expect(parseIsoDate('2026-02-28')).toBe(Date.UTC(2026, 1, 28));
  });
});
