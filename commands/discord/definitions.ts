/**
 * The application commands as Discord's API takes them, derived from the shared vocabulary, so the
 * registered definitions and the handlers cannot drift apart: `/talk`, and "Find in the talk" on messages.
 */

import { DAILY_ACTIONS, DAILY_GROUP, type DailyOptionSpec } from '../../src/core/daily-vocabulary.js';
import {
  COMMAND_DESCRIPTION,
  COMMAND_NAME,
  FIND_COMMAND,
  type OptionSpec,
  SUBCOMMANDS,
} from '../../src/core/vocabulary.js';

const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;
const STRING = 3;
const BOOLEAN = 5;
const CHANNEL = 7;
const ROLE = 8;
const OPTION_TYPE = { string: STRING, boolean: BOOLEAN, channel: CHANNEL, role: ROLE } as const;
/** Text and announcement channels: where a daily post can go. */
const POSTABLE_CHANNEL_TYPES = [0, 5];
const CHAT_INPUT = 1;
const MESSAGE = 3;

/** Discord: where the app can be installed, 0 a server and 1 a user (a user install works everywhere they are). */
export const INTEGRATION_TYPES = [0, 1] as const;
/** Discord: where the commands can be used, 0 a server, 1 a DM with the bot, 2 a group DM or another DM. */
export const CONTEXTS = [0, 1, 2] as const;

/** Discord: localisations are keyed by locale; Chinese users see these names and descriptions. */
const zh = (text: string) => ({ 'zh-CN': text, 'zh-TW': text });

function option(spec: OptionSpec) {
  return {
    type: STRING,
    name: spec.name,
    name_localizations: zh(spec.nameZh),
    description: spec.description.en,
    description_localizations: zh(spec.description.zh),
    required: spec.required,
    ...(spec.autocomplete ? { autocomplete: true } : {}),
    ...(spec.maxLength ? { max_length: spec.maxLength } : {}),
    ...(spec.choices
      ? {
          choices: spec.choices.map((c) => ({
            name: c.name.en,
            name_localizations: zh(c.name.zh),
            value: c.value,
          })),
        }
      : {}),
  };
}

function dailyOption(spec: DailyOptionSpec) {
  const lang = SUBCOMMANDS.find((s) => s.name === 'quote')!.options.find((o) => o.name === 'lang')!;
  return {
    type: OPTION_TYPE[spec.kind],
    name: spec.name,
    name_localizations: zh(spec.nameZh),
    description: spec.description.en,
    description_localizations: zh(spec.description.zh),
    required: spec.required,
    ...(spec.kind === 'channel' ? { channel_types: POSTABLE_CHANNEL_TYPES } : {}),
    ...(spec.autocomplete ? { autocomplete: true } : {}),
    ...(spec.name === 'time' ? { min_length: 4, max_length: 5 } : {}),
    ...(spec.name === 'lang' ? { choices: option(lang).choices } : {}),
    ...(spec.name === 'days' ? { max_length: 60 } : {}),
  };
}

export function talkCommandDefinition() {
  const subcommands: Record<string, unknown>[] = SUBCOMMANDS.map((s) => ({
    type: SUBCOMMAND,
    name: s.name,
    name_localizations: zh(s.nameZh),
    description: s.description.en,
    description_localizations: zh(s.description.zh),
    options: s.options.map(option),
  }));
  const daily = {
    type: SUBCOMMAND_GROUP,
    name: DAILY_GROUP.name,
    name_localizations: zh(DAILY_GROUP.nameZh),
    description: DAILY_GROUP.description.en,
    description_localizations: zh(DAILY_GROUP.description.zh),
    options: DAILY_ACTIONS.map((a) => ({
      type: SUBCOMMAND,
      name: a.name,
      name_localizations: zh(a.nameZh),
      description: a.description.en,
      description_localizations: zh(a.description.zh),
      options: a.options.map(dailyOption),
    })),
  };
  return {
    type: CHAT_INPUT,
    name: COMMAND_NAME,
    description: COMMAND_DESCRIPTION.en,
    description_localizations: zh(COMMAND_DESCRIPTION.zh),
    options: [...subcommands, daily],
  };
}

/** The message command: no options and, as Discord requires of one, an empty description. */
export function findCommandDefinition() {
  return {
    type: MESSAGE,
    name: FIND_COMMAND.name,
    name_localizations: zh(FIND_COMMAND.nameZh),
    description: '',
  };
}

/**
 * Everything `discord:register` registers. Globally, each command may be installed to a server or to a user
 * and used in servers, DMs with the bot and group DMs; Discord reads those fields on global commands only,
 * so a server's own registration leaves them out.
 */
export function commandDefinitions(scope: 'global' | 'server') {
  const where =
    scope === 'global' ? { integration_types: [...INTEGRATION_TYPES], contexts: [...CONTEXTS] } : {};
  return [
    { ...talkCommandDefinition(), ...where },
    { ...findCommandDefinition(), ...where },
  ];
}
