/**
 * `npm run bench` (builds first): every figure beside its baseline, measured in the same run.
 *   - search: search quality and speed beside a plain Fuse.js (search.ts);
 *   - cli: the compiled CLI's cold start beside `node -e 0` (cli.ts);
 *   - platforms: the compiled bot beside a bare discord.js client and a bare bolt App, driven through the
 *     same local fakes from a separate load generator process, interleaved (platforms.ts);
 *   - discord-http: Discord over HTTP interactions beside the gateway mode and a bare node:http endpoint
 *     (discord-http.ts), the same way.
 * Wall-clock figures are for reading, not asserting; on a shared machine read the ratios.
 *
 * Knobs (environment):
 *   BENCH_ONLY=platforms|discord-http|search|cli|cards   one section only (default: all)
 *   BENCH_ROUNDS=10000                interactions per load phase (1000 for a quick run)
 *   BENCH_REPEATS=3                   bot processes per kind and platform (talk/bare interleaved)
 *   BENCH_STARTS=6                    extra start-only rounds (start → first answer, RSS once connected)
 *   BENCH_CONCURRENCY=20              in-flight interactions in the concurrent phase
 *   BENCH_BURST=1000                  size of the bursts
 *   BENCH_FLOOR=0                     skip the harness floor (null-bot.ts, no chat library)
 *   BENCH_PROFILE=1                   CPU profile + heap snapshot of each talk process (see profile.ts)
 */
import { join } from 'node:path';
import { runCli } from './cli.js';
import { measureDiscordHttp } from './discord-http.js';
import { measurePlatforms } from './platforms.js';
import { runSearch } from './search.js';

const root = join(import.meta.dirname, '..', '..');
const only = process.env.BENCH_ONLY;
if (only && !['platforms', 'discord-http', 'search', 'cli', 'cards'].includes(only)) {
  console.error(`BENCH_ONLY must be platforms, discord-http, search, cli or cards (got "${only}")`);
  process.exit(2);
}
const num = (name: string, fallback: number, min = 1) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < min) throw new Error(`${name} must be an integer ≥ ${min}`);
  return v;
};

console.log(`# talk bench — ${new Date().toISOString()} — node ${process.version}\n`);

if (!only || only === 'search') await runSearch();
if (!only || only === 'cli') runCli(root);
if (!only || only === 'cards') {
  // In a process of its own, so the memory a card adds is measured from a clean start.
  const { spawnSync } = await import('node:child_process');
  const cards = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'test', 'bench', 'cards.ts'), '50'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  console.log(`\n${cards.stdout}`);
}
const platformOptions = () => ({
  root,
  rounds: num('BENCH_ROUNDS', 10_000),
  repeats: num('BENCH_REPEATS', 3),
  starts: num('BENCH_STARTS', 6, 0),
  concurrency: num('BENCH_CONCURRENCY', 20),
  burst: num('BENCH_BURST', 1000),
  lateMs: 3000,
  floor: process.env.BENCH_FLOOR !== '0',
});
if (!only || only === 'platforms') {
  const opts = platformOptions();
  process.stderr.write(
    `platforms: ${opts.starts} start-only + ${opts.repeats} full round(s) × (talk, bare${opts.floor ? ', floor' : ''}) × (Discord, Slack), ${opts.rounds} interactions per phase…\n`,
  );
  for (const line of await measurePlatforms(opts)) console.log(line);
}
if (!only || only === 'discord-http') {
  const opts = platformOptions();
  process.stderr.write(
    `discord-http: ${opts.starts} start-only + ${opts.repeats} full round(s) × (talk over HTTP, talk over the gateway, bare HTTP), ${opts.rounds} interactions per phase…\n`,
  );
  for (const line of await measureDiscordHttp(opts)) console.log(line);
}
