import type { DiscordSubcommand } from './command.js';

export const quote = {
  name: 'quote',
  toRequest: ({ option, lang }) => {
    const query = option('query');
    return { sub: 'quote', lang, ...(query ? { query } : {}) };
  },
  autocomplete: (talk, _option, value) => talk.suggestPassages(value),
} satisfies DiscordSubcommand;
