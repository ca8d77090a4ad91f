/** `/talk daily set` and `daily off` through the service, with what the store holds afterwards. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Daily, makeDaily, NOW, say } from './service-fixture.js';

let d: Daily;
beforeEach(() => {
  d = makeDaily();
});
afterEach(() => d.store.close());

const nineUtc = { time: '09:00', zone: 'UTC' };

describe('daily set', () => {
  it('stores every setting with its owner and when it was set, and says when it next posts', async () => {
    const view = await d.daily(
      { action: 'set', channel: 'c1', time: '9:00', zone: 'europe/berlin', days: 'weekends', mention: 'r1' },
      d.ctx({ platform: 'slack', workspace: 'T1', user: 'U7' }),
    );
    expect(view).toMatchObject({
      kind: 'daily-changed',
      lang: 'en',
      change: 'set',
      channel: 'c1',
      target: 'channel',
      actions: [],
      schedule: {
        channel: 'c1',
        time: '09:00',
        zone: 'Europe/Berlin',
        days: ['sat', 'sun'],
        thread: false,
        mention: 'r1',
        next: { local: '2026-03-28 09:00 GMT+1', utc: '2026-03-28 08:00 UTC' },
      },
    });
    expect(say(view, 'zh')).toBe(
      '已为 #c1 设置每日要点:Europe/Berlin 09:00 · 周末 · 提及 @r1。下次发布:2026-03-28 09:00 GMT+1(2026-03-28 08:00 UTC)。',
    );
    expect(await d.store.getSchedule('slack:T1:c1')).toMatchObject({
      platform: 'slack',
      workspace: 'T1',
      channel: 'c1',
      time: '09:00',
      zone: 'Europe/Berlin',
      days: ['sat', 'sun'],
      lang: 'en',
      setBy: 'U7',
      source: 'command',
      thread: false,
      mention: 'r1',
      target: 'channel',
      activeFrom: NOW,
    });
  });

  it('keeps the language it was set in and opens threads only when asked', async () => {
    const asked: unknown[] = [];
    const c = d.ctx({
      checkChannel: async (channel, needs) => {
        asked.push([channel, needs]);
        return undefined;
      },
    });
    await d.daily({ action: 'set', channel: 'c1', ...nineUtc, lang: 'zh' }, c);
    await d.daily({ action: 'set', channel: 'c2', ...nineUtc, thread: true }, c);
    expect(asked).toEqual([
      ['c1', { thread: false }],
      ['c2', { thread: true }],
    ]);
    expect(await d.store.getSchedule('discord:g1:c1')).toMatchObject({ lang: 'zh', thread: false, days: [] });
    expect((await d.store.getSchedule('discord:g1:c1'))?.mention).toBeUndefined();
    expect(await d.store.getSchedule('discord:g1:c2')).toMatchObject({ lang: 'en', thread: true });
  });

  it('asks the platform about a mention only when there is one, and stores the id it resolves', async () => {
    const mentions: string[] = [];
    const c = d.ctx({
      checkMention: async (mention, channel) => {
        mentions.push(`${mention} in ${channel}`);
        return mention === '@ai'
          ? { id: 'S1' }
          : { problem: { en: 'No such group.', zh: '没有这个用户组。' } };
      },
    });
    await d.daily({ action: 'set', channel: 'c1', ...nineUtc }, c);
    await d.daily({ action: 'set', channel: 'c2', ...nineUtc, mention: '@ai' }, c);
    const refused = await d.daily({ action: 'set', channel: 'c3', ...nineUtc, mention: '@nobody' }, c);
    expect(mentions).toEqual(['@ai in c2', '@nobody in c3']);
    expect((await d.store.getSchedule('discord:g1:c2'))?.mention).toBe('S1');
    expect(refused).toMatchObject({ kind: 'error', code: 'bad-option', field: 'mention' });
    expect([say(refused), say(refused, 'zh')]).toEqual(['No such group.', '没有这个用户组。']);
    expect(await d.store.getSchedule('discord:g1:c3')).toBeUndefined();
  });

  it('refuses a channel it cannot post in, saying why under the channel field', async () => {
    const c = d.ctx({
      checkChannel: async (ch) => ({ en: `Invite me to ${ch}.`, zh: `请邀请我加入 ${ch}。` }),
    });
    const view = await d.daily({ action: 'set', channel: 'c1', ...nineUtc }, c);
    expect(view).toMatchObject({ kind: 'error', code: 'cannot-post', field: 'channel' });
    expect([say(view), say(view, 'zh')]).toEqual(['Invite me to c1.', '请邀请我加入 c1。']);
    expect(await d.store.listSchedules()).toEqual([]);
  });

  it.each([
    [{ time: '25:00', zone: 'UTC' }, 'time', '"25:00" is not a time.'],
    [{ time: '09:00', zone: 'Mars/Base' }, 'zone', '"Mars/Base" is not a time zone I know.'],
    [{ time: '09:00', zone: 'UTC', days: 'funday' }, 'days', '"funday" is not a list of days.'],
  ])('refuses a bad %o under its field (%s), storing nothing', async (when, field, words) => {
    const view = await d.daily({ action: 'set', channel: 'c1', ...when });
    expect(view).toMatchObject({ kind: 'error', code: 'bad-option', field });
    expect(say(view)).toContain(words);
    expect(await d.store.listSchedules()).toEqual([]);
  });

  it('asks for a channel when none is named', async () => {
    const view = await d.daily({ action: 'set', ...nineUtc });
    expect(view).toMatchObject({ kind: 'error', code: 'bad-option' });
    expect([say(view), say(view, 'zh')]).toEqual([
      'Name the channel to post in, e.g. `#ai-news`.',
      '请指定发布频道,例如 `#ai-news`。',
    ]);
    expect(await d.store.listSchedules()).toEqual([]);
  });
});

describe('who may change schedules', () => {
  it.each([
    [
      'discord',
      'Only members with the Manage Server permission can change daily takeaways.',
      '只有拥有“管理服务器”权限的成员才能修改每日要点。',
    ],
    [
      'slack',
      'Only workspace admins and owners (or users listed by the bot operator) can change daily takeaways.',
      '只有工作区管理员或所有者(或运营者指定的用户)才能修改每日要点。',
    ],
  ] as const)('on %s, refuses a member set, off and post-now, changing nothing', async (platform, en, zh) => {
    await d.saved('c1', { platform });
    const member = d.ctx({ platform, isAdmin: false });
    for (const request of [
      { action: 'set', channel: 'c2', ...nineUtc },
      { action: 'off', channel: 'c1' },
      { action: 'post-now', channel: 'c1' },
    ] as const) {
      const view = await d.daily(request, member);
      expect(view).toMatchObject({ kind: 'error', code: 'not-admin' });
      expect([say(view), say(view, 'zh')]).toEqual([en, zh]);
    }
    expect((await d.store.listSchedules()).map((s) => s.channel)).toEqual(['c1']);
    expect(d.poster.sent).toEqual([]);
    expect(d.service.refuseNonAdmin('en', d.ctx({ platform }))).toBeUndefined();
  });
});

describe('daily off', () => {
  it('stops the named channel only, keeping the others', async () => {
    for (const c of ['c1', 'c2', 'c3']) await d.saved(c);
    const view = await d.daily({ action: 'off', channel: 'c2' });
    expect(view).toEqual({
      kind: 'daily-changed',
      lang: 'en',
      change: 'off',
      channel: 'c2',
      target: 'channel',
      actions: [],
    });
    expect([say(view), say(view, 'zh')]).toEqual([
      'Daily takeaway stopped for #c2.',
      '已停止 #c2 的每日要点。',
    ]);
    expect((await d.store.listSchedules()).map((s) => s.channel)).toEqual(['c1', 'c3']);
  });

  it('stops the only channel schedule when none is named, leaving personal ones alone', async () => {
    await d.saved('c1');
    await d.saved('u2', { target: 'user', setBy: 'u2' });
    expect(await d.daily({ action: 'off' })).toMatchObject({ change: 'off', channel: 'c1' });
    expect((await d.store.listSchedules()).map((s) => s.channel)).toEqual(['u2']);
  });

  it('counts only this workspace’s channels on this platform', async () => {
    await d.saved('c1');
    await d.saved('c2', { workspace: 'g2' });
    await d.saved('c3', { platform: 'slack' });
    expect(await d.daily({ action: 'off' })).toMatchObject({ change: 'off', channel: 'c1' });
    expect((await d.store.listSchedules()).map((s) => s.channel)).toEqual(['c2', 'c3']);
  });

  it('asks which channel when several have schedules, listing ten and counting the rest', async () => {
    const channels = Array.from({ length: 12 }, (_, i) => `c${String(i + 1).padStart(2, '0')}`);
    for (const c of channels.slice(0, 10)) await d.saved(c);
    const ten = await d.daily({ action: 'off' });
    const listed = channels.slice(0, 10).map((c) => `#${c}`);
    expect(ten).toMatchObject({ kind: 'error', code: 'bad-option' });
    expect([say(ten), say(ten, 'zh')]).toEqual([
      `Several channels have daily takeaways; say which: ${listed.join(', ')}.`,
      `有多个频道设置了每日要点,请指定:${listed.join('、')}。`,
    ]);
    for (const c of channels.slice(10)) await d.saved(c);
    expect(say(await d.daily({ action: 'off' }))).toBe(
      `Several channels have daily takeaways; say which: ${listed.join(', ')} (+2).`,
    );
    expect(await d.store.listSchedules()).toHaveLength(12);
  });

  it('says there is nothing to stop for an unknown channel, even among several', async () => {
    await d
      .daily({ action: 'off' })
      .then((view) =>
        expect([say(view), say(view, 'zh')]).toEqual([
          'There is no daily takeaway to stop there.',
          '那里没有可停止的每日要点。',
        ]),
      );
    await d.saved('c1');
    await d.saved('c2');
    expect(await d.daily({ action: 'off', channel: 'c9' })).toMatchObject({ code: 'no-schedule' });
    expect(await d.store.listSchedules()).toHaveLength(2);
  });
});

describe('what the service answers before any action', () => {
  it.each([
    ['set', 'daily set #channel 09:00 Europe/Berlin --days mon-fri'],
    ['me', 'daily me 08:00 Asia/Shanghai weekdays'],
  ] as const)('refuses stray words after %s with an example, storing nothing', async (action, usage) => {
    const view = await d.daily({ action, channel: 'c1', ...nineUtc, extra: 'please now' });
    expect(view).toMatchObject({ kind: 'error', code: 'bad-option' });
    expect([say(view), say(view, 'zh')]).toEqual([
      `I don't know what to do with “please now”. For example: \`/talk ${usage}\`.`,
      `无法理解“please now”。例如:\`/talk ${usage}\`。`,
    ]);
    expect(await d.store.listSchedules()).toEqual([]);
  });

  it('answers help with the whole command list, not as an unknown command', async () => {
    const view = await d.daily({ action: 'help' });
    expect(view).toEqual(d.talk.help('en'));
    expect(say(view)).toContain('/talk daily set');
  });

  it('outside a server, refuses channel actions but answers me, status and help', async () => {
    const dm = d.ctx({ workspace: 'u1', personalOnly: true });
    for (const action of ['set', 'off', 'preview', 'post-now'] as const) {
      const view = await d.daily({ action, channel: 'c1', ...nineUtc }, dm);
      expect(view).toMatchObject({ kind: 'error', code: 'daily-unavailable' });
      expect([say(view), say(view, 'zh')]).toEqual([
        'Channel schedules are set in a server. Here you can have your own: `/talk daily me 08:00 Asia/Shanghai`.',
        '频道的每日要点需要在服务器里设置。在这里可以设置你自己的:`/talk daily me 08:00 Asia/Shanghai`。',
      ]);
    }
    expect(await d.store.listSchedules()).toEqual([]);
    expect(await d.daily({ action: 'me', ...nineUtc }, dm)).toMatchObject({ change: 'set', target: 'user' });
    expect(await d.daily({ action: 'status' }, dm)).toMatchObject({ kind: 'daily-status', total: 1 });
    expect(await d.daily({ action: 'help' }, dm)).toMatchObject({ kind: 'help' });
  });
});
