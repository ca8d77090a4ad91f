/**
 * What someone typed for a schedule, checked one field at a time: each refusal names its field and says what
 * is wrong with an example, in both languages.
 */
import { describe, expect, it } from 'vitest';
import { checkDays, checkTime, checkWhen, checkZone } from '../../src/daily/validate.js';

const TIME_EN = 'Use 24-hour HH:MM, for example `09:00` or `18:30`.';
const TIME_ZH = '请使用24小时制 HH:MM,例如 `09:00` 或 `18:30`。';
const ZONE_EN = 'Use an IANA time zone, for example `Europe/Berlin`, `Asia/Shanghai` or `America/New_York`.';
const ZONE_ZH = '请使用 IANA 时区名,例如 `Asia/Shanghai`、`Europe/Berlin` 或 `America/New_York`。';
const DAYS_EN = 'Use `every day`, `weekdays`, `weekends`, or days such as `mon,wed,fri` or `mon-fri`.';
const DAYS_ZH =
  '可用 `every day`(每天)、`weekdays`(工作日)、`weekends`(周末),或 `mon,wed,fri`、`mon-fri` 这样的星期。';

describe('checking a time', () => {
  it('accepts 24-hour HH:MM, written with or without the leading zero', () => {
    expect(checkTime('9:05')).toEqual({ ok: true, value: '09:05' });
    expect(checkTime(' 18:30 ')).toEqual({ ok: true, value: '18:30' });
  });

  it('refuses anything else, quoting it, with an example', () => {
    expect(checkTime('6pm')).toEqual({
      ok: false,
      field: 'time',
      message: { en: `"6pm" is not a time. ${TIME_EN}`, zh: `“6pm”不是有效时间。${TIME_ZH}` },
    });
  });

  it('refuses a missing time as an empty one', () => {
    expect(checkTime(undefined)).toEqual({
      ok: false,
      field: 'time',
      message: { en: `"" is not a time. ${TIME_EN}`, zh: `“”不是有效时间。${TIME_ZH}` },
    });
  });

  it('quotes a long entry cut short', () => {
    const checked = checkTime('x'.repeat(60));
    expect(checked.ok ? '' : checked.message.en).toBe(`"${'x'.repeat(39)}…" is not a time. ${TIME_EN}`);
  });
});

describe('checking a time zone', () => {
  it('accepts an IANA zone in any case, giving its canonical name', () => {
    expect(checkZone('europe/berlin')).toEqual({ ok: true, value: 'Europe/Berlin' });
  });

  it('refuses a zone it does not know, quoting it, with an example', () => {
    expect(checkZone('Mars/Olympus')).toEqual({
      ok: false,
      field: 'zone',
      message: {
        en: `"Mars/Olympus" is not a time zone I know. ${ZONE_EN}`,
        zh: `无法识别时区“Mars/Olympus”。${ZONE_ZH}`,
      },
    });
  });

  it('refuses a missing zone as an empty one', () => {
    expect(checkZone(undefined)).toEqual({
      ok: false,
      field: 'zone',
      message: { en: `"" is not a time zone I know. ${ZONE_EN}`, zh: `无法识别时区“”。${ZONE_ZH}` },
    });
  });
});

describe('checking days', () => {
  it('takes no days as every day, and reads a list', () => {
    expect(checkDays(undefined)).toEqual({ ok: true, value: [] });
    expect(checkDays('fri,mon')).toEqual({ ok: true, value: ['mon', 'fri'] });
  });

  it('refuses what is not a list of days, in both languages', () => {
    expect(checkDays('someday')).toEqual({
      ok: false,
      field: 'days',
      message: {
        en: `"someday" is not a list of days. ${DAYS_EN}`,
        zh: `“someday”不是有效的星期列表。${DAYS_ZH}`,
      },
    });
  });

  it('refuses an empty list rather than reading it as every day', () => {
    expect(checkDays('')).toMatchObject({ ok: false, field: 'days' });
  });
});

describe('checking time, zone and days together', () => {
  it('gives all three, normalised', () => {
    expect(checkWhen({ time: '7:00', zone: 'australia/adelaide', days: 'weekdays' })).toEqual({
      ok: true,
      value: { time: '07:00', zone: 'Australia/Adelaide', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
    });
    expect(checkWhen({ time: '07:00', zone: 'UTC' })).toEqual({
      ok: true,
      value: { time: '07:00', zone: 'UTC', days: [] },
    });
  });

  it('refuses the first bad field, in the order time, zone, days', () => {
    const field = (input: Parameters<typeof checkWhen>[0]) => {
      const checked = checkWhen(input);
      return checked.ok ? undefined : checked.field;
    };
    expect(field({ time: '25:00', zone: 'Mars/Olympus', days: 'someday' })).toBe('time');
    expect(field({ time: '09:00', zone: 'Mars/Olympus', days: 'someday' })).toBe('zone');
    expect(field({ time: '09:00', zone: 'UTC', days: 'someday' })).toBe('days');
  });

  it('passes the refusal on unchanged', () => {
    expect(checkWhen({ time: '09:00', zone: 'Mars/Olympus' })).toEqual(checkZone('Mars/Olympus'));
  });
});
