/**
 * `npm run bench`: search quality and speed beside a plain Fuse.js baseline, the compiled CLI's cold start
 * beside a bare `node -e 0`, all measured in the same run. Wall-clock figures are for reading, not asserting.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Fuse from 'fuse.js';
import { loadContent } from '../../src/content/load.js';
import { TalkSearch } from '../../src/search/index.js';
import { measurePlatforms } from './platforms.js';
import { evaluate, loadQueries } from './quality.js';
import { ms, percentile, timeEach } from './stats.js';

const root = join(import.meta.dirname, '..', '..');
const content = loadContent();
const queries = loadQueries();

function buildTimes<T>(build: () => T, rounds = 20): number[] {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    build();
    samples.push(performance.now() - t0);
  }
  return samples;
}

function coldStart(args: string[], rounds = 15): number[] {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
    samples.push(performance.now() - t0);
  }
  return samples;
}

console.log(`# talk bench — ${new Date().toISOString()} — node ${process.version}\n`);

const oursBuild = buildTimes(() => new TalkSearch(content));
const fuseBuild = buildTimes(() => new Fuse(content.passages, { keys: ['zh', 'en'] }));
const ours = new TalkSearch(content);
const fuse = new Fuse(content.passages, { keys: ['zh', 'en'] });
const rankOurs = (q: string) => ours.search(q).hits.map((h) => h.passage.id);
const rankFuse = (q: string) => fuse.search(q).map((r) => r.item.id);

const qOurs = evaluate(queries, rankOurs);
const qFuse = evaluate(queries, rankFuse);
const texts = queries.map((q) => q.q);
const edge = ['', '🙂🚀', '?!。', 'x'.repeat(2000), `${'reinforcement learning '.repeat(90)}`.slice(0, 2000)];
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
console.log(
  `\nEdge queries (empty, emoji, punctuation, 2,000 characters): p50 ${ms(percentile(latEdge, 50))}, p99 ${ms(percentile(latEdge, 99))}`,
);
if (qOurs.misses.length > 0) {
  console.log('\nOur misses at rank 1:');
  for (const m of qOurs.misses)
    console.log(`  - "${m.q}": expected ${m.expect.join('/')}, got ${m.got.join(', ') || '(nothing)'}`);
}

const cli = join('dist', 'src', 'bin', 'talk.js');
const node0 = coldStart(['-e', '0']);
const cliAbout = coldStart([cli, 'about']);
console.log('\n## Cold start (15 runs each, median / p90)\n');
console.log('| command | median | p90 |');
console.log('|---|---|---|');
console.log(`| node -e 0 | ${ms(percentile(node0, 50), 1)} | ${ms(percentile(node0, 90), 1)} |`);
console.log(
  `| node ${cli} about | ${ms(percentile(cliAbout, 50), 1)} | ${ms(percentile(cliAbout, 90), 1)} |`,
);

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1000);
const platforms = await measurePlatforms(root, ROUNDS);
console.log(
  `\n## Chat round trips through the compiled bot (separate process, local fakes, ${ROUNDS} each, sequential)\n`,
);
console.log('| platform | path | p50 | p99 | max |');
console.log('|---|---|---|---|---|');
console.log(
  `| Discord | INTERACTION_CREATE dispatch → interaction callback received | ${ms(percentile(platforms.discord, 50), 2)} | ${ms(percentile(platforms.discord, 99), 2)} | ${ms(Math.max(...platforms.discord), 2)} |`,
);
console.log(
  `| Slack (HTTP) | signed slash command → response_url payload received | ${ms(percentile(platforms.slack, 50), 2)} | ${ms(percentile(platforms.slack, 99), 2)} | ${ms(Math.max(...platforms.slack), 2)} |`,
);
console.log(
  `\nBot process resident memory (RSS): ${platforms.rssConnectedMiB.toFixed(1)} MiB once connected to both; ${platforms.rssAfterMiB.toFixed(1)} MiB after ${2 * ROUNDS} commands.`,
);
