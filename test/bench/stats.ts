/** Small helpers for the benchmark: timing and percentiles. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[at]!;
}

export function ms(n: number, digits = 3): string {
  return `${n.toFixed(digits)} ms`;
}

export function timeEach<T>(items: T[], rounds: number, fn: (item: T) => unknown): number[] {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const item of items) {
      const t0 = performance.now();
      fn(item);
      samples.push(performance.now() - t0);
    }
  }
  return samples;
}

export function median(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Wall-clock instants comparable across processes on this machine: ms since the epoch, sub-millisecond. */
export const epoch = (): number => performance.timeOrigin + performance.now();
