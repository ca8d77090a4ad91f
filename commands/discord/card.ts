/**
 * `/talk card [query] [lang]` and the Card button on Discord: the card's words in the message (screen readers
 * and search read text, not pictures) and the image attached. The answer is deferred first, since drawing a
 * card takes tens of milliseconds and the first answer is due within 3 s; the deferred reply is then edited
 * to carry the file. Where the bot may not attach files, the words are posted alone and the asker is told
 * privately what is missing.
 */

import { newErrorId } from '../../src/core/errors.js';
import type { Talk } from '../../src/core/talk.js';
import type { CardView, View } from '../../src/core/views.js';
import type { Logger } from '../../src/log.js';
import { CARD_FILE_NAME, drawCardImage } from '../../src/render/card-image.js';
import { truncate } from '../../src/render/common.js';
import { DISCORD_ATTACHMENT_DESCRIPTION_MAX, discordCardContent } from '../../src/render/discord-card.js';
import { PermissionFlagsBits } from './api.js';
import type { DiscordSubcommand } from './command.js';
import type { UserInteraction } from './interactions.js';
import type { OutgoingMessage, Responder } from './responder.js';

export const card = {
  name: 'card',
  toRequest: ({ option, lang }) => {
    const query = option('query');
    return { sub: 'card', lang, ...(query ? { query } : {}) };
  },
  autocomplete: (talk, _option, value) => talk.suggestPassages(value),
} satisfies DiscordSubcommand;

type Render = (view: View, ephemeral: boolean) => Promise<OutgoingMessage>;

/** Posts a card for everyone: deferred, then the words and the image; or the words alone, with a private note. */
export async function sendCard(
  interaction: UserInteraction,
  responder: Responder,
  view: CardView,
  deps: { talk: Talk; log: Logger; render: Render },
): Promise<void> {
  const { talk, log, render } = deps;
  // Discord: app_permissions are the app's permissions where the interaction was used.
  const granted = interaction.app_permissions;
  if (granted !== undefined && (BigInt(granted) & PermissionFlagsBits.AttachFiles) === 0n) {
    await responder.reply(await render(view.of, false), false);
    const note = talk.error(view.lang, 'card-unavailable', {
      en: "I can't attach the image in this channel: I need the **Attach Files** permission here, so I posted the words alone. An admin can allow it in the channel's settings.",
      zh: '我无法在这个频道附加图片:我需要**附加文件**权限,所以只发布了文字。管理员可以在频道设置中为我开启。',
    });
    await responder.followUp(await render(note, true), true);
    return;
  }
  await responder.defer(false);
  let image: Awaited<ReturnType<typeof drawCardImage>>;
  try {
    image = await drawCardImage(view);
  } catch (error) {
    const errorId = newErrorId();
    log.error('discord: could not draw a card', { errorId, error });
    await responder.editReply(await render(view.of, false));
    const note = talk.error(view.lang, 'card-unavailable', {
      en: "I couldn't draw the image just now, so I posted the words alone. Please try again later.",
      zh: '暂时无法生成图片,所以只发布了文字。请稍后再试。',
    });
    await responder.followUp(await render({ ...note, errorId }, true), true);
    return;
  }
  await responder.editReply({
    content: discordCardContent(view),
    embeds: [],
    components: [],
    // Discord: a new file is described by `attachments[].id`, the index of its `files[n]` part.
    attachments: [
      {
        id: 0,
        filename: CARD_FILE_NAME,
        description: truncate(image.alt, DISCORD_ATTACHMENT_DESCRIPTION_MAX),
      },
    ],
    files: [{ name: CARD_FILE_NAME, data: image.png, contentType: 'image/png' }],
    allowed_mentions: { parse: [] },
  });
}
