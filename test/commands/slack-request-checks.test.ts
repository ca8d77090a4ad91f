/**
 * Slack's request checks one verdict at a time (the end-to-end tests send whole requests through bolt): what
 * each missing or malformed header gets, the edges of the five-minute window, and how long a request
 * counts as already seen.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SLACK_TIMESTAMP_WINDOW_S, verifySlackRequest } from '../../commands/slack/http-receiver.js';
import { MemorySeen } from '../../src/http/replay.js';

const SECRET = 'test-signing-secret';
const NOW = 1_800_000_000;
const body = Buffer.from('command=%2Ftalk&text=quote');
const sign = (stamp: string, secret = SECRET) =>
  `v0=${createHmac('sha256', secret).update(`v0:${stamp}:`).update(body).digest('hex')}`;
const verdict = (headers: Record<string, string | undefined>) =>
  verifySlackRequest(SECRET, headers, body, NOW);

describe('Slack request signature', () => {
  it('accepts a request signed with the secret within the window, on both edges', () => {
    for (const ts of [NOW, NOW - SLACK_TIMESTAMP_WINDOW_S, NOW + SLACK_TIMESTAMP_WINDOW_S]) {
      const stamp = String(ts);
      expect(verdict({ 'x-slack-signature': sign(stamp), 'x-slack-request-timestamp': stamp })).toBe('ok');
    }
  });

  it('names what is wrong with every other request', () => {
    const stamp = String(NOW);
    expect(verdict({ 'x-slack-request-timestamp': stamp })).toBe('no-signature');
    expect(verdict({ 'x-slack-signature': sign(stamp) })).toBe('no-signature');
    expect(verdict({ 'x-slack-signature': sign('abc'), 'x-slack-request-timestamp': 'abc' })).toBe(
      'bad-timestamp',
    );
    expect(
      verdict({ 'x-slack-signature': sign(`${stamp}000`), 'x-slack-request-timestamp': `${stamp}000` }),
    ).toBe('bad-timestamp');
    const stale = String(NOW - SLACK_TIMESTAMP_WINDOW_S - 1);
    expect(verdict({ 'x-slack-signature': sign(stale), 'x-slack-request-timestamp': stale })).toBe('stale');
    const ahead = String(NOW + SLACK_TIMESTAMP_WINDOW_S + 1);
    expect(verdict({ 'x-slack-signature': sign(ahead), 'x-slack-request-timestamp': ahead })).toBe('future');
    expect(verdict({ 'x-slack-signature': sign(stamp, 'other'), 'x-slack-request-timestamp': stamp })).toBe(
      'bad-signature',
    );
    expect(verdict({ 'x-slack-signature': 'v0=abc', 'x-slack-request-timestamp': stamp })).toBe(
      'bad-signature',
    );
  });
});

describe('requests already seen', () => {
  it('counts a repeat as seen until the first one expires, and as new from then on', async () => {
    const seen = new MemorySeen();
    expect(await seen.firstSeen('a', 0, 100)).toBe(true);
    expect(await seen.firstSeen('a', 99, 199)).toBe(false);
    expect(await seen.firstSeen('b', 99, 199)).toBe(true);
    expect(await seen.firstSeen('a', 100, 200)).toBe(true);
    expect(await seen.firstSeen('a', 150, 250)).toBe(false);
  });

  it('forgets expired requests once it holds many, so memory stays bounded under a flood', async () => {
    const seen = new MemorySeen();
    for (let i = 0; i <= 50_000; i++) await seen.firstSeen(`old-${i}`, 0, 10);
    await seen.firstSeen('live', 5, 15);
    expect(await seen.firstSeen('new', 20, 30)).toBe(true);
    const held = (seen as unknown as { seen: Map<string, number> }).seen;
    expect(held.size).toBe(1);
    expect(held.has('new')).toBe(true);
  });
});
