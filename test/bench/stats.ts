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
