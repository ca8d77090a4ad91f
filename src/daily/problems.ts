/**
 * What a failed post means, in words for the people who can fix it: a platform's error code becomes what is
 * wrong and what to do, and only a failure that retrying can fix comes with the promise of a retry.
 */
import type { Bilingual } from '../content/schema.js';
import { channelRef, outsideText } from '../core/markup.js';

interface Problem {
  match: RegExp;
  /** Retrying cannot fix it until someone does something. */
  permanent: boolean;
  say: (channel: string) => Bilingual;
}

/** Failures of a personal takeaway: the direct message itself was refused. */
const DM_PROBLEMS: Problem[] = [
  {
    match: /50007|Cannot send messages to this user/,
    permanent: true,
    say: () => ({
      en: "Discord won't let me send you direct messages (you may have turned off direct messages from server members, or blocked me). Allow them in the server's Privacy Settings, then set it again with `/talk daily me`.",
      zh: 'Discord 不允许我给你发私信(你可能关闭了来自服务器成员的私信,或屏蔽了我)。请在服务器的隐私设置中允许私信,然后用 `/talk daily me` 重新设置。',
    }),
  },
  {
    match: /cannot_dm_bot|user_not_found|user_disabled|user_not_visible/,
    permanent: true,
    say: () => ({
      en: "Slack won't open a direct message between us (the account may be deactivated, or hidden from apps). Ask a workspace admin, then set it again with `/talk daily me`.",
      zh: 'Slack 无法打开我们之间的私信(账号可能已停用,或对应用不可见)。请联系工作区管理员,然后用 `/talk daily me` 重新设置。',
    }),
  },
];

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

/**
 * A failure in words, and whether a retry will come by itself. For a personal takeaway (`target` user,
 * `channel` the user's id) the words are about the direct message.
 */
export function describeProblem(
  error: string,
  channel: string,
  target: 'channel' | 'user' = 'channel',
): { text: Bilingual; permanent: boolean } {
  const link = channelRef(channel);
  const known = (target === 'user' ? [...DM_PROBLEMS, ...PROBLEMS] : PROBLEMS).find((p) =>
    p.match.test(error),
  );
  if (known) return { text: known.say(link), permanent: known.permanent };
  // The platform's own words, escaped by each renderer: never formatting, links or mentions.
  const said = outsideText(error);
  if (target === 'user')
    return {
      text: {
        en: `Sending your direct message failed (${said}); I will try again in a few minutes.`,
        zh: `给你发送私信失败(${said});几分钟后会自动重试。`,
      },
      permanent: false,
    };
  return {
    text: {
      en: `Posting to ${link} failed (${said}); I will try again in a few minutes.`,
      zh: `向 ${link} 发布失败(${said});几分钟后会自动重试。`,
    },
    permanent: false,
  };
}
