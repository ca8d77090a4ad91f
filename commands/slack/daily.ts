/**
 * The Slack side of `/talk daily`: who may change schedules (workspace admins and owners, or users the
 * operator lists in SLACK_DAILY_ADMINS), and whether the bot is in the chosen channel.
 */
import type { webApi } from '@slack/bolt';
import type { Bilingual } from '../../src/content/schema.js';
import type { DailyContext } from '../../src/daily/service.js';
import { channelRef } from '../../src/render/common.js';

export async function isSlackAdmin(
  client: webApi.WebClient,
  user: string,
  extraAdmins: readonly string[],
): Promise<boolean> {
  if (extraAdmins.includes(user)) return true;
  const info = await client.users.info({ user });
  const u = info.user as { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean } | undefined;
  return Boolean(u?.is_admin || u?.is_owner || u?.is_primary_owner);
}

async function checkChannel(client: webApi.WebClient, channel: string): Promise<Bilingual | undefined> {
  if (channel.startsWith('#')) {
    return {
      en: `Pick the channel from Slack's list (type # and choose it) so it arrives as a link, not the text "${channel}".`,
      zh: `请在 Slack 的列表中选择频道(输入 # 后选择),而不是直接输入“${channel}”。`,
    };
  }
  try {
    const info = await client.conversations.info({ channel });
    const c = info.channel as { is_member?: boolean; is_archived?: boolean } | undefined;
    if (c?.is_archived)
      return { en: `${channelRef(channel)} is archived.`, zh: `${channelRef(channel)} 已归档。` };
    if (!c?.is_member) {
      return {
        en: `I'm not in ${channelRef(channel)} yet. Invite me there with \`/invite @talk\`, then set the schedule again.`,
        zh: `我还不在 ${channelRef(channel)} 里。请在该频道输入 \`/invite @talk\` 邀请我,然后重新设置。`,
      };
    }
    return undefined;
  } catch {
    return {
      en: `I can't see ${channelRef(channel)}. If it is private, invite me with \`/invite @talk\` first.`,
      zh: `我看不到 ${channelRef(channel)}。如果是私有频道,请先用 \`/invite @talk\` 邀请我。`,
    };
  }
}

export async function slackDailyContext(
  client: webApi.WebClient,
  ids: { team: string; user: string; channel: string },
  extraAdmins: readonly string[],
): Promise<DailyContext> {
  return {
    platform: 'slack',
    workspace: ids.team,
    user: ids.user,
    isAdmin: await isSlackAdmin(client, ids.user, extraAdmins),
    here: ids.channel,
    checkChannel: (channel) => checkChannel(client, channel),
  };
}
