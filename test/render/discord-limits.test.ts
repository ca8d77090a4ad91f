/**
 * Discord's limits, enforced piece by piece: each part of an embed is cut at its own limit with "…", the whole
 * embed at 6,000 characters, and buttons go five to a row, five rows at most, with ids Discord accepts.
 */
import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/core/actions.js';
import type { View } from '../../src/core/views.js';
import { type DiscordEmbed, embedLength, fitEmbed, renderDiscord } from '../../src/render/discord.js';
import * as D from '../../src/render/discord-limits.js';
import { makeTalk } from '../helpers.js';

const talk = makeTalk();
const x = (n: number) => 'x'.repeat(n);

describe('fitting an embed', () => {
  it('leaves an embed within every limit as it is', () => {
    const embed: DiscordEmbed = {
      title: x(D.DISCORD_EMBED_TITLE_MAX),
      description: x(100),
      footer: { text: x(D.DISCORD_EMBED_FOOTER_MAX) },
      fields: [{ name: x(D.DISCORD_EMBED_FIELD_NAME_MAX), value: x(D.DISCORD_EMBED_FIELD_VALUE_MAX) }],
    };
    expect(fitEmbed(embed)).toEqual(embed);
  });

  it('cuts the title, description, footer, field names and values each at its own limit', () => {
    const fitted = fitEmbed({
      title: x(300),
      description: x(1000),
      footer: { text: x(100) },
      fields: [{ name: x(300), value: x(1100), inline: true }],
    });
    expect(fitted.title).toBe(`${x(D.DISCORD_EMBED_TITLE_MAX - 1)}…`);
    expect(fitted.fields).toEqual([
      {
        name: `${x(D.DISCORD_EMBED_FIELD_NAME_MAX - 1)}…`,
        value: `${x(D.DISCORD_EMBED_FIELD_VALUE_MAX - 1)}…`,
        inline: true,
      },
    ]);
    expect(fitEmbed({ description: x(5000) }).description).toBe(`${x(D.DISCORD_EMBED_DESCRIPTION_MAX - 1)}…`);
    expect(fitEmbed({ footer: { text: x(3000) } }).footer).toEqual({
      text: `${x(D.DISCORD_EMBED_FOOTER_MAX - 1)}…`,
    });
  });

  it('keeps 25 fields and fills an empty name or value with a zero-width space', () => {
    const fields = Array.from({ length: 30 }, (_, i) => ({ name: i ? `f${i}` : '', value: i ? 'v' : '' }));
    const fitted = fitEmbed({ fields });
    expect(fitted.fields).toHaveLength(D.DISCORD_EMBED_FIELDS_MAX);
    expect(fitted.fields?.[0]).toEqual({ name: '\u200b', value: '\u200b' });
    expect(fitted.fields?.[24]).toEqual({ name: 'f24', value: 'v' });
  });

  it('shares what is left of 6,000 characters equally among the field values', () => {
    // 100 + 8 × (10 + 1,000) = 8,180: each value gets (6,000 − 100 − 80) / 8 = 727.
    const fields = Array.from({ length: 8 }, (_, i) => ({ name: `field ${i}`.padEnd(10), value: x(1000) }));
    const fitted = fitEmbed({ title: x(100), fields });
    expect(fitted.fields?.map((f) => f.value)).toEqual(Array(8).fill(`${x(726)}…`));
    expect(embedLength(fitted)).toBe(100 + 80 + 8 * 727);
    // Exactly at the limit, or under it, nothing is cut, however unequal the values.
    const exact = [1024, 1024, 1024, 1024, 804].map((n) => ({ name: x(180), value: x(n) }));
    expect(embedLength({ title: x(200), fields: exact })).toBe(D.DISCORD_EMBED_TOTAL_MAX);
    expect(fitEmbed({ title: x(200), fields: exact }).fields).toEqual(exact);
    const under = [
      { name: 'a', value: x(1000) },
      ...Array.from({ length: 4 }, () => ({ name: 'b', value: 'v' })),
    ];
    expect(fitEmbed({ title: x(256), description: x(3744), fields: under }).fields).toEqual(under);
  });

  it('cuts the description when the title, description and footer alone pass 6,000', () => {
    const fitted = fitEmbed({
      title: x(D.DISCORD_EMBED_TITLE_MAX),
      description: x(D.DISCORD_EMBED_DESCRIPTION_MAX),
      footer: { text: x(D.DISCORD_EMBED_FOOTER_MAX) },
    });
    expect(embedLength(fitted)).toBe(D.DISCORD_EMBED_TOTAL_MAX);
    expect(fitted.description).toBe(`${x(6000 - 256 - 2048 - 1)}…`);
    expect(fitted.title).toBe(x(256));
    expect(fitted.footer?.text).toBe(x(2048));
    expect(fitted.fields).toBeUndefined();
  });

  it('gives each field a single character when the fixed parts leave nothing, then cuts the description', () => {
    const fitted = fitEmbed({
      title: x(256),
      description: x(4096),
      footer: { text: x(2048) },
      fields: [
        { name: 'a', value: 'y' },
        { name: 'b', value: 'long value' },
      ],
    });
    expect(fitted.fields?.map((f) => f.value)).toEqual(['y', '…']);
    expect(embedLength(fitted)).toBe(D.DISCORD_EMBED_TOTAL_MAX);
  });

  it('counts every part of an embed in its length', () => {
    expect(embedLength({})).toBe(0);
    expect(
      embedLength({
        title: 'ab',
        description: 'cde',
        footer: { text: 'f' },
        fields: [{ name: 'gh', value: 'ijk' }],
      }),
    ).toBe(11);
  });
});

/** A view of any kind with the given buttons. */
function withActions(actions: Action[]): View {
  return { ...talk.about('en'), actions };
}
const another = (n: number, publish = false): Action => ({
  label: 'another',
  request: { sub: 'search', lang: 'en', query: `q${n}` },
  ...(publish ? { publish } : {}),
});

describe('buttons on Discord', () => {
  it('puts five to a row and stops at five rows', () => {
    const rows = renderDiscord(withActions(Array.from({ length: 27 }, (_, i) => another(i))), {
      ephemeral: false,
    }).components;
    expect(rows.map((r) => r.components.length)).toEqual([5, 5, 5, 5, 5]);
    expect(rows.every((r) => r.type === 1)).toBe(true);
    expect(rows[1]?.components[0]?.custom_id).toContain('q5');
    expect(
      renderDiscord(withActions([another(1), another(2)]), { ephemeral: false }).components,
    ).toHaveLength(1);
    expect(renderDiscord(withActions([]), { ephemeral: false }).components).toEqual([]);
  });

  it('makes a button that posts for everyone primary, the others secondary', () => {
    const [row] = renderDiscord(withActions([another(1, true), another(2)]), { ephemeral: false }).components;
    expect(row?.components.map((b) => [b.type, b.style, b.label])).toEqual([
      [2, 1, 'Another'],
      [2, 2, 'Another'],
    ]);
  });

  it('labels a button in the language of the answer it asks for', () => {
    const toZh: Action = { label: 'switch-lang', request: { sub: 'about', lang: 'zh' } };
    const toEn: Action = { label: 'switch-lang', request: { sub: 'about', lang: 'en' } };
    const next: Action = { label: 'next', request: { sub: 'search', lang: 'zh', query: 'data', page: 2 } };
    const labels = renderDiscord(withActions([toZh, toEn, next]), { ephemeral: false }).components[0]
      ?.components;
    expect(labels?.map((b) => b.label)).toEqual(['中文', 'English', '下一页']);
  });

  it('leaves out a button whose request does not fit in a custom id of 100 characters', () => {
    const long: Action = { label: 'next', request: { sub: 'search', lang: 'en', query: x(120) } };
    const rows = renderDiscord(withActions([long, another(1)]), { ephemeral: false }).components;
    expect(rows[0]?.components).toHaveLength(1);
    expect(rows[0]?.components[0]?.custom_id.length).toBeLessThanOrEqual(D.DISCORD_CUSTOM_ID_MAX);
  });

  it('keeps a button whose custom id is exactly 100 characters', () => {
    const fits: Action = {
      label: 'next',
      request: { sub: 'search', lang: 'en', query: x(100 - 'r|s|e|1|'.length) },
    };
    expect(
      renderDiscord(withActions([fits]), { ephemeral: false }).components[0]?.components[0]?.custom_id,
    ).toHaveLength(100);
  });

  it('takes custom ids from the adapter, leaving out the buttons it gives none', () => {
    const rows = renderDiscord(withActions([another(1), another(2), another(3)]), {
      ephemeral: false,
      customId: (a) =>
        a.request.sub === 'search' && a.request.query === 'q2' ? undefined : `id-${a.request.sub}`,
    }).components;
    expect(rows[0]?.components.map((b) => b.custom_id)).toEqual(['id-search', 'id-search']);
  });
});
