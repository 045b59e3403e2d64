import { describe, expect, it } from 'vitest';
import { formatMoney, formatMoneyRate, pricingSchema } from './money';

describe('money formatting', () => {
  const usd = { pricePerCredit: 0.1, currency: 'USD' };

  it('shows the value of credits in the currency’s usual decimals, grouped', () => {
    expect(formatMoney(12_345, usd)).toBe('$1,234.50');
    expect(formatMoney(1, { pricePerCredit: 0.12, currency: 'EUR' })).toBe('€0.12');
  });

  it('never shows a negative zero', () => {
    expect(formatMoney(-0.001, usd)).toBe('$0.00');
  });

  it('rounds rates to whole units from 10 up', () => {
    expect(formatMoneyRate(840, usd)).toBe('$84');
    expect(formatMoneyRate(15, usd)).toBe('$1.50');
  });
});

describe('pricingSchema', () => {
  it('takes a price and a currency code in any case', () => {
    expect(pricingSchema.parse({ pricePerCredit: 0.1, currency: 'usd' })).toEqual({
      pricePerCredit: 0.1,
      currency: 'USD',
    });
  });

  it('refuses a zero price and an unknown currency with a clear message', () => {
    expect(pricingSchema.safeParse({ pricePerCredit: 0, currency: 'USD' }).error?.issues[0]?.message).toBe(
      'The price per credit must be more than 0.',
    );
    expect(pricingSchema.safeParse({ pricePerCredit: 1, currency: 'XYZ' }).error?.issues[0]?.message).toMatch(
      /not a currency code/,
    );
    expect(
      pricingSchema.safeParse({ pricePerCredit: 1, currency: 'dollars' }).error?.issues[0]?.message,
    ).toMatch(/three-letter/);
  });
});
