/**
 * Wall-clock times in IANA zones. Occurrences come from croner, which knows each zone's DST rules; the
 * one correction on top: a time that does not exist on a spring-forward day (02:30 in Berlin on the last
 * Sunday of March) is posted at the next valid minute (03:00), where croner would shift it by the gap.
 */
import { Cron } from 'croner';
import { addDays } from '../core/dates.js';
import { editDistance } from '../search/edit-distance.js';
import { WEEKDAYS, type Weekday } from './store.js';

export interface LocalParts {
  date: string;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, f);
  }
  return f;
}

/**
 * Zones that ICU (and so Node) still calls by their old names: people look for, and should read, the
 * current ones (Kyiv, Kolkata). Intl accepts both and treats them as the same zone.
 */
const CURRENT_NAME: Record<string, string> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};
const currentName = (zone: string) => CURRENT_NAME[zone] ?? zone;

/** The current name of an IANA zone ("asia/shanghai" → "Asia/Shanghai", "Asia/Calcutta" → "Asia/Kolkata"), or undefined if unknown. */
export function canonicalZone(zone: string): string | undefined {
  const trimmed = zone.trim();
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(trimmed)) return undefined;
  // The default zone, checked at every start: the first Intl formatter loads the zone data (tens of ms).
  if (trimmed.toUpperCase() === 'UTC') return 'UTC';
  try {
    return currentName(new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone);
  } catch {
    return undefined;
  }
}

/** "9:05" or "09:05" → "09:05"; anything else that is not a 24-hour HH:MM → undefined. */
export function parseTime(text: string): string | undefined {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : undefined;
}

export function localParts(instant: number, zone: string): LocalParts {
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

export function localDate(instant: number, zone: string): string {
  return localParts(instant, zone).date;
}

const MINUTE = 60_000;

/** The instant a daily HH:MM falls on a given local date in a zone. */
export function scheduledInstant(date: string, time: string, zone: string): number {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const cron = new Cron(`${minute} ${hour} * * *`, { timezone: zone, paused: true });
  // Start well before the local day can begin anywhere (zones run from UTC-12 to UTC+14).
  let at = Date.parse(`${date}T00:00:00Z`) - 15 * 3_600_000;
  for (let guard = 0; guard < 4; guard++) {
    const next = cron.nextRun(new Date(at))?.getTime();
    if (next === undefined) break;
    const local = localParts(next, zone);
    if (local.date < date) {
      at = next;
      continue;
    }
    if (local.date === date && local.hour === hour && local.minute === minute) return next;
    // The wall-clock time does not exist that day: walk back to the first minute after the gap.
    let t = next;
    for (let step = 0; step < 240; step++) {
      const before = localParts(t - MINUTE, zone);
      if (before.date !== date || before.hour * 60 + before.minute < hour * 60 + minute) break;
      t -= MINUTE;
    }
    return t;
  }
  throw new Error(`no occurrence of ${time} on ${date} in ${zone}`);
}

/** The next scheduled instant at or after `now`: today's if it is still ahead, otherwise tomorrow's. */
export function nextOccurrence(now: number, time: string, zone: string): number {
  const today = localDate(now, zone);
  const todays = scheduledInstant(today, time, zone);
  if (todays >= now) return todays;
  return scheduledInstant(addDays(today, 1), time, zone);
}

export { addDays };

/** The weekday of a YYYY-MM-DD date. */
export function weekdayOf(date: string): Weekday {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return WEEKDAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7]!;
}

/** Whether a schedule with these days posts on a local date (no days: every day). */
export function postsOn(days: readonly Weekday[], date: string): boolean {
  return days.length === 0 || days.includes(weekdayOf(date));
}

/** The next instant at or after `now` on which a schedule posts, skipping days it does not post on. */
export function nextDue(now: number, time: string, zone: string, days: readonly Weekday[] = []): number {
  let date = localDate(now, zone);
  for (let i = 0; i < 8; i++, date = addDays(date, 1)) {
    if (!postsOn(days, date)) continue;
    const at = scheduledInstant(date, time, zone);
    if (at >= now) return at;
  }
  return Number.POSITIVE_INFINITY;
}

/** "2026-03-29 09:00 CEST"-style label for a time in a zone. */
export function formatInZone(instant: number, zone: string): string {
  const l = localParts(instant, zone);
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' })
      .formatToParts(new Date(instant))
      .find((p) => p.type === 'timeZoneName')?.value ?? zone;
  return `${l.date} ${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')} ${name}`;
}

const ZONES = [...new Set(Intl.supportedValuesOf('timeZone').map(currentName))].sort();

/** IANA zones matching what the user has typed so far, for autocomplete. */
export function suggestZones(input: string, limit = 25): string[] {
  const wanted = input.trim().toLowerCase().replace(/\s+/g, '_');
  if (wanted === '')
    return [
      'UTC',
      'Asia/Shanghai',
      'Europe/Berlin',
      'America/New_York',
      'Europe/London',
      'Asia/Tokyo',
      'America/Los_Angeles',
    ].slice(0, limit);
  const starts = ZONES.filter(
    (z) => z.toLowerCase().startsWith(wanted) || z.toLowerCase().split('/').pop()!.startsWith(wanted),
  );
  const contains = ZONES.filter((z) => !starts.includes(z) && z.toLowerCase().includes(wanted));
  if (starts.length + contains.length > 0 || wanted.length < 4)
    return [...starts, ...contains].slice(0, limit);
  // A typo in the city ("berln", "shanghia"): the closest cities by spelling.
  const city = (z: string) => z.toLowerCase().split('/').pop()!;
  return ZONES.map((z) => ({ z, d: editDistance(city(z).slice(0, wanted.length + 1), wanted, 2) }))
    .filter(({ d }) => d <= 2)
    .sort((a, b) => a.d - b.d)
    .map(({ z }) => z)
    .slice(0, limit);
}
