/** The core of share cards and "Find in the talk": which words a card shows, and what a message finds. */
import { describe, expect, it } from 'vitest';
import { decodeAction, encodeAction } from '../../src/core/actions.js';
import { FIND_RESULTS, findInMessage, messageWords } from '../../src/core/find.js';
import { parseCommand } from '../../src/core/parse.js';
import type { CardView } from '../../src/core/views.js';
import { LABELS } from '../../src/render/common.js';
import { renderText } from '../../src/render/text.js';
import { QUERY_MAX_CHARS } from '../../src/search/index.js';
import { makeTalk } from '../helpers.js';

const talk = makeTalk();
const card = (request: Record<string, unknown>) =>
  talk.handle({ sub: 'card', lang: 'both', ...request } as never) as CardView;

describe('card', () => {
  it('shows a quote by id, by the best match for words, or at random, without a Card button on it', () => {
    expect(card({ id: 'o1-7' })).toMatchObject({
      kind: 'card',
      of: { kind: 'quote', passage: { id: 'o1-7' } },
    });
    const matched = card({ query: 'data wall' });
    expect(matched.of.kind === 'quote' && matched.of.passage.id).toMatch(/^agi-/);
    expect(card({ query: '#o1-3' }).of).toMatchObject({ passage: { id: 'o1-3' } });
    expect(card({}).of.kind).toBe('quote');
    expect(card({ id: 'o1-7' }).of.actions.map((a) => a.label)).not.toContain('card');
    expect(card({ id: 'hl-5' }).talk).toEqual({
      speaker: expect.objectContaining({ en: 'Yang Zhilin' }),
      venue: expect.objectContaining({ en: 'Xuanhuai College, Tianjin University' }),
      date: '2024-09-14',
    });
  });

  it("shows the day's takeaway for `takeaway [day]`, and a given one by id and day", () => {
    expect(card({ query: 'takeaway' }).of).toEqual(
      expect.objectContaining({
        kind: 'takeaway',
        date: '2026-11-28',
        id: (talk.takeaway('both', '2026-11-28') as { id: string }).id,
      }),
    );
    expect(card({ query: '要点 明天' }).of).toMatchObject({ kind: 'takeaway', date: '2026-11-29' });
    expect(card({ query: 'takeaway 2026-03-01' }).of).toMatchObject({ date: '2026-03-01' });
    expect(card({ takeaway: 't05', date: '2026-01-02' }).of).toMatchObject({ id: 't05', date: '2026-01-02' });
  });

  it('refuses what it cannot show, saying why', () => {
    expect(talk.handle({ sub: 'card', lang: 'en', query: 'takeaway 2026-02-30' })).toMatchObject({
      kind: 'error',
      code: 'bad-option',
      message: { en: expect.stringContaining('2026-02-30') },
    });
    expect(talk.handle({ sub: 'card', lang: 'en', takeaway: 'nope' })).toMatchObject({
      code: 'unknown-passage',
    });
    expect(talk.handle({ sub: 'card', lang: 'en', id: 'nope-1' })).toMatchObject({ code: 'unknown-passage' });
    expect(talk.handle({ sub: 'card', lang: 'en', query: 'stock tips' }).kind).toBe('not-covered');
  });

  it('puts a Card button on quotes and takeaways that survives its string form', () => {
    const takeaway = talk.takeawayView('zh', 't05', '2026-01-02');
    const action = takeaway.actions.find((a) => a.label === 'card')!;
    expect(decodeAction(encodeAction(action))).toEqual(action);
    const quote = talk.quote('en', undefined, 'o1-7');
    const quoteCard = quote.actions.find((a) => a.label === 'card')!;
    expect(encodeAction(quoteCard)).toBe('p|cq|e|o1-7');
    expect(decodeAction('p|cq|e|o1-7')).toEqual(quoteCard);
    for (const bad of ['p|cq|e|', 'p|cq|e|O1 7', 'p|ck|e|t05,2026-13', 'p|ck|e|T05,'])
      expect(decodeAction(bad), bad).toBeUndefined();
  });

  it('is typed as `card [words]`, with --id, and refuses flags that belong elsewhere', () => {
    expect(parseCommand('card data wall --en')).toMatchObject({
      ok: true,
      request: { sub: 'card', lang: 'en', query: 'data wall' },
    });
    expect(parseCommand('card --id o1-7')).toMatchObject({ ok: true, request: { sub: 'card', id: 'o1-7' } });
    expect(parseCommand('card takeaway --limit 2')).toMatchObject({ ok: false });
  });
});

describe('find in the talk', () => {
  const message = (text: string, attachments = 0, embeds = 0) => ({ text, attachments, embeds });

  it('answers a message about the data wall with data-wall passages, each its own, and Share for the best', () => {
    const view = findInMessage(
      talk,
      'both',
      message('Are we really running out of training data? Everyone keeps talking about a data wall.'),
    );
    if (view.kind !== 'found') throw new Error(`expected passages, got ${view.kind}`);
    expect(view.results.length).toBeGreaterThan(0);
    expect(view.results.length).toBeLessThanOrEqual(FIND_RESULTS);
    expect(view.results[0]!.passage.zh).toContain('数据墙');
    expect(view.cut).toBe(false);
    expect(view.actions).toEqual([
      {
        label: 'share',
        request: { sub: 'quote', lang: 'both', id: view.results[0]!.passage.id },
        publish: true,
      },
    ]);
  });

  it('leaves out mentions and links, and never repeats them back', () => {
    const view = findInMessage(
      talk,
      'en',
      message('@everyone <!channel> <@123456789012345678> https://example.org/x the data wall'),
    );
    expect(view.kind).toBe('found');
    expect(view.kind === 'found' && view.query).toBe('the data wall');
  });

  it('says politely when there is nothing to look for', () => {
    expect(findInMessage(talk, 'en', message(''))).toMatchObject({
      kind: 'error',
      code: 'empty-message',
      message: { en: expect.stringContaining('no words to look for') },
    });
    expect(findInMessage(talk, 'en', message('', 2, 0))).toMatchObject({
      code: 'empty-message',
      message: { en: expect.stringContaining('only attachments or embeds') },
    });
    expect(findInMessage(talk, 'en', message('@everyone @here', 0, 1))).toMatchObject({
      code: 'empty-message',
    });
    expect(findInMessage(talk, 'en', message('红烧肉怎么做')).kind).toBe('not-covered');
  });

  it('cuts a very long message to what the search reads, and says so', () => {
    const long = `the data wall ${'and more words about nothing in particular '.repeat(100)}`;
    const view = findInMessage(talk, 'en', message(long));
    expect(view.kind === 'found' && view.cut).toBe(true);
    expect(view.kind === 'found' && view.query.length).toBeLessThanOrEqual(QUERY_MAX_CHARS);
    // Cut and still not covered: the answer says it was cut all the same.
    const offTopic = findInMessage(talk, 'en', message(`红烧肉怎么做 ${'好吃 '.repeat(800)}`));
    expect(offTopic).toMatchObject({ kind: 'not-covered', cut: true });
    expect(renderText(offTopic)).toContain(LABELS.foundCut.en);
    expect(messageWords('数'.repeat(QUERY_MAX_CHARS + 5))).toEqual({
      words: '数'.repeat(QUERY_MAX_CHARS),
      cut: true,
    });
    // The note names the limit the search really uses.
    expect(LABELS.foundCut.en).toContain(QUERY_MAX_CHARS.toLocaleString('en'));
  });
});
