import type { DiscordSubcommand } from './command.js';

export const help = {
  name: 'help',
  toRequest: ({ lang }) => ({ sub: 'help', lang }),
} satisfies DiscordSubcommand;
