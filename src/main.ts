/**
 * `npm start`: validates configuration and content, then starts every chat platform that has credentials.
 * With none, it says which variables to set and, on a terminal, opens a local console.
 */
import { DiscordBot } from '../commands/discord/bot.js';
import { SlackBot } from '../commands/slack/bot.js';
import { runConsole } from './cli.js';
import { type Config, ConfigError, loadConfig, secretsOf } from './config.js';
import { ContentError, loadContent } from './content/load.js';
import { Cooldown } from './core/cooldown.js';
import { Talk } from './core/talk.js';
import { createLogger } from './log.js';
import { renderText } from './render/text.js';

async function main(): Promise<number> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${error.message}\nSee .env.example for what each variable expects.`);
      return 78; // EX_CONFIG
    }
    throw error;
  }
  const log = createLogger(config.LOG_LEVEL, secretsOf(config));
  let talk: Talk;
  try {
    talk = new Talk(loadContent());
  } catch (error) {
    if (error instanceof ContentError) {
      console.error(`content error in ${error.message}`);
      return 65; // EX_DATAERR
    }
    throw error;
  }

  const cooldown = new Cooldown(config.COOLDOWN_SECONDS);
  const running: { name: string; stop(): Promise<void> }[] = [];
  try {
    if (config.DISCORD_TOKEN) {
      const discord = new DiscordBot({
        talk,
        token: config.DISCORD_TOKEN,
        api: config.DISCORD_API_URL,
        cooldown,
        log,
      });
      await discord.start();
      running.push({ name: 'discord', stop: () => discord.stop() });
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
      });
      await slack.start();
      running.push({ name: `slack (${slack.mode} mode)`, stop: () => slack.stop() });
    }
  } catch (error) {
    log.error('could not start', { error });
    await Promise.allSettled(running.map((r) => r.stop()));
    return 1;
  }
  if (running.length > 0) {
    log.info('started', { platforms: running.map((r) => r.name) });
    const stop = async (signal: string) => {
      log.info('stopping', { signal });
      await Promise.allSettled(running.map((r) => r.stop()));
      process.exit(0);
    };
    process.once('SIGINT', (s) => void stop(s));
    process.once('SIGTERM', (s) => void stop(s));
    // A stray rejection inside a library must not take the bot down; log it and carry on.
    process.on('unhandledRejection', (error) => log.error('unhandled rejection', { error }));
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
