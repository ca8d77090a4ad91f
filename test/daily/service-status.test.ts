/** `/talk daily status` (pages), a channel's line for the change form, and the Slack Home tab's contents. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STATUS_PAGE_SIZE } from '../../src/daily/service.js';
import { type Daily, makeDaily, say } from './service-fixture.js';

let d: Daily;
beforeEach(() => {
  d = makeDaily();
});
afterEach(() => d.store.close());

/** `count` channel schedules c01, c02, … in server g1. */
async function channels(count: number): Promise<string[]> {
  const names = Array.from({ length: count }, (_, i) => `c${String(i + 1).padStart(2, '0')}`);
  for (const c of names) await d.saved(c);
  return names;
}

/** A Previous or Next button: the status page it opens, in the asker's language. */
const button = (label: 'previous' | 'next', page: number, lang: 'en' | 'zh' = 'en') => ({
  label,
  request: { sub: 'daily', lang, action: 'status', page },
});
const previous = (page: number) => button('previous', page);
const next = (page: number) => button('next', page);

describe('daily status', () => {
  it('says nothing is scheduled, on one page', async () => {
    const view = await d.daily({ action: 'status' });
    expect(view).toEqual({
      kind: 'daily-status',
      lang: 'en',
      schedules: [],
      total: 0,
      page: 1,
      pageCount: 1,
      after: 0,
      actions: [],
    });
    expect(say(view, 'zh')).toContain('这里还没有设置每日要点。');
  });

  it('lists the channel schedules, then the asker’s own, but no one else’s', async () => {
    await channels(2);
    await d.saved('u1', { target: 'user', time: '07:30' });
    await d.saved('u2', { target: 'user', setBy: 'u2' });
    await d.saved('c00', { workspace: 'g2' });
    await d.saved('c00', { platform: 'slack' });
    const view = await d.daily({ action: 'status' });
    expect(view).toMatchObject({
      kind: 'daily-status',
      total: 3,
      page: 1,
      pageCount: 1,
      after: 0,
      actions: [],
    });
    expect(say(view).split('\n')).toEqual([
      'Daily takeaways (3)',
      '  #c01 · 09:00 UTC · en · next 2026-03-27 09:00 UTC (2026-03-27 09:00 UTC) · not posted yet',
      '  #c02 · 09:00 UTC · en · next 2026-03-27 09:00 UTC (2026-03-27 09:00 UTC) · not posted yet',
      '  your direct messages · 07:30 UTC · en · next 2026-03-27 07:30 UTC (2026-03-27 07:30 UTC) · not posted yet',
    ]);
  });

  it('after Post now before its time, gives the next post as tomorrow’s, since today’s is out', async () => {
    await d.saved('c1');
    await d.daily({ action: 'post-now', channel: 'c1' });
    expect(say(await d.daily({ action: 'status' })).split('\n')[1]).toBe(
      '  #c1 · 09:00 UTC · en · next 2026-03-28 09:00 UTC (2026-03-28 09:00 UTC) · last 2026-03-27',
    );
  });

  it('does not list a channel twice when the asker’s id is also a channel’s', async () => {
    await channels(1);
    const view = await d.daily({ action: 'status' }, d.ctx({ user: 'c01' }));
    expect(view).toMatchObject({ total: 1, schedules: [{ channel: 'c01', target: 'channel' }] });
  });

  it('outside a server, lists only the asker’s own', async () => {
    await d.saved('c1', { workspace: 'u1' });
    await d.saved('u1', { workspace: 'u1', target: 'user' });
    const view = await d.daily({ action: 'status' }, d.ctx({ workspace: 'u1', personalOnly: true }));
    expect(view).toMatchObject({ total: 1, schedules: [{ channel: 'u1', target: 'user' }] });
  });

  it('pages a long list, with Previous and Next and how many come after', async () => {
    const names = await channels(2 * STATUS_PAGE_SIZE + 1);
    const page = async (n?: number) => {
      const view = await d.daily({ action: 'status', ...(n === undefined ? {} : { page: n }) });
      if (view.kind !== 'daily-status') throw new Error(`not a status: ${view.kind}`);
      return view;
    };
    const first = await page();
    expect(first).toMatchObject({ total: 31, page: 1, pageCount: 3, after: 16, actions: [next(2)] });
    expect(first.schedules.map((s) => s.channel)).toEqual(names.slice(0, 15));
    expect(say(first)).toContain('…and 16 more: Next shows them.');
    const second = await page(2);
    expect(second).toMatchObject({ page: 2, after: 1, actions: [previous(1), next(3)] });
    expect(second.schedules.map((s) => s.channel)).toEqual(names.slice(15, 30));
    const last = await page(3);
    expect(last).toMatchObject({ page: 3, after: 0, actions: [previous(2)] });
    expect(last.schedules.map((s) => s.channel)).toEqual(['c31']);
    // Pages out of range show the nearest one (a button pressed after schedules were removed).
    expect(await page(9)).toMatchObject({ page: 3, after: 0, actions: [previous(2)] });
    expect(await page(0)).toMatchObject({ page: 1, after: 16, actions: [next(2)] });
  });

  it('pages in the language it was asked in', async () => {
    await channels(STATUS_PAGE_SIZE + 1);
    const view = await d.daily({ action: 'status', lang: 'zh' });
    expect(view.actions).toEqual([button('next', 2, 'zh')]);
    expect(say(view, 'zh')).toContain('每日要点(16 个频道) · 第 1/2 页');
  });
});

describe('a channel’s line for the change form', () => {
  it('gives a channel schedule’s settings and next post, and nothing for a personal or missing one', async () => {
    await d.saved('c1', { time: '05:00', days: ['mon'], thread: true });
    await d.saved('u1', { target: 'user' });
    expect(await d.service.lineFor(d.ctx(), 'c1')).toEqual({
      channel: 'c1',
      target: 'channel',
      time: '05:00',
      zone: 'UTC',
      lang: 'en',
      days: ['mon'],
      thread: true,
      next: {
        local: '2026-03-30 05:00 UTC',
        utc: '2026-03-30 05:00 UTC',
        epochMs: Date.parse('2026-03-30T05:00:00Z'),
      },
    });
    expect(await d.service.lineFor(d.ctx(), 'u1')).toBeUndefined();
    expect(await d.service.lineFor(d.ctx(), 'c2')).toBeUndefined();
    expect(await d.service.lineFor(d.ctx({ workspace: 'g2' }), 'c1')).toBeUndefined();
  });
});

describe('the Home tab', () => {
  it('shows today’s takeaway, the workspace’s schedules from the service’s clock, and the viewer’s own', async () => {
    await d.saved('c1', { time: '05:00' });
    await d.saved('u1', { target: 'user', time: '08:00' });
    await d.saved('c9', { workspace: 'g2' });
    const home = await d.service.home(d.ctx({ isAdmin: false }), 'zh');
    expect(home).toMatchObject({
      kind: 'home',
      lang: 'zh',
      isAdmin: false,
      more: 0,
      takeaway: { kind: 'takeaway', lang: 'zh', actions: [] },
      schedules: [{ channel: 'c1', next: { local: '2026-03-28 05:00 UTC' } }],
      personal: { channel: 'u1', target: 'user', next: { local: '2026-03-27 08:00 UTC' } },
    });
    expect(home.schedules).toHaveLength(1);
    expect(home.topics.length).toBeGreaterThan(0);
  });
});
