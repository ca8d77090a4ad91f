/**
 * One Discord shard, spawned by discord.js's ShardingManager when DISCORD_SHARDS is set. It answers the
 * interactions of its own guilds; daily posts are sent by the main process, so each is sent once
 * ("Post now" from a shard goes through the store's claim like any other post).
 */
import { createRuntime, loadBasics, startDiscordClient, stopOnSignals } from './runtime.js';

async function shard(): Promise<number> {
  const basics = loadBasics();
  if (typeof basics === 'number') return basics;
  const runtime = await createRuntime(basics);
  const discord = await startDiscordClient(basics, runtime);
  stopOnSignals([discord.running, { name: 'store', stop: () => runtime.store.close() }], basics.log);
  basics.log.info('shard started', { pid: process.pid });
  return 0;
}

process.exitCode = await shard();
