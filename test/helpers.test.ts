/**
 * The helpers other tests build due times with must hold at every hour of the day, or a test passes in the
 * morning and fails after noon UTC.
 */
import { describe, expect, it } from 'vitest';
import { canonicalZone, localParts } from '../src/daily/time.js';
import { dueAMinuteAgo } from './helpers.js';

describe('dueAMinuteAgo', () => {
  it('gives, at every UTC hour, a zone the bot stores under the same name and a time one minute ago there', () => {
    const day = Date.parse('2026-11-29T00:30:00Z');
    for (let hour = 0; hour < 24; hour++) {
      const now = day + hour * 3_600_000;
      const { time, zone } = dueAMinuteAgo(now);
      expect(canonicalZone(zone), `${hour}:30 UTC`).toBe(zone);
      const local = localParts(now - 60_000, zone);
      expect(`${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`).toBe(time);
    }
  });
});
