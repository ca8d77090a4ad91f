/**
 * Search quality and speed beside a plain Fuse.js baseline, in process, on three labelled sets: the original
 * one, the development set (tuned against) and the paraphrased set (held out, never tuned against).
 *
 * Latency is measured soundly rather than flatteringly: every query of every set runs once through both
 * searches before any timing (so neither the word segmenter's first load nor the JIT's warm-up is counted),
 * then the two searches alternate query by query, round after round, so a busy machine slows both alike.
 * Each call is timed twice: wall-clock (what a user waits, including GC pauses and any time the OS gives the
 * core to another process) and CPU time of this process (its own work, GC threads included, without the
 * waiting). On a shared machine the wall-clock tail is mostly other processes; the CPU tail is the search's.
 */
import { join } from 'node:path';
import Fuse from 'fuse.js';
import { loadContentFast } from '../../src/content/fast.js';
import { loadContent } from '../../src/content/load.js';
import { Talk } from '../../src/core/talk.js';
import { TalkSearch } from '../../src/search/index.js';
import { readSnapshot } from '../../src/search/snapshot.js';
import { evaluate, type LabelledQuery, loadQueries, type Quality } from './quality.js';
import { ms, percentile, timeEach } from './stats.js';

const ROUNDS = 20;

/**
 * Times `build` round after round. With `--expose-gc` (as `npm run bench` runs) the previous rounds'
 * garbage is collected before each one, as a starting process has none to collect.
 */
function buildTimes<T>(build: () => T, rounds = 40): number[] {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    globalThis.gc?.();
    const t0 = performance.now();
    build();
    samples.push(performance.now() - t0);
  }
  return samples;
}

interface Latency {
  wall: number[];
  cpu: number[];
}

/** Times `a` and `b` on every query, alternating between them (and which goes first) round after round. */
function timeInterleaved(texts: string[], a: (q: string) => unknown, b: (q: string) => unknown) {
  const out = { a: { wall: [], cpu: [] } as Latency, b: { wall: [], cpu: [] } as Latency };
  const once = (fn: (q: string) => unknown, q: string, into: Latency) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn(q);
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    into.wall.push(wall);
    into.cpu.push((c.user + c.system) / 1000);
  };
  for (let r = 0; r < ROUNDS; r++)
    for (const q of texts) {
      if (r % 2 === 0) {
        once(a, q, out.a);
        once(b, q, out.b);
      } else {
        once(b, q, out.b);
        once(a, q, out.a);
      }
    }
  return out;
}

const HEADER =
  '| search | hit@1 | hit@3 | MRR | off-topic answered | p50 / query | p99 / query | p99 CPU / query | index build (median) |';

export async function runSearch(): Promise<void> {
  // The first Chinese query of a process loads the word segmenter's dictionaries: timed on its own, first.
  const content = loadContent();
  const cold = new TalkSearch(content);
  const t0 = performance.now();
  cold.search('强化学习为什么重要');
  const firstChinese = performance.now() - t0;

  const sets: { title: string; queries: LabelledQuery[] }[] = [
    { title: 'Original set', queries: loadQueries() },
    {
      title: 'Paraphrased questions, held out (written independently, never tuned against)',
      queries: loadQueries('paraphrased.json'),
    },
    {
      title: 'Development set (the questions the search was tuned against)',
      queries: loadQueries('dev.json'),
    },
  ];
  // The snapshot `npm run build` writes beside the compiled code (the bench itself runs from the sources).
  const snapshotPath = join(import.meta.dirname, '..', '..', 'dist', 'search-index.bin');
  // As at start: the content as the build kept it, the snapshot read and checked against it, the index built.
  const built = await loadContentFast(
    content.dir,
    join(import.meta.dirname, '..', '..', 'dist', 'content-snapshot.json'),
  );
  const snapshot = readSnapshot(built, snapshotPath);
  const oursBuild = buildTimes(() => new TalkSearch(content));
  const fromSnapshot = buildTimes(() => new TalkSearch(built, readSnapshot(built, snapshotPath)));
  const fuseBuild = buildTimes(() => new Fuse(content.passages, { keys: ['zh', 'en'] }));
  const ours = new TalkSearch(content);
  const fuse = new Fuse(content.passages, { keys: ['zh', 'en'] });
  const rankOurs = (q: string) => ours.search(q).hits.map((h) => h.passage.id);
  const rankFuse = (q: string) => fuse.search(q).map((r) => r.item.id);
  for (const { queries } of sets)
    for (const q of queries) {
      rankOurs(q.q);
      rankFuse(q.q);
    }

  const row = (name: string, q: Quality, lat: Latency, build: number[]) =>
    console.log(
      `| ${name} | ${q.hit1.toFixed(3)} | ${q.hit3.toFixed(3)} | ${q.mrr.toFixed(3)} | ${q.offTopicAnswered}/${q.offTopic} | ${ms(percentile(lat.wall, 50))} | ${ms(percentile(lat.wall, 99))} | ${ms(percentile(lat.cpu, 99))} | ${ms(percentile(build, 50), 2)} |`,
    );
  const misses: Quality['misses'] = [];
  for (const [i, { title, queries }] of sets.entries()) {
    const qOurs = evaluate(queries, rankOurs);
    const qFuse = evaluate(queries, rankFuse);
    if (i === 0) misses.push(...qOurs.misses);
    const lat = timeInterleaved(
      queries.map((q) => q.q),
      rankOurs,
      rankFuse,
    );
    const answerable = queries.filter((q) => q.expect.length > 0).length;
    console.log(
      `${i === 0 ? '## Search quality\n\n### ' : '\n### '}${title}: ${queries.length} queries, ${answerable} answerable, ${qOurs.offTopic} off-topic\n`,
    );
    console.log(HEADER);
    console.log('|---|---|---|---|---|---|---|---|---|');
    row('talk (ours)', qOurs, lat.a, oursBuild);
    row('Fuse.js defaults', qFuse, lat.b, fuseBuild);
    const ratio = (p: (l: Latency) => number[]) =>
      `1/${(percentile(p(lat.b), 99) / percentile(p(lat.a), 99)).toFixed(1)}`;
    console.log(
      `\np99 ours / Fuse.js (${ROUNDS} interleaved rounds × ${queries.length} queries, after a warm-up pass): wall-clock ${ratio((l) => l.wall)}, CPU ${ratio((l) => l.cpu)}`,
    );
  }
  console.log(
    `\nIndex ready from the build's snapshot (read, checked against the content as the build kept it, built): median ${ms(percentile(fromSnapshot, 50), 2)}, p90 ${ms(percentile(fromSnapshot, 90), 2)}${snapshot ? '' : ' (no snapshot: run `npm run build` first)'}; from the content itself: median ${ms(percentile(oursBuild, 50), 1)}. The first Chinese query of a process (loading the word segmenter) took ${ms(firstChinese, 1)}, not counted above.`,
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
  const edge = [
    '',
    '🙂🚀',
    '?!。',
    'x'.repeat(2000),
    `${'reinforcement learning '.repeat(90)}`.slice(0, 2000),
  ];
  const latEdge = timeEach(edge, 20, rankOurs);
  console.log(
    `\nEdge queries (empty, emoji, punctuation, 2,000 characters): p50 ${ms(percentile(latEdge, 50))}, p99 ${ms(percentile(latEdge, 99))}`,
  );
  if (misses.length > 0) {
    console.log('\nOur misses at rank 1 on the original set:');
    for (const m of misses)
      console.log(`  - "${m.q}": expected ${m.expect.join('/')}, got ${m.got.join(', ') || '(nothing)'}`);
  }
}
