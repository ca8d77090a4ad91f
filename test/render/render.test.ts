import { describe, expect, it } from 'vitest';
import type { View } from '../../src/core/views.js';
import { LANGS } from '../../src/core/vocabulary.js';
import { embedLength, escapeDiscordMarkdown, renderDiscord } from '../../src/render/discord.js';
import * as D from '../../src/render/discord-limits.js';
import { escapeMrkdwn, renderSlack } from '../../src/render/slack.js';
import * as S from '../../src/render/slack-limits.js';
import { renderText } from '../../src/render/text.js';
import { content, makeTalk } from '../helpers.js';

const talk = makeTalk();
const longQuery = `@everyone <!channel> ${'数据墙 data wall '.repeat(200)}`.slice(0, 2000);

/** Every view the core can produce, in every language, with the longest content there is. */
function allViews(): View[] {
  const views: View[] = [];
  for (const lang of LANGS) {
    for (const p of content.passages) views.push(talk.quote(lang, undefined, p.id), talk.context(lang, p.id));
    for (const t of content.topics) views.push(talk.summary(lang, t.id));
    for (const q of ['data', '模型', longQuery])
      for (const page of [1, 2, 3]) views.push(talk.searchPage(lang, q, page, 5));
    views.push(talk.searchPage(lang, 'data', 1, 25));
    views.push(
      talk.topics(lang),
      talk.about(lang),
      talk.help(lang),
      talk.help(lang, longQuery),
      talk.quote(lang, longQuery),
      talk.quote(lang, 'stock tips'),
    );
    views.push(talk.summary(lang, longQuery));
    for (let d = 1; d <= 40; d++)
      views.push(talk.takeaway(lang, `2026-01-${String((d % 28) + 1).padStart(2, '0')}`));
  }
  return views;
}

describe('Discord renderer', () => {
  const views = allViews();

  it.each([true, false])('stays within every Discord limit (ephemeral: %s)', (ephemeral) => {
    for (const view of views) {
      const msg = renderDiscord(view, { ephemeral });
      expect(msg.embeds.length).toBeLessThanOrEqual(10);
      for (const e of msg.embeds) {
        expect(e.title?.length ?? 0).toBeLessThanOrEqual(D.DISCORD_EMBED_TITLE_MAX);
        expect(e.description?.length ?? 0).toBeLessThanOrEqual(D.DISCORD_EMBED_DESCRIPTION_MAX);
        expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(D.DISCORD_EMBED_FOOTER_MAX);
        expect(e.fields?.length ?? 0).toBeLessThanOrEqual(D.DISCORD_EMBED_FIELDS_MAX);
        for (const f of e.fields ?? []) {
          expect(f.name.length).toBeGreaterThan(0);
          expect(f.name.length).toBeLessThanOrEqual(D.DISCORD_EMBED_FIELD_NAME_MAX);
          expect(f.value.length).toBeLessThanOrEqual(D.DISCORD_EMBED_FIELD_VALUE_MAX);
        }
        expect(embedLength(e)).toBeLessThanOrEqual(D.DISCORD_EMBED_TOTAL_MAX);
      }
      expect(msg.components.length).toBeLessThanOrEqual(D.DISCORD_ROWS_MAX);
      const ids = msg.components.flatMap((r) => r.components.map((b) => b.custom_id));
      expect(new Set(ids).size).toBe(ids.length);
      for (const row of msg.components) {
        expect(row.components.length).toBeLessThanOrEqual(D.DISCORD_BUTTONS_PER_ROW);
        for (const b of row.components) {
          expect(b.custom_id.length).toBeLessThanOrEqual(D.DISCORD_CUSTOM_ID_MAX);
          expect(b.label.length).toBeLessThanOrEqual(D.DISCORD_BUTTON_LABEL_MAX);
        }
      }
    }
  });

  it('labels the verbatim original apart from the translation and names the speaker', () => {
    const msg = renderDiscord(talk.quote('both', undefined, 'o1-2'), { ephemeral: false });
    const embed = msg.embeds[0]!;
    expect(embed.description).toContain("原文 · the speaker's words, verbatim");
    expect(embed.description).toContain('English translation by this project');
    expect(embed.footer?.text).toMatch(/^— Yang Zhilin \(杨植麟\)/);
    // Card posts a picture for everyone, so it stays on a public answer; Share would post it twice.
    expect(msg.components[0]?.components.map((b) => b.label)).toEqual(['Another', 'Context', '中文', 'Card']);
  });

  it('adds Share only to answers only the asker sees', () => {
    const view = talk.quote('en', undefined, 'o1-2');
    expect(renderDiscord(view, { ephemeral: true }).components[0]?.components.map((b) => b.label)).toContain(
      'Share',
    );
    expect(
      renderDiscord(view, { ephemeral: false }).components[0]?.components.map((b) => b.label),
    ).not.toContain('Share');
  });

  it('shows markdown in a query as typed', () => {
    expect(escapeDiscordMarkdown('**bold** [x](http://e) `c`')).toBe(
      '\\*\\*bold\\*\\* \\[x\\](http://e) \\`c\\`',
    );
    expect(escapeDiscordMarkdown('# big\n> quote <@&1>')).toBe('\\# big > quote \\<@&1>');
  });

  it('speaks Chinese when asked', () => {
    const msg = renderDiscord(talk.summary('zh', 'rl'), { ephemeral: false });
    expect(msg.embeds[0]?.title).toBe('强化学习与OpenAI o1');
    expect(msg.embeds[0]?.description).toContain('本项目根据杨植麟的演讲');
    expect(msg.embeds[0]?.description).toContain('撰写的总结,非原话');
    expect(msg.embeds[0]?.description).not.toContain('reinforcement learning in essence');
  });
});

describe('Slack renderer', () => {
  const views = allViews();

  it.each([true, false])('stays within every Block Kit limit (ephemeral: %s)', (ephemeral) => {
    for (const view of views) {
      const msg = renderSlack(view, { ephemeral });
      expect(msg.blocks.length).toBeLessThanOrEqual(S.SLACK_BLOCKS_MAX);
      expect(msg.text.length).toBeLessThanOrEqual(S.SLACK_FALLBACK_TEXT_MAX + 200);
      for (const b of msg.blocks) {
        if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(S.SLACK_SECTION_TEXT_MAX);
        if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(S.SLACK_HEADER_TEXT_MAX);
        if (b.type === 'context') {
          expect(b.elements.length).toBeLessThanOrEqual(S.SLACK_CONTEXT_ELEMENTS_MAX);
          for (const e of b.elements) expect(e.text.length).toBeLessThanOrEqual(S.SLACK_SECTION_TEXT_MAX);
        }
        if (b.type === 'actions') {
          const ids = b.elements.map((e) => e.action_id);
          expect(new Set(ids).size).toBe(ids.length);
          for (const e of b.elements) {
            expect(e.text.text.length).toBeLessThanOrEqual(S.SLACK_BUTTON_TEXT_MAX);
            expect(e.value.length).toBeLessThanOrEqual(S.SLACK_BUTTON_VALUE_MAX);
            expect(e.action_id.length).toBeLessThanOrEqual(S.SLACK_ACTION_ID_MAX);
          }
        }
      }
    }
  });

  it('escapes user text so it can never notify anyone or become a link', () => {
    expect(escapeMrkdwn('<!channel> & <@U123> <http://x|y>')).toBe(
      '&lt;!channel&gt; &amp; &lt;@U123&gt; &lt;http://x|y&gt;',
    );
    for (const view of [
      talk.quote('en', '<!channel> data wall'),
      talk.searchPage('en', '<!here> <@U123> data wall', 1, 5),
      talk.help('en', '<!everyone>'),
    ]) {
      // Button values carry the request back to us and are never displayed; everything shown must be escaped.
      const json = JSON.stringify(renderSlack(view, { ephemeral: false }), (key, v) =>
        key === 'value' ? undefined : v,
      );
      expect(json).not.toMatch(/<!(channel|here|everyone)>|<@U123>/);
    }
  });
});

describe('text renderer', () => {
  it('renders every view without throwing and labels sources', () => {
    for (const view of allViews().slice(0, 400)) expect(renderText(view).length).toBeGreaterThan(0);
    expect(renderText(talk.summary('en', 'rl'))).toMatch(/\[#o1-1\]/);
  });
});
