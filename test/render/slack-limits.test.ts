/**
 * Slack's limits, enforced piece by piece: mrkdwn is cut without breaking an entity, a token or a character,
 * a message's blocks stay under Slack's total text (saying what was left out), and buttons carry values
 * Slack accepts.
 */
import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/core/actions.js';
import type { PassageView, SearchView, View } from '../../src/core/views.js';
import type { Lang } from '../../src/core/vocabulary.js';
import {
  renderSlack,
  SLACK_BLOCK_TEXT_TOTAL_MAX,
  type SlackBlock,
  truncateMarkup,
} from '../../src/render/slack.js';
import { header, md, note } from '../../src/render/slack-blocks.js';
import * as S from '../../src/render/slack-limits.js';
import { renderText } from '../../src/render/text.js';
import { makeTalk } from '../helpers.js';

const talk = makeTalk();

describe('cutting mrkdwn', () => {
  it('leaves text within the limit as it is, and marks a cut with "…" inside the limit', () => {
    expect(truncateMarkup('abcdef', 6)).toBe('abcdef');
    expect(truncateMarkup('abcdefg', 6)).toBe('abcde…');
  });

  it('never cuts inside an entity', () => {
    expect(truncateMarkup('abc&amp;def', 6)).toBe('abc…');
    expect(truncateMarkup('ab&lt;cdef', 5)).toBe('ab…');
    expect(truncateMarkup('ab&gt;cdef', 6)).toBe('ab…');
    expect(truncateMarkup('&amp;bcdef', 4)).toBe('…');
    // An entity just after the cut is not pulled in.
    expect(truncateMarkup('abcdef&amp;', 6)).toBe('abcde…');
    // An entity that ends before the cut stays whole.
    expect(truncateMarkup('a&amp;bcdefgh', 8)).toBe('a&amp;b…');
  });

  it('never cuts inside one of our tokens, but cuts after a closed one', () => {
    expect(truncateMarkup('see <#C123> now', 8)).toBe('see …');
    expect(truncateMarkup('<#C1> and more', 9)).toBe('<#C1> an…');
    expect(truncateMarkup('<#C123> x', 5)).toBe('…');
    expect(truncateMarkup('abcdef<#C1>', 6)).toBe('abcde…');
  });

  it('never splits a character of two UTF-16 units', () => {
    expect(truncateMarkup('ab🙂cd', 4)).toBe('ab…');
    expect(truncateMarkup('ab🙂cd', 5)).toBe('ab🙂…');
  });

  it('keeps section and context texts within 3,000 and header texts within 150', () => {
    const long = 'y'.repeat(4000);
    const section = md(long) as Extract<SlackBlock, { type: 'section' }>;
    expect(section.text).toEqual({ type: 'mrkdwn', text: `${'y'.repeat(2999)}…` });
    const context = note(long, 'short') as Extract<SlackBlock, { type: 'context' }>;
    expect(context.elements.map((e) => e.text.length)).toEqual([S.SLACK_SECTION_TEXT_MAX, 5]);
    const head = header(long) as Extract<SlackBlock, { type: 'header' }>;
    expect(head.text).toEqual({ type: 'plain_text', text: `${'y'.repeat(149)}…` });
  });
});

function passage(i: number, en: string): PassageView {
  return {
    id: `p-${i}`,
    kind: 'speaker',
    section: { en: 'S', zh: 'S', origin: 'article' },
    zh: en,
    en,
    attribution: { en: 'Someone', zh: '某人' },
  };
}
/** English search results whose blocks hold `sizes` characters each. */
function bigSearch(lang: Lang, sizes: number[]): SearchView {
  const blockOf = (i: number) => `*${i + 1}.* \`#p-${i}\` · S\n__`.length;
  return {
    kind: 'search',
    lang,
    query: 'q',
    page: 1,
    pageCount: 1,
    total: sizes.length,
    actions: [],
    results: sizes.map((size, i) => ({
      passage: passage(i, 'e'.repeat(size - blockOf(i))),
      score: 1,
      rank: i + 1,
    })),
  };
}
const textOf = (b: SlackBlock | undefined) =>
  b?.type === 'section' ? b.text.text : b?.type === 'context' ? b.elements.map((e) => e.text).join('') : '';
const headLength = textOf(renderSlack(bigSearch('en', []), { ephemeral: false }).blocks[0]).length;

describe('a message’s total text', () => {
  it('keeps blocks up to 200 characters under Slack’s total, and says how many were left out', () => {
    const room = SLACK_BLOCK_TEXT_TOTAL_MAX - 200 - headLength;
    const exact = renderSlack(bigSearch('en', [2950, 2950, 2950, room - 3 * 2950]), { ephemeral: false });
    expect(exact.blocks).toHaveLength(5);
    expect(exact.blocks.reduce((n, b) => n + textOf(b).length, 0)).toBe(SLACK_BLOCK_TEXT_TOTAL_MAX - 200);

    const over = renderSlack(bigSearch('en', [2950, 2950, 2950, room - 3 * 2950 + 1]), { ephemeral: false });
    expect(over.blocks).toHaveLength(5);
    expect(textOf(over.blocks[4])).toBe(
      "_1 more part left out to fit Slack's message size; use a smaller `--limit` or page with Next._",
    );
    const more = renderSlack(bigSearch('en', [2950, 2950, 2950, 2950, 40, 40]), { ephemeral: false });
    expect(textOf(more.blocks.at(-1))).toBe(
      "_3 more parts left out to fit Slack's message size; use a smaller `--limit` or page with Next._",
    );
    const zh = renderSlack(bigSearch('zh', [2950, 2950, 2950, 2950, 40, 40]), { ephemeral: false });
    expect(textOf(zh.blocks.at(-1))).toBe('_消息过长,省略了 3 段;可用更小的 `--limit` 或翻页查看。_');
  });

  it('counts the text of headers and of every element of a context block', () => {
    const total = (blocks: SlackBlock[]) =>
      blocks.reduce((n, b) => n + (b.type === 'header' ? b.text.text.length : textOf(b).length), 0);
    // Three passages whose bylines (context blocks) hold most of the text: 2,900 characters each.
    const long = { en: 'b'.repeat(2900), zh: 'b' };
    const found = (n: number): View => ({
      kind: 'found',
      lang: 'en',
      actions: [],
      query: 'q',
      cut: false,
      results: Array.from({ length: n }, (_, i) => ({
        passage: { ...passage(i, 'e'.repeat(1000)), attribution: long },
        score: 1,
        rank: i + 1,
      })),
    });
    expect(
      renderSlack(found(2), { ephemeral: false }).blocks.some((b) => textOf(b).includes('left out')),
    ).toBe(false);
    const three = renderSlack(found(3), { ephemeral: false }).blocks;
    expect(textOf(three.at(-1))).toMatch(/^_1 more part left out/);
    expect(total(three)).toBeLessThanOrEqual(SLACK_BLOCK_TEXT_TOTAL_MAX);
    // A summary whose points fill all but 100 characters: a title of 150 no longer fits beside them.
    const summary = (title: string, last: number): View => ({
      kind: 'summary',
      lang: 'en',
      actions: [],
      topic: { id: 't', title: { en: title, zh: title } },
      credit: { en: 'c', zh: 'c' },
      points: [2900, 2900, 2900, last].map((n) => ({ text: { en: 'p'.repeat(n), zh: '' }, sources: [] })),
    });
    const rest = total(renderSlack(summary('', 100), { ephemeral: false }).blocks);
    const fill = 100 + SLACK_BLOCK_TEXT_TOTAL_MAX - 200 - 100 - rest;
    expect(total(renderSlack(summary('', fill), { ephemeral: false }).blocks)).toBe(
      SLACK_BLOCK_TEXT_TOTAL_MAX - 300,
    );
    expect(renderSlack(summary('T'.repeat(100), fill), { ephemeral: false }).blocks).toHaveLength(7);
    const cut = renderSlack(summary('T'.repeat(150), fill), { ephemeral: false }).blocks;
    expect(textOf(cut.at(-1))).toMatch(/^_1 more part left out/);
  });
});

function withActions(view: View, actions: Action[]): View {
  return { ...view, actions };
}
const next = (n: number, query = `q${n}`, publish = false): Action => ({
  label: 'next',
  request: { sub: 'search', lang: 'en', query, page: n },
  ...(publish ? { publish } : {}),
});

describe('buttons on Slack', () => {
  it('puts at most 25 in the actions block, after the content', () => {
    const msg = renderSlack(
      withActions(
        talk.about('en'),
        Array.from({ length: 30 }, (_, i) => next(i + 1)),
      ),
      { ephemeral: false },
    );
    const actions = msg.blocks.at(-1) as Extract<SlackBlock, { type: 'actions' }>;
    expect(actions.type).toBe('actions');
    expect(actions.elements).toHaveLength(S.SLACK_ACTIONS_ELEMENTS_MAX);
    expect(actions.elements[0]).toEqual({
      type: 'button',
      text: { type: 'plain_text', text: 'Next' },
      action_id: 'talk:next',
      value: 'r|s|e|1|q1',
    });
  });

  it('makes a button that posts for everyone primary', () => {
    const msg = renderSlack(withActions(talk.about('en'), [next(1, 'q', true)]), { ephemeral: false });
    const actions = msg.blocks.at(-1) as Extract<SlackBlock, { type: 'actions' }>;
    expect(actions.elements[0]?.style).toBe('primary');
    expect(actions.elements[0]?.value).toBe('p|s|e|1|q');
  });

  it('leaves out a button whose value would pass 2,000 characters, and the block when none is left', () => {
    const long = next(1, 'z'.repeat(S.SLACK_BUTTON_VALUE_MAX));
    const msg = renderSlack(withActions(talk.about('en'), [long]), { ephemeral: false });
    expect(msg.blocks.some((b) => b.type === 'actions')).toBe(false);
    const fits = next(1, 'z'.repeat(S.SLACK_BUTTON_VALUE_MAX - 'r|s|e|1|'.length));
    const kept = renderSlack(withActions(talk.about('en'), [fits]), { ephemeral: false });
    expect(kept.blocks.at(-1)?.type).toBe('actions');
  });

  it('labels a button in the language of the answer it asks for', () => {
    const toZh: Action = { label: 'switch-lang', request: { sub: 'about', lang: 'zh' } };
    const msg = renderSlack(withActions(talk.about('en'), [toZh]), { ephemeral: false });
    const actions = msg.blocks.at(-1) as Extract<SlackBlock, { type: 'actions' }>;
    expect(actions.elements[0]?.text.text).toBe('中文');
  });

  it('keeps room for the buttons within 50 blocks', () => {
    const many = bigSearch('en', Array(60).fill(40));
    expect(renderSlack(many, { ephemeral: false }).blocks).toHaveLength(S.SLACK_BLOCKS_MAX - 1);
    const withButton = renderSlack(withActions(many, [next(2)]), { ephemeral: false });
    expect(withButton.blocks).toHaveLength(S.SLACK_BLOCKS_MAX - 1);
    expect(withButton.blocks.at(-1)?.type).toBe('actions');
  });
});

describe('the fallback text', () => {
  it('is the plain-text answer, escaped, cut at 3,000 characters', () => {
    const view = talk.quote('both', '<!channel> data wall');
    const msg = renderSlack(view, { ephemeral: false });
    expect(msg.text).toBe(renderText(view).replace('<!channel>', '&lt;!channel&gt;'));
    const long = renderSlack(bigSearch('en', [2950, 2950]), { ephemeral: false });
    expect(long.text.length).toBe(S.SLACK_FALLBACK_TEXT_MAX);
    expect(long.text.endsWith('…')).toBe(true);
  });
});
