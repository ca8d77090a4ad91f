import type { DiscordSubcommand } from './command.js';

export const search = {
  name: 'search',
  toRequest: ({ option, lang }) => ({ sub: 'search', lang, query: option('query') ?? '' }),
} satisfies DiscordSubcommand;
