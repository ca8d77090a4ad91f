/**
 * The words that go with a card's image on Discord and Slack, the card's alt text, and the thread reply under
 * a daily post on Discord: labelled as the answers label them, and cut without losing whose words they are.
 */
import { describe, expect, it } from 'vitest';
import type { CardView, PassageView, QuoteView, TakeawayView } from '../../src/core/views.js';
import { cardAlt } from '../../src/render/card-image.js';
import { LABELS } from '../../src/render/common.js';
import { discordCardContent } from '../../src/render/discord-card.js';
import { DISCORD_CONTENT_MAX } from '../../src/render/discord-limits.js';
import { renderDiscordOriginals } from '../../src/render/discord-thread.js';
import { SLACK_CARD_COMMENT_MAX, slackCardComment } from '../../src/render/slack-card.js';
import { makeTalk } from '../helpers.js';
import { passage as madeUpPassage, quote } from './card-views.js';

const talk = makeTalk();
const about = talk.about('en');
const SPEAKER = 'Yang Zhilin (杨植麟), founder of Moonshot AI, maker of Kimi';

/** The shared made-up passage, with a section, lines and a byline the renderers must keep or escape. */
const passage = (extra: Partial<PassageView> = {}): PassageView =>
  madeUpPassage({
    section: { en: 'Data & walls', zh: '数据墙', origin: 'article' },
    zh: '第一行\n第二行',
    en: 'First line.',
    attribution: { en: 'Someone <s>', zh: '某人' },
    ...extra,
  });
const card = (of: QuoteView | TakeawayView): CardView => ({
  kind: 'card',
  lang: of.lang,
  actions: [],
  of,
  talk: about,
});

describe('the words of a card on Discord', () => {
  it('are the title in bold, the labelled words, and the byline in italics', () => {
    expect(discordCardContent(card(quote(passage())))).toBe(
      [
        '**Data & walls**',
        `**${LABELS.original.speaker.en}**`,
        '> 第一行',
        '> 第二行',
        `**${LABELS.translation.en}**`,
        '> First line.',
        '*— Someone <s> · English translation by this project · #p-1*',
      ].join('\n'),
    );
  });

  it('cut the words, never the title or the byline, to fit 2,000 characters', () => {
    const long = passage({ zh: '长'.repeat(1500), en: 'long '.repeat(300) });
    const content = discordCardContent(card(quote(long)));
    expect(content.length).toBeLessThanOrEqual(DISCORD_CONTENT_MAX);
    expect(content.length).toBeGreaterThan(DISCORD_CONTENT_MAX - 10);
    const lines = content.split('\n');
    expect(lines[0]).toBe('**Data & walls**');
    expect(lines.at(-1)).toBe('*— Someone <s> · English translation by this project · #p-1*');
    expect(lines.at(-2)).toMatch(/…$/);
  });

  it('of a takeaway: its title and day, its words, and its credit with the sources', () => {
    const t = talk.takeawayView('en', 't01', '2026-03-27');
    const lines = discordCardContent(card(t)).split('\n');
    expect(lines[0]).toBe('**Takeaway of the day · 2026-03-27**');
    expect(lines[1]).toBe(`**${t.text.en}**`);
    expect(lines[2]).toBe(`*${t.credit.en} · Sources #open-2 #open-3 #open-4 #open-5*`);
  });
});

describe('the words of a card on Slack', () => {
  it('are the quote’s blocks as mrkdwn: labels in bold, quoted words, byline and section', () => {
    expect(slackCardComment(card(quote(passage())))).toBe(
      [
        `*${LABELS.original.speaker.en}*`,
        '>第一行',
        '>第二行',
        `*${LABELS.translation.en}*`,
        '>First line.',
        '— Someone &lt;s&gt; · English translation by this project · Section: Data &amp; walls · `#p-1`',
      ].join('\n'),
    );
  });

  it('leave out the buttons of the answer', () => {
    const view = talk.quote('en', undefined, 'o1-2') as QuoteView;
    expect(view.actions.length).toBeGreaterThan(0);
    const lines = slackCardComment(card(view)).split('\n');
    expect(lines.at(-1)).toMatch(/^— .* · Section: .* · `#o1-2`$/);
    expect(lines).toHaveLength(3);
  });

  it('show a takeaway’s title in bold and escaped', () => {
    const t = { ...talk.takeawayView('zh', 't01', '2026-03-27'), date: '<3 & 4>' };
    expect(slackCardComment(card(t)).split('\n')[0]).toBe('*今日要点 · &lt;3 &amp; 4&gt;*');
  });

  it('are cut at 3,000 characters', () => {
    const long = passage({ zh: '长'.repeat(2900), en: 'long '.repeat(580) });
    const comment = slackCardComment(card(quote(long)));
    expect(comment.length).toBe(SLACK_CARD_COMMENT_MAX);
    expect(comment.endsWith('…')).toBe(true);
  });
});

describe('the alt text of a card', () => {
  it('is every word on it, in the card’s language, uncut', () => {
    const view = { ...card(quote(passage({ zh: '长'.repeat(3000) }))), lang: 'zh' as const };
    expect(cardAlt(view)).toBe(
      ['#p-1 · 数据墙', LABELS.original.speaker.zh, '长'.repeat(3000), '— 某人'].join('\n'),
    );
  });

  it('names the talk under words that are not the speaker’s', () => {
    const highlight = quote(passage({ kind: 'highlight' }), 'en');
    expect(cardAlt(card(highlight)).split('\n').at(-1)).toBe(
      `From the article on the talk by ${about.speaker.en} (${about.speaker.zh}), ${about.speaker.role.en} · ${about.venue.en} · ${about.date}`,
    );
  });
});

describe('the thread reply under a daily post on Discord', () => {
  const view = (lang: TakeawayView['lang'], originals: PassageView[]) => ({
    ...talk.takeawayView(lang, 't01', '2026-03-27'),
    daily: { key: 'k', originals },
  });

  it('quotes each passage verbatim, line by line, labelled with whose words they are and its byline', () => {
    const [embed] = renderDiscordOriginals(
      view('en', [passage(), passage({ id: 'p-2', kind: 'introduction' })]),
    ).embeds;
    expect(embed?.title).toBe("Where this takeaway comes from: the speaker's words, verbatim");
    expect(embed?.fields).toEqual([
      {
        name: `${LABELS.original.speaker.en} · #p-1 · Data & walls`,
        value: '> 第一行\n> 第二行\n*— Someone <s>*',
      },
      {
        name: `${LABELS.original.introduction.en} · #p-2 · Data & walls`,
        value: '> 第一行\n> 第二行\n*— Someone <s>*',
      },
    ]);
    expect(embed?.footer?.text).toBe(
      "Sources: #p-1 #p-2 · each #id is a passage of the speaker's own words; `quote --id <id>` shows it",
    );
  });

  it('speaks Chinese when the schedule does, and claims no translation', () => {
    const originals = talk.originals('t01');
    const [embed] = renderDiscordOriginals(view('zh', originals)).embeds;
    expect(embed?.title).toBe('这条要点的出处:演讲者原话');
    expect(embed?.fields?.[0]?.name).toMatch(/^原文 · 演讲者原话 · #open-2 · /);
    expect(embed?.fields?.[0]?.value.endsWith(`\n*— ${originals[0]?.attribution.zh}*`)).toBe(true);
    expect(JSON.stringify(embed)).not.toContain(LABELS.translation.zh);
    expect(JSON.stringify(renderDiscordOriginals(view('en', originals)))).toContain(`*— ${SPEAKER}`);
  });

  it('is a bare title and sources line when no passage is given', () => {
    const bare = { ...talk.takeawayView('en', 't01', '2026-03-27') };
    const [embed] = renderDiscordOriginals(bare).embeds;
    expect(embed?.fields).toEqual([]);
    expect(embed?.footer?.text).toMatch(/^Sources: {2}· each #id/);
  });
});
