/** Deterministic shuffles, so an order can be recomputed anywhere (after a restart, on another instance). */

/** mulberry32: a tiny, well-distributed 32-bit PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable 32-bit hash of a string (FNV-1a), for seeding shuffles by name. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Fisher–Yates with a seeded generator: the same items and seed always give the same order. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const random = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The order in which `/talk takeaway` walks the takeaways, one per calendar day. */
export function dailyOrder(ids: readonly string[]): string[] {
  return shuffled(ids, hashString('talk:takeaway-of-the-day'));
}

/**
 * A channel's walk through the takeaways: each cycle is its own seeded shuffle, so only the cycle number and
 * position need storing, and no takeaway repeats before every one has been posted.
 */
export function channelRotation(ids: readonly string[], channelKey: string) {
  return (state: { cycle: number; position: number }) => {
    let { cycle, position } = state;
    if (position >= ids.length) {
      cycle += 1;
      position = 0;
    }
    const order = shuffled(ids, hashString(`${channelKey}#${cycle}`));
    const takeawayId = order[position]!;
    const next =
      position + 1 >= ids.length ? { cycle: cycle + 1, position: 0 } : { cycle, position: position + 1 };
    return { takeawayId, next };
  };
}
