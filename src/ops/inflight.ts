/** Work in progress (commands being answered), so shutdown can stop taking more and let it finish. */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();
  private closing = false;

  /** False once shutdown has begun: new work should be turned away politely. */
  get open(): boolean {
    return !this.closing;
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const done = () => this.running.delete(work);
    work.then(done, done);
    return work;
  }

  /** Stops taking work and waits for what is running, at most `timeoutMs`; says whether all of it finished. */
  async drain(timeoutMs: number): Promise<boolean> {
    this.closing = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const finished = Promise.allSettled([...this.running]).then(() => true as const);
    const result = await Promise.race([finished, timeout]);
    clearTimeout(timer);
    return result;
  }
}
