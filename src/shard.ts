/**
 * One Discord shard, spawned by discord.js's ShardingManager when DISCORD_SHARDS is set. It answers the
 * interactions of its own guilds; daily posts are sent by the main process, so each is sent once.
 */
import { DiscordBot } from '../commands/discord/bot.js';
import { DiscordDailyPoster } from '../commands/discord/daily-poster.js';
import { createRuntime, loadBasics, stopOnSignals } from './runtime.js';

async function shard(): Promise<number> {
  const basics = loadBasics();
  if (typeof basics === 'number') return basics;
  const { config, log, talk } = basics;
  const runtime = await createRuntime(basics);
  const discord = new DiscordBot({
    talk,
    token: config.DISCORD_TOKEN!,
    api: config.DISCORD_API_URL,
    cooldown: runtime.cooldown,
    log,
    daily: runtime.daily,
    telemetry: runtime.telemetry,
  });
  // "Post now" from a shard posts through its own REST client; the store's claim keeps it once a day.
  runtime.posters.discord = new DiscordDailyPoster(discord.client.rest, () => discord.client.user?.id);
  await discord.start();
  stopOnSignals(
    [
      { name: 'discord', stop: () => discord.stop(config.SHUTDOWN_TIMEOUT_SECONDS * 1000) },
      { name: 'store', stop: () => runtime.store.close() },
    ],
    log,
  );
  log.info('shard started', { shards: discord.client.shard?.ids, of: discord.client.shard?.count });
  return 0;
}

process.exitCode = await shard();
