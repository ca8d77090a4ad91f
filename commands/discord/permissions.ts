/**
 * The bot's permissions in a channel, computed from what Discord's REST API says (the guild's roles, the
 * bot's member record, the channel's overwrites), the same way whether or not the bot keeps caches.
 * Discord: https://discord.com/developers/docs/topics/permissions#permission-overwrites
 */
import type { REST } from '@discordjs/rest';
import type { APIChannel, APIGuildMember, APIRole } from 'discord-api-types/v10';
import { PermissionFlagsBits, Routes } from './api.js';

interface Overwrite {
  id: string;
  type: number;
  allow: string;
  deny: string;
}

/** Base permissions from roles, then the channel's overwrites: @everyone, the member's roles, the member. */
export function channelPermissions(
  guildId: string,
  roles: Pick<APIRole, 'id' | 'permissions'>[],
  member: { user_id: string; roles: string[] },
  overwrites: Overwrite[],
): bigint {
  const perms = (id: string) => BigInt(roles.find((r) => r.id === id)?.permissions ?? '0');
  let base = perms(guildId);
  for (const id of member.roles) base |= perms(id);
  if (base & PermissionFlagsBits.Administrator) return ~0n;
  const everyone = overwrites.find((o) => o.id === guildId);
  if (everyone) base = (base & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type === 0 && o.id !== guildId && member.roles.includes(o.id)) {
      allow |= BigInt(o.allow);
      deny |= BigInt(o.deny);
    }
  }
  base = (base & ~deny) | allow;
  const own = overwrites.find((o) => o.type === 1 && o.id === member.user_id);
  if (own) base = (base & ~BigInt(own.deny)) | BigInt(own.allow);
  return base;
}

/** The bot's permissions in `channelId`, or undefined when it cannot see the channel (or it is elsewhere). */
export async function botPermissionsIn(
  rest: REST,
  guildId: string,
  channelId: string,
  botId: string,
): Promise<bigint | undefined> {
  const channel = (await rest.get(Routes.channel(channelId)).catch(() => undefined)) as
    | (APIChannel & { guild_id?: string; permission_overwrites?: Overwrite[] })
    | undefined;
  if (!channel || channel.guild_id !== guildId) return undefined;
  const [roles, member] = (await Promise.all([
    rest.get(Routes.guildRoles(guildId)),
    rest.get(Routes.guildMember(guildId, botId)),
  ])) as [APIRole[], APIGuildMember];
  return channelPermissions(
    guildId,
    roles,
    { user_id: botId, roles: member.roles },
    channel.permission_overwrites ?? [],
  );
}
