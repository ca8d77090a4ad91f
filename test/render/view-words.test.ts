/**
 * Each answer's words on each surface (terminal, Discord, Slack): whose words a passage is, which passage is
 * the one asked for, what was searched and whether it was cut, a daily post's preview, delay and thread, and
 * errors with their channel links and ids. Built from small hand-made views so every line can be checked.
 */
import { describe, expect, it } from 'vitest';
import { channelRef } from '../../src/core/markup.js';
import type { PassageView, TakeawayView, View } from '../../src/core/views.js';
import type { Lang } from '../../src/core/vocabulary.js';
import { LABELS } from '../../src/render/common.js';
import { renderText } from '../../src/render/text.js';
import { base, discord, passage, SPEAKER, slack } from './answer-views.js';

const hl = passage('hl', { kind: 'highlight', attribution: { en: 'The paper', zh: '媒体' } });

describe('a quote', () => {
  const view: View = { kind: 'quote', ...base('en'), passage: passage('a'), query: '*data* <@U1>' };

  it('says which words it was the best match for, shown as typed', () => {
    expect(renderText(view).split('\n').slice(0, 2)).toEqual(['Best match for: *data* <@U1>', '']);
    expect(discord(view).description).toBe(
      `*Best match for:* \\*data\\* \\<@U1>\n\n**${LABELS.translation.en}**\n> English a`,
    );
    expect(slack(view)[0]).toBe('Best match for: *data* &lt;@U1&gt;');
  });

  it('names the section and the passage under the byline', () => {
    expect(renderText(view).split('\n').slice(-2)).toEqual([
      '  — Speaker · English translation by this project',
      '  Section: Walls · #a',
    ]);
    expect(discord(view).footer?.text).toBe('— Speaker · English translation by this project · #a');
    expect(slack(view).at(-1)).toBe(
      '— Speaker · English translation by this project | Section: Walls · `#a`',
    );
  });
});

describe('a passage in context', () => {
  const view: View = { kind: 'context', ...base('both'), focusId: 'hl', passages: [passage('a'), hl] };

  it('marks the passage asked for and labels words that are not the speaker’s', () => {
    const text = renderText(view).split('\n');
    expect(text[0]).toBe('  「中文a」');
    expect(text).toContain('▶ 「中文hl」');
    expect(text).toContain(`    ${LABELS.original.highlight.en}`);
    const [first, second] = discord(view).fields!;
    expect(first).toEqual({ name: '#a · Walls', value: '中文a\n*English a*' });
    expect(second).toEqual({
      name: '▶ #hl · Walls',
      value: `*${LABELS.original.highlight.en}*\n中文hl\n*English hl*`,
    });
    expect(discord(view).title).toBe('In context · #hl');
    expect(slack(view)).toEqual([
      '*#a*\n>中文a\n_English a_',
      `▶ *#hl*\n_${LABELS.original.highlight.en}_\n>中文hl\n_English hl_`,
      '— The paper · English translation by this project | In context · Walls',
    ]);
  });

  it('gives the byline of the passage asked for, or the first one when it is missing', () => {
    expect(discord(view).footer?.text).toBe('— The paper · English translation by this project');
    expect(discord({ ...view, focusId: 'zz' }).footer?.text).toBe(
      '— Speaker · English translation by this project',
    );
    expect(slack({ ...view, focusId: 'zz', lang: 'zh' }).at(-1)).toBe('— 讲者 | 上下文 · 墙');
  });
});

describe('search results', () => {
  const result = (p: PassageView, rank: number) => ({ passage: p, score: 0.5, rank });
  const view: View = {
    kind: 'search',
    ...base('both'),
    query: 'walls',
    page: 2,
    pageCount: 3,
    total: 7,
    results: [result(passage('a'), 4), result(hl, 5)],
  };

  it('gives the count and page, each result’s rank, and labels words that are not the speaker’s', () => {
    expect(renderText(view).split('\n')).toEqual([
      'Search: walls · 7 results · Page 2/3',
      '',
      '4. #a (0.50) · Walls',
      '   「中文a」',
      '   "English a"',
      '5. #hl (0.50) · Walls',
      '   「中文hl」',
      '   "English hl"',
      `   (${LABELS.original.highlight.en})`,
    ]);
    expect(discord(view)).toMatchObject({
      title: 'Search: walls',
      description: '7 results · Page 2/3',
      fields: [
        { name: '4. #a · Walls', value: '> 中文a\n*English a*' },
        { name: '5. #hl · Walls', value: `*${LABELS.original.highlight.en}*\n> 中文hl\n*English hl*` },
      ],
    });
    expect(slack({ ...view, lang: 'zh' })).toEqual([
      '*搜索:* walls\n7 条结果 · 第 2/3',
      '*4.* `#a` · 墙\n>中文a',
      `*5.* \`#hl\` · 墙\n_${LABELS.original.highlight.zh}_\n>中文hl`,
    ]);
  });
});

describe('what the talk says about a message', () => {
  const found = (cut: boolean): View => ({
    kind: 'found',
    ...base('en'),
    query: 'walls <#C1>',
    cut,
    results: [{ passage: hl, score: 1, rank: 1 }],
  });

  it('repeats the message as typed, says when it was cut, and labels each passage', () => {
    expect(renderText(found(true)).split('\n').slice(0, 4)).toEqual([
      'Found in the talk: walls <#C1>',
      LABELS.foundCut.en,
      '',
      '1. #hl (1.00)',
    ]);
    expect(discord(found(true)).description).toBe(
      [
        '*For the message:* walls \\<#C1>',
        `*${LABELS.foundCut.en}*`,
        `**1.** \`#hl\` · Walls\n**${LABELS.translation.en}**\n> English hl\n*— The paper · English translation by this project*`,
      ].join('\n\n'),
    );
    expect(slack(found(true)).slice(0, 3)).toEqual([
      '*Found in the talk*\nFor the message: walls &lt;#C1&gt;',
      LABELS.foundCut.en,
      '*1.* `#hl` · Walls',
    ]);
  });

  it('says nothing about a cut when the whole message was read', () => {
    expect(renderText(found(false)).split('\n').slice(0, 3)).toEqual([
      'Found in the talk: walls <#C1>',
      '',
      '1. #hl (1.00)',
    ]);
    expect(discord(found(false)).description?.split('\n\n').slice(0, 2)).toEqual([
      '*For the message:* walls \\<#C1>',
      `**1.** \`#hl\` · Walls\n**${LABELS.translation.en}**\n> English hl\n*— The paper · English translation by this project*`,
    ]);
    expect(slack(found(false)).slice(0, 2)).toEqual([
      '*Found in the talk*\nFor the message: walls &lt;#C1&gt;',
      '*1.* `#hl` · Walls',
    ]);
  });
});

describe('a question the talk does not cover', () => {
  const topic = { id: 'data-wall', title: { en: 'The data wall', zh: '数据墙' } };
  const view = (suggestions: (typeof topic)[], cut?: boolean): View => ({
    kind: 'not-covered',
    ...base('en'),
    query: 'stocks <!here>',
    suggestions,
    ...(cut === undefined ? {} : { cut }),
  });

  it('says so, repeating the question as typed, and offers the closest topics', () => {
    expect(renderText(view([topic]))).toBe(
      [
        "The talk doesn't cover that. (“stocks <!here>”)",
        'Closest topics it does cover: data-wall (The data wall)',
        'Try `summary <topic>` with one of these.',
      ].join('\n'),
    );
    expect(discord(view([topic]))).toMatchObject({
      title: "The talk doesn't cover that.",
      description:
        '“stocks \\<!here>”\n\nClosest topics it does cover: **The data wall** (`data-wall`)\nTry `summary <topic>` with one of these.',
    });
    expect(slack(view([topic]))).toEqual([
      "The talk doesn't cover that. (“stocks &lt;!here&gt;”)",
      'Closest topics it does cover: *The data wall* (`data-wall`)\nTry `summary &lt;topic&gt;` with one of these.',
    ]);
  });

  it('says when the question was cut, and offers nothing when nothing is close', () => {
    expect(renderText(view([], true)).split('\n')).toEqual([
      "The talk doesn't cover that. (“stocks <!here>”)",
      LABELS.foundCut.en,
    ]);
    expect(discord(view([], true)).description).toBe(`“stocks \\<!here>”\n\n*${LABELS.foundCut.en}*\n`);
    expect(slack(view([], true))).toEqual([
      "The talk doesn't cover that. (“stocks &lt;!here&gt;”)",
      LABELS.foundCut.en,
    ]);
    expect(discord(view([])).description).toBe('“stocks \\<!here>”\n\n');
  });
});

describe('a daily post', () => {
  const post = (lang: Lang, daily?: TakeawayView['daily']): TakeawayView => ({
    kind: 'takeaway',
    ...base(lang),
    date: '2026-03-30',
    id: 't1',
    text: { en: 'Ours & <yours>', zh: '我们的' },
    sources: [
      { id: 'a', section: passage('a').section },
      { id: 'b', section: passage('b').section },
    ],
    credit: { en: 'Written by us', zh: '我们写的' },
    ...(daily ? { daily } : {}),
  });
  const preview = { channel: 'C9', at: '09:00 UTC', lang: 'en' as const };

  it('is the takeaway of the day when asked for, with its credit and sources', () => {
    expect(renderText(post('both'))).toBe(
      [
        'Takeaway of the day · 2026-03-30',
        '',
        'Ours & <yours>',
        '我们的',
        '    Written by us · Sources [#a, #b]',
      ].join('\n'),
    );
    expect(discord(post('both'))).toMatchObject({
      title: 'Takeaway of the day · 2026-03-30',
      description: '**Ours & <yours>**\n**我们的**',
      footer: { text: 'Written by us · Sources #a #b' },
    });
    expect(slack(post('zh'))).toEqual(['今日要点 · 2026-03-30', '*我们的*', '_我们写的_ · 出处 `#a` `#b`']);
  });

  it('as a daily post: its title, key, delay and where the speaker’s words are', () => {
    const daily = { key: 'd-key', delayedFrom: '2026-03-30 09:00 UTC', originals: [passage('a')] };
    expect(renderText(post('en', daily)).split('\n')).toEqual([
      'Daily takeaway · 2026-03-30',
      '',
      'Ours & <yours>',
      '    Written by us · Sources [#a, #b]',
      '  Delayed: this was due 2026-03-30 09:00 UTC',
    ]);
    expect(discord(post('en', daily))).toMatchObject({
      title: 'Daily takeaway · 2026-03-30',
      description: `**Ours & <yours>**\n*${LABELS.inThread.en}*`,
      footer: { text: 'Written by us · Sources #a #b · Delayed: this was due 2026-03-30 09:00 UTC · d-key' },
    });
    expect(slack(post('en', daily))).toEqual([
      'Daily takeaway · 2026-03-30',
      '*Ours &amp; &lt;yours&gt;*',
      '_Written by us_ · Sources `#a` `#b`',
      'Delayed: this was due 2026-03-30 09:00 UTC',
      LABELS.inThread.en,
    ]);
    expect(discord(post('en', { key: 'k' })).footer?.text).toBe('Written by us · Sources #a #b · k');
  });

  it('as a preview: where and when it will be posted, in the asker’s language', () => {
    const view = post('both', { key: 'k', preview });
    expect(renderText(view).split('\n').slice(0, 2)).toEqual([`${LABELS.previewOf.en} #C9 at 09:00 UTC`, '']);
    expect(discord(view).description?.split('\n')[0]).toBe(`*${LABELS.previewOf.en} <#C9> at 09:00 UTC*`);
    expect(slack(view)[0]).toBe(`_${LABELS.previewOf.en} <#C9> at 09:00 UTC_`);
    expect(renderText(post('en', { key: 'k', preview: { ...preview, lang: 'zh' } })).split('\n')[0]).toBe(
      `${LABELS.previewOf.zh} #C9(09:00 UTC)`,
    );
  });

  it('on a card where no image can go: the words, and where the image is made', () => {
    const card: View = {
      kind: 'card',
      ...base('en'),
      of: post('en'),
      talk: { speaker: { en: 'S', zh: 'S', role: SPEAKER }, venue: SPEAKER, date: 'd' },
    };
    expect(renderText(card)).toBe(`${renderText(post('en'))}\n\n${LABELS.cardElsewhere.en}`);
    expect(discord(card)).toEqual(discord(post('en')));
    expect(slack(card)).toEqual(slack(post('en')));
  });
});

describe('errors', () => {
  const error = (lang: Lang, extra: Record<string, unknown> = {}): View => ({
    kind: 'error',
    ...base(lang),
    code: 'cannot-post',
    message: { en: `I can't post in ${channelRef('C5')} <@U1>.`, zh: `无法在 ${channelRef('C5')} 发布。` },
    suggestions: [],
    ...extra,
  });
  const suggestions = [{ id: 'rl', title: { en: 'RL', zh: '强化学习' } }];

  it('link our channel references, show anything typed as typed, and give the error id', () => {
    const view = error('en', { suggestions, errorId: 'e-42' });
    expect(renderText(view)).toBe(
      ["I can't post in #C5 <@U1>.", 'Did you mean: rl (RL)', 'Error id: e-42'].join('\n'),
    );
    expect(discord(view).description).toBe(
      ["I can't post in <#C5> \\<@U1>.", 'Did you mean: `rl` (RL)', 'Error id: `e-42`'].join('\n'),
    );
    expect(slack(view)).toEqual([
      "I can't post in <#C5> &lt;@U1&gt;.",
      'Did you mean: `rl` (RL)',
      'Error id: `e-42`',
    ]);
  });

  it('say no more than the message when there is nothing to suggest', () => {
    expect(renderText(error('zh'))).toBe('无法在 #C5 发布。');
    expect(discord(error('zh')).description).toBe('无法在 <#C5> 发布。');
    expect(slack(error('zh'))).toEqual(['无法在 <#C5> 发布。']);
  });
});
