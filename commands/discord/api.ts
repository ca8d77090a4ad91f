/**
 * The values this project uses from discord-api-types and @discordjs/rest, loaded with `require`.
 * discord-api-types is CommonJS: imported from ESM, Node first scans its source and every file it
 * re-exports for export names (~50 ms of CPU at each start); @discordjs/rest's ESM build costs as much
 * again over its CommonJS one, which is also the copy discord.js itself loads. Types still come from
 * `import type`; each enum and class here is exported as a value and as its type.
 */
import { createRequire } from 'node:module';
import type * as Rest from '@discordjs/rest';
import type * as V10 from 'discord-api-types/v10';

const require = createRequire(import.meta.url);
const api = require('discord-api-types/v10') as typeof V10;

export const REST = (require('@discordjs/rest') as typeof Rest).REST;
export type REST = Rest.REST;

export const { PermissionFlagsBits, Routes } = api;
export const ApplicationCommandOptionType = api.ApplicationCommandOptionType;
export type ApplicationCommandOptionType = V10.ApplicationCommandOptionType;
export const ApplicationCommandType = api.ApplicationCommandType;
export type ApplicationCommandType = V10.ApplicationCommandType;
export const InteractionResponseType = api.InteractionResponseType;
export type InteractionResponseType = V10.InteractionResponseType;
export const InteractionType = api.InteractionType;
export type InteractionType = V10.InteractionType;
export const MessageFlags = api.MessageFlags;
export type MessageFlags = V10.MessageFlags;
