/**
 * Hand-made passages and the two chat renderings reduced to what a reader sees, for the tests that check
 * every line of an answer on each surface.
 */
import type { PassageView, View } from '../../src/core/views.js';
import type { Lang } from '../../src/core/vocabulary.js';
import { renderDiscord } from '../../src/render/discord.js';
import { renderSlack } from '../../src/render/slack.js';

export const SPEAKER = { en: 'Speaker', zh: '讲者' };

export function passage(id: string, extra: Partial<PassageView> = {}): PassageView {
  return {
    id,
    kind: 'speaker',
    section: { en: 'Walls', zh: '墙', origin: 'article' },
    zh: `中文${id}`,
    en: `English ${id}`,
    attribution: SPEAKER,
    ...extra,
  };
}

export const base = (lang: Lang) => ({ lang, actions: [] });

/** The Discord embed of a public answer. */
export const discord = (view: View) => renderDiscord(view, { ephemeral: false }).embeds[0]!;

/** Each Slack block of a public answer as its text (context elements joined by " | "), or its type. */
export const slack = (view: View) =>
  renderSlack(view, { ephemeral: false }).blocks.map((b) =>
    b.type === 'section' || b.type === 'header'
      ? b.text.text
      : b.type === 'context'
        ? b.elements.map((e) => e.text).join(' | ')
        : b.type,
  );
