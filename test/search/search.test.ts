import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/search/edit-distance.js';
import { MIN_COVERAGE, MIN_TOP_SCORE, QUERY_MAX_CHARS, TalkSearch } from '../../src/search/index.js';
import { stem, terms } from '../../src/search/tokens.js';
import { evaluate, loadQueries } from '../bench/quality.js';
import { content } from '../helpers.js';

const search = new TalkSearch(content);
const ids = (q: string) => search.search(q).hits.map((h) => h.passage.id);

describe('tokens', () => {
  it('stems English so word forms meet', () => {
    expect(stem('scaling')).toBe(stem('scale'));
    expect(stem('models')).toBe('model');
    expect(stem('generalizes')).toBe(stem('generalises'));
  });

  it('segments Chinese into words and bigrams', () => {
    const t = terms('距离北京最近的直辖市是天津');
    expect(t.words).toEqual(expect.arrayContaining(['北京', '直辖市', '天津']));
    expect(t.words).not.toContain('的');
    expect(t.bigrams).toContain('天津');
  });

  it('folds full-width characters', () => {
    expect(terms('ＲＬＨＦ').words).toEqual(['rlhf']);
  });

  it('drops the clitics of contractions and chat fillers', () => {
    expect(terms("what's the point, I'm sure they don't").words).toEqual(['point', 'sur']);
    expect(terms('explain it like I’m five tbh').words).toEqual(['fiv']);
    expect(terms('这个到底咋回事').words).not.toContain('咋');
  });

  it('measures edit distance with transpositions and gives up past the budget', () => {
    expect(editDistance('reenforcement', 'reinforcement', 2)).toBe(1);
    expect(editDistance('tranfsormer', 'transformer', 2)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });
});

describe('search', () => {
  it('keeps its quality on the original labelled query set', () => {
    const quality = evaluate(loadQueries(), ids);
    expect(quality.queries).toBeGreaterThanOrEqual(60);
    expect(quality.hit1).toBeGreaterThanOrEqual(0.97);
    expect(quality.mrr).toBeGreaterThanOrEqual(0.98);
    expect(quality.offTopicAnswered).toBe(0);
  });

  it('finds passages for questions in people’s own words (the independent paraphrase set)', () => {
    const set = loadQueries('paraphrased.json');
    const quality = evaluate(set, ids);
    expect(set.filter((q) => q.kind === 'paraphrase').length).toBeGreaterThanOrEqual(80);
    expect(set.filter((q) => q.kind === 'offtopic').length).toBeGreaterThanOrEqual(15);
    // Held out: never tuned against. Just below what the search reaches today (0.914, 0.941, 2 of 18), so a
    // regression fails.
    expect(quality.hit1).toBeGreaterThanOrEqual(0.91);
    expect(quality.mrr).toBeGreaterThanOrEqual(0.935);
    expect(quality.offTopicAnswered).toBeLessThanOrEqual(2);
  });

  it('keeps its quality on the development set it was tuned against', () => {
    const set = loadQueries('dev.json');
    const quality = evaluate(set, ids);
    expect(set.filter((q) => q.expect.length > 0).length).toBeGreaterThanOrEqual(100);
    expect(set.filter((q) => q.kind === 'offtopic').length).toBeGreaterThanOrEqual(25);
    // Just below today's 0.819, 0.864 and 7 of 62 (the 160 questions added last were written fresh, without
    // looking at the ranking, and are harder than the first 206: those alone were at 0.943 and 1 of 32).
    expect(quality.hit1).toBeGreaterThanOrEqual(0.81);
    expect(quality.mrr).toBeGreaterThanOrEqual(0.855);
    expect(quality.offTopicAnswered).toBeLessThanOrEqual(7);
  });

  it('never copies a question written into the content into the evaluation sets', () => {
    const asked = Object.values(content.questions).flatMap((q) => [...q.en, ...q.zh]);
    const written = new Set(asked.map((x) => x.toLowerCase().trim()));
    for (const file of ['paraphrased.json', 'dev.json']) {
      const copied = loadQueries(file).filter((q) => written.has(q.q.toLowerCase().trim()));
      expect(
        copied.map((q) => q.q),
        file,
      ).toEqual([]);
    }
    // Nor one close to it: a content question written to match a development question would make the
    // development set measure its own wording.
    // Words as written (no stemming, no stop words dropped) and Chinese character pairs.
    const bag = (text: string) => {
      const lower = text.toLowerCase();
      const han = lower.replace(/[^\p{Script=Han}]/gu, '');
      const pairs = [...han].slice(1).map((c, i) => [...han][i] + c);
      return new Set([...(lower.match(/[a-z0-9]+/g) ?? []), ...pairs]);
    };
    const similarity = (a: Set<string>, b: Set<string>) =>
      [...a].filter((x) => b.has(x)).length / (new Set([...a, ...b]).size || 1);
    const bags = asked.map(bag);
    const close = loadQueries('dev.json').filter((q) => bags.some((b) => similarity(bag(q.q), b) >= 0.6));
    expect(close.map((q) => q.q)).toEqual([]);
  });

  it('answers a word the whole talk is about with its most central passages', () => {
    for (const q of ['模型', 'model', 'AI', '数据', 'data', 'scaling'])
      expect(ids(q).length, q).toBeGreaterThan(0);
    expect(ids('stock tips')).toEqual([]);
  });

  it('refuses a question naming something the talk never mentions', () => {
    for (const q of [
      'How does Claude compare with o1?',
      'When is GPT-5 coming out?',
      'DeepSeek 的模型怎么样',
    ])
      expect(ids(q), q).toEqual([]);
    expect(ids('what did he say about GPT-4')).not.toEqual([]);
  });

  it('takes neither "I" nor the first word of a later sentence for a name (a chat message has both)', () => {
    for (const q of [
      'honestly I think the data wall is real',
      'Interesting. What about the data wall?',
      'So I guess the labs ran out of data? The data wall again.',
    ])
      expect(ids(q)[0], q).toMatch(/^agi-/);
    // A real name still counts, wherever it stands.
    expect(ids('Should I use Claude for this? The data wall says no.')).toEqual([]);
  });

  it('refuses a question about a subject the talk never treats, however many of its words the talk uses', () => {
    for (const q of [
      'what is a Kimi premium plan worth',
      '月之暗面的股价会涨吗',
      'will reinforcement learning put data scientists out of work, like layoffs',
      '强化学习相关的岗位在招聘吗',
    ]) {
      expect(search.offTopicSubjects(q), q).not.toEqual([]);
      expect(ids(q), q).toEqual([]);
    }
    // A longer expression the talk's bridges know is not the off-topic one it holds (a chatbot is no robot).
    expect(search.offTopicSubjects('聊天机器人以后还会马上回答吗')).toEqual([]);
    expect(search.offTopicSubjects('人形机器人')).not.toEqual([]);
    // Words an AI audience also uses about the talk's own subjects name no off-topic subject.
    for (const q of ['how does the RL policy improve', 'how does the model score its answers', 'prompt'])
      expect(search.offTopicSubjects(q), q).toEqual([]);
    // The talk's own words that sound alike are not refused.
    for (const q of [
      'could AI act as a lever on GDP',
      'how fast is the cost of inference falling',
      'AI 助理',
    ])
      expect(ids(q), q).not.toEqual([]);
  });

  it('keeps its list of off-topic subjects free of anything the talk says', async () => {
    const { OFF_TOPIC } = await import('../../src/search/off-topic.js');
    // An expression the talk (or a bridge) uses is ignored by the rule; the list must hold none.
    const ignored = Object.values(OFF_TOPIC)
      .flat()
      .filter((e) => search.offTopicSubjects(e).length === 0);
    expect(ignored).toEqual([]);
  });

  it('gates on coverage exactly at its threshold: just below is refused, just above is answered', () => {
    // The talk's words with more and more words it does not know: coverage falls step by step.
    const phrases = ['data wall', '强化学习', 'text model ceiling', 'riemann hypothesis', 'self play'];
    const fillers = ['zq', 'zq xv', 'zq xv wk', 'zq xv wk jp', 'zq xv wk jp yb'];
    const seen = phrases.flatMap((p) =>
      fillers.map((f) => {
        const lenient = search.search(`${p} ${f}`, { lenient: true });
        return {
          q: `${p} ${f}`,
          coverage: lenient.coverage,
          top: lenient.hits[0]?.score ?? 0,
          answered: search.search(`${p} ${f}`).hits.length > 0,
        };
      }),
    );
    for (const s of seen)
      expect(s.answered, `${s.q} (coverage ${s.coverage.toFixed(2)}, top ${s.top})`).toBe(
        s.coverage >= MIN_COVERAGE && s.top >= MIN_TOP_SCORE,
      );
    // Some fall just below the threshold (and would be answered by a lower gate), some just above it.
    expect(seen.some((s) => s.coverage < MIN_COVERAGE && s.coverage >= 0.3 && s.top >= MIN_TOP_SCORE)).toBe(
      true,
    );
    expect(
      seen.some((s) => s.coverage >= MIN_COVERAGE && s.coverage < MIN_COVERAGE + 0.15 && s.answered),
    ).toBe(true);
  });

  it('ranks first the passage one of whose written questions asks what the query asks', () => {
    // agi-1 says "AGI" with the most weight; ceil-7's question "How close are we to AGI?" asks this.
    expect(ids('how close is AGI')[0]).toBe('ceil-7');
  });

  it('ranks by the talk’s words for a word it never uses as surely as by the word itself', () => {
    // "tougher" and "conjecture" are not the talk's words; their synonyms (harder, 猜想) are all the
    // query has to go on, so they outweigh the query's other, looser words.
    expect(ids('is starting a company tougher than people think')[0]).toBe('next-14');
    expect(ids('proving a well-known conjecture')[0]).toBe('o1-7');
  });

  it('answers colloquial Chinese whose question words name no subject', () => {
    expect(terms('数据墙到底是个啥').words).toEqual(['数据', '墙']);
    // 啥叫, 为何 and 咱们该 were unknown words, each weighing as much as a subject the talk never treats.
    expect(ids('啥叫数据墙')[0]).toMatch(/^agi-/);
    expect(ids('为何要做强化学习')[0]).toMatch(/^o1-/);
    expect(ids('咱们该怎么看数据墙')[0]).toMatch(/^agi-/);
  });

  it('finds Chinese passages from English words and the reverse', () => {
    expect(ids('data wall')[0]).toMatch(/^agi-/);
    expect(ids('黎曼猜想')[0]).toBe('o1-7');
  });

  it('repairs typos', () => {
    expect(ids('reenforcement')[0]).toMatch(/^o1-/);
    expect(ids('scalling law').slice(0, 3)).toContain('agi-2');
  });

  it('repairs a typo only to a word with the same first letter', () => {
    expect(search.repair('reinforcment')?.term).toBe('reinforcement');
    // "find" is one edit from "mind", but a real word is not a typo of another that starts differently.
    expect(search.repair('mind')).toBeUndefined();
  });

  it('repairs a short word missing a letter and a longer word with two typos', () => {
    expect(search.repair('wal')?.term).toBe('wall');
    expect(search.repair('riemman')?.term).toBe('riemann');
  });

  it('repairs neither to a function word nor a three-letter word to one it does not begin', () => {
    // "was" is more frequent than "wall", and "weather" is two edits from "whether".
    expect(search.repair('wal')?.term).not.toBe('was');
    expect(search.repair('weather')).toBeUndefined();
    // "age" is one letter from "agi" and "pay" from "play", but so short a word is mostly another word.
    expect(search.repair('age')).toBeUndefined();
    expect(search.repair('pay')).toBeUndefined();
  });

  it('never takes "I" or another function word for a name', () => {
    expect(search.unknownNames("explain it like I'm five")).toEqual([]);
    expect(search.unknownNames('What If The Talk')).toEqual([]);
    expect(search.unknownNames('is Gemini good')).toEqual(['Gemini']);
  });

  it('lets the talk’s words answer Chinese characters the segmenter cut apart', () => {
    // The segmenter cuts 芯片 and 带宽 into single characters here; the talk's 芯片 and 带宽 answer them.
    expect(terms('芯片连起来要多大带宽').words).toEqual(expect.arrayContaining(['芯', '片', '带', '宽']));
    expect(search.search('芯片连起来要多大带宽', { lenient: true }).coverage).toBeGreaterThan(0.85);
  });

  it('says the talk is silent rather than quoting something loosely related', () => {
    for (const q of ['stock tips', '红烧肉怎么做', 'bitcoin price prediction']) {
      const outcome = search.search(q);
      expect(outcome.hits, q).toEqual([]);
      expect(outcome.reason).toBe('not-covered');
    }
  });

  it('answers empty, emoji-only and punctuation-only queries with no results and a reason', () => {
    expect(search.search('').reason).toBe('empty');
    expect(search.search('   ').reason).toBe('empty');
    expect(search.search('🙂🚀🤖').reason).toBe('no-terms');
    expect(search.search('?!…。,、').reason).toBe('no-terms');
  });

  it('handles a 2,000-character query', () => {
    const long = 'reinforcement learning '.repeat(100).slice(0, QUERY_MAX_CHARS);
    expect(search.search(long).hits[0]?.passage.id).toMatch(/^o1-/);
    const longer = 'x'.repeat(10_000);
    expect(search.search(longer).query.length).toBe(QUERY_MAX_CHARS);
  });

  it('ignores mentions and odd Unicode around real words', () => {
    expect(ids('@everyone data wall')[0]).toMatch(/^agi-/);
    expect(ids('\u200bdata\u200d wall\u202e')[0]).toMatch(/^agi-/);
    expect(ids('<@&123456789012345678> 数据墙')[0]).toMatch(/^agi-/);
  });

  it('ranks the speaker above the editor and journalist', () => {
    const hits = search.search('reinforcement learning').hits;
    expect(hits[0]?.passage.kind).toBe('speaker');
  });

  it('scores between 0 and 1, best first', () => {
    const hits = search.search('scaling law').hits;
    for (const h of hits) expect(h.score).toBeGreaterThan(0);
    for (const h of hits) expect(h.score).toBeLessThanOrEqual(1);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
  });
});

describe('the index snapshot the build writes', () => {
  it('is used only for the content it was built from, and answers exactly as an index built at start', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { readSnapshot, writeSnapshot } = await import('../../src/search/snapshot.js');
    const path = join(mkdtempSync(join(tmpdir(), 'talk-snapshot-')), 'search-index.bin');
    writeSnapshot(content, path);
    const prepared = readSnapshot(content, path);
    expect(prepared).toBeDefined();
    const fromSnapshot = new TalkSearch(content, prepared);
    for (const q of [...loadQueries(), ...loadQueries('paraphrased.json'), ...loadQueries('dev.json')])
      expect(fromSnapshot.search(q.q).hits, q.q).toEqual(search.search(q.q).hits);
    // Content changed after the build: the snapshot is stale and never used.
    const edited = {
      ...content,
      passages: content.passages.map((p, i) => (i === 20 ? { ...p, en: `${p.en} More.` } : p)),
    };
    expect(readSnapshot(edited, path)).toBeUndefined();
    writeFileSync(path, '{not json');
    expect(readSnapshot(content, path)).toBeUndefined();
  });
});
