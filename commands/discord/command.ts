/** The shape every Discord subcommand file exports, checked with `satisfies`. */
import type { TalkRequest } from '../../src/core/actions.js';
import type { Talk } from '../../src/core/talk.js';
import type { Lang, SubcommandName } from '../../src/core/vocabulary.js';

export interface SubcommandInput {
  /** A string option's value, or undefined when the user left it out. */
  option(name: string): string | undefined;
  lang: Lang;
}

export interface DiscordSubcommand {
  name: SubcommandName;
  toRequest(input: SubcommandInput): TalkRequest;
  /** Choices for an option with autocomplete, as the user types. */
  autocomplete?(talk: Talk, option: string, value: string): { name: string; value: string }[];
}
