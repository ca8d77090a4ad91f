/**
 * The first message in a daily post's Discord thread: the passages the takeaway was written from, in the
 * speaker's own words (the Chinese original, verbatim), each labelled as such with his byline and its #id.
 * The post above stays short; the takeaway itself is this project's writing and says so there.
 */
import type { TakeawayView } from '../core/views.js';
import { LABELS, originalByline, sectionTitle, ui } from './common.js';
import { type DiscordEmbed, fitEmbed } from './discord.js';

export function renderDiscordOriginals(view: TakeawayView): { embeds: DiscordEmbed[] } {
  const l = view.lang;
  const u = (t: { en: string; zh: string }) => ui(l, t);
  const passages = view.daily?.originals ?? [];
  const embed: DiscordEmbed = {
    title: u(LABELS.originalsTitle),
    color: 0x5865f2,
    fields: passages.map((p) => ({
      name: `${u(LABELS.original[p.kind])} · #${p.id} · ${sectionTitle(p.section, l)}`,
      value: `${p.zh
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n')}\n*${originalByline(p, l)}*`,
    })),
    footer: {
      text: `${u(LABELS.sources)}: ${passages.map((p) => `#${p.id}`).join(' ')} · ${u(LABELS.sourcesNote)}`,
    },
  };
  return { embeds: [fitEmbed(embed)] };
}
