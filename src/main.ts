/**
 * `npm start`: validates configuration and content, then starts every chat platform that has credentials,
 * with daily posts for both. With none, it says which variables to set and, on a terminal, opens a local
 * console. With DISCORD_SHARDS set, Discord runs in shard processes under discord.js's ShardingManager.
 */
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager } from 'discord.js';
import { DiscordDailyPoster } from '../commands/discord/daily-poster.js';
import { SlackBot } from '../commands/slack/bot.js';
import { SlackDailyPoster } from '../commands/slack/daily-poster.js';
import { runConsole } from './cli.js';
import { seedSchedules } from './daily/seed.js';
import { OpsServer, type ReadinessCheck } from './ops/server.js';
import { renderText } from './render/text.js';
import {
  type Basics,
  createRuntime,
  type DiscordPart,
  loadBasics,
  type Running,
  type Runtime,
  startDiscordClient,
  stopOnSignals,
} from './runtime.js';

/** Discord: identifying more than max_concurrency shards at once is rate limited; 5 s apart is safe. */
const SHARD_SPAWN_DELAY_MS = 5500;

/** Shard processes under discord.js's ShardingManager; this process posts their guilds' daily takeaways. */
async function startDiscordShards({ config, log }: Basics, runtime: Runtime): Promise<DiscordPart> {
  const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN!);
  const gateway = (await rest.get(Routes.gatewayBot())) as {
    shards: number;
    session_start_limit: { max_concurrency: number };
  };
  const total = config.DISCORD_SHARDS === 'auto' ? gateway.shards : config.DISCORD_SHARDS!;
  const file = fileURLToPath(
    new URL(`./shard${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
  );
  const manager = new ShardingManager(file, {
    token: config.DISCORD_TOKEN!,
    totalShards: total,
    mode: 'process',
    execArgv: file.endsWith('.ts') ? ['--import', 'tsx'] : [],
  });
  manager.on('shardCreate', (shard) => {
    log.info('shard spawned', { shard: shard.id, of: total });
    shard.on('reconnecting', () => runtime.telemetry.reconnect('discord'));
  });
  const delay = gateway.session_start_limit.max_concurrency >= total ? 0 : SHARD_SPAWN_DELAY_MS;
  await manager.spawn({ amount: total, delay, timeout: 60_000 });
  const me = (await rest.get(Routes.user())) as { id: string };
  runtime.posters.discord = new DiscordDailyPoster(rest, () => me.id);
  return {
    running: {
      name: 'discord shards',
      // Each shard stops on SIGTERM like a whole bot does: it lets its answers in flight finish.
      stop: async () => {
        await Promise.all(
          [...manager.shards.values()].map(async (shard) => {
            const child = shard.process;
            if (!child || child.exitCode !== null) return;
            const exited = once(child, 'exit');
            shard.kill();
            await exited;
          }),
        );
      },
    },
    ready: () => manager.shards.size === total && [...manager.shards.values()].every((s) => s.ready),
    guildOf: async (id) =>
      ((await rest.get(Routes.channel(id)).catch(() => undefined)) as { guild_id?: string } | undefined)
        ?.guild_id,
  };
}

async function startPlatforms(basics: Basics, running: Running[]): Promise<void> {
  const { config, log, talk } = basics;
  const runtime = await createRuntime(basics);
  const { store, scheduler, daily, posters, telemetry, cooldown } = runtime;
  // `running` is stopped front to back: takers of new work are put in front of what they depend on.
  running.push({ name: 'store', stop: () => store.close() });
  const checks: ReadinessCheck[] = [
    ['content', () => talk.content.passages.length > 0],
    ['store', () => store.ping().then(() => true)],
  ];
  const seedSettings = { time: config.DAILY_TIME, zone: config.DAILY_TZ, lang: config.DAILY_LANG };

  if (config.DISCORD_TOKEN) {
    const discord = config.DISCORD_SHARDS
      ? await startDiscordShards(basics, runtime)
      : await startDiscordClient(basics, runtime);
    running.unshift(discord.running);
    checks.push(['discord', discord.ready]);
    const channels = [];
    for (const id of config.DAILY_DISCORD_CHANNELS) {
      const guild = await discord.guildOf(id);
      if (guild) channels.push({ workspace: guild, channel: id });
      else log.warn('DAILY_DISCORD_CHANNELS: cannot see this channel; skipped', { channel: id });
    }
    await seedSchedules(store, 'discord', channels, seedSettings, Date.now());
  }
  if (config.SLACK_BOT_TOKEN) {
    const slack = new SlackBot({
      talk,
      cooldown,
      log,
      botToken: config.SLACK_BOT_TOKEN,
      signingSecret: config.SLACK_SIGNING_SECRET,
      appToken: config.SLACK_APP_TOKEN,
      apiUrl: config.SLACK_API_URL,
      port: config.PORT,
      daily,
      dailyAdmins: config.SLACK_DAILY_ADMINS,
      telemetry,
    });
    await slack.start();
    running.unshift({
      name: `slack (${slack.mode} mode)`,
      stop: () => slack.stop(config.SHUTDOWN_TIMEOUT_SECONDS * 1000),
    });
    checks.push(['slack', () => slack.ready]);
    posters.slack = new SlackDailyPoster(slack.app.client);
    if (config.DAILY_SLACK_CHANNELS.length > 0) {
      const team = String((await slack.app.client.auth.test()).team_id ?? '');
      const channels = config.DAILY_SLACK_CHANNELS.map((channel) => ({ workspace: team, channel }));
      await seedSchedules(store, 'slack', channels, seedSettings, Date.now());
    }
  }
  scheduler.start(config.DAILY_TICK_SECONDS * 1000);
  running.unshift({ name: 'daily scheduler', stop: () => scheduler.stop() });
  if (config.HEALTH_PORT !== undefined) {
    const ops = new OpsServer(telemetry, () => checks);
    const port = await ops.listen(config.HEALTH_PORT);
    // Health endpoints go last, so probes see the bot until everything else has stopped.
    running.push({ name: 'ops', stop: () => ops.close() });
    log.info('ops listening', { port, paths: ['/healthz', '/readyz', '/metrics'] });
  }
}

async function main(): Promise<number> {
  const basics = loadBasics();
  if (typeof basics === 'number') return basics;
  const { config, log, talk } = basics;

  if (config.DISCORD_TOKEN || config.SLACK_BOT_TOKEN) {
    const running: Running[] = [];
    try {
      await startPlatforms(basics, running);
    } catch (error) {
      log.error('could not start', { error });
      for (const r of running) await r.stop().catch(() => undefined);
      return 1;
    }
    log.info('started', { platforms: running.map((r) => r.name) });
    stopOnSignals(running, log);
    return 0;
  }

  console.log(
    [
      'talk: no chat platform configured, so nothing is connected.',
      '  Discord: set DISCORD_TOKEN (and DISCORD_GUILD_ID while developing).',
      '  Slack:   set SLACK_BOT_TOKEN with SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode).',
      '  See .env.example and the README.',
      '',
    ].join('\n'),
  );
  if (process.stdin.isTTY) {
    await runConsole(talk, process);
  } else {
    console.log(renderText(talk.handle({ sub: 'takeaway', lang: 'both' })));
  }
  return 0;
}

process.exitCode = await main();
