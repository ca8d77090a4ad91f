/**
 * No user text ever becomes markup, and no answer passes a platform limit: random text (entities, mention
 * and link syntax, our own marker characters, `{#…}`, emoji, markdown, 2,000 characters) is fed through
 * every answer that repeats what someone typed, on Slack and Discord.
 */
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/parse.js';
import { seededRandom } from '../../src/core/rotation.js';
import type { View } from '../../src/core/views.js';
import { DailyService } from '../../src/daily/service.js';
import { embedLength, renderDiscord } from '../../src/render/discord.js';
import {
  DISCORD_EMBED_DESCRIPTION_MAX,
  DISCORD_EMBED_FIELD_VALUE_MAX,
  DISCORD_EMBED_TITLE_MAX,
  DISCORD_EMBED_TOTAL_MAX,
} from '../../src/render/discord-limits.js';
import { renderSlack, SLACK_BLOCK_TEXT_TOTAL_MAX } from '../../src/render/slack.js';
import {
  SLACK_BLOCKS_MAX,
  SLACK_BUTTON_VALUE_MAX,
  SLACK_FALLBACK_TEXT_MAX,
  SLACK_HEADER_TEXT_MAX,
  SLACK_SECTION_TEXT_MAX,
} from '../../src/render/slack-limits.js';
import { makeTalk } from '../helpers.js';

const talk = makeTalk();
const PIECES = [
  '&',
  '&amp;',
  '&lt;',
  '<',
  '>',
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '@everyone',
  '@here',
  '<@U0123ABCD>',
  '<@&123456789012345678>',
  '<#C0INJECT1>',
  '<#C0INJECT1|general>',
  '{#C0INJECT1}',
  '\uE000C0INJECT1\uE001',
  '<https://evil.example|click>',
  '*bold*',
  '_it_',
  '`code`',
  '```',
  '> quote',
  '||spoiler||',
  '🙂',
  '👨‍👩‍👧',
  '\u200b',
  '\u202e',
  '数据墙',
  'data wall',
  'reinforcement',
  ' ',
  '\n',
];

function randomText(random: () => number): string {
  if (random() < 0.1) return PIECES[Math.floor(random() * PIECES.length)]!.repeat(2000).slice(0, 2000);
  const n = 1 + Math.floor(random() * 12);
  return Array.from({ length: n }, () => PIECES[Math.floor(random() * PIECES.length)]).join(' ');
}

/** Answers that repeat what someone typed, one per way in. */
async function answers(text: string): Promise<View[]> {
  const views: View[] = [];
  for (const line of [
    `quote ${text}`,
    `search ${text}`,
    `summary ${text}`,
    `takeaway ${text}`,
    `${text}`,
    `quote --id ${text}`,
    `search ${text} --limit 50`,
    `lang ${text}`,
    `daily set <#C0123ABCD> 09:00 UTC --days ${text}`,
  ]) {
    const parsed = parseCommand(line);
    views.push(parsed.ok ? talk.handle(parsed.request) : talk.invalid(parsed.lang, parsed.message));
  }
  const service = new DailyService({} as never, talk, {} as never);
  const ctx = {
    platform: 'slack' as const,
    workspace: 'T1',
    user: 'U1',
    isAdmin: true,
    here: 'C1',
    checkChannel: async () => undefined,
  };
  const words = text.split(/\s+/).filter(Boolean);
  views.push(
    await service.handle({ sub: 'daily', lang: 'en', action: 'set', channel: 'C1', time: text }, ctx),
  );
  views.push(
    await service.handle(
      { sub: 'daily', lang: 'zh', action: 'set', channel: 'C1', time: '09:00', zone: words[0] ?? text },
      ctx,
    ),
  );
  // The daily choices: a days list, words the parser could not place, a personal takeaway's time.
  views.push(
    await service.handle(
      { sub: 'daily', lang: 'en', action: 'set', channel: 'C1', time: '09:00', zone: 'UTC', days: text },
      ctx,
    ),
  );
  views.push(await service.handle({ sub: 'daily', lang: 'zh', action: 'me', extra: text }, ctx));
  views.push(
    await service.handle({ sub: 'daily', lang: 'both', action: 'me', time: text, zone: 'UTC' }, ctx),
  );
  return views;
}

const OUR_SLACK_MARKUP = /<!date\^\d+\^[^|>]+\|[^>]+>/g;

function checkSlack(view: View, where: string): void {
  for (const ephemeral of [true, false]) {
    const msg = renderSlack(view, { ephemeral });
    expect(msg.blocks.length, where).toBeLessThanOrEqual(SLACK_BLOCKS_MAX);
    expect(msg.text.length, where).toBeLessThanOrEqual(SLACK_FALLBACK_TEXT_MAX);
    let total = 0;
    const texts: string[] = [msg.text];
    for (const b of msg.blocks) {
      if (b.type === 'section') {
        expect(b.text.text.length, where).toBeLessThanOrEqual(SLACK_SECTION_TEXT_MAX);
        texts.push(b.text.text);
        total += b.text.text.length;
      } else if (b.type === 'header') {
        expect(b.text.text.length, where).toBeLessThanOrEqual(SLACK_HEADER_TEXT_MAX);
        total += b.text.text.length;
      } else if (b.type === 'context') {
        for (const e of b.elements) {
          expect(e.text.length, where).toBeLessThanOrEqual(SLACK_SECTION_TEXT_MAX);
          texts.push(e.text);
          total += e.text.length;
        }
      } else if (b.type === 'actions') {
        for (const e of b.elements) expect(e.value.length, where).toBeLessThanOrEqual(SLACK_BUTTON_VALUE_MAX);
      }
    }
    expect(total, where).toBeLessThanOrEqual(SLACK_BLOCK_TEXT_TOTAL_MAX);
    for (const t of texts) {
      const bare = t.replace(OUR_SLACK_MARKUP, '');
      // No mention, channel link or link can come from anything typed; every & starts an entity.
      expect(bare, where).not.toMatch(/<[!@#]|<https?:/);
      expect(bare, where).not.toMatch(/&(?!amp;|lt;|gt;)/);
      expect(bare, where).not.toMatch(/[\uE000-\uE00F]/);
    }
  }
}

function checkDiscord(view: View, where: string): void {
  for (const ephemeral of [true, false]) {
    const msg = renderDiscord(view, { ephemeral });
    for (const e of msg.embeds) {
      expect(embedLength(e), where).toBeLessThanOrEqual(DISCORD_EMBED_TOTAL_MAX);
      expect((e.title ?? '').length, where).toBeLessThanOrEqual(DISCORD_EMBED_TITLE_MAX);
      expect((e.description ?? '').length, where).toBeLessThanOrEqual(DISCORD_EMBED_DESCRIPTION_MAX);
      for (const f of e.fields ?? [])
        expect(f.value.length, where).toBeLessThanOrEqual(DISCORD_EMBED_FIELD_VALUE_MAX);
      const all = [
        e.title,
        e.description,
        e.footer?.text,
        ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
      ].join('\n');
      // Mentions, channel links and timestamps typed by someone are escaped; our markers cannot be typed.
      expect(all, where).not.toMatch(/(?<!\\)<(?:[#@!]|t:)|[\uE000-\uE00F]/);
    }
    for (const row of msg.components)
      for (const b of row.components) expect(b.custom_id.length).toBeLessThanOrEqual(100);
  }
}

describe('user text through every answer', () => {
  it('never becomes markup and never passes a limit, for 150 random texts', async () => {
    const random = seededRandom(20261129);
    for (let i = 0; i < 150; i++) {
      const text = randomText(random);
      for (const [k, view] of (await answers(text)).entries()) {
        const where = `case ${i} way ${k}: ${JSON.stringify(text.slice(0, 60))}`;
        checkSlack(view, where);
        checkDiscord(view, where);
      }
    }
  });

  it('the reported cases: {#C0INJECT1} stays text, 2,000 × & is cut whole, a huge search page fits', async () => {
    const topic = talk.handle({ sub: 'summary', lang: 'en', topic: '{#C0INJECT1}' });
    expect(JSON.stringify(renderSlack(topic, { ephemeral: true }).blocks)).toContain('{#C0INJECT1}');
    const amps = talk.handle({ sub: 'summary', lang: 'en', topic: '&'.repeat(2000) });
    const slack = renderSlack(amps, { ephemeral: true });
    for (const b of slack.blocks)
      if (b.type === 'section') expect(b.text.text).not.toMatch(/&(?!amp;|lt;|gt;)/);
    const big = talk.handle({ sub: 'search', lang: 'both', query: '数据', limit: 50 });
    checkSlack(big, 'search 数据 --both --limit 50');
  });
});
