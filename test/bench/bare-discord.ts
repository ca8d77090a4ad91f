/**
 * The bare baseline for Discord: a discord.js client with nothing of talk in it. It answers every slash
 * command with a fixed text and every autocomplete with one fixed choice, so `talk / bare` shows what talk
 * adds on top of the library itself.
 *
 * Fairness: talk runs as compiled JavaScript (`node dist/src/main.js`), so this file is not run through tsx
 * either. platforms.ts compiles it with esbuild (brought by tsx) into a temporary directory at bench start,
 * module by module (no bundling: discord.js is loaded from the same node_modules as talk's), and runs it
 * with plain `node`.
 *
 * Signals, as talk gives them: JSON log lines on stderr, `{"msg":"started"}` once the client is ready.
 */
import { Client, Events, GatewayIntentBits } from 'discord.js';

const client = new Client({
  intents: [GatewayIntentBits.Guilds],
  rest: { api: process.env.DISCORD_API_URL! },
});

client.on(Events.InteractionCreate, (interaction) => {
  if (interaction.isChatInputCommand()) {
    interaction.reply({ content: 'fixed answer' }).catch((error) => log('reply failed', String(error)));
  } else if (interaction.isAutocomplete()) {
    interaction.respond([{ name: 'a', value: 'a' }]).catch((error) => log('respond failed', String(error)));
  }
});
client.once(Events.ClientReady, () => log('started'));

function log(msg: string, error?: string): void {
  const level = error ? 'error' : 'info';
  process.stderr.write(
    `${JSON.stringify({ level, time: new Date().toISOString(), msg, ...(error ? { error } : {}) })}\n`,
  );
}

await client.login(process.env.DISCORD_TOKEN);
