/**
 * Per-user limits on public answers, as a token bucket: a small burst (COOLDOWN_BURST answers in a row), then
 * one more every COOLDOWN_SECONDS. A second, different question right after the first is fine; a flood is
 * not. Kept in memory, or shared by every instance through the store when there are several.
 */

export type Turn = { ok: true } | { ok: false; retryInSeconds: number };

/** Where buckets live: this process's memory, or a database every instance shares. */
export interface BucketStore {
  /** Takes one token from `key`'s bucket if it has one; otherwise says in how many ms the next one comes. */
  takeToken(
    key: string,
    now: number,
    burst: number,
    refillMs: number,
  ): Promise<{ ok: true } | { ok: false; retryInMs: number }>;
}

export class MemoryBuckets implements BucketStore {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  async takeToken(key: string, now: number, burst: number, refillMs: number) {
    const b = this.buckets.get(key);
    const tokens = b ? Math.min(burst, b.tokens + (now - b.at) / refillMs) : burst;
    if (tokens < 1) return { ok: false as const, retryInMs: Math.ceil((1 - tokens) * refillMs) };
    if (this.buckets.size > 10_000) this.sweep(now, burst, refillMs);
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    return { ok: true as const };
  }

  /** Full buckets carry no information: forget them, so memory stays bounded. */
  private sweep(now: number, burst: number, refillMs: number): void {
    for (const [k, b] of this.buckets)
      if (b.tokens + (now - b.at) / refillMs >= burst) this.buckets.delete(k);
  }
}

export class Cooldown {
  constructor(
    private readonly seconds: number,
    private readonly burst = 3,
    private readonly now: () => number = Date.now,
    private readonly store: BucketStore = new MemoryBuckets(),
  ) {}

  /** Takes one of the user's public answers if they have one left; otherwise says when the next comes. */
  async take(key: string): Promise<Turn> {
    if (this.seconds <= 0) return { ok: true };
    const turn = await this.store.takeToken(key, this.now(), this.burst, this.seconds * 1000);
    return turn.ok ? turn : { ok: false, retryInSeconds: Math.max(1, Math.ceil(turn.retryInMs / 1000)) };
  }
}
