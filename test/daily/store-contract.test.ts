/** One contract, run unchanged against every store implementation. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClaimInput, DailyStore, ScheduleInput } from '../../src/daily/store.js';
import { PG_SKIP_REASON, STORES } from './stores.js';

const input: ScheduleInput = {
  platform: 'slack',
  workspace: 'T1',
  channel: 'C1',
  time: '09:00',
  zone: 'Europe/Berlin',
  lang: 'both',
  setBy: 'U1',
  source: 'command',
};
const claimInput = (owner: string, now: number, date = '2026-06-10'): ClaimInput => ({
  scheduleId: 'slack:T1:C1',
  localDate: date,
  owner,
  now,
  leaseMs: 1000,
  pick: (state) => ({
    takeawayId: `t${state.position}`,
    next: { cycle: state.cycle, position: state.position + 1 },
  }),
});

for (const factory of STORES) {
  if (!factory.available) console.log(`store contract: ${PG_SKIP_REASON}`);
  describe.skipIf(!factory.available)(`${factory.name} store`, () => {
    let store: DailyStore;
    let another: () => Promise<DailyStore>;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, another, cleanup } = await factory.make());
    });
    afterEach(async () => {
      await cleanup?.();
    });

    it('saves, finds, lists and disables a schedule, keeping one per channel', async () => {
      const saved = await store.saveSchedule(input, 100);
      expect(saved).toMatchObject({
        id: 'slack:T1:C1',
        time: '09:00',
        zone: 'Europe/Berlin',
        setBy: 'U1',
        failureStreak: 0,
        createdAt: 100,
      });
      await store.saveSchedule({ ...input, time: '10:30' }, 200);
      expect(await store.listSchedules()).toHaveLength(1);
      expect((await store.getSchedule('slack:T1:C1'))?.time).toBe('10:30');
      await store.saveSchedule({ ...input, platform: 'discord', workspace: 'G', channel: 'D1' }, 300);
      expect((await store.listSchedules({ platform: 'slack' })).map((s) => s.id)).toEqual(['slack:T1:C1']);
      expect((await store.listSchedules({ workspace: 'G' })).map((s) => s.id)).toEqual(['discord:G:D1']);
      expect(await store.disableSchedule('slack:T1:C1', 400)).toBe(true);
      expect(await store.disableSchedule('slack:T1:C1', 400)).toBe(false);
      expect(await store.getSchedule('slack:T1:C1')).toBeUndefined();
    });

    it('claims a day once: new, then busy for others during the lease, then retry after it, then done', async () => {
      await store.saveSchedule(input, 0);
      const first = await store.claim(claimInput('A', 1000));
      expect(first.kind).toBe('new');
      expect(first.kind === 'new' && first.post.takeawayId).toBe('t0');
      expect((await store.claim(claimInput('B', 1500))).kind).toBe('busy');
      // Its own owner is not let back in while the claim is live (its send may still be in flight).
      expect((await store.claim(claimInput('A', 1600))).kind).toBe('busy');
      const retry = await store.claim(claimInput('B', 2500));
      expect(retry.kind === 'retry' && retry.post).toMatchObject({
        attempts: 2,
        claimedBy: 'B',
        takeawayId: 't0',
      });
      await store.markPosted('slack:T1:C1', '2026-06-10', 'ts-1', true, 3000);
      expect((await store.claim(claimInput('C', 9000))).kind).toBe('done');
      expect(await store.lastPost('slack:T1:C1')).toMatchObject({
        messageId: 'ts-1',
        delayed: true,
        status: 'posted',
        postedAt: 3000,
      });
    });

    it('advances the rotation once per new day and keeps it when the schedule is stopped', async () => {
      await store.saveSchedule(input, 0);
      await store.claim(claimInput('A', 0, '2026-06-10'));
      await store.claim(claimInput('A', 0, '2026-06-11'));
      expect(await store.rotation('slack:T1:C1')).toEqual({ cycle: 0, position: 2 });
      await store.disableSchedule('slack:T1:C1', 1);
      await store.saveSchedule(input, 2);
      expect(await store.rotation('slack:T1:C1')).toEqual({ cycle: 0, position: 2 });
    });

    it('makes a failed attempt wait for its backoff and counts consecutive failures', async () => {
      await store.saveSchedule(input, 0);
      await store.claim(claimInput('A', 0));
      expect(await store.markFailed('slack:T1:C1', '2026-06-10', 'boom', 5000, 10)).toBe(1);
      expect(await store.claim(claimInput('A', 4000))).toEqual({ kind: 'wait', until: 5000 });
      expect((await store.claim(claimInput('A', 5000))).kind).toBe('retry');
      expect(await store.markFailed('slack:T1:C1', '2026-06-10', 'boom again', undefined, 20)).toBe(2);
      expect((await store.getSchedule('slack:T1:C1'))?.lastError).toBe('boom again');
      await store.claim(claimInput('A', 6000));
      await store.markPosted('slack:T1:C1', '2026-06-10', 'ts', false, 7000);
      expect((await store.getSchedule('slack:T1:C1'))?.failureStreak).toBe(0);
    });

    it('pauses a schedule until it is set again', async () => {
      await store.saveSchedule(input, 0);
      await store.pause('slack:T1:C1', 'missing access', 1);
      expect((await store.getSchedule('slack:T1:C1'))?.pausedReason).toBe('missing access');
      await store.saveSchedule(input, 2);
      expect((await store.getSchedule('slack:T1:C1'))?.pausedReason).toBeUndefined();
    });

    it('gives a day to exactly one of many simultaneous claimers on separate connections', async () => {
      await store.saveSchedule(input, 0);
      const stores = [store, await another(), await another()];
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => stores[i % stores.length]!.claim(claimInput(`P${i}`, 1000))),
      );
      expect(results.filter((r) => r.kind === 'new')).toHaveLength(1);
      expect(results.filter((r) => r.kind === 'busy')).toHaveLength(11);
      expect(await store.rotation('slack:T1:C1')).toEqual({ cycle: 0, position: 1 });
    });

    it('renews a live claim only for its owner', async () => {
      await store.saveSchedule(input, 0);
      await store.claim(claimInput('A', 1000));
      await store.extendClaim('slack:T1:C1', '2026-06-10', 'B', 1900);
      expect((await store.claim(claimInput('B', 2100))).kind).toBe('retry');
      await store.extendClaim('slack:T1:C1', '2026-06-10', 'B', 2900);
      expect((await store.claim(claimInput('C', 3500))).kind).toBe('busy');
    });

    it('starts a new or changed schedule from when it was set, and keeps that for the same settings', async () => {
      expect((await store.saveSchedule(input, 100)).activeFrom).toBe(100);
      expect((await store.saveSchedule({ ...input, source: 'env' }, 200)).activeFrom).toBe(100);
      expect((await store.saveSchedule({ ...input, lang: 'zh' }, 250)).activeFrom).toBe(100);
      expect((await store.saveSchedule({ ...input, time: '10:00' }, 300)).activeFrom).toBe(300);
      expect(
        (await store.saveSchedule({ ...input, time: '10:00', days: ['mon', 'fri'] }, 400)).activeFrom,
      ).toBe(400);
      await store.disableSchedule('slack:T1:C1', 450);
      const again = await store.saveSchedule({ ...input, time: '10:00', days: ['fri', 'mon'] }, 500);
      expect(again.activeFrom).toBe(500);
      expect(again.days).toEqual(['mon', 'fri']);
    });

    it('keeps a schedule’s thread, mention and target, and clears them when set again without', async () => {
      const full = await store.saveSchedule(
        { ...input, thread: true, mention: 'S1', days: ['sat', 'sun'] },
        100,
      );
      expect(full).toMatchObject({ thread: true, mention: 'S1', target: 'channel', days: ['sat', 'sun'] });
      const plain = await store.saveSchedule(input, 200);
      expect(plain).toMatchObject({ thread: false, target: 'channel', days: [] });
      expect(plain.mention).toBeUndefined();
      const personal = await store.saveSchedule({ ...input, channel: 'U7', target: 'user' }, 300);
      expect(personal).toMatchObject({ id: 'slack:T1:U7', target: 'user', channel: 'U7', thread: false });
      expect((await store.listSchedules()).map((s) => [s.id, s.target])).toEqual([
        ['slack:T1:C1', 'channel'],
        ['slack:T1:U7', 'user'],
      ]);
    });

    it('remembers a user’s language and a long query key', async () => {
      expect(await store.getLang('slack', 'U1')).toBeUndefined();
      await store.setLang('slack', 'U1', 'zh', 1);
      await store.setLang('slack', 'U1', 'en', 2);
      expect(await store.getLang('slack', 'U1')).toBe('en');
      expect(await store.getLang('discord', 'U1')).toBeUndefined();
      await store.setLang('slack', 'U1', undefined, 3);
      expect(await store.getLang('slack', 'U1')).toBeUndefined();
      await store.saveQuery('k1', 'data wall', 1);
      await store.saveQuery('k1', 'other', 2);
      expect(await store.loadQuery('k1')).toBe('data wall');
      expect(await store.loadQuery('nope')).toBeUndefined();
    });

    it('rolls back a claim that fails halfway: no claim left, the rotation where it was', async () => {
      await store.saveSchedule(input, 0);
      await expect(
        store.claim({
          ...claimInput('A', 1000),
          pick: () => {
            throw new Error('boom');
          },
        }),
      ).rejects.toThrow('boom');
      expect(await store.rotation('slack:T1:C1')).toEqual({ cycle: 0, position: 0 });
      // Nothing is left locked either: another connection claims at once.
      expect((await (await another()).claim(claimInput('B', 1001))).kind).toBe('new');
    });

    it('hands each new day’s pick the rotation state the last one left, across cycles', async () => {
      await store.saveSchedule(input, 0);
      const seen: unknown[] = [];
      for (const [date, next] of [
        ['2026-06-10', { cycle: 1, position: 0 }],
        ['2026-06-11', { cycle: 1, position: 1 }],
        ['2026-06-12', { cycle: 2, position: 0 }],
      ] as const)
        await store.claim({
          ...claimInput('A', 0, date),
          pick: (state) => {
            seen.push(state);
            return { takeawayId: 't', next };
          },
        });
      expect(seen).toEqual([
        { cycle: 0, position: 0 },
        { cycle: 1, position: 0 },
        { cycle: 1, position: 1 },
      ]);
      expect(await store.rotation('slack:T1:C1')).toEqual({ cycle: 2, position: 0 });
    });

    it('lists by platform and workspace together, and updates every setting of a schedule set again', async () => {
      await store.saveSchedule({ ...input, mention: 'S1', thread: true }, 100);
      await store.saveSchedule({ ...input, workspace: 'T2', channel: 'C2' }, 100);
      await store.saveSchedule({ ...input, platform: 'discord', channel: 'D1' }, 100);
      expect((await store.listSchedules({ platform: 'slack', workspace: 'T1' })).map((s) => s.id)).toEqual([
        'slack:T1:C1',
      ]);
      await store.markFailed('slack:T1:C1', '2026-06-10', 'boom', undefined, 150);
      await store.pause('slack:T1:C1', 'missing access', 160);
      const again = await store.saveSchedule(
        { ...input, zone: 'Asia/Shanghai', lang: 'zh', setBy: undefined, source: 'env' },
        200,
      );
      expect(again).toMatchObject({
        zone: 'Asia/Shanghai',
        lang: 'zh',
        source: 'env',
        thread: false,
        failureStreak: 0,
        createdAt: 100,
        updatedAt: 200,
        // A new zone is a new start.
        activeFrom: 200,
      });
      expect(again.setBy).toBeUndefined();
      expect(again.mention).toBeUndefined();
      expect(again.pausedReason).toBeUndefined();
    });

    it('records when a schedule failed and paused', async () => {
      await store.saveSchedule(input, 0);
      expect(await store.markFailed('slack:T1:C1', '2026-06-10', 'boom', 900, 10)).toBe(1);
      await store.pause('slack:T1:C1', 'boom', 20);
      expect(await store.getSchedule('slack:T1:C1')).toMatchObject({
        lastError: 'boom',
        lastErrorAt: 10,
        pausedReason: 'boom',
        updatedAt: 20,
      });
    });

    it('hands out a new claim with all it needs, and a retry with the attempt counted and the last error', async () => {
      await store.saveSchedule(input, 0);
      expect(await store.claim(claimInput('A', 1000))).toEqual({
        kind: 'new',
        post: {
          scheduleId: 'slack:T1:C1',
          localDate: '2026-06-10',
          takeawayId: 't0',
          status: 'claimed',
          attempts: 1,
          claimedBy: 'A',
          claimedAt: 1000,
          delayed: false,
        },
      });
      await store.markFailed('slack:T1:C1', '2026-06-10', 'boom', 1500, 1100);
      const retry = await store.claim(claimInput('B', 1500));
      expect(retry).toMatchObject({
        kind: 'retry',
        post: { status: 'claimed', attempts: 2, claimedBy: 'B', claimedAt: 1500, lastError: 'boom' },
      });
      await store.markPosted('slack:T1:C1', '2026-06-10', 'm1', false, 1600);
      const last = await store.lastPost('slack:T1:C1');
      expect(last).toMatchObject({ status: 'posted', messageId: 'm1', delayed: false, postedAt: 1600 });
      expect(last?.lastError).toBeUndefined();
      expect(last?.nextAttemptAt).toBeUndefined();
    });

    it('takes over a claim exactly when its lease ends', async () => {
      await store.saveSchedule(input, 0);
      await store.claim(claimInput('A', 1000));
      expect((await store.claim(claimInput('B', 1999))).kind).toBe('busy');
      expect((await store.claim(claimInput('B', 2000))).kind).toBe('retry');
    });

    it('tells the latest posted day, not a later one still claimed', async () => {
      await store.saveSchedule(input, 0);
      for (const date of ['2026-06-09', '2026-06-11', '2026-06-10']) {
        await store.claim(claimInput('A', 0, date));
        await store.markPosted('slack:T1:C1', date, `m-${date}`, false, 0);
      }
      await store.claim(claimInput('A', 0, '2026-06-12'));
      expect((await store.lastPost('slack:T1:C1'))?.localDate).toBe('2026-06-11');
      expect(await store.lastPost('slack:T1:C2')).toBeUndefined();
    });

    it('answers for a schedule it does not know: no rotation, no failures counted', async () => {
      expect(await store.rotation('slack:T1:none')).toEqual({ cycle: 0, position: 0 });
      expect(await store.markFailed('slack:T1:none', '2026-06-10', 'boom', undefined, 0)).toBe(0);
      expect(await store.getSchedule('slack:T1:none')).toBeUndefined();
    });

    it('answers a ping while open, and no longer once closed', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
      await expect(store.ping()).rejects.toThrow();
    });
  });
}
