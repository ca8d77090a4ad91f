import { describe, expect, it } from 'vitest';
import type { Weekday } from '../../src/daily/store.js';
import {
  addDays,
  canonicalZone,
  formatInZone,
  localDate,
  localParts,
  nextDue,
  nextOccurrence,
  parseTime,
  postsOn,
  scheduledInstant,
  suggestZones,
  weekdayOf,
} from '../../src/daily/time.js';

const iso = (t: number) => new Date(t).toISOString();
const at = (utc: string) => Date.parse(utc);
const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

describe('daily time', () => {
  it('puts 09:00 Berlin at 08:00 UTC in winter and 07:00 UTC in summer, across both changes', () => {
    expect(iso(scheduledInstant('2026-03-28', '09:00', 'Europe/Berlin'))).toBe('2026-03-28T08:00:00.000Z');
    expect(iso(scheduledInstant('2026-03-29', '09:00', 'Europe/Berlin'))).toBe('2026-03-29T07:00:00.000Z');
    expect(iso(scheduledInstant('2026-10-24', '09:00', 'Europe/Berlin'))).toBe('2026-10-24T07:00:00.000Z');
    expect(iso(scheduledInstant('2026-10-25', '09:00', 'Europe/Berlin'))).toBe('2026-10-25T08:00:00.000Z');
  });

  it('does the same for New York', () => {
    expect(iso(scheduledInstant('2026-03-07', '09:00', 'America/New_York'))).toBe('2026-03-07T14:00:00.000Z');
    expect(iso(scheduledInstant('2026-03-08', '09:00', 'America/New_York'))).toBe('2026-03-08T13:00:00.000Z');
    expect(iso(scheduledInstant('2026-11-01', '09:00', 'America/New_York'))).toBe('2026-11-01T14:00:00.000Z');
  });

  it('moves a time that does not exist on a spring-forward day to the next valid minute', () => {
    expect(iso(scheduledInstant('2026-03-29', '02:30', 'Europe/Berlin'))).toBe('2026-03-29T01:00:00.000Z');
    expect(localParts(scheduledInstant('2026-03-29', '02:30', 'Europe/Berlin'), 'Europe/Berlin')).toEqual({
      date: '2026-03-29',
      hour: 3,
      minute: 0,
    });
    expect(iso(scheduledInstant('2026-03-08', '02:15', 'America/New_York'))).toBe('2026-03-08T07:00:00.000Z');
  });

  it('posts a repeated fall-back time once, on its local day', () => {
    const t = scheduledInstant('2026-11-01', '01:30', 'America/New_York');
    expect(localParts(t, 'America/New_York')).toEqual({ date: '2026-11-01', hour: 1, minute: 30 });
  });

  it('handles zones far from UTC', () => {
    expect(
      localParts(scheduledInstant('2026-11-28', '00:00', 'Pacific/Kiritimati'), 'Pacific/Kiritimati').date,
    ).toBe('2026-11-28');
    expect(
      localParts(scheduledInstant('2026-11-28', '23:59', 'Pacific/Pago_Pago'), 'Pacific/Pago_Pago').date,
    ).toBe('2026-11-28');
  });

  it('finds the next occurrence today or tomorrow', () => {
    expect(iso(nextOccurrence(Date.parse('2026-11-28T07:00:00Z'), '09:00', 'Europe/Berlin'))).toBe(
      '2026-11-28T08:00:00.000Z',
    );
    expect(iso(nextOccurrence(Date.parse('2026-11-28T08:00:01Z'), '09:00', 'Europe/Berlin'))).toBe(
      '2026-11-29T08:00:00.000Z',
    );
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('validates times and zones', () => {
    expect(parseTime('9:05')).toBe('09:05');
    for (const bad of ['24:00', '9', '09:60', 'nine', '', '09:00pm']) expect(parseTime(bad)).toBeUndefined();
    expect(canonicalZone('asia/shanghai')).toBe('Asia/Shanghai');
    for (const bad of ['Mars/Olympus', 'CET; drop table', '', '../etc'])
      expect(canonicalZone(bad)).toBeUndefined();
  });
});

describe('schedules whose local date is not the UTC date', () => {
  // Each row: a local date and time, and the instant it falls on, on both sides of each DST change.
  it.each([
    ['Pacific/Auckland', '2026-09-26', '08:00', '2026-09-25T20:00:00.000Z'],
    ['Pacific/Auckland', '2026-09-27', '08:00', '2026-09-26T19:00:00.000Z'],
    ['Pacific/Auckland', '2026-04-04', '08:00', '2026-04-03T19:00:00.000Z'],
    ['Pacific/Auckland', '2026-04-05', '08:00', '2026-04-04T20:00:00.000Z'],
    ['America/Los_Angeles', '2026-03-07', '20:00', '2026-03-08T04:00:00.000Z'],
    ['America/Los_Angeles', '2026-03-08', '20:00', '2026-03-09T03:00:00.000Z'],
    ['America/Los_Angeles', '2026-10-31', '20:00', '2026-11-01T03:00:00.000Z'],
    ['America/Los_Angeles', '2026-11-01', '20:00', '2026-11-02T04:00:00.000Z'],
    ['Pacific/Kiritimati', '2026-11-28', '08:00', '2026-11-27T18:00:00.000Z'],
    ['Asia/Kathmandu', '2026-11-28', '05:00', '2026-11-27T23:15:00.000Z'],
    ['Australia/Adelaide', '2026-10-03', '09:00', '2026-10-02T23:30:00.000Z'],
    ['Australia/Adelaide', '2026-10-04', '09:00', '2026-10-03T22:30:00.000Z'],
    ['Australia/Adelaide', '2026-04-04', '09:00', '2026-04-03T22:30:00.000Z'],
    ['Australia/Adelaide', '2026-04-05', '09:00', '2026-04-04T23:30:00.000Z'],
  ])('%s: %s %s is %s', (zone, date, time, utc) => {
    const instant = scheduledInstant(date, time, zone);
    expect(iso(instant)).toBe(utc);
    expect(localDate(instant, zone)).toBe(date);
    expect(localDate(instant, 'UTC')).not.toBe(date);
  });

  it.each([
    ['Pacific/Auckland', '2026-09-27', '02:30', '2026-09-26T14:00:00.000Z'],
    ['Australia/Adelaide', '2026-10-04', '02:15', '2026-10-03T16:30:00.000Z'],
    ['America/Los_Angeles', '2026-03-08', '02:30', '2026-03-08T10:00:00.000Z'],
    // Lord Howe Island moves by half an hour: 02:00 becomes 02:30, so 02:15 becomes 02:30.
    ['Australia/Lord_Howe', '2026-10-04', '02:15', '2026-10-03T15:30:00.000Z'],
    // Chile springs forward at midnight: the skipped hour starts the day, so 00:30 becomes 01:00.
    ['America/Santiago', '2026-09-06', '00:30', '2026-09-06T04:00:00.000Z'],
  ])(
    '%s: %s %s, skipped by the spring change, posts at the first minute after the gap (%s)',
    (zone, date, time, utc) => {
      const instant = scheduledInstant(date, time, zone);
      expect(iso(instant)).toBe(utc);
      expect(localParts(instant, zone).date).toBe(date);
    },
  );

  it.each([
    ['Pacific/Auckland', '2026-04-05', '02:30'],
    ['Australia/Adelaide', '2026-04-05', '02:30'],
    ['America/Los_Angeles', '2026-11-01', '01:30'],
    ['America/Santiago', '2026-04-05', '00:30'],
    ['Australia/Lord_Howe', '2026-04-05', '01:45'],
  ])('%s: %s %s, repeated by the autumn change, posts once on its day', (zone, date, time) => {
    const instant = scheduledInstant(date, time, zone);
    const [hour, minute] = time.split(':').map(Number);
    expect(localParts(instant, zone)).toEqual({ date, hour, minute });
  });

  it.each([
    // Los Angeles 20:00: at 03:30 UTC it is still 19:30 the day before there.
    ['America/Los_Angeles', '20:00', '2026-11-29T03:30:00Z', '2026-11-29T04:00:00.000Z'],
    ['America/Los_Angeles', '20:00', '2026-11-29T04:30:00Z', '2026-11-30T04:00:00.000Z'],
    // Auckland 08:00: at 18:30 UTC it is already 07:30 the next day there.
    ['Pacific/Auckland', '08:00', '2026-11-27T18:30:00Z', '2026-11-27T19:00:00.000Z'],
    ['Pacific/Auckland', '08:00', '2026-11-27T23:59:00Z', '2026-11-28T19:00:00.000Z'],
    ['Pacific/Kiritimati', '08:00', '2026-11-27T23:30:00Z', '2026-11-28T18:00:00.000Z'],
    // At its very minute, a time is still due (at or after now).
    ['Asia/Kathmandu', '05:00', '2026-11-27T23:15:00Z', '2026-11-27T23:15:00.000Z'],
    ['Asia/Kathmandu', '05:00', '2026-11-27T23:16:00Z', '2026-11-28T23:15:00.000Z'],
    // Across the spring change: today's 09:00 (ACST) has passed; tomorrow's (ACDT) is an hour earlier in UTC.
    ['Australia/Adelaide', '09:00', '2026-10-03T00:00:00Z', '2026-10-03T22:30:00.000Z'],
    // Across the autumn change: Saturday evening in Los Angeles is Sunday in UTC.
    ['America/Los_Angeles', '20:00', '2026-11-01T03:00:01Z', '2026-11-02T04:00:00.000Z'],
  ])('%s %s: after %s, next at %s', (zone, time, now, next) => {
    expect(iso(nextOccurrence(at(now), time, zone))).toBe(next);
    expect(iso(nextDue(at(now), time, zone))).toBe(next);
  });

  it('goes by the local weekday, not the UTC one', () => {
    // Saturday 08:30 in Auckland is still Friday in UTC: the next weekday post is Monday's.
    expect(iso(nextDue(at('2026-11-27T19:30:00Z'), '08:00', 'Pacific/Auckland', WEEKDAYS))).toBe(
      '2026-11-29T19:00:00.000Z',
    );
    // Friday 19:30 in Los Angeles is already Saturday in UTC: Friday's post is still due.
    expect(iso(nextDue(at('2026-11-28T03:30:00Z'), '20:00', 'America/Los_Angeles', WEEKDAYS))).toBe(
      '2026-11-28T04:00:00.000Z',
    );
    expect(iso(nextDue(at('2026-11-28T04:00:00Z'), '20:00', 'America/Los_Angeles', WEEKDAYS))).toBe(
      '2026-11-28T04:00:00.000Z',
    );
  });
});

describe('days a schedule posts on', () => {
  it('names the weekday of a date', () => {
    expect(['2026-11-23', '2026-11-27', '2026-11-28', '2026-11-29', '2024-02-29'].map(weekdayOf)).toEqual([
      'mon',
      'fri',
      'sat',
      'sun',
      'thu',
    ]);
  });

  it('posts every day without days, otherwise only on them', () => {
    expect(postsOn([], '2026-11-28')).toBe(true);
    expect(postsOn(['sat', 'sun'], '2026-11-28')).toBe(true);
    expect(postsOn(['sat', 'sun'], '2026-11-27')).toBe(false);
  });

  it('skips to the next day it posts on, a week ahead at most', () => {
    // Monday 10:00 in Berlin, after its 09:00: the next Monday-only post is a week away.
    expect(iso(nextDue(at('2026-11-23T09:00:00Z'), '09:00', 'Europe/Berlin', ['mon']))).toBe(
      '2026-11-30T08:00:00.000Z',
    );
    // Friday after the post, weekdays only, over the spring change: Monday at 09:00 summer time.
    expect(iso(nextDue(at('2026-03-27T09:00:00Z'), '09:00', 'Europe/Berlin', WEEKDAYS))).toBe(
      '2026-03-30T07:00:00.000Z',
    );
  });

  it('never comes for a schedule whose days match no weekday', () => {
    expect(nextDue(at('2026-11-23T09:00:00Z'), '09:00', 'UTC', ['someday' as Weekday])).toBe(
      Number.POSITIVE_INFINITY,
    );
  });
});

describe('times as people read them', () => {
  it('labels an instant with its local date, time and zone name', () => {
    const t = at('2026-03-29T07:05:00Z');
    expect(formatInZone(t, 'Europe/Berlin')).toBe('2026-03-29 09:05 GMT+2');
    expect(formatInZone(t, 'America/New_York')).toBe('2026-03-29 03:05 EDT');
    expect(formatInZone(t, 'Asia/Kathmandu')).toBe('2026-03-29 12:50 GMT+5:45');
    expect(formatInZone(t, 'UTC')).toBe('2026-03-29 07:05 UTC');
  });

  it('reads times strictly: no stray characters before or after', () => {
    expect(parseTime(' 23:59 ')).toBe('23:59');
    expect(parseTime('00:00')).toBe('00:00');
    expect(parseTime('19:30')).toBe('19:30');
    for (const bad of ['109:05', '09:051', '9:5', '-9:05', '29:00']) expect(parseTime(bad)).toBeUndefined();
  });

  it('knows zones with signs, digits and dashes in their names', () => {
    expect(canonicalZone(' Etc/GMT+5 ')).toBe('Etc/GMT+5');
    expect(canonicalZone('etc/gmt-14')).toBe('Etc/GMT-14');
    expect(canonicalZone('America/Port-au-Prince')).toBe('America/Port-au-Prince');
    expect(canonicalZone('utc')).toBe('UTC');
    for (const bad of ['5Europe/Berlin', '+05:00', 'Europe/Berlin!', 'Europe Berlin'])
      expect(canonicalZone(bad)).toBeUndefined();
  });
});

describe('suggesting zones while someone types', () => {
  it('offers common zones for nothing typed, up to the limit', () => {
    expect(suggestZones('')).toEqual([
      'UTC',
      'Asia/Shanghai',
      'Europe/Berlin',
      'America/New_York',
      'Europe/London',
      'Asia/Tokyo',
      'America/Los_Angeles',
    ]);
    expect(suggestZones('  ', 2)).toEqual(['UTC', 'Asia/Shanghai']);
  });

  it('matches the zone or its city from the start, spaces as underscores, in any case', () => {
    expect(suggestZones('Europe/Ber')).toEqual(['Europe/Berlin']);
    expect(suggestZones('BERL')).toEqual(['Europe/Berlin']);
    expect(suggestZones('los angeles')).toEqual(['America/Los_Angeles']);
    expect(suggestZones('auckland')).toEqual(['Pacific/Auckland']);
    expect(suggestZones('America/New  York')).toEqual(['America/New_York']);
  });

  it('finds a zone by a part of its city', () => {
    expect(suggestZones('york')).toEqual(['America/New_York']);
  });

  it('lists zones whose region starts with the text in their order, with cities that start with it', () => {
    expect(suggestZones('as', 4)).toEqual(['Africa/Asmara', 'America/Asuncion', 'Asia/Aden', 'Asia/Almaty']);
  });

  it('puts names that start with the text before those that only contain it', () => {
    expect(suggestZones('lon')).toEqual([
      'Arctic/Longyearbyen',
      'Europe/London',
      'America/Blanc-Sablon',
      'America/Miquelon',
    ]);
    expect(suggestZones('lon', 2)).toEqual(['Arctic/Longyearbyen', 'Europe/London']);
  });

  it('names zones as they are called today, whichever name is typed', () => {
    expect(canonicalZone('Europe/Kiev')).toBe('Europe/Kyiv');
    expect(canonicalZone('europe/kyiv')).toBe('Europe/Kyiv');
    expect(canonicalZone('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(canonicalZone('asia/saigon')).toBe('Asia/Ho_Chi_Minh');
    expect(suggestZones('kyiv')).toEqual(['Europe/Kyiv']);
    expect(suggestZones('kolkata')).toEqual(['Asia/Kolkata']);
    expect(suggestZones('calcutta')).toEqual([]);
    // The current name is the one stored, and Intl keeps reading it as the same zone.
    expect(formatInZone(Date.parse('2026-07-01T12:00:00Z'), canonicalZone('Europe/Kiev')!)).toBe(
      '2026-07-01 15:00 GMT+3',
    );
  });

  it('finds a city typed with a slip, but not from a short fragment', () => {
    expect(suggestZones('berln')).toEqual(['Europe/Berlin']);
    expect(suggestZones('shanghia')).toEqual(['Asia/Shanghai']);
    expect(suggestZones('torronto')).toEqual(['America/Toronto']);
    expect(suggestZones('pars')).toEqual(['Europe/Paris', 'America/Paramaribo', 'Europe/Warsaw']);
    expect(suggestZones('pars', 2)).toEqual(['Europe/Paris', 'America/Paramaribo']);
    // The closest first: Madrid is one swap away, Madeira two edits.
    expect(suggestZones('madird')).toEqual(['Europe/Madrid', 'Atlantic/Madeira']);
    // A slip in the first letters of a long name: compared with as many letters as were typed.
    expect(suggestZones('bueons')).toEqual(['America/Argentina/Buenos_Aires']);
    expect(suggestZones('bxr')).toEqual([]);
    expect(suggestZones('qqqqqqqq')).toEqual([]);
  });
});
