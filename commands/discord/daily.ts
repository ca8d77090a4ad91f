/**
 * `/talk daily set|off|status|preview` and the "Post now" button: maps the interaction onto the daily
 * service, with the two checks only Discord can make — does the member have Manage Server, and can the
 * bot post in the chosen channel (computed from REST, so it works with or without a gateway cache).
 */
import type { REST } from '@discordjs/rest';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { Bilingual } from '../../src/content/schema.js';
import type { DailyRequest } from '../../src/core/actions.js';
import { DAILY_ACTION_NAMES, type Lang } from '../../src/core/vocabulary.js';
import type { DailyContext, DailyService } from '../../src/daily/service.js';
import { suggestZones } from '../../src/daily/time.js';
import { channelRef } from '../../src/render/common.js';
import type { UserInteraction } from './interactions.js';
import { type CommandPath, channelOption, stringOption } from './options.js';
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
  return {
    sub: 'daily',
    lang,
    action,
    ...(channel ? { channel } : {}),
    ...(time ? { time } : {}),
    ...(zone ? { zone } : {}),
  };
}

async function checkChannel(
  rest: REST,
  guildId: string,
  channelId: string,
  botId: string,
): Promise<Bilingual | undefined> {
  const granted = await botPermissionsIn(rest, guildId, channelId, botId);
  if (granted === undefined)
    return {
      en: "I can't see that channel. Check that it exists and that I can view it.",
      zh: '我看不到这个频道,请确认它存在并且我有查看权限。',
    };
  const missing = NEEDED.filter(([flag]) => !(granted & PermissionFlagsBits[flag]));
  if (missing.length === 0) return undefined;
  return {
    en: `I can't post in ${channelRef(channelId)}: I'm missing ${missing.map(([, en]) => `**${en}**`).join(', ')}. Give me ${missing.length > 1 ? 'these permissions' : 'this permission'} in the channel's settings, then try again.`,
    zh: `我无法在 ${channelRef(channelId)} 发布:缺少权限 ${missing.map(([, , zh]) => `**${zh}**`).join('、')}。请在频道设置中授予后重试。`,
  };
}

/** The context of a daily request in a server; undefined in a DM (schedules belong to a server). */
export function dailyContext(
  interaction: UserInteraction,
  rest: REST,
  botId: string,
): DailyContext | undefined {
  const guildId = interaction.guild_id;
  const user = interaction.member?.user ?? interaction.user;
  if (!guildId || !user) return undefined;
  const permissions = BigInt(interaction.member?.permissions ?? '0');
  return {
    platform: 'discord',
    workspace: guildId,
    user: user.id,
    isAdmin: (permissions & PermissionFlagsBits.ManageGuild) !== 0n,
    here: interaction.channel?.id ?? '',
    checkChannel: (channelId) => checkChannel(rest, guildId, channelId, botId),
  };
}

export function timezoneChoices(value: string): { name: string; value: string }[] {
  return suggestZones(value).map((zone) => ({ name: zone, value: zone }));
}

export type { DailyService };
