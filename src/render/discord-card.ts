/**
 * A card's message on Discord: the image as an attachment, and the same words as text in the message itself
 * (screen readers and search read the text, not the picture), labelled as the quote's embed labels them:
 * the speaker's words verbatim, this project's translation or writing as ours.
 */
import type { CardView } from '../core/views.js';
import { truncate } from './common.js';
import { renderDiscord } from './discord.js';
import { DISCORD_CONTENT_MAX } from './discord-limits.js';

/** Discord: an attachment's description (its alt text) holds at most 1,024 characters. */
export const DISCORD_ATTACHMENT_DESCRIPTION_MAX = 1024;

/** The message text of a card: the quote's or takeaway's title, words and byline, within 2,000 characters. */
export function discordCardContent(view: CardView): string {
  const [embed] = renderDiscord(view.of, { ephemeral: false }).embeds;
  const title = embed?.title ? `**${embed.title}**` : '';
  const footer = embed?.footer ? `*${embed.footer.text}*` : '';
  const room = DISCORD_CONTENT_MAX - title.length - footer.length - 4;
  // The words give way before the title or the byline: whose words they are is never cut.
  const body = truncate(embed?.description ?? '', Math.max(0, room));
  return [title, body, footer].filter(Boolean).join('\n');
}
