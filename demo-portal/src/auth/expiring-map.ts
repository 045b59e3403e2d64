/**
 * A map of short-lived records with a hard size limit and constant work per write.
 *
 * Every `set` looks at a few of the oldest entries (in insertion order): an entry past its
 * `forgetAt` time is dropped, a live one moves to the back of the line. Expired entries are
 * therefore reclaimed a few at a time as new ones arrive, never by walking the whole map. When the
 * map is full, the oldest entry makes room (the portal's answer to a flood of sign-ins is to forget
 * its oldest grants, never to grow without bound).
 */
export class ExpiringMap<V> {
  private readonly entries = new Map<string, { value: V; forgetAt: number }>();

  constructor(
    private readonly now: () => number,
    readonly capacity: number,
    /** Entries looked at per write; 2 reclaims expired entries at least as fast as new ones arrive. */
    private readonly sweepStep = 2,
  ) {
    if (!(capacity >= 1)) throw new RangeError('capacity must be at least 1');
  }

  /** Stores `value` until `forgetAt` (epoch ms); after that it may be dropped at any time. */
  set(key: string, value: V, forgetAt: number): void {
    this.entries.delete(key);
    this.sweep();
    while (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, forgetAt });
  }

  /** The value, unless it is gone or past `forgetAt`. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.forgetAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  values(): IterableIterator<V> {
    const iterator = this.entries.values();
    return (function* () {
      for (const entry of iterator) yield entry.value;
    })();
  }

  clear(): void {
    this.entries.clear();
  }

  private sweep(): void {
    const t = this.now();
    for (let i = 0; i < this.sweepStep && this.entries.size > 0; i++) {
      const first = this.entries.entries().next();
      if (first.done) return;
      const [key, entry] = first.value;
      this.entries.delete(key);
      if (entry.forgetAt > t) this.entries.set(key, entry);
    }
  }
}
