/**
 * Subjects the talk never treats, over a small made-up list: how an expression is recognised in a query
 * (English as a run of words in any form, Chinese as written), and when it refuses nothing.
 */
import { describe, expect, it } from 'vitest';
import { TalkSearch } from '../../src/search/index.js';
import { OffTopic, prepareOffTopic } from '../../src/search/off-topic.js';
import { normalize, terms } from '../../src/search/tokens.js';
import { content } from '../helpers.js';

const LIST = {
  money: ['stock price', 'Subscription', '股价', '会员'],
  robots: ['robot', '机器人'],
  nothing: ['the', 'of it'],
};

/** The off-topic subjects a query names, given what the talk itself says and which longer expressions it knows. */
function subjects(query: string, options: { talkSays?: string[]; known?: string[] } = {}): string[] {
  const talkSays = new Set(options.talkSays ?? []);
  const offTopic = new OffTopic(prepareOffTopic(LIST, (e) => talkSays.has(e.text), options.known ?? []));
  const normalized = normalize(query);
  return offTopic.find(normalized, terms(normalized).words);
}

describe('recognising an off-topic expression', () => {
  it('names the subject and the expression found', () => {
    expect(subjects('what is the stock price today')).toEqual(['money: stock price']);
    expect(subjects('月之暗面的股价')).toEqual(['money: 股价']);
  });

  it('finds an English expression in any form and any case', () => {
    expect(subjects('are SUBSCRIPTIONS worth it')).toEqual(['money: subscription']);
    expect(subjects('robots everywhere')).toEqual(['robots: robot']);
  });

  it('finds a phrase only as a run of words in its order', () => {
    expect(subjects('the price of a stock')).toEqual([]);
    expect(subjects('stock market price')).toEqual([]);
    expect(subjects('my stock price')).toEqual(['money: stock price']);
  });

  it('finds every subject a query names', () => {
    expect(subjects('a robot with a subscription').sort()).toEqual(['money: subscription', 'robots: robot']);
    expect(subjects('会员能用机器人吗').sort()).toEqual(['money: 会员', 'robots: 机器人']);
  });

  it('never matches on function words alone', () => {
    expect(subjects('the best of it')).toEqual([]);
  });

  it('finds nothing in a query about something else', () => {
    expect(subjects('scaling laws and data')).toEqual([]);
    expect(subjects('数据墙')).toEqual([]);
  });
});

describe('expressions that refuse nothing', () => {
  it('ignores an expression the talk itself uses', () => {
    expect(subjects('the stock price', { talkSays: ['stock price'] })).toEqual([]);
    expect(subjects('机器人', { talkSays: ['机器人'] })).toEqual([]);
    expect(subjects('机器人', { talkSays: ['robot'] })).toEqual(['robots: 机器人']);
  });

  it('does not take a longer expression the talk knows for the one it holds', () => {
    const known = ['聊天机器人', '机器人'];
    expect(subjects('聊天机器人会回答吗', { known })).toEqual([]);
    // The bare expression is still found, alone or beside the longer one.
    expect(subjects('机器人会回答吗', { known })).toEqual(['robots: 机器人']);
    expect(subjects('聊天机器人和机器人', { known })).toEqual(['robots: 机器人']);
    expect(subjects('聊天机器人会回答吗')).toEqual(['robots: 机器人']);
  });
});

describe('the talk’s own list of subjects it never treats', () => {
  // The talk as it would be had the speaker mentioned a podcast, a robot and stocks, and had a bridge
  // between wordings come to hold "humanoid".
  const edited = {
    ...content,
    passages: content.passages.map((p) =>
      p.id === 'next-15'
        ? { ...p, en: `${p.en} He said so on a podcast: a robot buys stocks.`, zh: `${p.zh}播客` }
        : p,
    ),
    synonyms: [...content.synonyms, ['humanoid', '助理']],
  };
  // Built in each test: the index decides which expressions the talk uses as it is built.
  const talkSaying = () => new TalkSearch(edited);
  const queries = ['the podcast', '播客', 'robots', 'humanoid', 'the stock'];

  it('refuses questions about subjects the talk never mentions', () => {
    const talk = new TalkSearch(content);
    for (const q of queries) expect(talk.offTopicSubjects(q), q).not.toEqual([]);
  });

  it('refuses nothing the talk says, in any form, or that a bridge holds', () => {
    const saying = talkSaying();
    for (const q of queries) expect(saying.offTopicSubjects(q), q).toEqual([]);
  });

  it('still refuses a phrase of which the talk says only a word', () => {
    expect(talkSaying().offTopicSubjects('the stock price')).toEqual([
      'stocks, valuations and funding: stock price',
    ]);
  });
});
