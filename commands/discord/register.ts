/**
 * `npm run discord:register`: registers /talk and the message command "Find in the talk" with Discord — to
 * DISCORD_GUILD_ID when set (instant, for development), globally otherwise, where they can also be installed
 * to a user and used in DMs — prints what it registered, and where Discord sends interactions: over
 * HTTP (DISCORD_PUBLIC_KEY set) the endpoint to paste into the Developer Portal; over the gateway a warning
 * when the portal still names an endpoint (Discord then sends nothing over the gateway). Exits non-zero on
 * failure.
 */
import type { APIApplication } from 'discord-api-types/v10';
import { type Config, ConfigError, loadConfig } from '../../src/config.js';
import { REST, Routes } from './api.js';
import { CONTEXTS, commandDefinitions, INTEGRATION_TYPES } from './definitions.js';
import { DISCORD_INTERACTIONS_PATH } from './http.js';

interface Registered {
  name: string;
  type?: number;
  options?: { name: string }[];
}
const MESSAGE_COMMAND = 3;

export async function register(
  config: Config,
  print: (line: string) => void = console.log,
): Promise<unknown[]> {
  if (!config.DISCORD_TOKEN) throw new ConfigError(['DISCORD_TOKEN: required to register commands']);
  const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
  const app = (await rest.get(Routes.currentApplication())) as APIApplication;
  const body = commandDefinitions(config.DISCORD_GUILD_ID ? 'server' : 'global');
  const route = config.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(app.id, config.DISCORD_GUILD_ID)
    : Routes.applicationCommands(app.id);
  const registered = (await rest.put(route, { body })) as Registered[];
  const where = config.DISCORD_GUILD_ID
    ? `server ${config.DISCORD_GUILD_ID} (available now)`
    : 'all servers (may take up to an hour to appear)';
  for (const command of registered) {
    print(
      command.type === MESSAGE_COMMAND
        ? `registered the message command "${command.name}" (right-click a message → Apps) for ${where}`
        : `registered /${command.name} for ${where}: ${(command.options ?? []).map((o) => o.name).join(', ')}`,
    );
  }
  print(
    config.DISCORD_GUILD_ID
      ? 'server commands work in that server only: register without DISCORD_GUILD_ID for DMs and installs to a user'
      : `installable to a server or to a user (integration_types ${INTEGRATION_TYPES.join(', ')}), usable in servers, DMs with the bot and group DMs (contexts ${CONTEXTS.join(', ')}); installs to a user need User Install on in the Developer Portal → Installation`,
  );
  for (const line of endpointAdvice(config, app)) print(line);
  return registered;
}

/** What to set in the Developer Portal for the mode this configuration runs in. */
function endpointAdvice(config: Config, app: APIApplication): string[] {
  const current = app.interactions_endpoint_url || undefined;
  if (!config.DISCORD_PUBLIC_KEY) {
    return current
      ? [
          `warning: the Developer Portal names an Interactions Endpoint URL (${current}), so Discord sends interactions there and none over the gateway — clear it (General Information), or set DISCORD_PUBLIC_KEY to run over HTTP.`,
        ]
      : [];
  }
  const lines = [
    `Discord over HTTP: paste this into the Developer Portal → General Information → Interactions Endpoint URL: https://<your public host>${DISCORD_INTERACTIONS_PATH}`,
    `  (the public HTTPS address that reaches PORT ${config.PORT} of the bot; Discord sends a signed PING when you save, so start the bot first)`,
  ];
  if (current) lines.push(`  currently set: ${current}`);
  if (app.verify_key && app.verify_key.toLowerCase() !== config.DISCORD_PUBLIC_KEY)
    lines.push(
      `warning: DISCORD_PUBLIC_KEY is not this application's public key (${app.verify_key}) — every interaction would be refused.`,
    );
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await register(loadConfig());
  } catch (error) {
    console.error(`discord:register failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
