/** `/talk daily preview` and "Post now" through the service, against what the platform is sent. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelRotation } from '../../src/core/rotation.js';
import type { View } from '../../src/core/views.js';
import { PostError } from '../../src/daily/scheduler.js';
import { type Daily, HOUR, makeDaily, NOW, say } from './service-fixture.js';

let d: Daily;
beforeEach(() => {
  d = makeDaily();
});
afterEach(() => d.store.close());

const MINUTE = 60_000;
const C1 = 'discord:g1:c1';

function expectTakeaway(view: View) {
  if (view.kind !== 'takeaway') throw new Error(`not a takeaway: ${view.kind}`);
  return view;
}

describe('daily preview', () => {
  it('shows exactly the post the channel gets next, in the schedule’s language, with where and when', async () => {
    await d.saved('c1', { lang: 'zh', zone: 'Europe/Berlin' });
    const first = expectTakeaway(await d.daily({ action: 'preview', channel: 'c1' }));
    expect(first).toEqual({
      ...d.talk.takeawayView('zh', first.id, '2026-03-27'),
      daily: {
        key: 'talk-daily:2026-03-27',
        preview: { channel: 'c1', at: '2026-03-27 09:00 GMT+1', lang: 'en' },
      },
      actions: [
        { label: 'post-now', request: { sub: 'daily', lang: 'en', action: 'post-now', channel: 'c1' } },
      ],
    });
    d.clock.now = Date.parse('2026-03-27T08:00:00Z');
    await d.scheduler.tick();
    expect(d.poster.sent.map((m) => [m.takeawayId, m.key])).toEqual([[first.id, 'talk-daily:2026-03-27']]);

    // Once today's is out, the preview moves on to tomorrow's, the next in the channel's rotation.
    const second = expectTakeaway(await d.daily({ action: 'preview', channel: 'c1' }));
    expect(second.id).not.toBe(first.id);
    expect(second.daily).toMatchObject({
      key: 'talk-daily:2026-03-28',
      preview: { at: '2026-03-28 09:00 GMT+1' },
    });
    d.clock.now = Date.parse('2026-03-28T08:00:00Z');
    await d.scheduler.tick();
    expect(d.poster.sent[1]?.takeawayId).toBe(second.id);
  });

  it('after Post now, previews the next day’s post, since today’s is out', async () => {
    await d.saved('c1');
    await d.daily({ action: 'post-now', channel: 'c1' });
    const view = expectTakeaway(await d.daily({ action: 'preview', channel: 'c1' }));
    expect(view.daily).toMatchObject({
      key: 'talk-daily:2026-03-28',
      preview: { at: '2026-03-28 09:00 UTC' },
    });
    d.clock.now = Date.parse('2026-03-28T09:00:00Z');
    await d.scheduler.tick();
    expect(d.poster.sent.map((m) => [m.key, m.takeawayId])).toEqual([
      ['talk-daily:2026-03-27', d.poster.sent[0]?.takeawayId],
      ['talk-daily:2026-03-28', view.id],
    ]);
  });

  it('skips the days the schedule does not post on', async () => {
    await d.saved('c1', { days: ['mon'] });
    const view = expectTakeaway(await d.daily({ action: 'preview', channel: 'c1' }));
    expect(view.date).toBe('2026-03-30');
    expect(view.daily?.preview?.at).toBe('2026-03-30 09:00 UTC');
  });

  it('previews the channel it is asked in, and offers Post now only to admins', async () => {
    await d.saved('here');
    const member = expectTakeaway(await d.daily({ action: 'preview' }, d.ctx({ isAdmin: false })));
    expect(member.daily?.preview?.channel).toBe('here');
    expect(member.actions).toEqual([]);
    expect(say(member)).toContain('#here');
    const admin = expectTakeaway(await d.daily({ action: 'preview', lang: 'zh' }));
    expect(admin.actions).toEqual([
      { label: 'post-now', request: { sub: 'daily', lang: 'zh', action: 'post-now', channel: 'here' } },
    ]);
    expect(d.poster.sent).toEqual([]);
  });

  it('says a channel without a schedule (or someone’s personal one) has none yet', async () => {
    await d.saved('u1', { target: 'user' });
    for (const channel of ['c9', 'u1']) {
      const view = await d.daily({ action: 'preview', channel });
      expect(view).toMatchObject({ kind: 'error', code: 'no-schedule' });
      expect([say(view), say(view, 'zh')]).toEqual([
        `#${channel} has no daily takeaway yet. An admin can start one with \`/talk daily set\`.`,
        `#${channel} 还没有每日要点。管理员可以用 \`/talk daily set\` 开启。`,
      ]);
    }
  });
});

describe('Post now', () => {
  it('posts today’s takeaway at once, then says it is already there', async () => {
    await d.saved('here');
    const posted = await d.daily({ action: 'post-now' });
    expect(posted).toEqual({
      kind: 'daily-changed',
      lang: 'en',
      change: 'posted',
      channel: 'here',
      target: 'channel',
      actions: [],
    });
    expect([say(posted), say(posted, 'zh')]).toEqual([
      "Posted today's takeaway to #here.",
      '已向 #here 发布今日要点。',
    ]);
    expect(d.poster.sent.map((m) => [m.channel, m.key, m.at])).toEqual([
      ['here', 'talk-daily:2026-03-27', NOW],
    ]);

    const again = await d.daily({ action: 'post-now', channel: 'here' });
    expect(again).toEqual({ ...posted, change: 'already-posted' });
    expect([say(again), say(again, 'zh')]).toEqual([
      "#here already has today's takeaway.",
      '#here 今天已经发布过要点了。',
    ]);
    expect(d.poster.sent).toHaveLength(1);
  });

  it('does not send again what a crashed attempt already sent', async () => {
    const schedule = await d.saved('c1');
    // Another process claimed today's post and sent it, then died before marking it posted.
    const claim = await d.store.claim({
      scheduleId: C1,
      localDate: '2026-03-27',
      owner: 'crashed',
      now: NOW - 10 * MINUTE,
      leaseMs: 2 * MINUTE,
      pick: channelRotation(
        d.talk.content.takeaways.map((t) => t.id),
        C1,
      ),
    });
    if (claim.kind !== 'new') throw new Error(`unexpected claim ${claim.kind}`);
    const key = 'talk-daily:2026-03-27';
    await d.poster.post({
      schedule,
      view: d.talk.takeawayView('en', claim.post.takeawayId, '2026-03-27'),
      key,
    });

    expect(await d.daily({ action: 'post-now', channel: 'c1' })).toMatchObject({ change: 'posted' });
    expect(d.poster.sent).toHaveLength(1);
    expect(await d.store.lastPost(C1)).toMatchObject({ status: 'posted', messageId: 'm1' });
  });

  it('says another post is on its way while a live claim holds it', async () => {
    await d.saved('c1');
    await d.store.claim({
      scheduleId: C1,
      localDate: '2026-03-27',
      owner: 'other-process',
      now: NOW,
      leaseMs: 2 * MINUTE,
      pick: (state) => ({ takeawayId: d.talk.content.takeaways[0]!.id, next: state }),
    });
    const view = await d.daily({ action: 'post-now', channel: 'c1' });
    expect(view).toMatchObject({ kind: 'error', code: 'cannot-post' });
    expect([say(view), say(view, 'zh')]).toEqual([
      "Today's post to #c1 is being sent right now.",
      '#c1 的今日要点正在发布中。',
    ]);
    expect(d.poster.sent).toEqual([]);
  });

  it('says what went wrong and what to do, also while the retry waits', async () => {
    await d.saved('c1');
    d.poster.failures.set('c1', [new PostError('Missing Permissions', 'permanent')]);
    const expected = [
      "Could not post. I'm missing a permission in #c1: I need View Channel, Send Messages and Embed Links there.",
      '发布失败。我在 #c1 缺少权限:需要“查看频道”“发送消息”和“嵌入链接”。',
    ];
    const failed = await d.daily({ action: 'post-now', channel: 'c1' });
    expect(failed).toMatchObject({ kind: 'error', code: 'cannot-post' });
    expect([say(failed), say(failed, 'zh')]).toEqual(expected);
    d.clock.now = NOW + MINUTE;
    const waiting = await d.daily({ action: 'post-now', channel: 'c1' });
    expect([say(waiting), say(waiting, 'zh')]).toEqual(expected);
    expect(d.poster.sent).toEqual([]);
    d.clock.now = NOW + 2 * HOUR;
    expect(await d.daily({ action: 'post-now', channel: 'c1' })).toMatchObject({ change: 'posted' });
  });

  it('still answers when the schedule is stopped while its failing post is in flight', async () => {
    await d.saved('c1');
    d.poster.whilePosting = () => d.daily({ action: 'off', channel: 'c1' });
    d.poster.failures.set('c1', [new PostError('Missing Access', 'permanent')]);
    const view = await d.daily({ action: 'post-now', channel: 'c1' });
    expect(view).toMatchObject({ kind: 'error', code: 'cannot-post' });
    expect(say(view)).toMatch(/^Could not post\. /);
    expect(await d.store.listSchedules()).toEqual([]);
  });

  it('reports a passing failure with the promise of a retry', async () => {
    await d.saved('c1');
    d.poster.failures.set('c1', [new PostError('socket hang up', 'transient')]);
    const view = await d.daily({ action: 'post-now', channel: 'c1' });
    expect(say(view)).toBe(
      'Could not post. Posting to #c1 failed (socket hang up); I will try again in a few minutes.',
    );
  });

  it('asks for a schedule first, for a channel without one or someone’s personal one', async () => {
    await d.saved('u1', { target: 'user' });
    for (const channel of ['c9', 'u1']) {
      const view = await d.daily({ action: 'post-now', channel });
      expect(view).toMatchObject({ kind: 'error', code: 'no-schedule' });
      expect([say(view), say(view, 'zh')]).toEqual([
        'Set a daily takeaway for that channel first: `/talk daily set`.',
        '请先用 `/talk daily set` 为该频道设置每日要点。',
      ]);
    }
    expect(d.poster.sent).toEqual([]);
  });
});
