/**
 * Reads the options of a raw interaction (the same JSON over the gateway and over HTTP). An option of an
 * unexpected type means Discord still shows an older registration of /talk: that is answered politely,
 * not treated as a failure.
 */
import type { APIApplicationCommandInteractionDataOption } from 'discord-api-types/v10';
import { stripMarkers } from '../../src/core/markup.js';
import { ApplicationCommandOptionType } from './api.js';

/** The registered command and the bot disagree about an option (a stale registration). */
export class StaleCommandError extends Error {
  constructor(detail: string) {
    super(`stale command registration: ${detail}`);
    this.name = 'StaleCommandError';
  }
}

type Option = APIApplicationCommandInteractionDataOption;

/** `/talk daily set …` → group "daily", subcommand "set", and the subcommand's own options. */
export interface CommandPath {
  group?: string;
  sub?: string;
  options: Option[];
}

export function commandPath(options: Option[] = []): CommandPath {
  const [first] = options;
  if (first?.type === ApplicationCommandOptionType.SubcommandGroup) {
    const [sub] = first.options ?? [];
    return { group: first.name, sub: sub?.name, options: (sub?.options ?? []) as Option[] };
  }
  if (first?.type === ApplicationCommandOptionType.Subcommand)
    return { sub: first.name, options: (first.options ?? []) as Option[] };
  return { options };
}

function find(options: Option[], name: string, type: ApplicationCommandOptionType): Option | undefined {
  const option = options.find((o) => o.name === name);
  if (option && option.type !== type)
    throw new StaleCommandError(`option "${name}" arrived as type ${option.type}, expected ${type}`);
  return option;
}

/** A string option as typed, without the project's own marker characters (nobody can type those). */
export function stringOption(options: Option[], name: string): string | undefined {
  const option = find(options, name, ApplicationCommandOptionType.String);
  return option && 'value' in option ? stripMarkers(String(option.value)) : undefined;
}

export function channelOption(options: Option[], name: string): string | undefined {
  const option = find(options, name, ApplicationCommandOptionType.Channel);
  return option && 'value' in option ? String(option.value) : undefined;
}

/** The option being typed in an autocomplete interaction. */
export function focusedOption(options: Option[]): { name: string; value: string } | undefined {
  const option = options.find((o) => 'focused' in o && o.focused);
  return option && 'value' in option ? { name: option.name, value: String(option.value) } : undefined;
}

export function booleanOption(options: Option[], name: string): boolean | undefined {
  const option = find(options, name, ApplicationCommandOptionType.Boolean);
  return option && 'value' in option ? option.value === true : undefined;
}

/** A role option's id (Discord resolves it to a role of the server the command was used in). */
export function roleOption(options: Option[], name: string): string | undefined {
  const option = find(options, name, ApplicationCommandOptionType.Role);
  return option && 'value' in option ? String(option.value) : undefined;
}
