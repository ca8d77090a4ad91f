import type { DiscordSubcommand } from './command.js';

export const takeaway = {
  name: 'takeaway',
  toRequest: ({ lang }) => ({ sub: 'takeaway', lang }),
} satisfies DiscordSubcommand;
