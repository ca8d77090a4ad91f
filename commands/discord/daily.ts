/**
 * `/talk daily set|off|status|preview` and the "Post now" button: maps the interaction onto the daily
 * service, with the two checks only Discord can make — does the member have Manage Server, and can the
 * bot post in the chosen channel.
 */
import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Guild,
  PermissionFlagsBits,
  PermissionsBitField,
} from 'discord.js';
import type { Bilingual } from '../../src/content/schema.js';
import type { DailyRequest } from '../../src/core/actions.js';
import type { Lang } from '../../src/core/vocabulary.js';
import type { DailyContext, DailyService } from '../../src/daily/service.js';
import { suggestZones } from '../../src/daily/time.js';
import { channelRef } from '../../src/render/common.js';

/** What the bot needs in a channel to post a takeaway there. */
const NEEDED = [
  ['ViewChannel', 'View Channel', '查看频道'],
  ['SendMessages', 'Send Messages', '发送消息'],
  ['EmbedLinks', 'Embed Links', '嵌入链接'],
] as const;

export function dailyRequest(interaction: ChatInputCommandInteraction, lang: Lang): DailyRequest {
  const action = interaction.options.getSubcommand() as DailyRequest['action'];
  const channel = interaction.options.getChannel('channel')?.id;
  const time = interaction.options.getString('time') ?? undefined;
  const zone = interaction.options.getString('timezone') ?? undefined;
  return {
    sub: 'daily',
    lang,
    action,
    ...(channel ? { channel } : {}),
    ...(time ? { time } : {}),
    ...(zone ? { zone } : {}),
  };
}

async function checkChannel(guild: Guild, channelId: string): Promise<Bilingual | undefined> {
  const channel =
    guild.channels.cache.get(channelId) ?? (await guild.channels.fetch(channelId).catch(() => null));
  if (!channel)
    return {
      en: "I can't see that channel. Check that it exists and that I can view it.",
      zh: '我看不到这个频道,请确认它存在并且我有查看权限。',
    };
  const me = guild.members.me ?? (await guild.members.fetchMe());
  const granted = channel.permissionsFor(me) ?? new PermissionsBitField();
  const missing = NEEDED.filter(([flag]) => !granted.has(PermissionFlagsBits[flag]));
  if (missing.length === 0) return undefined;
  return {
    en: `I can't post in ${channelRef(channelId)}: I'm missing ${missing.map(([, en]) => `**${en}**`).join(', ')}. Give me ${missing.length > 1 ? 'these permissions' : 'this permission'} in the channel's settings, then try again.`,
    zh: `我无法在 ${channelRef(channelId)} 发布:缺少权限 ${missing.map(([, , zh]) => `**${zh}**`).join('、')}。请在频道设置中授予后重试。`,
  };
}

export function dailyContext(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
): DailyContext | undefined {
  const guild = interaction.guild;
  if (!guild) return undefined;
  return {
    platform: 'discord',
    workspace: guild.id,
    user: interaction.user.id,
    isAdmin: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    here: interaction.channelId,
    checkChannel: (channelId) => checkChannel(guild, channelId),
  };
}

export function timezoneChoices(value: string): { name: string; value: string }[] {
  return suggestZones(value).map((zone) => ({ name: zone, value: zone }));
}

export type { DailyService };
