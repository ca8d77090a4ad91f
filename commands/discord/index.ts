/** Every Discord subcommand, listed explicitly. */
import { about } from './about.js';
import { card } from './card.js';
import type { DiscordSubcommand } from './command.js';
import { help } from './help.js';
import { quote } from './quote.js';
import { search } from './search.js';
import { summary } from './summary.js';
import { takeaway } from './takeaway.js';
import { topics } from './topics.js';

export const SUBCOMMAND_HANDLERS: readonly DiscordSubcommand[] = [
  quote,
  summary,
  search,
  topics,
  takeaway,
  card,
  about,
  help,
];
