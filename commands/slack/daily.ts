/**
 * The Slack side of `/talk daily`: who may change schedules (workspace admins and owners, or users the
 * operator lists in SLACK_DAILY_ADMINS), whether the bot is in the chosen channel, and which user group a
 * mention names.
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

/** The id in `<!subteam^S123|@team>` (how Slack sends a picked group) or a bare `S123`. */
export function subteamId(token: string): string | undefined {
  const linked = /^<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>$/.exec(token.trim());
  if (linked) return linked[1];
  return /^S[A-Z0-9]{2,}$/.test(token.trim()) ? token.trim() : undefined;
}

/** The workspace's active user groups, or undefined when Slack will not list them (scope, plan). */
export async function userGroups(
  client: webApi.WebClient,
): Promise<{ id: string; handle: string }[] | { error: string }> {
  try {
    const list = await client.usergroups.list({ include_disabled: false });
    return (list.usergroups ?? []).map((g) => ({ id: g.id ?? '', handle: g.handle ?? g.name ?? '' }));
  } catch (error) {
    return { error: (error as { data?: { error?: string } }).data?.error ?? String(error) };
  }
}

/** Only a user group of this workspace may be mentioned: never @here, @channel, @everyone or a person. */
async function checkMention(
  client: webApi.WebClient,
  token: string,
): Promise<{ id: string } | { problem: Bilingual }> {
  const id = subteamId(token);
  if (!id)
    return {
      problem: {
        en: 'Only a user group can be mentioned (not @here, @channel, @everyone or a person): type @ and pick the group from the list, e.g. `--mention @ai-team`.',
        zh: '只能提及用户组(不能是 @here、@channel、@everyone 或个人):输入 @ 后从列表中选择用户组,例如 `--mention @ai-team`。',
      },
    };
  const groups = await userGroups(client);
  if ('error' in groups)
    return {
      problem:
        groups.error === 'missing_scope'
          ? {
              en: "I can't check user groups without the usergroups:read permission: reinstall the app from the project's manifest.",
              zh: '没有 usergroups:read 权限,我无法核对用户组:请用项目的 manifest 重新安装应用。',
            }
          : {
              en: `Slack would not list the user groups (${groups.error}), so I can't check that one. Try again later.`,
              zh: `Slack 无法列出用户组(${groups.error}),所以无法核对。请稍后再试。`,
            },
    };
  if (!groups.some((g) => g.id === id))
    return {
      problem: {
        en: "That user group isn't in this workspace, or it is disabled. Pick one from the list: type @ and choose it.",
        zh: '这个用户组不在本工作区,或已停用。请输入 @ 后从列表中选择。',
      },
    };
  return { id };
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
    checkMention: (mention) => checkMention(client, mention),
  };
}
