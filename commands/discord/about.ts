import type { DiscordSubcommand } from './command.js';

export const about = {
  name: 'about',
  toRequest: ({ lang }) => ({ sub: 'about', lang }),
} satisfies DiscordSubcommand;
