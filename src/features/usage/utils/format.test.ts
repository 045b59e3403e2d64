import { formatBucket, formatBucketLong, formatCredits, isoBucket } from './format';

const T = Date.UTC(2026, 0, 5, 13); // Mon 2026-01-05 13:00 UTC

describe('bucket formatting', () => {
  it('labels buckets in UTC by period', () => {
    const day = new Intl.DateTimeFormat(undefined, {
      month: 'short',
      day: 'numeric',
      timeZone: 'UTC',
    }).format(T);
    expect(formatBucket(T, '1d')).toBe(day);
    expect(formatBucket(T, '1w')).toBe(day);
    expect(formatBucketLong(T, '1w')).toMatch(/^Week of /);
    expect(formatBucket(T, '1m')).toBe(
      new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(T),
    );
    expect(formatBucket(T, '1h')).toContain(day);
  });

  it('writes ISO dates for CSV', () => {
    expect(isoBucket(T, '1d')).toBe('2026-01-05');
    expect(isoBucket(T, '1h')).toBe('2026-01-05T13:00Z');
  });

  it('keeps tiny credit amounts visible', () => {
    expect(formatCredits(0.0002)).toBe('< 0.001');
    expect(formatCredits(0)).toBe(new Intl.NumberFormat(undefined).format(0));
  });
});
