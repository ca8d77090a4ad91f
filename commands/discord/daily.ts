/**
 * `/talk daily set|off|status|preview|me` and the "Post now" button: maps the interaction onto the daily
 * service, with the checks only Discord can make — does the member have Manage Server, can the bot post
 * (and open threads) in the chosen channel, can it mention the chosen role there (computed from REST, so
 * it works with or without a gateway cache). In a direct message only personal takeaways can be set.
 */
import type { REST } from '@discordjs/rest';
import type { APIRole } from 'discord-api-types/v10';
import type { Bilingual } from '../../src/content/schema.js';
import type { DailyRequest } from '../../src/core/actions.js';
import { DAILY_ACTION_NAMES } from '../../src/core/daily-vocabulary.js';
import type { Lang } from '../../src/core/vocabulary.js';
import { suggestDays } from '../../src/daily/days.js';
import type { DailyContext, DailyService } from '../../src/daily/service.js';
import { suggestZones } from '../../src/daily/time.js';
import { channelRef } from '../../src/render/common.js';
import { PermissionFlagsBits, Routes } from './api.js';
import type { UserInteraction } from './interactions.js';
import { booleanOption, type CommandPath, channelOption, roleOption, stringOption } from './options.js';
import { botPermissionsIn } from './permissions.js';

/** What the bot needs in a channel to post a takeaway there. */
const NEEDED = [
  ['ViewChannel', 'View Channel', '查看频道'],
  ['SendMessages', 'Send Messages', '发送消息'],
  ['EmbedLinks', 'Embed Links', '嵌入链接'],
] as const;

/** The daily request of `/talk daily <action>`, or undefined for an action this version does not know. */
export function dailyRequest(path: CommandPath, lang: Lang): DailyRequest | undefined {
  const action = path.sub as DailyRequest['action'];
  if (!(DAILY_ACTION_NAMES as readonly string[]).includes(action)) return undefined;
  const channel = channelOption(path.options, 'channel');
  const time = stringOption(path.options, 'time');
  const zone = stringOption(path.options, 'timezone');
  const days = stringOption(path.options, 'days');
  const thread = booleanOption(path.options, 'thread');
  const mention = roleOption(path.options, 'mention');
  const off = booleanOption(path.options, 'off');
  return {
    sub: 'daily',
    lang,
    action,
    ...(channel ? { channel } : {}),
    ...(time ? { time } : {}),
    ...(zone ? { zone } : {}),
    ...(days ? { days } : {}),
    ...(thread ? { thread } : {}),
    ...(mention ? { mention } : {}),
    ...(off ? { off } : {}),
  };
}

/** Opening a thread on each post needs one more. */
const NEEDED_FOR_THREADS = [
  ['CreatePublicThreads', 'Create Public Threads', '创建公开子区'],
  // The thread starts with the speaker's words the takeaway cites.
  ['SendMessagesInThreads', 'Send Messages in Threads', '在子区中发送消息'],
] as const;

async function checkChannel(
  rest: REST,
  guildId: string,
  channelId: string,
  botId: string,
  thread: boolean,
): Promise<Bilingual | undefined> {
  const granted = await botPermissionsIn(rest, guildId, channelId, botId);
  if (granted === undefined)
    return {
      en: "I can't see that channel. Check that it exists and that I can view it.",
      zh: '我看不到这个频道,请确认它存在并且我有查看权限。',
    };
  const needed = thread ? [...NEEDED, ...NEEDED_FOR_THREADS] : NEEDED;
  const missing = needed.filter(([flag]) => !(granted & PermissionFlagsBits[flag]));
  if (missing.length === 0) return undefined;
  return {
    en: `I can't post in ${channelRef(channelId)}: I'm missing ${missing.map(([, en]) => `**${en}**`).join(', ')}. Give me ${missing.length > 1 ? 'these permissions' : 'this permission'} in the channel's settings, then try again.`,
    zh: `我无法在 ${channelRef(channelId)} 发布:缺少权限 ${missing.map(([, , zh]) => `**${zh}**`).join('、')}。请在频道设置中授予后重试。`,
  };
}

/**
 * Whether a role can be mentioned in each post: it must be a role of this server other than @everyone, and
 * either allow anyone to mention it or the bot must have Mention @everyone in the channel.
 */
async function checkMention(
  rest: REST,
  guildId: string,
  roleId: string,
  channelId: string,
  botId: string,
): Promise<{ id: string } | { problem: Bilingual }> {
  const roles = (await rest.get(Routes.guildRoles(guildId))) as APIRole[];
  const role = roles.find((r) => r.id === roleId);
  if (!role)
    return {
      problem: {
        en: 'That role is not in this server. Pick a role from the list, e.g. `mention:@ai-readers`.',
        zh: '这个身份组不在本服务器。请从列表中选择身份组,例如 `mention:@ai-readers`。',
      },
    };
  if (role.id === guildId)
    return {
      problem: {
        en: "I won't mention @everyone. Pick a role for the people who want the takeaway, e.g. `mention:@ai-readers`.",
        zh: '我不会提及 @everyone。请选择想收到要点的人所在的身份组,例如 `mention:@ai-readers`。',
      },
    };
  if (!role.mentionable) {
    // A role's name is whatever an admin typed: shown as typed, not as formatting.
    const name = role.name.replace(/[\\*_~`|[\]]/g, '\\$&');
    const granted = (await botPermissionsIn(rest, guildId, channelId, botId)) ?? 0n;
    if (!(granted & PermissionFlagsBits.MentionEveryone))
      return {
        problem: {
          en: `I can't mention **${name}**: it doesn't allow anyone to mention it. Turn on "Allow anyone to @mention this role" in its settings (or give me Mention @everyone in ${channelRef(channelId)}), then try again.`,
          zh: `我无法提及 **${name}**:该身份组不允许被提及。请在其设置中开启“允许任何人@提及此身份组”(或在 ${channelRef(channelId)} 授予我“提及 @everyone”权限)后重试。`,
        },
      };
  }
  return { id: role.id };
}

/**
 * The context of a daily request: in a server, its schedules; in a direct message, only the user's own
 * personal takeaway (kept under their id as the workspace).
 */
export function dailyContext(
  interaction: UserInteraction,
  rest: REST,
  botId: string,
): DailyContext | undefined {
  const guildId = interaction.guild_id;
  const user = interaction.member?.user ?? interaction.user;
  if (!user) return undefined;
  if (!guildId)
    return {
      platform: 'discord',
      workspace: user.id,
      user: user.id,
      isAdmin: false,
      here: interaction.channel?.id ?? '',
      checkChannel: async () => undefined,
      personalOnly: true,
    };
  const permissions = BigInt(interaction.member?.permissions ?? '0');
  return {
    platform: 'discord',
    workspace: guildId,
    user: user.id,
    isAdmin: (permissions & PermissionFlagsBits.ManageGuild) !== 0n,
    here: interaction.channel?.id ?? '',
    checkChannel: (channelId, needs) => checkChannel(rest, guildId, channelId, botId, needs?.thread === true),
    checkMention: (roleId, channelId) => checkMention(rest, guildId, roleId, channelId, botId),
  };
}

/** Autocomplete for the daily options that have it. */
export function dailyChoices(option: string, value: string): { name: string; value: string }[] {
  if (option === 'timezone') return suggestZones(value).map((zone) => ({ name: zone, value: zone }));
  if (option === 'days') return suggestDays(value);
  return [];
}

export type { DailyService };
