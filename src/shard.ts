/**
 * One Discord shard, spawned by discord.js's ShardingManager when DISCORD_SHARDS is set. It answers the
 * interactions of its own guilds; daily posts are sent by the main process, so each is sent once
 * ("Post now" from a shard goes through the store's claim like any other post).
 */
import { EXIT } from './ops/deadline.js';
import { Lifecycle } from './ops/lifecycle.js';

const lifecycle = new Lifecycle().listen();
const { createRuntime, loadBasics, startDiscordClient } = await import('./runtime.js');

async function shard(): Promise<number> {
  const basics = await loadBasics();
  if (typeof basics === 'number') return basics;
  lifecycle.useLogger(basics.log);
  lifecycle.stopTimeoutMs = basics.config.SHUTDOWN_TIMEOUT_SECONDS * 1000;
  try {
    const runtime = await createRuntime(basics, lifecycle);
    await startDiscordClient(basics, runtime, lifecycle);
  } catch (error) {
    return lifecycle.fail(error);
  }
  lifecycle.markStarted();
  basics.log.info('shard started', { pid: process.pid });
  return EXIT.ok;
}

const code = await shard();
if (code !== EXIT.ok) process.stderr.write('', () => process.exit(code));
