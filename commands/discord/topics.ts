import type { DiscordSubcommand } from './command.js';

export const topics = {
  name: 'topics',
  toRequest: ({ lang }) => ({ sub: 'topics', lang }),
} satisfies DiscordSubcommand;
