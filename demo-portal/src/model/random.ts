/**
 * Small deterministic PRNG helpers. The org model never uses Math.random: everything is derived
 * from (seed, member index, day index) so the same seed always yields the same organization.
 */

/** Mixes up to four 32-bit integers into one well-distributed unsigned 32-bit hash. */
export function hash32(a: number, b = 0, c = 0, d = 0): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ Math.imul(c, 0x27d4eb2f), 0x165667b1);
  h = Math.imul(h ^ (h >>> 15) ^ Math.imul(d, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The part of `hash32(a, b, c, d)` that depends on `a` and `b` only (for loops over `c`). */
export function hash32Prefix(a: number, b: number): number {
  const h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  return Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
}

/** `hash32(a, b, c, d)` given `hash32Prefix(a, b)`. */
export function hash32From(prefix: number, c: number, d = 0): number {
  let h = Math.imul(prefix ^ (prefix >>> 16) ^ Math.imul(c, 0x27d4eb2f), 0x165667b1);
  h = Math.imul(h ^ (h >>> 15) ^ Math.imul(d, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A seeded generator of floats in [0, 1) (mulberry32). */
export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator for one (stream, a, b) coordinate: independent of the order things are generated in. */
export function rngFor(seed: number, a: number, b = 0, c = 0): Rng {
  return mulberry32(hash32(seed, a, b, c));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Picks an index according to (not necessarily normalised) weights. */
export function pickWeighted(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let r = rng() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i] ?? 0;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

/** Log-uniform integer in [lo, hi]. */
export function logUniformInt(rng: Rng, lo: number, hi: number): number {
  return Math.round(Math.exp(Math.log(lo) + rng() * (Math.log(hi) - Math.log(lo))));
}

const HEX_SCRATCH = Buffer.alloc(64);

/** `length` hex digits: hash32(seed, a, b, 0), (…, 1), … each as 8 digits, most significant first. */
export function hexId(seed: number, a: number, b: number, length: number): string {
  const words = Math.ceil(length / 8);
  if (words * 4 > HEX_SCRATCH.length) {
    let out = '';
    for (let i = 0; out.length < length; i++) out += hash32(seed, a, b, i).toString(16).padStart(8, '0');
    return out.slice(0, length);
  }
  for (let i = 0; i < words; i++) HEX_SCRATCH.writeUInt32BE(hash32(seed, a, b, i), i * 4);
  const out = HEX_SCRATCH.toString('hex', 0, words * 4);
  return out.length === length ? out : out.slice(0, length);
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function alnumId(seed: number, a: number, length: number): string {
  const rng = rngFor(seed, a, 0x1d);
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[Math.floor(rng() * ALNUM.length)] ?? 'A';
  return out;
}
