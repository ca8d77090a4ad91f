/**
 * Days people type for a takeaway: `today`, `tomorrow`, `yesterday` (今天, 明天, 昨天), or a calendar date
 * that exists (2024-02-29 does, 2023-02-29 does not), within 2000–2099.
 */

/** A day relative to today, or a calendar date. */
export type DayRef = { offset: -1 | 0 | 1 } | { date: string };

const RELATIVE: Record<string, -1 | 0 | 1> = {
  today: 0,
  tomorrow: 1,
  yesterday: -1,
  今天: 0,
  今日: 0,
  明天: 1,
  明日: 1,
  昨天: -1,
  昨日: -1,
};

/** A real calendar date as YYYY-MM-DD within 2000–2099, or undefined. */
export function calendarDate(text: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 2000 || y > 2099) return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d));
  const same = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  return same ? m[0] : undefined;
}

export function parseDay(text: string): DayRef | undefined {
  const word = text.trim().toLowerCase();
  if (word in RELATIVE) return { offset: RELATIVE[word]! };
  const date = calendarDate(word);
  return date ? { date } : undefined;
}

/** Calendar arithmetic on a YYYY-MM-DD date (no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
