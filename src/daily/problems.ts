/**
 * What a failed post means, in words for the people who can fix it: a platform's error code becomes what is
 * wrong and what to do, and only a failure that retrying can fix comes with the promise of a retry.
 */
import type { Bilingual } from '../content/schema.js';
import { channelRef } from '../core/markup.js';

interface Problem {
  match: RegExp;
  /** Retrying cannot fix it until someone does something. */
  permanent: boolean;
  say: (channel: string) => Bilingual;
}

const PROBLEMS: Problem[] = [
  {
    match: /not_in_channel/,
    permanent: true,
    say: (c) => ({
      en: `I'm not in ${c}: invite me there with \`/invite @talk\`, then post again.`,
      zh: `我不在 ${c} 里:请在该频道用 \`/invite @talk\` 邀请我,然后再发布。`,
    }),
  },
  {
    match: /channel_not_found|Unknown Channel|10003/,
    permanent: true,
    say: (c) => ({
      en: `I can't find ${c}: was it deleted, or made private without me? Set the schedule again for a channel I'm in.`,
      zh: `找不到 ${c}:它是否已被删除,或改为我不在的私有频道?请为我所在的频道重新设置。`,
    }),
  },
  {
    match: /is_archived/,
    permanent: true,
    say: (c) => ({
      en: `${c} is archived: unarchive it, or set the schedule for another channel.`,
      zh: `${c} 已归档:请取消归档,或为其他频道设置。`,
    }),
  },
  {
    match: /Missing Access|50001/,
    permanent: true,
    say: (c) => ({
      en: `I can't see ${c}: give me View Channel there.`,
      zh: `我看不到 ${c}:请在该频道授予我“查看频道”权限。`,
    }),
  },
  {
    match: /Missing Permissions|50013/,
    permanent: true,
    say: (c) => ({
      en: `I'm missing a permission in ${c}: I need View Channel, Send Messages and Embed Links there.`,
      zh: `我在 ${c} 缺少权限:需要“查看频道”“发送消息”和“嵌入链接”。`,
    }),
  },
  {
    match: /missing_scope|restricted_action/,
    permanent: true,
    say: () => ({
      en: "The Slack app lacks a permission it needs to post: reinstall it from the project's manifest.",
      zh: 'Slack 应用缺少发布所需的权限:请用项目的 manifest 重新安装。',
    }),
  },
  {
    match: /invalid_auth|token_revoked|account_inactive|not_authed|401/,
    permanent: true,
    say: () => ({
      en: "The bot's token was refused: whoever runs the bot must update it.",
      zh: '机器人的令牌被拒绝:请运营者更新令牌。',
    }),
  },
  {
    match: /rate limited/i,
    permanent: false,
    say: () => ({
      en: 'The platform asked me to slow down; I will try again shortly.',
      zh: '平台要求放慢速度,我稍后会重试。',
    }),
  },
];

/** A failure in words, and whether a retry will come by itself. */
export function describeProblem(error: string, channel: string): { text: Bilingual; permanent: boolean } {
  const link = channelRef(channel);
  const known = PROBLEMS.find((p) => p.match.test(error));
  if (known) return { text: known.say(link), permanent: known.permanent };
  return {
    text: {
      en: `Posting to ${link} failed (${error}); I will try again in a few minutes.`,
      zh: `向 ${link} 发布失败(${error});几分钟后会自动重试。`,
    },
    permanent: false,
  };
}
