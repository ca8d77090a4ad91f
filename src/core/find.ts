/**
 * "Find in the talk" on a message (Discord's message command, Slack's message shortcut): the same search as
 * `/talk search`, over the words of someone's message. Mentions, links and our markers are left out (nothing
 * in them is searched or repeated back as a ping); a message longer than the search reads is cut, and the
 * answer says so.
 */
import { QUERY_MAX_CHARS } from '../search/index.js';
import { withoutMentions } from '../search/tokens.js';
import { stripMarkers } from './markup.js';
import type { Talk } from './talk.js';
import type { ErrorView, FoundView, NotCoveredView } from './views.js';
import type { Lang } from './vocabulary.js';

/** How many passages the answer shows: enough to choose from, few enough to read in a private note. */
export const FIND_RESULTS = 3;

/** A message as the platform gave it: its text, and how many attachments and embeds it carries. */
export interface MessageInput {
  text: string;
  attachments: number;
  embeds: number;
}

const LINKS = /\bhttps?:\/\/\S+/gi;

/** The words of a message that are worth searching, and whether they were cut to what the search reads. */
export function messageWords(text: string): { words: string; cut: boolean } {
  const words = withoutMentions(stripMarkers(text)).replace(LINKS, ' ').replace(/\s+/g, ' ').trim();
  if (words.length <= QUERY_MAX_CHARS) return { words, cut: false };
  let kept = '';
  for (const ch of words) {
    if (kept.length + ch.length > QUERY_MAX_CHARS) break;
    kept += ch;
  }
  return { words: kept.trim(), cut: true };
}

export function findInMessage(
  talk: Talk,
  lang: Lang,
  message: MessageInput,
): FoundView | NotCoveredView | ErrorView {
  const { words, cut } = messageWords(message.text);
  if (words === '') {
    const onlyMedia = message.attachments + message.embeds > 0;
    return talk.error(
      lang,
      'empty-message',
      onlyMedia
        ? {
            en: 'That message has only attachments or embeds, no words of its own to look for in the talk. Try it on a message with text, or `/talk search <words>`.',
            zh: '这条消息只有附件或嵌入内容,没有可以在演讲中查找的文字。请对有文字的消息使用,或用 `/talk search <词>`。',
          }
        : {
            en: 'That message has no words to look for in the talk (mentions and links are left out). Try it on a message with text, or `/talk search <words>`.',
            zh: '这条消息没有可以在演讲中查找的文字(提及和链接不算在内)。请对有文字的消息使用,或用 `/talk search <词>`。',
          },
    );
  }
  const outcome = talk.search.search(words, { limit: FIND_RESULTS });
  if (outcome.hits.length === 0)
    return {
      kind: 'not-covered',
      lang,
      query: words,
      ...(cut ? { cut } : {}),
      suggestions: talk.closestTopics(words),
      actions: [],
    };
  const best = outcome.hits[0]!.passage;
  return {
    kind: 'found',
    lang,
    query: words,
    cut,
    results: outcome.hits.map((hit, i) => ({
      passage: talk.passageView(hit.passage),
      score: hit.score,
      rank: i + 1,
    })),
    // Share posts the best passage for everyone, as `/talk quote` would.
    actions: [{ label: 'share', request: { sub: 'quote', lang, id: best.id }, publish: true }],
  };
}
