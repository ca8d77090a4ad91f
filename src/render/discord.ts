/**
 * Renders views as Discord message payloads (embeds and button rows), in the JSON shape the API and
 * discord.js both accept, always within Discord's limits.
 */
import { type Action, encodeAction } from '../core/actions.js';
import { type MarkerFormat, renderMarkers } from '../core/markup.js';
import type { PassageView, View } from '../core/views.js';
import {
  BUTTON_LABELS,
  byline,
  describeLang,
  LABELS,
  previewLine,
  sectionTitle,
  showEn,
  showZh,
  truncate,
  ui,
  unknownCommandLines,
  visibleActions,
} from './common.js';
import { type DailyFormat, describeChange, describeStatus } from './daily.js';
import {
  DISCORD_BUTTON_LABEL_MAX,
  DISCORD_BUTTONS_PER_ROW,
  DISCORD_CUSTOM_ID_MAX,
  DISCORD_EMBED_DESCRIPTION_MAX,
  DISCORD_EMBED_FIELD_NAME_MAX,
  DISCORD_EMBED_FIELD_VALUE_MAX,
  DISCORD_EMBED_FIELDS_MAX,
  DISCORD_EMBED_FOOTER_MAX,
  DISCORD_EMBED_TITLE_MAX,
  DISCORD_EMBED_TOTAL_MAX,
  DISCORD_ROWS_MAX,
} from './discord-limits.js';

export interface DiscordEmbed {
  title?: string;
  description?: string;
  color?: number;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
}

export interface DiscordButton {
  type: 2;
  style: 1 | 2;
  label: string;
  custom_id: string;
}

export interface DiscordMessage {
  embeds: DiscordEmbed[];
  components: { type: 1; components: DiscordButton[] }[];
}

export interface DiscordRenderOptions {
  /** Whether only the asker sees the answer (then it gets a Share button). */
  ephemeral: boolean;
  /** Turns an action into a custom id of at most 100 characters, or undefined to leave the button out. */
  customId?: (action: Action) => string | undefined;
}

/** Our markers in Discord markdown: channel links, and a platform's own words escaped. */
export const DISCORD_MARKERS: MarkerFormat = {
  channel: (id) => `<#${id}>`,
  outside: escapeDiscordMarkdown,
};

/** Discord shows `<t:…>` timestamps in each reader's own time zone. */
const DISCORD_DAILY: DailyFormat = {
  channel: (id) => `<#${id}>`,
  // Shown as the role's name; embeds never ping, and every message sets allowed_mentions besides.
  mention: (id) => `<@&${id}>`,
  viewerTime: (ms) => `<t:${Math.floor(ms / 1000)}:F> (<t:${Math.floor(ms / 1000)}:R>)`,
  escape: escapeDiscordMarkdown,
};

const COLOR = {
  quote: 0x5865f2,
  summary: 0x57f287,
  search: 0xfee75c,
  info: 0x99aab5,
  error: 0xed4245,
} as const;

/** Backslash-escapes Discord markdown in user text so it is shown as typed. */
export function escapeDiscordMarkdown(text: string): string {
  return (
    text
      .replace(/\s+/g, ' ')
      // `<` too: `<#id>`, `<@id>` and `<t:…>` typed by someone must show as typed, not as a link or mention.
      .replace(/[\\*_~`|[\]<]/g, '\\$&')
      .replace(/^([>#-])/, '\\$1')
  );
}

function defaultCustomId(action: Action): string | undefined {
  const id = encodeAction(action);
  return id.length <= DISCORD_CUSTOM_ID_MAX ? id : undefined;
}

function quoteBlock(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

function passageText(p: PassageView, lang: View['lang']): string {
  const parts: string[] = [];
  if (showZh(lang)) parts.push(`**${ui(lang, LABELS.original[p.kind])}**\n${quoteBlock(p.zh)}`);
  if (showEn(lang)) parts.push(`**${ui(lang, LABELS.translation)}**\n${quoteBlock(p.en)}`);
  return parts.join('\n');
}

function sources(refs: { id: string }[]): string {
  return refs.map((r) => `\`#${r.id}\``).join(' ');
}

function embedFor(view: View): DiscordEmbed {
  const l = view.lang;
  const u = (t: { en: string; zh: string }) => ui(l, t);
  switch (view.kind) {
    case 'quote': {
      const p = view.passage;
      const head = view.query
        ? `*${u(LABELS.bestMatch)}:* ${escapeDiscordMarkdown(truncate(view.query, 200))}\n\n`
        : '';
      return {
        title: sectionTitle(p.section, l),
        description: head + passageText(p, l),
        color: COLOR.quote,
        footer: { text: `${byline(p, l)} · #${p.id}` },
      };
    }
    case 'context':
      return {
        title: `${u(LABELS.context)} · #${view.focusId}`,
        color: COLOR.quote,
        fields: view.passages.map((p) => ({
          name: `${p.id === view.focusId ? '▶ ' : ''}#${p.id} · ${sectionTitle(p.section, l)}`,
          value: [
            p.kind === 'speaker' ? '' : `*${u(LABELS.original[p.kind])}*`,
            showZh(l) ? p.zh : '',
            showEn(l) ? `*${p.en}*` : '',
          ]
            .filter(Boolean)
            .join('\n'),
        })),
        footer: {
          text: byline(view.passages.find((p) => p.id === view.focusId) ?? view.passages[0]!, l),
        },
      };
    case 'summary':
      return {
        title: u(view.topic.title),
        description: `*${u(view.credit)}*\n\n${view.points
          .map((pt) => {
            const lines = [showEn(l) ? pt.text.en : pt.text.zh];
            if (l === 'both') lines.push(pt.text.zh);
            return `• ${lines.join('\n  ')} ${sources(pt.sources)}`;
          })
          .join('\n')}`,
        color: COLOR.summary,
        footer: { text: `${u(LABELS.sources)}: ${u(LABELS.sourcesNote)} · topic: ${view.topic.id}` },
      };
    case 'search':
      return {
        title: `${u(LABELS.searchTitle)}: ${escapeDiscordMarkdown(view.query)}`,
        description: `${view.total} ${u(LABELS.results)} · ${u(LABELS.page)} ${view.page}/${view.pageCount}`,
        color: COLOR.search,
        fields: view.results.map((r) => ({
          name: `${r.rank}. #${r.passage.id} · ${sectionTitle(r.passage.section, l)}`,
          value: [
            r.passage.kind === 'speaker' ? '' : `*${u(LABELS.original[r.passage.kind])}*`,
            showZh(l) ? `> ${r.passage.zh}` : '',
            showEn(l) ? `*${r.passage.en}*` : '',
          ]
            .filter(Boolean)
            .join('\n'),
        })),
      };
    case 'found':
      // Each passage with whose words it is and, under it, its byline (which names our translation).
      return {
        title: u(LABELS.foundTitle),
        description: [
          `*${u(LABELS.foundFor)}:* ${escapeDiscordMarkdown(truncate(view.query, 200))}`,
          view.cut ? `*${u(LABELS.foundCut)}*` : '',
          ...view.results.map(
            (r) =>
              `**${r.rank}.** \`#${r.passage.id}\` · ${sectionTitle(r.passage.section, l)}\n${passageText(r.passage, l)}\n*${byline(r.passage, l)}*`,
          ),
        ]
          .filter(Boolean)
          .join('\n\n'),
        color: COLOR.search,
      };
    case 'card':
      // Shown as words where the image cannot go (the adapters attach the image when they can).
      return embedFor(view.of);
    case 'not-covered':
      return {
        title: u(LABELS.notCovered),
        description: `“${escapeDiscordMarkdown(truncate(view.query, 300))}”\n\n${view.cut ? `*${u(LABELS.foundCut)}*\n` : ''}${
          view.suggestions.length > 0
            ? `${u(LABELS.closestTopics)}: ${view.suggestions.map((t) => `**${u(t.title)}** (\`${t.id}\`)`).join(', ')}\n${u(LABELS.tryTopics)}`
            : ''
        }`,
        color: COLOR.info,
      };
    case 'topics':
      return {
        title: u(LABELS.topicsTitle),
        description: view.topics
          .map((t) => `\`${t.id}\` **${u(t.title)}** — ${t.aliases.join(', ')}`)
          .join('\n'),
        color: COLOR.info,
      };
    case 'takeaway':
      return {
        title: `${u(view.daily ? LABELS.dailyTitle : LABELS.takeawayTitle)} · ${view.date}`,
        description: [
          view.daily?.preview ? `*${previewLine(view, (id) => `<#${id}>`)}*\n` : '',
          showEn(l) ? `**${view.text.en}**` : '',
          showZh(l) ? `**${view.text.zh}**` : '',
          view.daily?.originals ? `*${u(LABELS.inThread)}*` : '',
        ]
          .filter(Boolean)
          .join('\n'),
        color: COLOR.summary,
        footer: {
          text: `${u(view.credit)} · ${u(LABELS.sources)} ${view.sources.map((r) => `#${r.id}`).join(' ')}${view.daily?.delayedFrom ? ` · ${u(LABELS.delayed)} ${view.daily.delayedFrom}` : ''}${view.daily ? ` · ${view.daily.key}` : ''}`,
        },
      };
    case 'daily-status': {
      const { title, lines } = describeStatus(view, DISCORD_DAILY);
      return { title: u(title), description: lines.map((l) => `• ${u(l)}`).join('\n'), color: COLOR.info };
    }
    case 'daily-changed':
      return { description: u(describeChange(view, DISCORD_DAILY)), color: COLOR.summary };
    case 'lang':
      return { description: u(describeLang(view)), color: COLOR.info };
    case 'about':
      return {
        title: `${view.title.zh} · ${view.title.en}`,
        description: `**${view.speaker.zh} ${view.speaker.en}**, ${u(view.speaker.role)}\n${u(view.venue)} · ${view.date}\n\n${u(view.credits)}`,
        color: COLOR.info,
        footer: {
          text: `${view.counts.passages} passages · ${view.counts.topics} topics · ${view.counts.takeaways} takeaways`,
        },
      };
    case 'help':
      if (view.unknown !== undefined)
        return {
          description: unknownCommandLines(
            view,
            l,
            (c) => `\`${c}\``,
            (t) => escapeDiscordMarkdown(truncate(t, 100)),
          ).join('\n'),
          color: COLOR.info,
        };
      return {
        title: u(LABELS.helpTitle),
        description: view.commands.map((c) => `\`/talk ${c.usage}\` — ${u(c.description)}`).join('\n'),
        color: COLOR.info,
      };
    case 'error':
      return {
        description: [
          // Our messages hold no `<`; one there came from what someone typed, so it is shown as typed. A
          // platform's error message quoted in ours is escaped whole.
          renderMarkers(u(view.message), { ...DISCORD_MARKERS, plain: (t) => t.replace(/</g, '\\<') }),
          view.suggestions.length > 0
            ? `${u(LABELS.didYouMean)}: ${view.suggestions.map((t) => `\`${t.id}\` (${u(t.title)})`).join(', ')}`
            : '',
          view.errorId ? `${u(LABELS.errorId)}: \`${view.errorId}\`` : '',
        ]
          .filter(Boolean)
          .join('\n'),
        color: COLOR.error,
      };
  }
}

/** Applies every per-part limit, then shrinks field values until the whole embed fits in 6000. */
export function fitEmbed(embed: DiscordEmbed): DiscordEmbed {
  const out: DiscordEmbed = { ...embed };
  if (out.title !== undefined) out.title = truncate(out.title, DISCORD_EMBED_TITLE_MAX);
  if (out.description !== undefined)
    out.description = truncate(out.description, DISCORD_EMBED_DESCRIPTION_MAX);
  if (out.footer) out.footer = { text: truncate(out.footer.text, DISCORD_EMBED_FOOTER_MAX) };
  if (out.fields) {
    out.fields = out.fields.slice(0, DISCORD_EMBED_FIELDS_MAX).map((f) => ({
      ...f,
      name: truncate(f.name || '\u200b', DISCORD_EMBED_FIELD_NAME_MAX),
      value: truncate(f.value || '\u200b', DISCORD_EMBED_FIELD_VALUE_MAX),
    }));
  }
  const fixed = (out.title?.length ?? 0) + (out.description?.length ?? 0) + (out.footer?.text.length ?? 0);
  const fields = out.fields ?? [];
  const names = fields.reduce((n, f) => n + f.name.length, 0);
  const values = fields.reduce((n, f) => n + f.value.length, 0);
  if (fixed + names + values > DISCORD_EMBED_TOTAL_MAX && fields.length > 0) {
    const each = Math.floor((DISCORD_EMBED_TOTAL_MAX - fixed - names) / fields.length);
    out.fields = fields.map((f) => ({ ...f, value: truncate(f.value, Math.max(1, each)) }));
  }
  if (embedLength(out) > DISCORD_EMBED_TOTAL_MAX && out.description !== undefined) {
    out.description = truncate(
      out.description,
      Math.max(1, out.description.length - (embedLength(out) - DISCORD_EMBED_TOTAL_MAX)),
    );
  }
  return out;
}

export function embedLength(embed: DiscordEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

export function renderDiscord(view: View, options: DiscordRenderOptions): DiscordMessage {
  const customId = options.customId ?? defaultCustomId;
  const buttons: DiscordButton[] = [];
  for (const action of visibleActions(view.actions, options.ephemeral)) {
    const id = customId(action);
    if (id === undefined) continue;
    const target = action.request.lang;
    buttons.push({
      type: 2,
      style: action.publish ? 1 : 2,
      label: truncate(ui(action.request.lang, BUTTON_LABELS[action.label](target)), DISCORD_BUTTON_LABEL_MAX),
      custom_id: id,
    });
  }
  const rows: DiscordMessage['components'] = [];
  for (let i = 0; i < buttons.length && rows.length < DISCORD_ROWS_MAX; i += DISCORD_BUTTONS_PER_ROW) {
    rows.push({ type: 1, components: buttons.slice(i, i + DISCORD_BUTTONS_PER_ROW) });
  }
  return { embeds: [fitEmbed(embedFor(view))], components: rows };
}
