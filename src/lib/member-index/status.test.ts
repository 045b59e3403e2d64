import { publishDue } from '../member-index';
import { createMemberIndexStatusStore } from './status';

describe('the member index status', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("tells subscribers of a load's page counts a few times a second, not once per page", () => {
    const store = createMemberIndexStatusStore(250);
    const heard = vi.fn();
    store.subscribe(heard);
    store.set('p', { loading: true, partial: true, loaded: 0, total: 0 });
    expect(heard).toHaveBeenCalledTimes(1);

    // The first counts show at once.
    store.progress('p', { loaded: 100, total: 250_000 });
    expect(heard).toHaveBeenCalledTimes(2);
    // 40 more pages within one interval: one notification, with the latest counts.
    for (let page = 2; page <= 41; page++) store.progress('p', { loaded: page * 100, total: 250_000 });
    expect(heard).toHaveBeenCalledTimes(2);
    // Between notifications, subscribers read what they were last told.
    expect(store.get('p')).toMatchObject({ loaded: 100 });
    vi.advanceTimersByTime(250);
    expect(heard).toHaveBeenCalledTimes(3);
    expect(store.get('p')).toMatchObject({ loaded: 4100, total: 250_000, loading: true, partial: true });
    // Nothing new, nothing heard.
    vi.advanceTimersByTime(1000);
    expect(heard).toHaveBeenCalledTimes(3);
  });

  it('tells subscribers at once when a load finishes, with the last counts', () => {
    const store = createMemberIndexStatusStore(250);
    const heard = vi.fn();
    store.set('p', { loading: true, partial: true });
    store.progress('p', { loaded: 100, total: 300 });
    store.subscribe(heard);
    store.progress('p', { loaded: 200, total: 300 });
    store.progress('p', { loaded: 300, total: 300 });
    store.set('p', { loading: false, partial: false });
    expect(heard).toHaveBeenCalledTimes(1);
    expect(store.get('p')).toMatchObject({ loaded: 300, total: 300, loading: false, partial: false });
    // The batched counts went out with the finish: no late notification after it.
    vi.advanceTimersByTime(1000);
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it('sign-out clears every status and tells subscribers', () => {
    const store = createMemberIndexStatusStore(250);
    store.set('p', { loading: true });
    const heard = vi.fn();
    store.subscribe(heard);
    store.clear();
    expect(store.get('p')).toBeUndefined();
    expect(heard).toHaveBeenCalledTimes(1);
  });
});

describe('how often a first load shows the members read so far', () => {
  function showings(total: number, pageSize = 100) {
    const at: number[] = [];
    let published = 0;
    for (let loaded = pageSize; loaded < total; loaded += pageSize) {
      if (!publishDue(loaded, published)) continue;
      published = loaded;
      at.push(loaded);
    }
    return at;
  }

  it('first at 2,000 members, then each time half as many again have loaded', () => {
    expect(showings(20_000)).toEqual([2000, 4000, 6000, 9000, 13_500]);
    expect(showings(2500)).toEqual([2000]);
  });

  it('a handful of times however large the org, so the work of showing stays near linear', () => {
    const at = showings(250_000);
    expect(at.length).toBeLessThanOrEqual(14);
    // Everything shown, summed, is a few times the org, not ~10× as with a fixed step of 1/20.
    expect(at.reduce((a, b) => a + b, 0)).toBeLessThan(3 * 250_000);
  });
});
