import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/parse.js';
import { daysValue, describeDays, normalizeDays, parseDays, suggestDays } from '../../src/daily/days.js';
import { checkDays } from '../../src/daily/validate.js';

describe('days as people type them', () => {
  it.each([
    ['every day', []],
    ['daily', []],
    ['weekdays', ['mon', 'tue', 'wed', 'thu', 'fri']],
    ['Weekends', ['sat', 'sun']],
    ['mon-fri', ['mon', 'tue', 'wed', 'thu', 'fri']],
    ['fri-mon', ['mon', 'fri', 'sat', 'sun']],
    ['mon,wed,fri', ['mon', 'wed', 'fri']],
    ['Monday, Wednesday and Friday', ['mon', 'wed', 'fri']],
    ['fri,mon,fri', ['mon', 'fri']],
    ['mon,tue,wed,thu,fri,sat,sun', []],
    ['工作日', ['mon', 'tue', 'wed', 'thu', 'fri']],
    ['周一至周五', ['mon', 'tue', 'wed', 'thu', 'fri']],
    ['周一、周三', ['mon', 'wed']],
    ['  Every   Day ', []],
    ['everyday', []],
    ['every-day', []],
    ['all', []],
    ['每天', []],
    ['每日', []],
    ['weekday', ['mon', 'tue', 'wed', 'thu', 'fri']],
    ['workdays', ['mon', 'tue', 'wed', 'thu', 'fri']],
    ['weekend', ['sat', 'sun']],
    ['sat-sun', ['sat', 'sun']],
    ['周末', ['sat', 'sun']],
    ['Tues. Thurs.', ['tue', 'thu']],
    ['tuesday thursday saturday', ['tue', 'thu', 'sat']],
    ['weds and thur', ['wed', 'thu']],
    ['weekdays, sat', ['mon', 'tue', 'wed', 'thu', 'fri', 'sat']],
    ['mon and weekends', ['mon', 'sat', 'sun']],
    ['weekend,weekday', []],
    ['sat–tue', ['mon', 'tue', 'sat', 'sun']],
    ['thu~fri', ['thu', 'fri']],
    ['wed-wed', ['wed']],
    ['mon - fri', ['mon', 'tue', 'wed', 'thu', 'fri']],
    ['周一 至 周五', ['mon', 'tue', 'wed', 'thu', 'fri']],
    ['mon – wed, fri', ['mon', 'tue', 'wed', 'fri']],
    ['星期三,礼拜五', ['wed', 'fri']],
    ['周日', ['sun']],
    ['周天', ['sun']],
    ['周五到周一', ['mon', 'fri', 'sat', 'sun']],
    ['周六至周日', ['sat', 'sun']],
  ])('reads %j', (text, days) => {
    expect(parseDays(text)).toEqual(days);
  });

  it.each([
    'mnday',
    'mon-',
    'mon-wed-fri',
    'someday',
    '',
    '  ',
    '-fri',
    'mon-funday',
    'funday-mon',
    '周八',
    'mon.fri',
    // A dot ends an abbreviation; inside a word it is a typo.
    'we.d',
    // "Next Monday" is a date, not a weekday it repeats on.
    '下周一',
    'xmon',
    'monx',
    '周一二',
  ])('refuses %j', (text) => {
    expect(parseDays(text)).toBeUndefined();
  });

  it('refuses a bad list with what to type instead', () => {
    const checked = checkDays('mon,funday');
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.field).toBe('days');
      expect(checked.message.en).toBe(
        '"mon,funday" is not a list of days. Use `every day`, `weekdays`, `weekends`, or days such as `mon,wed,fri` or `mon-fri`.',
      );
    }
  });

  it('says the days in words', () => {
    expect(describeDays([])).toEqual({ en: 'every day', zh: '每天' });
    expect(describeDays(['mon', 'tue', 'wed', 'thu', 'fri']).en).toBe('weekdays (Mon–Fri)');
    expect(describeDays(['sun', 'sat'])).toEqual({ en: 'weekends', zh: '周末' });
    expect(describeDays(['fri', 'mon'])).toEqual({ en: 'Mon, Fri', zh: '周一、周五' });
  });

  it('says every other list day by day, in calendar order, in both languages', () => {
    expect(describeDays(['mon', 'tue', 'wed', 'thu', 'fri'])).toEqual({
      en: 'weekdays (Mon–Fri)',
      zh: '工作日(周一至周五)',
    });
    expect(describeDays(['sun', 'sat', 'thu', 'wed', 'tue'])).toEqual({
      en: 'Tue, Wed, Thu, Sat, Sun',
      zh: '周二、周三、周四、周六、周日',
    });
    expect(describeDays(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])).toEqual({
      en: 'every day',
      zh: '每天',
    });
    expect(describeDays(['mon', 'tue', 'wed', 'thu'])).toEqual({
      en: 'Mon, Tue, Wed, Thu',
      zh: '周一、周二、周三、周四',
    });
    expect(describeDays(['sat'])).toEqual({ en: 'Sat', zh: '周六' });
  });

  it('keeps days in calendar order, once each, and all seven as every day', () => {
    expect(normalizeDays(['sun', 'mon', 'sun'])).toEqual(['mon', 'sun']);
    expect(normalizeDays(['sun', 'sat', 'fri', 'thu', 'wed', 'tue', 'mon'])).toEqual([]);
    expect(normalizeDays([])).toEqual([]);
  });

  it('writes days back in their compact form', () => {
    expect(daysValue([])).toBe('every day');
    expect(daysValue(['fri', 'thu', 'wed', 'tue', 'mon'])).toBe('weekdays');
    expect(daysValue(['sun', 'sat'])).toBe('weekends');
    expect(daysValue(['fri', 'mon', 'wed'])).toBe('mon,wed,fri');
    expect(daysValue(['sat'])).toBe('sat');
  });

  it('autocompletes: the named sets first, then a typed list read back', () => {
    expect(suggestDays('')).toEqual([
      { name: 'Every day · 每天', value: 'every day' },
      { name: 'Weekdays (Mon–Fri) · 工作日', value: 'weekdays' },
      { name: 'Weekends (Sat, Sun) · 周末', value: 'weekends' },
      { name: 'Mon, Wed, Fri · 周一、周三、周五', value: 'mon,wed,fri' },
    ]);
    expect(suggestDays('we').map((c) => c.value)).toEqual(['weekdays', 'weekends']);
    expect(suggestDays('fri, mon')).toEqual([{ name: 'Mon, Fri · 周一、周五', value: 'mon,fri' }]);
    expect(suggestDays('mon-fri')[0]).toEqual({
      name: 'weekdays (Mon–Fri) · 工作日(周一至周五)',
      value: 'weekdays',
    });
    expect(suggestDays('xyz')).toEqual([]);
    expect(suggestDays('  ')).toHaveLength(4);
  });

  it('autocompletes a typed set once, read back, and finds named sets by either language', () => {
    expect(suggestDays('weekdays')).toEqual([
      { name: 'weekdays (Mon–Fri) · 工作日(周一至周五)', value: 'weekdays' },
    ]);
    expect(suggestDays('Ever')).toEqual([{ name: 'Every day · 每天', value: 'every day' }]);
    expect(suggestDays('every day')).toEqual([{ name: 'every day · 每天', value: 'every day' }]);
    expect(suggestDays('工作')).toEqual([{ name: 'Weekdays (Mon–Fri) · 工作日', value: 'weekdays' }]);
    expect(suggestDays('周末')).toEqual([{ name: 'weekends · 周末', value: 'weekends' }]);
    expect(suggestDays('sat')).toEqual([{ name: 'Sat · 周六', value: 'sat' }]);
  });

  it('autocompletes a typed day, then the named set whose name has it', () => {
    expect(suggestDays('Mon')).toEqual([
      { name: 'Mon · 周一', value: 'mon' },
      { name: 'Weekdays (Mon–Fri) · 工作日', value: 'weekdays' },
    ]);
    expect(suggestDays('Sun')).toEqual([
      { name: 'Sun · 周日', value: 'sun' },
      { name: 'Weekends (Sat, Sun) · 周末', value: 'weekends' },
    ]);
  });
});

describe('the text form of the new daily options', () => {
  const parse = (text: string) => {
    const parsed = parseCommand(text);
    if (!parsed.ok) throw new Error(parsed.message.en);
    return parsed.request;
  };

  it('reads --days, --thread and --mention on daily set', () => {
    expect(
      parse(
        'daily set <#C0123ABCD|news> 09:00 Europe/Berlin --days mon-fri --thread --mention <!subteam^S0123|@ai>',
      ),
    ).toEqual({
      sub: 'daily',
      lang: 'both',
      action: 'set',
      channel: 'C0123ABCD',
      time: '09:00',
      zone: 'Europe/Berlin',
      days: 'mon-fri',
      thread: true,
      mention: '<!subteam^S0123|@ai>',
    });
    expect(parse('daily set <#C0123ABCD> 09:00 UTC --days every day')).toMatchObject({ days: 'every day' });
    expect(parse('daily set <#C0123ABCD> 09:00 UTC weekdays')).toMatchObject({
      days: 'weekdays',
      zone: 'UTC',
    });
  });

  it('reads daily me with days and a language in any order, and daily me off', () => {
    expect(parse('daily me 08:00 Asia/Shanghai mon-fri zh')).toEqual({
      sub: 'daily',
      lang: 'zh',
      action: 'me',
      time: '08:00',
      zone: 'Asia/Shanghai',
      days: 'mon-fri',
    });
    expect(parse('daily me weekends 07:30 Europe/Paris')).toMatchObject({ days: 'weekends', time: '07:30' });
    expect(parse('daily me off')).toEqual({ sub: 'daily', lang: 'both', action: 'me', off: true });
  });

  it('keeps words it cannot place, for the service to refuse', () => {
    expect(parse('daily set <#C0123ABCD> 09:00 Europe/Berlin weekdays extra words')).toMatchObject({
      days: 'weekdays',
      extra: 'extra words',
    });
    expect(parse('daily set <#C0123ABCD> 09:00 Europe/Berlin mnday')).toMatchObject({ days: 'mnday' });
  });

  it('refuses the flags where they do not apply', () => {
    const refused = (text: string) => {
      const parsed = parseCommand(text);
      return parsed.ok ? undefined : parsed.message.en;
    };
    expect(refused('quote --thread')).toBe('`--thread` applies to `daily` only.');
    expect(refused('daily me 08:00 UTC --thread')).toBe('`--thread` applies to `daily set` only.');
    expect(refused('daily status --days weekdays')).toBe('`--days` applies to `daily set`, `daily me` only.');
    expect(refused('daily set <#C0123ABCD> 09:00 UTC --mention')).toContain('`--mention` needs a user group');
  });

  it('reads lang zh|en|both|reset, answering in the chosen language', () => {
    expect(parse('lang zh')).toEqual({ sub: 'lang', lang: 'zh', set: 'zh' });
    expect(parse('lang reset')).toEqual({ sub: 'lang', lang: 'both', set: 'reset' });
    expect(parse('lang')).toEqual({ sub: 'lang', lang: 'both' });
    const bad = parseCommand('lang klingon');
    expect(bad.ok ? '' : bad.message.en).toBe(
      '`lang` takes zh, en, both or reset (you wrote “klingon”), e.g. `lang zh`.',
    );
  });
});
