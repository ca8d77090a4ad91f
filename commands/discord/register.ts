/**
 * `npm run discord:register`: registers /talk with Discord — to DISCORD_GUILD_ID when set (instant, for
 * development), globally otherwise — and prints what it registered. Exits non-zero on failure.
 */
import { REST, Routes } from 'discord.js';
import { type Config, ConfigError, loadConfig } from '../../src/config.js';
import { talkCommandDefinition } from './definitions.js';

export async function register(
  config: Config,
  print: (line: string) => void = console.log,
): Promise<unknown[]> {
  if (!config.DISCORD_TOKEN) throw new ConfigError(['DISCORD_TOKEN: required to register commands']);
  const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
  const app = (await rest.get(Routes.currentApplication())) as { id: string };
  const body = [talkCommandDefinition()];
  const route = config.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(app.id, config.DISCORD_GUILD_ID)
    : Routes.applicationCommands(app.id);
  const registered = (await rest.put(route, { body })) as { name: string; options?: { name: string }[] }[];
  const where = config.DISCORD_GUILD_ID
    ? `server ${config.DISCORD_GUILD_ID} (available now)`
    : 'all servers (may take up to an hour to appear)';
  for (const command of registered) {
    print(
      `registered /${command.name} for ${where}: ${(command.options ?? []).map((o) => o.name).join(', ')}`,
    );
  }
  return registered;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await register(loadConfig());
  } catch (error) {
    console.error(`discord:register failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
