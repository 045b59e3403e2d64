import { MAX_CREDIT_AMOUNT, parseCreditAmount } from './credit-amount';

describe('parseCreditAmount', () => {
  it.each([
    ['0', 0],
    ['100', 100],
    [' 12.5 ', 12.5],
    ['12.345', 12.345],
    ['.5', 0.5],
    ['1,000', 1000],
    ['1 000', 1000],
    ['1\u202f000.25', 1000.25],
    ['12,345,678.5', 12_345_678.5],
    ['+7', 7],
    [String(MAX_CREDIT_AMOUNT), MAX_CREDIT_AMOUNT],
  ])('accepts %j as %d (0 stays 0)', (raw, value) => {
    expect(parseCreditAmount(raw)).toEqual({ value });
  });

  it.each([
    ['', /Enter a number of credits, or choose No limit/],
    ['abc', /Enter a number of credits, such as 100/],
    ['1e12', /Enter a number of credits, such as 100/],
    ['NaN', /Enter a number of credits/],
    ['-5', /can’t be negative/],
    ['-0', /can’t be negative/],
    ['-0.000', /can’t be negative/],
    ['1,5', /a point for decimals/],
    ['10 00', /such as 100/],
    ['1,000 000', /such as 100/],
    ['1.000,5', /such as 100/],
    ['12.3456', /at most 3 decimal places/],
    ['100000001', /check the number/],
  ])('refuses %j with a message that says what to fix', (raw, message) => {
    const parsed = parseCreditAmount(raw);
    expect('error' in parsed && parsed.error).toMatch(message);
  });
});
