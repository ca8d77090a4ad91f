/** Lets a test wait for the next event that matches, e.g. the request a client sends after a dispatch. */
export class Waiters<T> {
  private waiting: { match: (item: T) => boolean; resolve: (item: T) => void }[] = [];

  /** Resolves with the next `notify`-ed item matching `match` (earlier items are not considered). */
  waitFor(match: (item: T) => boolean, timeoutMs = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('timed out waiting for the app under test')),
        timeoutMs,
      );
      this.waiting.push({
        match,
        resolve: (item) => {
          clearTimeout(timer);
          resolve(item);
        },
      });
    });
  }

  notify(item: T): void {
    this.waiting = this.waiting.filter((w) => {
      if (!w.match(item)) return true;
      w.resolve(item);
      return false;
    });
  }
}
