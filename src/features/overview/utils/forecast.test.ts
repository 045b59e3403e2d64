import { DAY_MS } from '@/lib/time';
import { burnRates, dailyTotals, describeSpan, forecastSentence, runOut } from './forecast';

const fmt = (d: Date) => d.toISOString().slice(0, 10);

describe('burnRates', () => {
  it('averages 30 and 7 days and bands by the weekly pace', () => {
    const daily = [...Array<number>(23).fill(10), ...Array<number>(7).fill(40)];
    const r = burnRates(daily);
    expect(r?.rate30).toBeCloseTo((23 * 10 + 7 * 40) / 30);
    expect(r?.rate7).toBe(40);
    expect(r?.high).toBe(40);
    expect(r?.low).toBe(10);
  });

  it('treats negative and non-finite days as no spend, and no days as no answer', () => {
    expect(burnRates([-5, Number.NaN, 6])?.rate30).toBe(2);
    expect(burnRates([])).toBeUndefined();
  });
});

describe('runOut', () => {
  const from = new Date(Date.UTC(2026, 0, 1));
  it('divides the balance by the rate', () => {
    const r = runOut(300, 10, from);
    expect(r).toEqual({ kind: 'date', date: new Date(from.getTime() + 30 * DAY_MS), days: 30 });
  });
  it('says already for a balance at or below zero, never for no spend', () => {
    expect(runOut(0, 10, from).kind).toBe('already');
    expect(runOut(-4, 10, from).kind).toBe('already');
    expect(runOut(100, 0, from).kind).toBe('never');
  });
});

describe('forecastSentence', () => {
  const from = new Date(Date.UTC(2026, 2, 1));
  it('compares the run-out date with the renewal', () => {
    const r = runOut(130, 10, from); // 14 March
    const renewal = Date.UTC(2026, 3, 4);
    expect(forecastSentence({ runOut: r, renewal, formatDate: fmt })).toBe(
      "At the last 30 days' pace, credits run out around 2026-03-14 — 3 weeks before renewal.",
    );
    expect(forecastSentence({ runOut: r, renewal: Date.UTC(2026, 1, 1), formatDate: fmt })).toMatch(
      /6 weeks after renewal, so they last the subscription term/,
    );
    expect(forecastSentence({ runOut: r, renewal: null, formatDate: fmt })).toBe(
      "At the last 30 days' pace, credits run out around 2026-03-14.",
    );
  });
  it('words spans', () => {
    expect(describeSpan(1)).toBe('1 day');
    expect(describeSpan(10)).toBe('10 days');
    expect(describeSpan(21)).toBe('3 weeks');
    expect(describeSpan(150)).toBe('5 months');
    expect(describeSpan(800)).toBe('2 years');
  });
});

describe('dailyTotals', () => {
  it('sums every series into whole days and ignores points outside the window', () => {
    const end = Date.UTC(2026, 0, 4);
    const days = dailyTotals(
      [
        [
          [end - 3 * DAY_MS, 1],
          [end - DAY_MS, 2],
          [end, 99],
        ],
        [
          [end - DAY_MS, 0.5],
          [end - 10 * DAY_MS, 99],
        ],
      ],
      end,
      3,
    );
    expect(days.map((d) => d.credits)).toEqual([1, 0, 2.5]);
  });
});
