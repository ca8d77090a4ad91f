/**
 * `npm start`: validates configuration and content, then starts every chat platform that has credentials,
 * with daily posts for both. With none, it says which variables to set and, on a terminal, opens a local
 * console. Discord runs over the gateway (one discord.js client, or shard processes under discord.js's
 * ShardingManager with DISCORD_SHARDS), or over HTTP interactions on PORT when DISCORD_PUBLIC_KEY is set.
 *
 * Signals are handled from the first line; every outside dependency is awaited within a deadline, and a
 * failed start prints one sentence naming the variable to check, then exits with a code that says why.
 */
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Lifecycle } from './ops/lifecycle.js';

// First: a SIGTERM while the rest loads and starts stops the start within seconds.
const lifecycle = new Lifecycle().listen();

const { runConsole } = await import('./cli.js');
const { seedSchedules } = await import('./daily/seed.js');
const { EXIT, StartupError, withDeadline } = await import('./ops/deadline.js');
const { OpsServer } = await import('./ops/server.js');
const { renderText } = await import('./render/text.js');
const { createRuntime, loadBasics, startDiscordClient, startDiscordHttp } = await import('./runtime.js');
type Basics = import('./runtime.js').Basics;
type Runtime = import('./runtime.js').Runtime;
type DiscordPart = import('./runtime.js').DiscordPart;
type ReadinessCheck = import('./ops/server.js').ReadinessCheck;

/** Discord: identifying more than max_concurrency shards at once is rate limited; 5 s apart is safe. */
const SHARD_SPAWN_DELAY_MS = 5500;

/** Shard processes under discord.js's ShardingManager; this process posts their guilds' daily takeaways. */
async function startDiscordShards({ config, log }: Basics, runtime: Runtime): Promise<DiscordPart> {
  const { DiscordDailyPoster } = await import('../commands/discord/daily-poster.js');
  const { REST, Routes, ShardingManager } = await import('discord.js');
  const { explainDiscord } = await import('../commands/discord/explain.js');
  const startupMs = config.STARTUP_TIMEOUT_SECONDS * 1000;
  const rest = new REST({
    api: config.DISCORD_API_URL,
    timeout: config.API_TIMEOUT_SECONDS * 1000,
    retries: 1,
  }).setToken(config.DISCORD_TOKEN!);
  const gateway = (await withDeadline(rest.get(Routes.gatewayBot()), startupMs).catch((error: unknown) => {
    throw explainDiscord(error, 'rest', config.DISCORD_API_URL, startupMs);
  })) as { shards: number; session_start_limit: { max_concurrency: number } };
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
  let stopping = false;
  manager.on('shardCreate', (shard) => {
    log.info('shard spawned', { shard: shard.id, of: total });
    shard.on('reconnecting', () => {
      if (!stopping) runtime.telemetry.reconnect('discord');
    });
  });
  const running = {
    name: 'discord shards',
    // Each shard stops on SIGTERM like a whole bot does: it lets its answers in flight finish.
    stop: async () => {
      stopping = true;
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
  };
  lifecycle.add(running, true);
  const delay = gateway.session_start_limit.max_concurrency >= total ? 0 : SHARD_SPAWN_DELAY_MS;
  await lifecycle.unlessStopped(
    manager.spawn({ amount: total, delay, timeout: startupMs }).catch((error: unknown) => {
      throw new StartupError(
        `DISCORD_SHARDS: the shard processes did not become ready within ${config.STARTUP_TIMEOUT_SECONDS} s (${String(error)}) — see their log lines above.`,
      );
    }),
  );
  const me = (await rest.get(Routes.user())) as { id: string };
  runtime.posters.discord = new DiscordDailyPoster(rest, () => me.id, log);
  return {
    running,
    ready: () => manager.shards.size === total && [...manager.shards.values()].every((s) => s.ready),
    guildOf: async (id) =>
      ((await rest.get(Routes.channel(id)).catch(() => undefined)) as { guild_id?: string } | undefined)
        ?.guild_id,
  };
}

/** Readiness checks have 1.5 s each, so /readyz always answers within 2 s. */
const CHECK_MS = 1500;

async function startPlatforms(basics: Basics): Promise<void> {
  const { config, log, talk } = basics;
  const runtime = await createRuntime(basics, lifecycle);
  const { store, scheduler, daily, posters, telemetry, cooldown, seen } = runtime;
  const startupMs = config.STARTUP_TIMEOUT_SECONDS * 1000;
  const checks: ReadinessCheck[] = [
    ['content', () => talk.content.passages.length > 0],
    ['store', () => store.ping().then(() => true)],
  ];
  const seedSettings = { time: config.DAILY_TIME, zone: config.DAILY_TZ, lang: config.DAILY_LANG };

  // Slack's HTTP mode and Discord's HTTP interactions share one server on PORT; it is stopped last among
  // the takers of work.
  const slackHttp = config.SLACK_BOT_TOKEN && !config.SLACK_APP_TOKEN;
  const discordHttp = config.DISCORD_TOKEN && config.DISCORD_PUBLIC_KEY;
  const { HttpServer } = await import('./http/server.js');
  const http =
    slackHttp || discordHttp
      ? new HttpServer((error) => log.error('http handler failed', { error }))
      : undefined;

  if (config.DISCORD_TOKEN) {
    const discord = config.DISCORD_PUBLIC_KEY
      ? await startDiscordHttp(basics, runtime, lifecycle, http!)
      : config.DISCORD_SHARDS
        ? await startDiscordShards(basics, runtime)
        : await startDiscordClient(basics, runtime, lifecycle);
    checks.push(['discord', discord.ready]);
    const channels = [];
    for (const id of config.DAILY_DISCORD_CHANNELS) {
      const guild = await lifecycle.unlessStopped(withDeadline(discord.guildOf(id), startupMs)).catch(() => {
        if (lifecycle.signal.aborted) throw new Error('stopping');
        return undefined;
      });
      if (guild) channels.push({ workspace: guild, channel: id });
      else log.warn('DAILY_DISCORD_CHANNELS: cannot see this channel; skipped', { channel: id });
    }
    await seedSchedules(store, 'discord', channels, seedSettings, Date.now());
  }
  if (config.SLACK_BOT_TOKEN) {
    const { SlackBot } = await import('../commands/slack/bot.js');
    const { SlackDailyPoster } = await import('../commands/slack/daily-poster.js');
    const slack = new SlackBot({
      talk,
      cooldown,
      log,
      botToken: config.SLACK_BOT_TOKEN,
      signingSecret: config.SLACK_SIGNING_SECRET,
      appToken: config.SLACK_APP_TOKEN,
      apiUrl: config.SLACK_API_URL,
      server: http,
      seen,
      daily,
      dailyAdmins: config.SLACK_DAILY_ADMINS,
      telemetry,
      apiTimeoutMs: config.API_TIMEOUT_SECONDS * 1000,
      queryKeys: runtime.queryKeys,
      prefs: runtime.prefs,
    });
    lifecycle.add(
      { name: `slack (${slack.mode} mode)`, stop: () => slack.stop(config.SHUTDOWN_TIMEOUT_SECONDS * 1000) },
      true,
    );
    await lifecycle.unlessStopped(slack.start(startupMs));
    checks.push(['slack', () => slack.checkReady(CHECK_MS - 200)]);
    posters.slack = new SlackDailyPoster(slack.client, () => slack.botId, log);
    const channels = config.DAILY_SLACK_CHANNELS.map((channel) => ({ workspace: slack.teamId, channel }));
    await seedSchedules(store, 'slack', channels, seedSettings, Date.now());
  }
  if (http) {
    const port = await http.listen(config.PORT, '0.0.0.0');
    // Behind the platforms: while they drain, late requests still arrive and get the "restarting" note.
    lifecycle.addBefore('store', { name: 'http', stop: () => http.close() });
    log.info('http listening', { port, paths: http.paths });
    if (http.paths.includes('/slack/events'))
      log.info('slack listening', { mode: 'http', port, path: '/slack/events' });
    if (http.paths.includes('/discord/interactions'))
      log.info('discord listening', { mode: 'http', port, path: '/discord/interactions' });
  }
  scheduler.start(config.DAILY_TICK_SECONDS * 1000);
  lifecycle.add({ name: 'daily scheduler', stop: () => scheduler.stop() }, true);
  if (config.HEALTH_PORT !== undefined) {
    const ops = new OpsServer(telemetry, () => checks, CHECK_MS);
    const port = await ops.listen(config.HEALTH_PORT, config.HEALTH_HOST);
    // Health endpoints go last, so probes see the bot until everything else has stopped.
    lifecycle.add({ name: 'ops', stop: () => ops.close() });
    log.info('ops listening', { host: config.HEALTH_HOST, port, paths: ['/healthz', '/readyz', '/metrics'] });
  }
}

async function main(): Promise<number> {
  const basics = await loadBasics();
  if (typeof basics === 'number') return basics;
  const { config, log, talk } = basics;
  lifecycle.useLogger(log);
  lifecycle.stopTimeoutMs = config.SHUTDOWN_TIMEOUT_SECONDS * 1000;

  if (config.DISCORD_TOKEN || config.SLACK_BOT_TOKEN) {
    try {
      await startPlatforms(basics);
    } catch (error) {
      return lifecycle.fail(error);
    }
    lifecycle.markStarted();
    log.info('started', { platforms: lifecycle.parts.map((r) => r.name) });
    return EXIT.ok;
  }

  const interactive = process.stdin.isTTY === true;
  console.log(
    [
      'talk: no chat platform configured, so nothing is connected.',
      '  Discord: set DISCORD_TOKEN (and DISCORD_GUILD_ID while developing); add DISCORD_PUBLIC_KEY for HTTP interactions.',
      '  Slack:   set SLACK_BOT_TOKEN with SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode).',
      '  See .env.example and the README.',
      '',
    ].join('\n'),
  );
  if (interactive) {
    await runConsole(talk, process);
    return EXIT.ok;
  }
  // No terminal and nothing to connect to: show what the bot does, then say why it stops. A supervisor
  // (Docker's restart policy) must not restart a bot that has nothing to do, so this is a configuration exit.
  console.log(renderText(talk.handle({ sub: 'takeaway', lang: 'both' })));
  console.error(
    'talk: nothing to run — set DISCORD_TOKEN or SLACK_BOT_TOKEN (see .env.example), or run it on a terminal for the local console.',
  );
  return EXIT.config;
}

const code = await main();
// A failed start may leave sockets half-open; exit once the last line is out rather than wait for them.
if (code !== EXIT.ok) process.stderr.write('', () => process.exit(code));
