import {
  formatAllocationValue,
  formatAxisNumber,
  formatCount,
  formatCreditRate,
  formatCredits,
  formatPercent,
  formatShare,
} from './format';

// The test environment's locale is English: these are the strings an English reader sees.
describe('the number policy', () => {
  it('shows credits with up to 3 decimals, grouped, and never "-0"', () => {
    expect(formatCredits(324.01199999999994)).toBe('324.012');
    expect(formatCredits(12.345)).toBe('12.345');
    expect(formatCredits(1600)).toBe('1,600');
    expect(formatCredits(-0)).toBe('0');
    expect(formatCredits(-0.0001)).toBe('> -0.001');
    expect(formatCredits(0.0004)).toBe('< 0.001');
    expect(formatCredits(-8703.051)).toBe('-8,703.051');
  });

  it('rounds rates to whole credits (one decimal below 10)', () => {
    expect(formatCreditRate(840.048)).toBe('840');
    expect(formatCreditRate(8.44)).toBe('8.4');
    expect(formatCreditRate(-0.01)).toBe('0');
  });

  it('writes every percentage the same way', () => {
    expect(formatPercent(207.24)).toBe('207.2%');
    expect(formatShare(0.314)).toBe('31.4%');
    expect(formatPercent(1)).toBe('1%');
    expect(formatShare(0.019)).toBe('1.9%');
  });

  it('groups counts and axis ticks', () => {
    expect(formatCount(2500)).toBe('2,500');
    expect(formatAxisNumber(1600)).toBe('1,600');
    expect(formatAxisNumber(0.5)).toBe('0.5');
  });

  it('says No limit for -1', () => {
    expect(formatAllocationValue(-1)).toBe('No limit');
    expect(formatAllocationValue(0)).toBe('0 credits');
  });
});
