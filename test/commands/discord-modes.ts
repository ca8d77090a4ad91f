/**
 * The two ways the bot takes Discord interactions, behind one shape, so the same scenarios run over both:
 *   - gateway: the real discord.js Client on the fake's gateway; an interaction is an INTERACTION_CREATE
 *     and its first answer is the POST the client makes to the callback endpoint;
 *   - http: the bot's HTTP server with DiscordHttpBot; an interaction is a signed POST to
 *     /discord/interactions and its first answer is the HTTP response.
 * Later messages (edits after a deferral, follow-ups) reach the fake's webhook routes in both.
 */
import type { REST } from '@discordjs/rest';
import { DiscordBot, type DiscordBotOptions } from '../../commands/discord/bot.js';
import { DiscordHttpBot } from '../../commands/discord/http-bot.js';
import { MemorySeen } from '../../src/http/replay.js';
import { HttpServer } from '../../src/http/server.js';
import type { FakeDiscord } from '../fakes/discord.js';
import { DiscordSigner, type Posted } from '../fakes/discord-http.js';

export type Mode = 'gateway' | 'http';
export const MODES: Mode[] = ['gateway', 'http'];

/** The first answer to an interaction (`type` 4 message, 5 deferral, 7 update, 8 choices, …). */
export type FirstAnswer = { type: number; data?: any };

export interface ModeBot {
  mode: Mode;
  rest: REST;
  botUserId(): string | undefined;
  /** Sends `payload` as Discord would in this mode and resolves with the first answer. */
  send(payload: Record<string, any>): Promise<FirstAnswer>;
  stop(timeoutMs?: number): Promise<void>;
  /** HTTP mode: where the bot listens (http://127.0.0.1:port). */
  base?: string;
  /** HTTP mode: the signer playing Discord, for raw or badly signed requests. */
  signer?: DiscordSigner;
}

/** One key pair per test file: the fake reports it as the application's public key. */
let signer: DiscordSigner | undefined;

export async function startMode(
  mode: Mode,
  fake: FakeDiscord,
  options: Omit<DiscordBotOptions, 'api'>,
): Promise<ModeBot> {
  if (mode === 'gateway') {
    const bot = new DiscordBot({ ...options, api: fake.api });
    await bot.start();
    return {
      mode,
      rest: bot.client.rest,
      botUserId: () => bot.client.user?.id,
      send: async (payload) => {
        const callback = fake.waitFor((r) => r.path.startsWith(`/api/v10/interactions/${payload.id}/`));
        fake.dispatch('INTERACTION_CREATE', payload);
        return (await callback).body as FirstAnswer;
      },
      stop: (timeoutMs) => bot.stop(timeoutMs),
    };
  }
  signer ??= new DiscordSigner();
  fake.verifyKey = signer.publicKey;
  const server = new HttpServer();
  const bot = new DiscordHttpBot({
    ...options,
    api: fake.api,
    publicKey: signer.publicKey,
    server,
    seen: new MemorySeen(),
  });
  await bot.start(5000);
  const base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  const s = signer;
  return {
    mode,
    rest: bot.rest,
    botUserId: () => bot.identity?.userId,
    send: async (payload) => answerOf(await s.send(base, payload)),
    stop: async (timeoutMs = 10_000) => {
      await bot.stop(timeoutMs);
      await server.close();
      server.closeAllConnections();
    },
    base,
    signer: s,
  };
}

function answerOf(posted: Posted): FirstAnswer {
  if (posted.status !== 200 || typeof posted.body?.type !== 'number')
    throw new Error(`the bot answered ${posted.status}: ${posted.text.slice(0, 200)}`);
  return posted.body as FirstAnswer;
}
