import type { DiscordSubcommand } from './command.js';

export const summary = {
  name: 'summary',
  toRequest: ({ option, lang }) => {
    const topic = option('topic');
    return { sub: 'summary', lang, ...(topic ? { topic } : {}) };
  },
  autocomplete: (talk, _option, value) => talk.suggestTopics(value),
} satisfies DiscordSubcommand;
