/**
 * Answers in one language, and whole answers block by block: a Chinese-only answer shows no English and
 * claims no translation, an English-only one no Chinese; lists join their items; every block of a quote,
 * a passage in context, about and help on Slack.
 */
import { describe, expect, it } from 'vitest';
import type { TakeawayView, View } from '../../src/core/views.js';
import type { Lang } from '../../src/core/vocabulary.js';
import { LABELS } from '../../src/render/common.js';
import { renderText } from '../../src/render/text.js';
import { makeTalk } from '../helpers.js';
import { base, discord, passage, slack } from './answer-views.js';

const talk = makeTalk();
const quote = (lang: Lang, query?: string): View => ({
  kind: 'quote',
  ...base(lang),
  passage: passage('a'),
  ...(query ? { query } : {}),
});
const topics = [
  { id: 'rl', title: { en: 'RL', zh: '强化学习' } },
  { id: 'data', title: { en: 'Data', zh: '数据' } },
];

describe('a quote in one language', () => {
  it('in Chinese: the original, labelled, with no translation', () => {
    expect(renderText(quote('zh')).split('\n')).toEqual([
      '「中文a」',
      `    ${LABELS.original.speaker.zh}`,
      '  — 讲者',
      '  章节: 墙 · #a',
    ]);
    expect(discord(quote('zh')).description).toBe(`**${LABELS.original.speaker.zh}**\n> 中文a`);
    expect(slack(quote('zh'))).toEqual([
      `*${LABELS.original.speaker.zh}*\n>中文a`,
      '— 讲者 | 章节: 墙 · `#a`',
    ]);
  });

  it('in English: our translation, labelled as ours, and no Chinese', () => {
    expect(renderText(quote('en')).split('\n')).toEqual([
      '"English a"',
      `    ${LABELS.translation.en}`,
      '  — Speaker · English translation by this project',
      '  Section: Walls · #a',
    ]);
    expect(slack(quote('en'))).toEqual([
      `*${LABELS.translation.en}*\n>English a`,
      '— Speaker · English translation by this project | Section: Walls · `#a`',
    ]);
  });

  it('in both, on Slack: the words it matched, the original, the translation and the byline', () => {
    expect(slack(quote('both', 'walls'))).toEqual([
      'Best match for: walls',
      `*${LABELS.original.speaker.en}*\n>中文a`,
      `*${LABELS.translation.en}*\n>English a`,
      '— Speaker · English translation by this project | Section: Walls · `#a`',
    ]);
  });
});

describe('other answers in one language', () => {
  it('a passage in context shows only the language asked for', () => {
    const view = (lang: Lang): View => ({
      kind: 'context',
      ...base(lang),
      focusId: 'a',
      passages: [passage('a'), passage('b')],
    });
    expect(renderText(view('zh')).split('\n')).toEqual([
      '▶ 「中文a」',
      `    ${LABELS.original.speaker.zh}`,
      '  — 讲者',
      '  章节: 墙 · #a',
      '',
      '  「中文b」',
      `    ${LABELS.original.speaker.zh}`,
      '  — 讲者',
      '  章节: 墙 · #b',
      '',
    ]);
    expect(discord(view('en')).fields?.[1]).toEqual({ name: '#b · Walls', value: '*English b*' });
    expect(discord(view('zh')).fields?.[1]).toEqual({ name: '#b · 墙', value: '中文b' });
    expect(slack(view('zh'))).toEqual(['▶ *#a*\n>中文a', '*#b*\n>中文b', '— 讲者 | 上下文 · 墙']);
    expect(slack(view('en'))[1]).toBe('*#b*\n_English b_');
  });

  it('a summary puts each point on its own line', () => {
    const view: View = {
      kind: 'summary',
      ...base('en'),
      topic: { id: 't', title: { en: 'T', zh: 'T' } },
      credit: { en: 'c', zh: 'c' },
      points: ['One', 'Two'].map((en) => ({ text: { en, zh: en }, sources: [] })),
    };
    expect(discord(view).description).toBe('*c*\n\n• One \n• Two ');
  });

  it('search results show only the language asked for', () => {
    const view: View = {
      kind: 'search',
      ...base('en'),
      query: 'q',
      page: 1,
      pageCount: 1,
      total: 1,
      results: [{ passage: passage('a'), score: 2, rank: 1 }],
    };
    expect(renderText(view).split('\n').slice(2)).toEqual(['1. #a (2.00) · Walls', '   "English a"']);
    expect(discord(view).fields).toEqual([{ name: '1. #a · Walls', value: '*English a*' }]);
    expect(
      renderText({ ...view, lang: 'zh' })
        .split('\n')
        .slice(2),
    ).toEqual(['1. #a (2.00) · 墙', '   「中文a」']);
    expect(discord({ ...view, lang: 'zh' }).fields).toEqual([{ name: '1. #a · 墙', value: '> 中文a' }]);
  });

  it('a takeaway shows only its own language', () => {
    const view = (lang: Lang): TakeawayView => ({
      kind: 'takeaway',
      ...base(lang),
      date: 'd',
      id: 't',
      text: { en: 'Ours', zh: '我们的' },
      sources: [],
      credit: { en: 'c', zh: 'c' },
    });
    expect(renderText(view('zh')).split('\n')[2]).toBe('我们的');
    expect(renderText(view('zh'))).not.toContain('Ours');
    expect(discord(view('zh')).description).toBe('**我们的**');
    expect(discord(view('en')).description).toBe('**Ours**');
    expect(slack(view('both'))[1]).toBe('*Ours*\n*我们的*');
  });
});

describe('a summary', () => {
  const view = (lang: Lang): View => ({
    kind: 'summary',
    ...base(lang),
    topic: { id: 'walls', title: { en: 'Walls', zh: '墙' } },
    credit: { en: 'Written by us', zh: '我们写的' },
    points: [
      {
        text: { en: 'Point & more', zh: '要点' },
        sources: [
          { id: 'a', section: passage('a').section },
          { id: 'b', section: passage('b').section },
        ],
      },
    ],
  });

  it('credits itself as ours and cites each point’s passages, in the language asked for', () => {
    expect(renderText(view('both')).split('\n')).toEqual([
      'Walls  (walls)',
      'Written by us',
      '',
      '• Point & more [#a, #b]',
      '  要点',
      '',
      `Sources: ${LABELS.sourcesNote.en}`,
    ]);
    expect(renderText(view('zh')).split('\n')[3]).toBe('• 要点 [#a, #b]');
    expect(renderText(view('en')).split('\n')[3]).toBe('• Point & more [#a, #b]');
    expect(renderText(view('en'))).not.toContain('要点');
    expect(discord(view('both'))).toMatchObject({
      title: 'Walls',
      description: '*Written by us*\n\n• Point & more\n  要点 `#a` `#b`',
      footer: { text: `Sources: ${LABELS.sourcesNote.en} · topic: walls` },
    });
    expect(discord(view('zh')).description).toBe('*我们写的*\n\n• 要点 `#a` `#b`');
    expect(slack(view('both'))).toEqual([
      'Walls',
      '_Written by us_',
      '• Point &amp; more\n   要点 `#a` `#b`',
      `Sources: ${LABELS.sourcesNote.en.replace('<id>', '&lt;id&gt;')} · topic \`walls\``,
    ]);
    expect(slack(view('zh'))[2]).toBe('• 要点 `#a` `#b`');
  });
});

describe('lists', () => {
  it('join the topics on offer, and each topic of the list', () => {
    const notCovered: View = { kind: 'not-covered', ...base('en'), query: 'q', suggestions: topics };
    expect(renderText(notCovered).split('\n')[1]).toBe('Closest topics it does cover: rl (RL), data (Data)');
    expect(discord(notCovered).description).toContain('**RL** (`rl`), **Data** (`data`)');
    expect(slack(notCovered)[1]).toMatch(
      /^Closest topics it does cover: \*RL\* \(`rl`\), \*Data\* \(`data`\)\n/,
    );
    const list: View = {
      kind: 'topics',
      ...base('en'),
      topics: topics.map((t) => ({ ...t, aliases: ['a', 'b'] })),
    };
    expect(slack(list)[1]).toBe('`rl` *RL* — a, b\n`data` *Data* — a, b');
    const error: View = {
      kind: 'error',
      ...base('en'),
      code: 'unknown-topic',
      message: { en: 'No.', zh: '不。' },
      suggestions: topics,
    };
    expect(renderText(error)).toBe('No.\nDid you mean: rl (RL), data (Data)');
    expect(discord(error).description).toBe('No.\nDid you mean: `rl` (RL), `data` (Data)');
    expect(slack(error)).toEqual(['No.', 'Did you mean: `rl` (RL), `data` (Data)']);
  });
});

describe('about and help on Slack', () => {
  it('about: the talk, the speaker, where and when, the credits and the counts', () => {
    const view = talk.about('en');
    expect(slack(view)).toEqual([
      `${view.title.zh} · ${view.title.en}`,
      `*${view.speaker.zh} ${view.speaker.en}*, ${view.speaker.role.en}\n${view.venue.en} · ${view.date}`,
      view.credits.en,
      `${view.counts.passages} passages · ${view.counts.topics} topics · ${view.counts.takeaways} takeaways`,
    ]);
  });

  it('help: every command with its usage, and how to choose the language', () => {
    const view = talk.help('en');
    const [title, list] = slack(view)[0]!.split('\n', 2);
    expect(title).toBe('*How to use /talk*');
    const [first] = view.commands;
    expect(list).toBe(
      `\`/talk ${first!.usage.replace(/</g, '&lt;').replace(/>/g, '&gt;')}\` — ${first!.description.en}`,
    );
    expect(slack(view)[0]!.split('\n')).toHaveLength(view.commands.length + 1);
    expect(slack(view)[1]).toBe('Add `--zh`, `--en` or `--both` to choose the language.');
    expect(slack(talk.help('en', 'qoute'))[0]).toBe(
      '“qoute” is not a /talk command. Did you mean `/talk quote`?\nUsage: `/talk quote [words]`\n`/talk help` lists every command.',
    );
    expect(renderText(talk.help('en', 'zzzz'))).toBe(
      '“zzzz” is not a /talk command.\n`/talk help` lists every command.',
    );
  });
});
