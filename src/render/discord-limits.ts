/** Discord's message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const DISCORD_CONTENT_MAX = 2000;
export const DISCORD_EMBED_TITLE_MAX = 256;
export const DISCORD_EMBED_DESCRIPTION_MAX = 4096;
export const DISCORD_EMBED_FIELDS_MAX = 25;
export const DISCORD_EMBED_FIELD_NAME_MAX = 256;
export const DISCORD_EMBED_FIELD_VALUE_MAX = 1024;
export const DISCORD_EMBED_FOOTER_MAX = 2048;
export const DISCORD_EMBED_AUTHOR_MAX = 256;
export const DISCORD_EMBED_TOTAL_MAX = 6000;
export const DISCORD_BUTTONS_PER_ROW = 5;
export const DISCORD_ROWS_MAX = 5;
export const DISCORD_BUTTON_LABEL_MAX = 80;
export const DISCORD_CUSTOM_ID_MAX = 100;
export const DISCORD_AUTOCOMPLETE_CHOICES_MAX = 25;
export const DISCORD_CHOICE_NAME_MAX = 100;
export const DISCORD_CHOICE_VALUE_MAX = 100;
