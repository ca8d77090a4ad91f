/**
 * A failed post in words for the people who can fix it: each platform error becomes what is wrong and what
 * to do (in both languages), and only a failure a retry can fix promises one.
 */
import { describe, expect, it } from 'vitest';
import { channelRef, outsideText } from '../../src/core/markup.js';
import { describeProblem } from '../../src/daily/problems.js';

const C = channelRef('C0123ABCD');

describe('a failed channel post, in words', () => {
  it.each([
    [
      'not_in_channel',
      `I'm not in ${C}: invite me there with \`/invite @talk\`, then post again.`,
      `我不在 ${C} 里:请在该频道用 \`/invite @talk\` 邀请我,然后再发布。`,
    ],
    [
      'channel_not_found',
      `I can't find ${C}: was it deleted, or made private without me? Set the schedule again for a channel I'm in.`,
      `找不到 ${C}:它是否已被删除,或改为我不在的私有频道?请为我所在的频道重新设置。`,
    ],
    [
      'is_archived',
      `${C} is archived: unarchive it, or set the schedule for another channel.`,
      `${C} 已归档:请取消归档,或为其他频道设置。`,
    ],
    [
      'DiscordAPIError[50001]: Missing Access',
      `I can't see ${C}: give me View Channel there.`,
      `我看不到 ${C}:请在该频道授予我“查看频道”权限。`,
    ],
    [
      'DiscordAPIError[50013]: Missing Permissions',
      `I'm missing a permission in ${C}: I need View Channel, Send Messages and Embed Links there.`,
      `我在 ${C} 缺少权限:需要“查看频道”“发送消息”和“嵌入链接”。`,
    ],
    [
      'missing_scope',
      "The Slack app lacks a permission it needs to post: reinstall it from the project's manifest.",
      'Slack 应用缺少发布所需的权限:请用项目的 manifest 重新安装。',
    ],
    [
      'token_revoked',
      "The bot's token was refused: whoever runs the bot must update it.",
      '机器人的令牌被拒绝:请运营者更新令牌。',
    ],
  ])('%s: what is wrong and what to do, with no promise of a retry', (error, en, zh) => {
    expect(describeProblem(error, 'C0123ABCD')).toEqual({ text: { en, zh }, permanent: true });
  });

  it('knows the Discord code and message forms of the same failure', () => {
    const words = (error: string) => describeProblem(error, 'C0123ABCD').text.en;
    expect(words('Unknown Channel')).toBe(words('channel_not_found'));
    expect(words('DiscordAPIError[10003]')).toBe(words('channel_not_found'));
    expect(words('restricted_action')).toBe(words('missing_scope'));
    expect(words('HTTP 401 Unauthorized')).toBe(words('invalid_auth'));
  });

  it('a rate limit will be retried by itself', () => {
    expect(describeProblem('Rate Limited (retry after 3 s)', 'C0123ABCD')).toEqual({
      text: {
        en: 'The platform asked me to slow down; I will try again shortly.',
        zh: '平台要求放慢速度,我稍后会重试。',
      },
      permanent: false,
    });
  });

  it('an error it does not know: quoted as it came, with the promise of a retry', () => {
    expect(describeProblem('fetch failed: ECONNRESET', 'C0123ABCD')).toEqual({
      text: {
        en: `Posting to ${C} failed (${outsideText('fetch failed: ECONNRESET')}); I will try again in a few minutes.`,
        zh: `向 ${C} 发布失败(${outsideText('fetch failed: ECONNRESET')});几分钟后会自动重试。`,
      },
      permanent: false,
    });
  });

  it('a direct-message refusal means nothing special for a channel post', () => {
    const { text, permanent } = describeProblem(
      'DiscordAPIError[50007]: Cannot send messages to this user',
      'C1',
    );
    expect(permanent).toBe(false);
    expect(text.en).toContain(`Posting to ${channelRef('C1')} failed`);
  });
});

describe('a failed personal takeaway, in words about the direct message', () => {
  const dm = (error: string) => describeProblem(error, 'U0123', 'user');

  it.each(['DiscordAPIError[50007]: Cannot send messages to this user', 'Cannot send messages to this user'])(
    'Discord refused the direct message (%s)',
    (error) => {
      expect(dm(error)).toEqual({
        text: {
          en: "Discord won't let me send you direct messages (you may have turned off direct messages from server members, or blocked me). Allow them in the server's Privacy Settings, then set it again with `/talk daily me`.",
          zh: 'Discord 不允许我给你发私信(你可能关闭了来自服务器成员的私信,或屏蔽了我)。请在服务器的隐私设置中允许私信,然后用 `/talk daily me` 重新设置。',
        },
        permanent: true,
      });
    },
  );

  it.each(['cannot_dm_bot', 'user_not_found', 'user_disabled', 'user_not_visible'])(
    'Slack would not open the direct message (%s)',
    (error) => {
      expect(dm(error)).toEqual({
        text: {
          en: "Slack won't open a direct message between us (the account may be deactivated, or hidden from apps). Ask a workspace admin, then set it again with `/talk daily me`.",
          zh: 'Slack 无法打开我们之间的私信(账号可能已停用,或对应用不可见)。请联系工作区管理员,然后用 `/talk daily me` 重新设置。',
        },
        permanent: true,
      });
    },
  );

  it('still knows the failures every post shares, such as a refused token', () => {
    expect(dm('invalid_auth')).toEqual(describeProblem('invalid_auth', 'C1'));
  });

  it('an error it does not know: about the direct message, never a channel, with a retry', () => {
    expect(dm('socket hang up')).toEqual({
      text: {
        en: `Sending your direct message failed (${outsideText('socket hang up')}); I will try again in a few minutes.`,
        zh: `给你发送私信失败(${outsideText('socket hang up')});几分钟后会自动重试。`,
      },
      permanent: false,
    });
  });
});
