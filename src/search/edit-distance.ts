/**
 * Optimal-string-alignment (Damerau–Levenshtein) distance, abandoned as soon as it must exceed `max`,
 * so scanning the whole vocabulary for a typo stays cheap.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, prevPrev[j - 2]! + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * How many edits a word of this length may absorb and still count as the same word: one for a short word
 * ("wal" → wall), two from seven letters on ("riemman" → riemann), as in common fuzzy-search practice.
 */
export function typoBudget(length: number): number {
  if (length >= 7) return 2;
  if (length >= 3) return 1;
  return 0;
}
