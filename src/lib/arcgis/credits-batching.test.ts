import { chunk, validateAssignments } from './credits';

describe('batching math', () => {
  it('splits 250 into 100 + 100 + 50 and never more than 100', () => {
    const items = Array.from({ length: 250 }, (_, i) => i);
    expect(chunk(items).map((b) => b.length)).toEqual([100, 100, 50]);
    expect(chunk(items, 500).map((b) => b.length)).toEqual([100, 100, 50]);
    expect(chunk(items, 30)).toHaveLength(9);
    expect(chunk([])).toEqual([]);
  });
});

describe('validateAssignments', () => {
  it('accepts 0 and decimals', () => {
    expect(
      validateAssignments([
        { username: 'a', credits: 0 },
        { username: 'b', credits: 12.5 },
      ]),
    ).toHaveLength(2);
  });

  it.each([[-1], [-0.5], [Number.NaN], [Number.POSITIVE_INFINITY]])('rejects credits of %s', (credits) => {
    expect(() => validateAssignments([{ username: 'a', credits }])).toThrow(RangeError);
  });

  it('rejects a missing username and conflicting duplicates; merges identical ones', () => {
    expect(() => validateAssignments([{ username: ' ', credits: 1 }])).toThrow(TypeError);
    expect(() =>
      validateAssignments([
        { username: 'a', credits: 1 },
        { username: 'A', credits: 2 },
      ]),
    ).toThrow(/twice/);
    expect(
      validateAssignments([
        { username: 'a', credits: 1 },
        { username: 'a', credits: 1 },
      ]),
    ).toEqual([{ username: 'a', credits: 1 }]);
  });
});
