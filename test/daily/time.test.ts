import { describe, expect, it } from 'vitest';
import {
  addDays,
  canonicalZone,
  localParts,
  nextOccurrence,
  parseTime,
  scheduledInstant,
} from '../../src/daily/time.js';

const iso = (t: number) => new Date(t).toISOString();

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
