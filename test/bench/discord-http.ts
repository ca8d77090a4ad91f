/**
 * `BENCH_ONLY=discord-http`: Discord over HTTP interactions beside the gateway mode and a bare baseline, in
 * one run, interleaved:
 *   - http:    talk with DISCORD_TOKEN and DISCORD_PUBLIC_KEY (`node dist/src/main.js`): signed POSTs;
 *   - gateway: talk with DISCORD_TOKEN only: INTERACTION_CREATE on the fake's gateway;
 *   - bare:    bare-discord-http.ts, node:http + node:crypto verification and a fixed answer, no library.
 * The same processes as the platforms section (platforms.ts): this one measures, a load generator
 * (loadgen.ts) owns the fakes and sends and times everything, and the bot is a fresh process each time.
 *
 * Per bot process: spawn → first answer; RSS once ready; `rounds` interactions one at a time, then `rounds`
 * with `concurrency` in flight (round trip p50/p99 and bot CPU per command); RSS after each.
 */
import { join } from 'node:path';
import { compileBareBots } from './bare.js';
import { stopChild, tempDir } from './children.js';
import type { RoundTrips } from './drive.js';
import type { FirstAnswer, GenStats } from './loadgen.js';
import {
  Bot,
  botEnv,
  cell,
  type Figures,
  LoadGen,
  type PlatformOptions,
  progress,
  type Row,
  ratio,
  sleep,
} from './platforms.js';
import { cpuMs, rssMiB } from './proc.js';
import { median } from './stats.js';

type Kind = 'http' | 'gateway' | 'bare';
const KINDS: Kind[] = ['http', 'gateway', 'bare'];

async function runOnce(
  kind: Kind,
  round: number,
  opts: PlatformOptions,
  bareHttp: string,
  startOnly: boolean,
): Promise<Figures> {
  const f: Figures = {};
  const gen = await LoadGen.start(opts.root);
  const data = tempDir('talk-bench-run-');
  let bot: Bot | undefined;
  try {
    const env = botEnv('discord', gen, data.dir);
    if (kind !== 'gateway') env.DISCORD_PUBLIC_KEY = gen.discordPublicKey;
    if (kind === 'gateway') await gen.call({ cmd: 'armFirstAnswer' });
    bot = new Bot(kind === 'bare' ? [bareHttp] : [join(opts.root, 'dist', 'src', 'main.js')], env, data.dir);
    await gen.call({ cmd: 'watch', pid: bot.pid });

    let port: number | undefined;
    if (kind === 'gateway') {
      const first = await gen.call<FirstAnswer>({ cmd: 'firstAnswer' });
      f.startAnswer = first.answeredAt - bot.spawnedAt;
      f.startLogged = (await bot.started) - bot.spawnedAt;
    } else {
      // Discord calls the endpoint once it is there: the first interaction goes out when the port is logged.
      port = await bot.port;
      const first = await gen.call<FirstAnswer>({ cmd: 'discordHttpFirst', port });
      f.startAnswer = first.answeredAt - bot.spawnedAt;
      f.startLogged = (await bot.started) - bot.spawnedAt;
    }
    await sleep(1000);
    f.rssReady = rssMiB(bot.pid);
    if (startOnly) {
      progress(
        `discord ${kind} start-only #${round + 1}: first answer ${f.startAnswer!.toFixed(0)} ms, RSS ${f.rssReady.toFixed(1)} MiB`,
      );
      return f;
    }

    let failed = 0;
    const load = async (concurrency: number, key: string) => {
      const cpu0 = cpuMs(bot!.pid);
      const r = await gen.call<RoundTrips & { gen: GenStats }>({
        cmd: 'roundTrips',
        platform: kind === 'gateway' ? 'discord' : 'discord-http',
        port,
        n: opts.rounds,
        concurrency,
      });
      f[`${key}Cpu`] = (cpuMs(bot!.pid) - cpu0) / opts.rounds;
      f[`${key}P50`] = r.p50;
      f[`${key}P99`] = r.p99;
      f[`${key}Gen`] = r.gen.cpuMs / r.gen.wallMs;
      failed += r.lost + r.failed;
      if (Object.keys(r.types).some((t) => t !== '4'))
        progress(`unexpected answer types: ${JSON.stringify(r.types)}`);
      await sleep(500);
      f[`${key}Rss`] = rssMiB(bot!.pid);
    };
    await load(1, 'seq');
    await load(opts.concurrency, 'con');
    f.lost = failed;
    f.errorLines = bot.errorLines;
    progress(
      `discord ${kind} #${round + 1}: first answer ${f.startAnswer!.toFixed(0)} ms, RSS ${f.rssReady!.toFixed(1)} → ${f.conRss!.toFixed(1)} MiB, ` +
        `p50 ${f.seqP50!.toFixed(2)} / ${f.conP50!.toFixed(2)} ms` +
        (kind === 'bare' ? '' : `; talk's outcomes ${JSON.stringify(bot.outcomes)}`),
    );
    return f;
  } finally {
    if (bot) {
      await stopChild(bot.child, 'SIGTERM', 15_000);
      await gen.call({ cmd: 'unwatch', pid: bot.pid }).catch(() => undefined);
    }
    await gen.stop();
    data.remove();
  }
}

function rows(o: PlatformOptions): Row[] {
  const c = o.concurrency;
  return [
    { key: 'startAnswer', label: 'spawn → first interaction answered', unit: 'ms', digits: 0 },
    { key: 'startLogged', label: 'spawn → "started" log line', unit: 'ms', digits: 0 },
    { key: 'rssReady', label: 'RSS once ready', unit: 'MiB', digits: 1 },
    { key: 'seqP50', label: 'round trip p50, one at a time', unit: 'ms', digits: 2 },
    { key: 'seqP99', label: 'round trip p99, one at a time', unit: 'ms', digits: 2 },
    { key: 'seqCpu', label: 'CPU per command, one at a time', unit: 'ms', digits: 3 },
    { key: 'seqRss', label: `RSS after ${o.rounds} interactions`, unit: 'MiB', digits: 1 },
    { key: 'conP50', label: `round trip p50, ${c} in flight`, unit: 'ms', digits: 2 },
    { key: 'conP99', label: `round trip p99, ${c} in flight`, unit: 'ms', digits: 2 },
    { key: 'conCpu', label: `CPU per command, ${c} in flight`, unit: 'ms', digits: 3 },
    { key: 'conRss', label: `RSS after ${2 * o.rounds} interactions`, unit: 'MiB', digits: 1 },
    { key: 'lost', label: 'round trips lost or failed (sanity: 0)', unit: 'n', digits: 0 },
    { key: 'errorLines', label: 'error lines in the bot log (sanity: 0)', unit: 'n', digits: 0 },
    { key: 'seqGen', label: 'harness: load generator CPU ÷ wall, one at a time', unit: '%', digits: 0 },
    { key: 'conGen', label: `harness: load generator CPU ÷ wall, ${c} in flight`, unit: '%', digits: 0 },
  ];
}

export async function measureDiscordHttp(opts: PlatformOptions): Promise<string[]> {
  const bare = await compileBareBots(opts.root);
  const runs: Record<Kind, Figures[]> = { http: [], gateway: [], bare: [] };
  try {
    for (let round = 0; round < opts.starts + opts.repeats; round++) {
      const startOnly = round < opts.starts;
      // The order rotates each round, so no kind always runs first or right after another.
      const order = KINDS.map((_, i) => KINDS[(i + round) % KINDS.length]!);
      for (const kind of order) {
        const n = startOnly ? round : round - opts.starts;
        runs[kind].push(await runOnce(kind, n, opts, bare.discordHttp, startOnly));
      }
    }
  } finally {
    bare.remove();
  }
  const of = (kind: Kind, key: string) =>
    runs[kind].map((f) => f[key]).filter((v): v is number => v !== undefined);
  const lines = [
    `\n## Discord over HTTP: talk over HTTP vs talk over the gateway vs a bare node:http endpoint\n`,
    `${opts.repeats} full process round(s) each (${opts.rounds} interactions per load phase) after ${opts.starts} ` +
      'start-only round(s); the order rotates each round. Start and "RSS once ready" rows: median over all ' +
      `${opts.starts + opts.repeats} rounds; the others over the full rounds. Cells: median (min–max).\n`,
    '| figure | talk over HTTP | talk over the gateway | bare HTTP | HTTP / gateway | HTTP / bare |',
    '|---|---|---|---|---|---|',
  ];
  for (const row of rows(opts)) {
    const [h, g, b] = KINDS.map((k) => of(k, row.key));
    lines.push(
      `| ${row.label} | ${cell(h!, row)} | ${cell(g!, row)} | ${cell(b!, row)} | ${ratio(median(h!), median(g!))} | ${ratio(median(h!), median(b!))} |`,
    );
  }
  lines.push(
    '\nRound trips: HTTP = signed interaction POSTed to /discord/interactions → the answer in the HTTP ' +
      'response (keep-alive sockets); gateway = INTERACTION_CREATE written to the gateway → the answer POSTed ' +
      "to the fake's callback endpoint. Same interactions to all three (talk answers them for real; bare " +
      'answers a fixed message after verifying the signature). talk over HTTP also asks the fake REST API ' +
      'who it is at start; bare does not. CPU = utime+stime from /proc/<pid>/stat over the phase ÷ commands.',
  );
  return lines;
}
