/** A per-user cooldown on public answers, so one person cannot flood a channel. In memory by design:
 * losing it on restart only lets someone post one answer sooner. */
export class Cooldown {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly seconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes the user's turn if they have one; otherwise says when their next turn comes. */
  take(key: string): { ok: true } | { ok: false; retryInSeconds: number } {
    if (this.seconds <= 0) return { ok: true };
    const now = this.now();
    const until = this.until.get(key);
    if (until !== undefined && until > now)
      return { ok: false, retryInSeconds: Math.ceil((until - now) / 1000) };
    if (this.until.size > 10_000) for (const [k, t] of this.until) if (t <= now) this.until.delete(k);
    this.until.set(key, now + this.seconds * 1000);
    return { ok: true };
  }
}
