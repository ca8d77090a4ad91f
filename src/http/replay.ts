/**
 * Remembers requests already handled within a window, so a replayed signed request does nothing. Kept in
 * memory, or shared by every instance through the store when there are several.
 */

export interface SeenStore {
  /** True the first time `key` is seen before `expiresAt`; false for a repeat. */
  firstSeen(key: string, now: number, expiresAt: number): Promise<boolean>;
}

export class MemorySeen implements SeenStore {
  private readonly seen = new Map<string, number>();

  async firstSeen(key: string, now: number, expiresAt: number): Promise<boolean> {
    const until = this.seen.get(key);
    if (until !== undefined && until > now) return false;
    if (this.seen.size > 50_000) for (const [k, t] of this.seen) if (t <= now) this.seen.delete(k);
    this.seen.set(key, expiresAt);
    return true;
  }
}
