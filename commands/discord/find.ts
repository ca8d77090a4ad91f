/**
 * "Find in the talk", Discord's message command (right-click a message → Apps): searches the words of the
 * message it was used on with the core's search and answers only the person who used it, with the best
 * passages and Share, or says the talk does not cover it. Nothing in the message can ping anyone: the answer
 * repeats only its words, escaped, and allows no mentions.
 */
import type { APIMessageApplicationCommandInteraction } from 'discord-api-types/v10';
import { findInMessage } from '../../src/core/find.js';
import type { Talk } from '../../src/core/talk.js';
import type { View } from '../../src/core/views.js';
import type { Lang } from '../../src/core/vocabulary.js';
import type { OutgoingMessage, Responder } from './responder.js';

/** Discord's own markup that is not words: custom emoji (`<:name:id>`) and timestamps (`<t:…>`). */
const NOT_WORDS = /<a?:\w+:\d+>|<t:-?\d+(?::[a-zA-Z])?>/g;

export async function findFromMessage(
  interaction: APIMessageApplicationCommandInteraction,
  responder: Responder,
  deps: { talk: Talk; lang: Lang; render: (view: View, ephemeral: boolean) => Promise<OutgoingMessage> },
): Promise<View> {
  const message = interaction.data.resolved?.messages?.[interaction.data.target_id];
  const view = findInMessage(deps.talk, deps.lang, {
    text: (message?.content ?? '').replace(NOT_WORDS, ' '),
    attachments: message?.attachments?.length ?? 0,
    embeds: message?.embeds?.length ?? 0,
  });
  await responder.reply(await deps.render(view, true), true);
  return view;
}
