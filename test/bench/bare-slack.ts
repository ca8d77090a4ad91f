/**
 * The bare baseline for Slack: a bolt App in HTTP mode with one slash command that acknowledges and answers
 * a fixed text through response_url, so `talk / bare` shows what talk adds on top of bolt itself.
 *
 * Fairness: compiled with esbuild and run with plain `node`, as talk runs compiled (see bare-discord.ts).
 * bolt's own logger is set to WARN: talk routes bolt's info lines to its debug level, so neither prints them.
 *
 * Signals, as talk gives them on stderr: `{"msg":"slack listening","port":N}` (read by slackPortFromLog in
 * test/fakes/slack.ts), then `{"msg":"started"}`.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';

const app = new App({
  signingSecret: process.env.SLACK_SIGNING_SECRET!,
  token: process.env.SLACK_BOT_TOKEN!,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL! },
  logLevel: LogLevel.WARN,
});

app.command('/talk', async ({ ack, respond }) => {
  await ack();
  await respond('fixed answer');
});

const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
log('slack listening', { mode: 'http', port: (server.address() as AddressInfo).port, path: '/slack/events' });
log('started');

function log(msg: string, fields: Record<string, unknown> = {}): void {
  process.stderr.write(
    `${JSON.stringify({ level: 'info', time: new Date().toISOString(), msg, ...fields })}\n`,
  );
}
