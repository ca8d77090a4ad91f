/** Starts the real SlackBot in HTTP mode on the bot's own HTTP server, on 127.0.0.1, as `npm start` does. */
import { SlackBot, type SlackBotOptions } from '../../commands/slack/bot.js';
import { MemorySeen } from '../../src/http/replay.js';
import { HttpServer } from '../../src/http/server.js';

export async function startSlackHttp(
  options: Omit<SlackBotOptions, 'server' | 'seen'>,
): Promise<{ bot: SlackBot; port: number; server: HttpServer; stop: (timeoutMs?: number) => Promise<void> }> {
  const server = new HttpServer();
  const bot = new SlackBot({ ...options, server, seen: new MemorySeen() });
  await bot.start(5000);
  const port = await server.listen(0, '127.0.0.1');
  return {
    bot,
    port,
    server,
    stop: async (timeoutMs = 10_000) => {
      await server.close();
      await bot.stop(timeoutMs);
      server.closeAllConnections();
    },
  };
}
