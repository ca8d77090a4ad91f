/**
 * Checks what someone typed (or picked in the Home tab's form) for a schedule, one field at a time, each
 * refusal saying what is wrong with an example. The Slack form shows a refusal under its field.
 */
import type { Bilingual } from '../content/schema.js';
import { echo } from '../core/parse.js';
import { DAYS_EXAMPLE, parseDays } from './days.js';
import type { Weekday } from './store.js';
import { canonicalZone, parseTime } from './time.js';

export type Field = 'channel' | 'time' | 'zone' | 'days' | 'mention';
export type Checked<T> = { ok: true; value: T } | { ok: false; field: Field; message: Bilingual };

export const TIME_EXAMPLE: Bilingual = {
  en: 'Use 24-hour HH:MM, for example `09:00` or `18:30`.',
  zh: '请使用24小时制 HH:MM,例如 `09:00` 或 `18:30`。',
};
export const ZONE_EXAMPLE: Bilingual = {
  en: 'Use an IANA time zone, for example `Europe/Berlin`, `Asia/Shanghai` or `America/New_York`.',
  zh: '请使用 IANA 时区名,例如 `Asia/Shanghai`、`Europe/Berlin` 或 `America/New_York`。',
};

export function checkTime(text: string | undefined): Checked<string> {
  const time = parseTime(text ?? '');
  if (time) return { ok: true, value: time };
  return {
    ok: false,
    field: 'time',
    message: {
      en: `"${echo(text ?? '')}" is not a time. ${TIME_EXAMPLE.en}`,
      zh: `“${echo(text ?? '')}”不是有效时间。${TIME_EXAMPLE.zh}`,
    },
  };
}

export function checkZone(text: string | undefined): Checked<string> {
  const zone = canonicalZone(text ?? '');
  if (zone) return { ok: true, value: zone };
  return {
    ok: false,
    field: 'zone',
    message: {
      en: `"${echo(text ?? '')}" is not a time zone I know. ${ZONE_EXAMPLE.en}`,
      zh: `无法识别时区“${echo(text ?? '')}”。${ZONE_EXAMPLE.zh}`,
    },
  };
}

/** Absent: every day. */
export function checkDays(text: string | undefined): Checked<Weekday[]> {
  if (text === undefined) return { ok: true, value: [] };
  const days = parseDays(text);
  if (days) return { ok: true, value: days };
  return {
    ok: false,
    field: 'days',
    message: {
      en: `"${echo(text)}" is not a list of days. ${DAYS_EXAMPLE.en}`,
      zh: `“${echo(text)}”不是有效的星期列表。${DAYS_EXAMPLE.zh}`,
    },
  };
}

/** Time, zone and days together: the first refusal, or all three. */
export function checkWhen(input: {
  time?: string | undefined;
  zone?: string | undefined;
  days?: string | undefined;
}): Checked<{ time: string; zone: string; days: Weekday[] }> {
  const time = checkTime(input.time);
  if (!time.ok) return time;
  const zone = checkZone(input.zone);
  if (!zone.ok) return zone;
  const days = checkDays(input.days);
  if (!days.ok) return days;
  return { ok: true, value: { time: time.value, zone: zone.value, days: days.value } };
}
