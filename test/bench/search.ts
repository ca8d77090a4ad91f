/** Search quality and speed beside a plain Fuse.js baseline, in process. */
import { join } from 'node:path';
import Fuse from 'fuse.js';
import { loadContent } from '../../src/content/load.js';
import { Talk } from '../../src/core/talk.js';
import { TalkSearch } from '../../src/search/index.js';
import { readSnapshot } from '../../src/search/snapshot.js';
import { evaluate, loadQueries } from './quality.js';
import { ms, percentile, timeEach } from './stats.js';

function buildTimes<T>(build: () => T, rounds = 20): number[] {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    build();
    samples.push(performance.now() - t0);
  }
  return samples;
}

export function runSearch(): void {
  const content = loadContent();
  const queries = loadQueries();
  const paraphrased = loadQueries('paraphrased.json');
  // The snapshot `npm run build` writes beside the compiled code (the bench itself runs from the sources).
  const snapshotPath = join(import.meta.dirname, '..', '..', 'dist', 'search-index.json');
  const snapshot = readSnapshot(content, snapshotPath);
  const oursBuild = buildTimes(() => new TalkSearch(content));
  // As at start: the snapshot read and checked against the content, then the index built from it.
  const fromSnapshot = buildTimes(() => new TalkSearch(content, readSnapshot(content, snapshotPath)));
  const fuseBuild = buildTimes(() => new Fuse(content.passages, { keys: ['zh', 'en'] }));
  const ours = new TalkSearch(content);
  const fuse = new Fuse(content.passages, { keys: ['zh', 'en'] });
  const rankOurs = (q: string) => ours.search(q).hits.map((h) => h.passage.id);
  const rankFuse = (q: string) => fuse.search(q).map((r) => r.item.id);

  const qOurs = evaluate(queries, rankOurs);
  const qFuse = evaluate(queries, rankFuse);
  const texts = queries.map((q) => q.q);
  const edge = [
    '',
    '🙂🚀',
    '?!。',
    'x'.repeat(2000),
    `${'reinforcement learning '.repeat(90)}`.slice(0, 2000),
  ];
  rankOurs('warm up');
  rankFuse('warm up');
  const latOurs = timeEach(texts, 20, rankOurs);
  const latFuse = timeEach(texts, 20, rankFuse);
  const latEdge = timeEach(edge, 20, rankOurs);

  const answerable = queries.filter((q) => q.expect.length > 0).length;
  console.log(
    `## Search quality (${queries.length} queries: ${answerable} answerable, ${qOurs.offTopic} off-topic)\n`,
  );
  console.log(
    '| search | hit@1 | hit@3 | MRR | off-topic answered | p50 / query | p99 / query | index build (median) |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  const row = (name: string, q: typeof qOurs, lat: number[], build: number[]) =>
    console.log(
      `| ${name} | ${q.hit1.toFixed(3)} | ${q.hit3.toFixed(3)} | ${q.mrr.toFixed(3)} | ${q.offTopicAnswered}/${q.offTopic} | ${ms(percentile(lat, 50))} | ${ms(percentile(lat, 99))} | ${ms(percentile(build, 50), 2)} |`,
    );
  row('talk (ours)', qOurs, latOurs, oursBuild);
  row('Fuse.js defaults', qFuse, latFuse, fuseBuild);
  const pOurs = evaluate(paraphrased, rankOurs);
  const pFuse = evaluate(paraphrased, rankFuse);
  const latPara = timeEach(
    paraphrased.map((q) => q.q),
    20,
    rankOurs,
  );
  const latParaFuse = timeEach(
    paraphrased.map((q) => q.q),
    20,
    rankFuse,
  );
  console.log(
    `\n### Paraphrased questions (${paraphrased.length}: ${paraphrased.filter((q) => q.expect.length > 0).length} answerable, ${pOurs.offTopic} near-miss off-topic; written independently)\n`,
  );
  console.log(
    '| search | hit@1 | hit@3 | MRR | off-topic answered | p50 / query | p99 / query | index build (median) |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  row('talk (ours)', pOurs, latPara, oursBuild);
  row('Fuse.js defaults', pFuse, latParaFuse, fuseBuild);
  console.log(
    `\nIndex ready from the build's snapshot (read, checked against the content, built): median ${ms(percentile(fromSnapshot, 50), 2)}, p90 ${ms(percentile(fromSnapshot, 90), 2)}${snapshot ? '' : ' (no snapshot: run `npm run build` first)'}; from the content itself: median ${ms(percentile(oursBuild, 50), 1)}.`,
  );
  const talk = new Talk(content);
  const keystrokes = [
    'd',
    'da',
    'dat',
    'data',
    'data ',
    'data w',
    'data wa',
    'reinf',
    'reenf',
    '强',
    '强化',
    '强化学',
    'riemann h',
    '',
  ];
  const latTyping = timeEach(keystrokes, 50, (k) => talk.suggestPassages(k));
  const latTopics = timeEach(keystrokes, 50, (k) => talk.suggestTopics(k));
  console.log(
    `Autocomplete, one keystroke (${keystrokes.length} prefixes × 50): passages p50 ${ms(percentile(latTyping, 50))}, p99 ${ms(percentile(latTyping, 99))}; topics p99 ${ms(percentile(latTopics, 99))} (Discord allows 3 s).`,
  );
  console.log(
    `\nEdge queries (empty, emoji, punctuation, 2,000 characters): p50 ${ms(percentile(latEdge, 50))}, p99 ${ms(percentile(latEdge, 99))}`,
  );
  if (qOurs.misses.length > 0) {
    console.log('\nOur misses at rank 1:');
    for (const m of qOurs.misses)
      console.log(`  - "${m.q}": expected ${m.expect.join('/')}, got ${m.got.join(', ') || '(nothing)'}`);
  }
}
