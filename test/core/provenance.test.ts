/**
 * Whose words: on every surface the speaker's words are shown as his, the article's as the article's, and
 * what this project wrote as this project's. Checked for every passage, summary and takeaway in every language.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/cli.js';
import { findInMessage } from '../../src/core/find.js';
import type { CardView, View } from '../../src/core/views.js';
import { LANGS } from '../../src/core/vocabulary.js';
import { cardAlt } from '../../src/render/card-image.js';
import { renderDiscord } from '../../src/render/discord.js';
import { discordCardContent } from '../../src/render/discord-card.js';
import { renderSlack } from '../../src/render/slack.js';
import { slackCardComment } from '../../src/render/slack-card.js';
import { renderText } from '../../src/render/text.js';
import { content, makeTalk } from '../helpers.js';

const talk = makeTalk();
const transcript = readFileSync(join(content.dir, 'transcript.txt'), 'utf8');

/**
 * Every surface's output of a view as one string per surface (Discord: embed text; Slack: block text). A
 * card adds the words posted with its image on each platform and the image's alt text.
 */
function surfaces(view: View): Record<string, string> {
  const discord = renderDiscord(view, { ephemeral: false }).embeds[0]!;
  const slack = renderSlack(view, { ephemeral: false });
  const card: Record<string, string> =
    view.kind === 'card'
      ? { 'discord card': discordCardContent(view), 'slack card': slackCardComment(view), alt: cardAlt(view) }
      : {};
  return {
    ...card,
    text: renderText(view),
    discord: [
      discord.title,
      discord.description,
      ...(discord.fields ?? []).flatMap((f) => [f.name, f.value]),
      discord.footer?.text,
    ].join('\n'),
    'discord footer': discord.footer?.text ?? '',
    slack: JSON.stringify(slack.blocks),
  };
}

const prefixed = (prefix: string, o: Record<string, string>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [`${prefix}${k}`, v]));

/** A speaker byline standing bare at the start of a line, as if what came before were his words. */
const BARE_BYLINE = /(^|\n|")\s*— (Yang Zhilin|杨植麟)(?![^\n"]*(translation by this project|本项目翻译))/;

describe('provenance on every surface', () => {
  it('labels every passage with whose words it is, and our translation as ours, in every language, on its card too', () => {
    for (const passage of content.passages) {
      for (const lang of LANGS) {
        const quote = talk.quote(lang, undefined, passage.id);
        const card = talk.handle({ sub: 'card', lang, id: passage.id }) as CardView;
        const outputs = { ...surfaces(quote), ...prefixed('card ', surfaces(card)) };
        for (const [surface, out] of Object.entries(outputs)) {
          const where = `${passage.id} ${lang} ${surface}`;
          expect(out, where).not.toMatch(/「“|“「|""|"“|“"/);
          if (lang !== 'zh' && !surface.endsWith('discord footer'))
            expect(out, where).toMatch(/translation by this project|本项目翻译/);
          if (passage.kind === 'speaker')
            expect(out, where).not.toMatch(/not the speaker's words|非演讲者原话/);
          else expect(out, where).toMatch(/not the speaker's words|非演讲者原话/);
          // Chinese only: the original alone stands above his byline, as it should.
          if (lang !== 'zh') expect(out, where).not.toMatch(BARE_BYLINE);
        }
      }
    }
  });

  it('credits the highlights to the publication and the introduction to the journalist, never to the editor', () => {
    const highlight = surfaces(talk.quote('en', undefined, 'hl-1'));
    expect(highlight.text).toContain('Highlight (划重点) by Tencent Tech');
    expect(highlight.text).not.toMatch(/Zheng Kejun|郑可君|editor/i);
    const intro = surfaces(talk.quote('both', undefined, 'intro-quote'));
    expect(intro.text).toContain("the article's rendering of what Yang Zhilin said quoting Daniel Kahneman");
    expect(intro.text).toContain('#next-15');
    expect(intro.text).not.toContain('「“');
  });

  it('labels each passage found for a message, and our translation as ours', () => {
    for (const lang of LANGS) {
      // The search ranks his words first; the article's own are shown too, so a view with them is checked.
      const mixed: View = {
        kind: 'found',
        lang,
        query: 'mixed',
        cut: false,
        results: ['hl-5', 'intro-quote', 'o1-7'].map((id, i) => ({
          passage: talk.passageView(content.passageById.get(id)!),
          score: 0.5,
          rank: i + 1,
        })),
        actions: [],
      };
      for (const text of ['the data wall', 'Kahneman thinking fast and slow', 'mixed']) {
        const view =
          text === 'mixed' ? mixed : findInMessage(talk, lang, { text, attachments: 0, embeds: 0 });
        if (view.kind !== 'found') throw new Error(`${text}: nothing found`);
        for (const [surface, out] of Object.entries(surfaces(view))) {
          const where = `${text} ${lang} ${surface}`;
          if (surface === 'discord footer') continue;
          if (lang !== 'zh') expect(out, where).toMatch(/translation by this project|本项目翻译/);
          if (lang !== 'zh') expect(out, where).not.toMatch(BARE_BYLINE);
          for (const r of view.results) {
            // In English only the original is not shown, so there is no verbatim label; the byline says whose.
            const label =
              r.passage.kind !== 'speaker'
                ? /not the speaker's words|非演讲者原话/
                : lang === 'en'
                  ? /Yang Zhilin \(杨植麟\)/
                  : /verbatim|演讲者原话/;
            expect(out, `${where} #${r.passage.id}`).toMatch(label);
          }
        }
      }
    }
  });

  it("marks the sections this project named, unlike the article's own headings", () => {
    expect(renderText(talk.quote('en', undefined, 'open-2'))).toContain(
      'Section: Opening: from vertical, task-specific AI to general intelligence (named by this project)',
    );
    expect(renderText(talk.quote('en', undefined, 'o1-2'))).toMatch(/Section: [^\n(]+ · #o1-2/);
  });

  it('never puts a summary or a takeaway above a bare speaker byline, in any language', () => {
    const views: View[] = [
      ...content.topics.flatMap((t) => LANGS.map((lang) => talk.summary(lang, t.id))),
      ...content.takeaways.flatMap((t) => LANGS.map((lang) => talk.takeawayView(lang, t.id, '2026-11-28'))),
      ...content.takeaways.flatMap((t) =>
        LANGS.map((lang) => talk.handle({ sub: 'card', lang, takeaway: t.id, date: '2026-11-28' })),
      ),
    ];
    for (const view of views) {
      for (const [surface, out] of Object.entries(surfaces(view))) {
        const where = `${view.kind} ${view.lang} ${surface}`;
        expect(out, where).not.toMatch(BARE_BYLINE);
        if (surface !== 'discord footer') expect(out, where).toMatch(/written by this project|本项目根据/);
      }
    }
  });
});

/** Walks a JSON answer and checks the contract on every result object. */
function checkContract(value: unknown, where: string, seen: { words: number; written: number }): void {
  if (Array.isArray(value)) {
    for (const item of value) checkContract(item, where, seen);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const o = value as Record<string, unknown>;
  if ('text' in o) {
    expect(['speaker', 'highlight', 'introduction'], where).toContain(o.kind);
    expect(o.verbatim, where).toBe(true);
    expect(transcript.includes(String(o.text)), `${where}: text is verbatim`).toBe(true);
    seen.words++;
  }
  if (o.kind === 'takeaway' || o.kind === 'summary') {
    expect(o.verbatim, where).toBe(false);
    expect(o.by, where).toBe('this project');
    expect(o, where).not.toHaveProperty('text');
    seen.written++;
  }
  if ('verbatim' in o)
    expect(['speaker', 'highlight', 'introduction', 'takeaway', 'summary']).toContain(o.kind);
  for (const child of Object.values(o)) checkContract(child, where, seen);
}

describe('the JSON contract', () => {
  it("holds on every subcommand: kind, verbatim, and `text` only for the source's own words", () => {
    const lines = [
      'quote',
      'quote data wall',
      ...content.passages.map((p) => `quote --id ${p.id}`),
      'summary',
      ...content.topics.map((t) => `summary ${t.id}`),
      'search data wall --limit 50',
      'search 强化学习',
      'search stock tips',
      'takeaway',
      'takeaway 2026-01-01',
      'topics',
      'about',
      'help',
      'qoute',
      'quote --id nope-1',
      'card',
      'card data wall',
      'card takeaway',
      'card takeaway 2026-01-01',
      ...content.passages.map((p) => `card --id ${p.id}`),
    ];
    const seen = { words: 0, written: 0 };
    for (const line of lines) {
      const { output } = answer(talk, `${line} --json`);
      checkContract(JSON.parse(output), line, seen);
    }
    expect(seen.words).toBeGreaterThan(content.passages.length);
    expect(seen.written).toBeGreaterThan(content.topics.length * 3);
  });
});
