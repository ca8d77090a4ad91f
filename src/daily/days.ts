/**
 * Which local weekdays a schedule posts on, as people type them: `every day`, `weekdays`, `weekends`, lists
 * (`mon,wed,fri`), ranges (`mon-fri`, `fri-mon`), full names and Chinese (`工作日`, `周一至周五`). Stored as a
 * list of weekdays; an empty list (or all seven) means every day.
 */
import type { Bilingual } from '../content/schema.js';
import { WEEKDAYS, type Weekday } from './store.js';

const NAMES: Record<string, Weekday> = {
  mon: 'mon',
  monday: 'mon',
  tue: 'tue',
  tues: 'tue',
  tuesday: 'tue',
  wed: 'wed',
  weds: 'wed',
  wednesday: 'wed',
  thu: 'thu',
  thur: 'thu',
  thurs: 'thu',
  thursday: 'thu',
  fri: 'fri',
  friday: 'fri',
  sat: 'sat',
  saturday: 'sat',
  sun: 'sun',
  sunday: 'sun',
};
const ZH_DAYS = '一二三四五六日';
const WEEKDAY_SET: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const WEEKEND_SET: Weekday[] = ['sat', 'sun'];
const EVERY_DAY = new Set(['every', 'everyday', 'every-day', 'every day', 'daily', 'all', '每天', '每日']);
const WORKDAYS = new Set(['weekdays', 'weekday', 'workdays', 'mon-fri', '工作日']);
const WEEKENDS = new Set(['weekends', 'weekend', 'sat-sun', '周末']);

export const DAYS_EXAMPLE: Bilingual = {
  en: 'Use `every day`, `weekdays`, `weekends`, or days such as `mon,wed,fri` or `mon-fri`.',
  zh: '可用 `every day`(每天)、`weekdays`(工作日)、`weekends`(周末),或 `mon,wed,fri`、`mon-fri` 这样的星期。',
};

function day(word: string): Weekday | undefined {
  const w = word.trim().toLowerCase().replace(/\.$/, '');
  if (NAMES[w]) return NAMES[w];
  // 周一, 星期三, 礼拜五, 周日/周天
  const zh = /^(?:周|星期|礼拜)([一二三四五六日天])$/.exec(w);
  if (zh) return WEEKDAYS[ZH_DAYS.indexOf(zh[1] === '天' ? '日' : zh[1]!)];
  return undefined;
}

/** The weekdays of a range, wrapping past Sunday (`fri-mon` is Friday to Monday). */
function range(from: Weekday, to: Weekday): Weekday[] {
  const out: Weekday[] = [];
  for (let i = WEEKDAYS.indexOf(from); ; i = (i + 1) % 7) {
    out.push(WEEKDAYS[i]!);
    if (WEEKDAYS[i] === to) return out;
  }
}

/** Weekdays in calendar order; all seven become the empty list (every day). */
export function normalizeDays(days: readonly Weekday[]): Weekday[] {
  const sorted = WEEKDAYS.filter((d) => days.includes(d));
  return sorted.length === 7 ? [] : sorted;
}

/** The weekdays typed, or undefined when the text is not a list of days. */
export function parseDays(text: string): Weekday[] | undefined {
  // Spaces around a range's dash are the range's own ("mon - fri", "周一 至 周五"), not between two days.
  const t = text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/ ?([-–~至到]) ?/g, '$1');
  if (t === '') return undefined;
  if (EVERY_DAY.has(t)) return [];
  if (WORKDAYS.has(t)) return WEEKDAY_SET;
  if (WEEKENDS.has(t)) return WEEKEND_SET;
  const days: Weekday[] = [];
  for (const part of t.split(/[,,、\s]+|\band\b/).filter(Boolean)) {
    if (WORKDAYS.has(part)) days.push(...WEEKDAY_SET);
    else if (WEEKENDS.has(part)) days.push(...WEEKEND_SET);
    else if (/[-–~至到]/.test(part)) {
      const [a, b, ...more] = part.split(/[-–~至到]/);
      const from = day(a ?? '');
      const to = day(b ?? '');
      if (!from || !to || more.length > 0) return undefined;
      days.push(...range(from, to));
    } else {
      const d = day(part);
      if (!d) return undefined;
      days.push(d);
    }
  }
  return normalizeDays(days);
}

const SHORT: Record<Weekday, Bilingual> = {
  mon: { en: 'Mon', zh: '周一' },
  tue: { en: 'Tue', zh: '周二' },
  wed: { en: 'Wed', zh: '周三' },
  thu: { en: 'Thu', zh: '周四' },
  fri: { en: 'Fri', zh: '周五' },
  sat: { en: 'Sat', zh: '周六' },
  sun: { en: 'Sun', zh: '周日' },
};

/** "every day", "weekdays (Mon–Fri)", "weekends", "Mon, Wed, Fri". */
export function describeDays(days: readonly Weekday[]): Bilingual {
  const d = normalizeDays(days);
  if (d.length === 0) return { en: 'every day', zh: '每天' };
  if (d.join() === WEEKDAY_SET.join()) return { en: 'weekdays (Mon–Fri)', zh: '工作日(周一至周五)' };
  if (d.join() === WEEKEND_SET.join()) return { en: 'weekends', zh: '周末' };
  return { en: d.map((x) => SHORT[x].en).join(', '), zh: d.map((x) => SHORT[x].zh).join('、') };
}

/** The compact form a typed list is normalised to (`mon,wed,fri`), or the named sets. */
export function daysValue(days: readonly Weekday[]): string {
  const d = normalizeDays(days);
  if (d.length === 0) return 'every day';
  if (d.join() === WEEKDAY_SET.join()) return 'weekdays';
  if (d.join() === WEEKEND_SET.join()) return 'weekends';
  return d.join(',');
}

/** Autocomplete for a days option: the named sets first, then what is typed, read back in words. */
export function suggestDays(input: string): { name: string; value: string }[] {
  const named = [
    { name: 'Every day · 每天', value: 'every day' },
    { name: 'Weekdays (Mon–Fri) · 工作日', value: 'weekdays' },
    { name: 'Weekends (Sat, Sun) · 周末', value: 'weekends' },
  ];
  const typed = input.trim();
  if (typed === '') return [...named, { name: 'Mon, Wed, Fri · 周一、周三、周五', value: 'mon,wed,fri' }];
  const parsed = parseDays(typed);
  const starts = named.filter((n) => n.value.startsWith(typed.toLowerCase()) || n.name.includes(typed));
  if (!parsed) return starts;
  const value = daysValue(parsed);
  const { en, zh } = describeDays(parsed);
  return [{ name: `${en} · ${zh}`, value }, ...starts.filter((n) => n.value !== value)];
}
