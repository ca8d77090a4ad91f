/**
 * The `/talk` application command as Discord's API takes it, derived from the shared vocabulary, so the
 * registered definition and the handlers cannot drift apart.
 */
import {
  COMMAND_DESCRIPTION,
  COMMAND_NAME,
  type OptionSpec,
  SUBCOMMANDS,
} from '../../src/core/vocabulary.js';

const SUBCOMMAND = 1;
const STRING = 3;
const CHAT_INPUT = 1;

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

export function talkCommandDefinition() {
  return {
    type: CHAT_INPUT,
    name: COMMAND_NAME,
    description: COMMAND_DESCRIPTION.en,
    description_localizations: zh(COMMAND_DESCRIPTION.zh),
    options: SUBCOMMANDS.map((s) => ({
      type: SUBCOMMAND,
      name: s.name,
      name_localizations: zh(s.nameZh),
      description: s.description.en,
      description_localizations: zh(s.description.zh),
      options: s.options.map(option),
    })),
  };
}
