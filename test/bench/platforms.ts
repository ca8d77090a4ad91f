/**
 * talk against bare baselines, like with like, in one run:
 *   - Discord: talk with only DISCORD_* set (`node dist/src/main.js`) vs bare-discord.ts (discord.js alone);
 *   - Slack:   talk with only SLACK_* set (HTTP mode)               vs bare-slack.ts (bolt alone).
 * (talk starts only the platforms whose credentials are set, so each talk process carries one library.)
 *
 * Three processes per measurement: this one (spawns, reads /proc, prints), a load generator (loadgen.ts:
 * the fake Discord and fake Slack plus everything sent to the bot, timed where the answers arrive), and
 * the bot. Every bot process is fresh, with its own generator and data directory; talk, bare and the
 * harness floor (null-bot.ts) take turns, the order rotating each round (talk, bare, floor / bare, floor,
 * talk / ...), so drift on this shared machine falls on all of them. Each figure is the median
 * over the process rounds; min–max is shown beside it.
 *
 * Per bot process, in order: spawn → first answer; RSS once connected; `rounds` interactions one at a
 * time, then `rounds` with `concurrency` in flight (round trip p50/p99 and bot CPU per command, each);
 * RSS after each; a burst of `burst` autocompletes (Discord) or slash commands (Slack), counting answers
 * past 3 s; RSS after.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { SIGNING_SECRET } from '../fakes/slack.js';
import { type BareBots, compileBareBots } from './bare.js';
import type { BurstResult } from './burst.js';
import { exited, stopChild, tempDir, track } from './children.js';
import type { RoundTrips } from './drive.js';
import type { FirstAnswer, GenStats, Reply, Request } from './loadgen.js';
import { cpuMs, listenOverflows, rssMiB } from './proc.js';
import { Profiler } from './profile.js';
import { epoch, median } from './stats.js';

export interface PlatformOptions {
  root: string;
  /** Interactions per load phase (one at a time, then `concurrency` in flight). */
  rounds: number;
  /** Process rounds: fresh talk and bare processes per platform, interleaved. */
  repeats: number;
  /** Extra rounds that only start the process, answer once and read RSS (start figures vary the most). */
  starts: number;
  concurrency: number;
  /** Size of the burst, and what counts as late. */
  burst: number;
  lateMs: number;
  /** Also run the harness floor (null-bot.ts) each round. */
  floor: boolean;
}

type Platform = 'discord' | 'slack';
/** talk, its bare baseline, and the harness floor (null-bot.ts: no chat library at all). */
type Kind = 'talk' | 'bare' | 'floor';
export type Figures = Record<string, number>;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const progress = (line: string) => process.stderr.write(`  ${line}\n`);

/** The load generator child: fakes + load, driven over IPC. */
export class LoadGen {
  private next = 0;
  private readonly pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();

  private constructor(
    readonly child: ChildProcess,
    readonly discordApi: string,
    readonly slackApiUrl: string,
    /** The public key of the generator's Discord key pair (for a bot over HTTP interactions). */
    readonly discordPublicKey: string,
  ) {
    child.on('message', (m: Reply) => {
      if (!('id' in m)) return;
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.ok) p?.resolve(m.result);
      else p?.reject(new Error(`load generator: ${m.error}`));
    });
    child.once('exit', (code, signal) => {
      for (const p of this.pending.values()) p.reject(new Error(`load generator exited (${code ?? signal})`));
      this.pending.clear();
    });
  }

  static async start(root: string): Promise<LoadGen> {
    const child = track(
      fork(join(root, 'test', 'bench', 'loadgen.ts'), [], {
        cwd: root,
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
    const ready = await new Promise<Extract<Reply, { ready: true }>>((resolve, reject) => {
      child.once('message', (m: Reply) => ('ready' in m ? resolve(m) : reject(new Error('unexpected'))));
      child.once('exit', (code) => reject(new Error(`load generator exited ${code} before it was ready`)));
    });
    return new LoadGen(child, ready.discordApi, ready.slackApiUrl, ready.discordPublicKey);
  }

  get pid(): number {
    return this.child.pid!;
  }

  call<T>(req: Request): Promise<T> {
    const id = ++this.next;
    return new Promise<T>((resolve, reject) => {
      if (!this.child.connected) return reject(new Error('load generator is gone'));
      this.pending.set(id, { resolve, reject });
      this.child.send({ ...req, id });
    });
  }

  /** Disconnecting makes it close the fakes and exit; SIGKILL if it has not within 5 s. */
  async stop(): Promise<void> {
    if (exited(this.child)) return;
    const gone = once(this.child, 'exit');
    if (this.child.connected) this.child.disconnect();
    else this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  }
}

/** A bot process (talk or bare): its stderr is read line by line for the signals both print. */
export class Bot {
  readonly child: ChildProcess;
  readonly spawnedAt: number;
  readonly started: Promise<number>;
  readonly port: Promise<number>;
  errorLines = 0;
  /** talk logs one "command" line per answer, with its outcome (ok / refused / error): tallied here. */
  readonly outcomes: Record<string, number> = {};
  private readonly tail: string[] = [];

  constructor(args: string[], env: NodeJS.ProcessEnv, cwd: string) {
    let startedAt!: (at: number) => void;
    let portIs!: (port: number) => void;
    let failed!: (e: Error) => void;
    const failure = new Promise<never>((_, reject) => {
      failed = reject;
    });
    failure.catch(() => undefined);
    this.started = Promise.race([new Promise<number>((r) => (startedAt = r)), failure]);
    this.port = Promise.race([new Promise<number>((r) => (portIs = r)), failure]);
    this.started.catch(() => undefined);
    this.port.catch(() => undefined);

    this.spawnedAt = epoch();
    this.child = track(spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] }));
    let buffered = '';
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        this.tail.push(line);
        if (this.tail.length > 40) this.tail.shift();
        if (line.includes('"level":"error"') || line.includes('[ERROR]')) this.errorLines++;
        if (line.includes('"msg":"started"')) startedAt(epoch());
        const outcome = line.includes('"msg":"command"') && /"outcome":"(\w+)"/.exec(line)?.[1];
        if (outcome) this.outcomes[outcome] = (this.outcomes[outcome] ?? 0) + 1;
        if (/"msg":"(slack|discord) listening"/.test(line)) portIs(JSON.parse(line).port);
      }
    });
    this.child.once('exit', (code, signal) =>
      failed(new Error(`bot exited (${code ?? signal}); its last log lines:\n${this.tail.join('\n')}`)),
    );
    const timer = setTimeout(
      () => failed(new Error(`bot not started within 120 s; its last log lines:\n${this.tail.join('\n')}`)),
      120_000,
    );
    this.started.finally(() => clearTimeout(timer)).catch(() => undefined);
  }

  get pid(): number {
    return this.child.pid!;
  }
}

/** The bot's environment: the bench's own, minus anything that would configure talk, plus the fakes. */
export function botEnv(platform: Platform, gen: LoadGen, dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) =>
        !/^(DISCORD_|SLACK_|DAILY_|DATABASE_URL$|HEALTH_PORT$|PORT$|DATA_DIR$|LOG_LEVEL$|COOLDOWN_SECONDS$|SHUTDOWN_|NODE_OPTIONS$)/.test(
          k,
        ),
    ),
  );
  Object.assign(env, { LOG_LEVEL: 'info', COOLDOWN_SECONDS: '0', DATA_DIR: dataDir, PORT: '0' });
  if (platform === 'discord') {
    Object.assign(env, {
      DISCORD_TOKEN: 'MTAwMDAwMDAwMDAwMDAwMDAx.bench.token-value',
      DISCORD_API_URL: gen.discordApi,
    });
  } else {
    Object.assign(env, {
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: gen.slackApiUrl,
    });
  }
  return env;
}

type Phase<T> = T & { gen: GenStats };

async function runOnce(
  kind: Kind,
  platform: Platform,
  round: number,
  opts: PlatformOptions,
  bare: BareBots,
  profiler: Profiler | undefined,
  startOnly = false,
): Promise<Figures> {
  const f: Figures = {};
  const label = `${platform}-${round + 1}`;
  const gen = await LoadGen.start(opts.root);
  // cwd is the run's own data directory: talk reads a .env from its working directory, and a stray one
  // must not add a platform (or real credentials) to the run.
  const data = tempDir('talk-bench-run-');
  const dataDir = data.dir;
  let bot: Bot | undefined;
  try {
    if (platform === 'discord') await gen.call({ cmd: 'armFirstAnswer' });
    const profiled = kind === 'talk' && profiler ? profiler.execArgv(label) : [];
    const entry =
      kind === 'talk'
        ? [join(opts.root, 'dist', 'src', 'main.js')]
        : kind === 'floor'
          ? [bare.nullBot, platform]
          : [platform === 'discord' ? bare.discord : bare.slack];
    bot = new Bot([...profiled, ...entry], botEnv(platform, gen, dataDir), dataDir);
    await gen.call({ cmd: 'watch', pid: bot.pid });

    let port: number | undefined;
    if (platform === 'discord') {
      const [startedAt, first] = await Promise.all([
        bot.started,
        gen.call<FirstAnswer>({ cmd: 'firstAnswer' }),
      ]);
      f.startLogged = startedAt - bot.spawnedAt;
      f.startIdentified = first.identifiedAt! - bot.spawnedAt;
      f.startAnswer = first.answeredAt - bot.spawnedAt;
    } else {
      port = await bot.port;
      const first = await gen.call<FirstAnswer>({ cmd: 'slackFirst', port });
      f.startAnswer = first.answeredAt - bot.spawnedAt;
      f.startLogged = (await bot.started) - bot.spawnedAt;
    }
    await sleep(1000);
    f.rssConnected = rssMiB(bot.pid);
    if (startOnly) {
      progress(
        `${platform} ${kind} start-only #${round + 1}: first answer ${f.startAnswer!.toFixed(0)} ms, RSS ${f.rssConnected.toFixed(1)} MiB`,
      );
      return f;
    }

    let lost = 0;
    const load = async (concurrency: number, key: string) => {
      const cpu0 = cpuMs(bot!.pid);
      const r = await gen.call<Phase<RoundTrips>>({
        cmd: 'roundTrips',
        platform,
        port,
        n: opts.rounds,
        concurrency,
      });
      f[`${key}Cpu`] = (cpuMs(bot!.pid) - cpu0) / opts.rounds;
      f[`${key}P50`] = r.p50;
      f[`${key}P99`] = r.p99;
      f[`${key}Gen`] = r.gen.cpuMs / r.gen.wallMs;
      if (r.ackP50 !== undefined) f[`${key}AckP50`] = r.ackP50;
      lost += r.lost + r.failed;
      if (platform === 'discord' && Object.keys(r.types).some((t) => t !== '4'))
        progress(`unexpected interaction callback types: ${JSON.stringify(r.types)}`);
      await sleep(500);
      f[`${key}Rss`] = rssMiB(bot!.pid);
    };
    await load(1, 'seq');
    await load(opts.concurrency, 'con');

    const cpu0 = cpuMs(bot.pid);
    const overflows0 = listenOverflows();
    const b = await gen.call<Phase<BurstResult>>({
      cmd: 'burst',
      platform,
      port,
      n: opts.burst,
      lateMs: opts.lateMs,
    });
    const burstCpu = cpuMs(bot.pid) - cpu0;
    f.burstOverflows = listenOverflows() - overflows0;
    f.burstCpu = burstCpu / opts.burst;
    f.burstBusy = burstCpu / b.makespan;
    f.burstLate = b.late;
    f.burstLost = b.lost;
    f.burstP50 = b.p50;
    f.burstP99 = b.p99;
    f.burstMax = b.max;
    f.burstMakespan = b.makespan;
    if (b.acksLate !== undefined) f.burstAcksLate = b.acksLate;
    if (b.ackMax !== undefined) f.burstAckMax = b.ackMax;
    if (b.failed !== undefined) f.burstFailed = b.failed;
    if (b.errors && Object.keys(b.errors).length)
      progress(`burst request errors: ${JSON.stringify(b.errors)}`);
    const expectedType = platform === 'discord' ? '8' : undefined;
    if (expectedType && b.types && Object.keys(b.types).some((t) => t !== expectedType))
      progress(`unexpected answer types in the burst: ${JSON.stringify(b.types)}`);
    await sleep(500);
    f.burstGen = b.gen.cpuMs / b.gen.wallMs;
    f.burstGenLoop = b.gen.loopMaxMs;
    f.burstRss = rssMiB(bot.pid);
    f.lost = lost;
    f.errorLines = bot.errorLines;

    if (kind === 'talk' && profiler) await profiler.heapSnapshot(bot.pid, label);
    progress(
      `${platform} ${kind} #${round + 1}: first answer ${f.startAnswer!.toFixed(0)} ms, RSS ${f.rssConnected!.toFixed(1)} → ${f.conRss!.toFixed(1)} MiB, ` +
        `p50 ${f.seqP50!.toFixed(2)} / ${f.conP50!.toFixed(2)} ms, burst late ${b.late}/${b.n} (max ${b.max.toFixed(0)} ms, generator CPU ${((100 * b.gen.cpuMs) / b.gen.wallMs).toFixed(0)}%)` +
        (kind === 'talk' ? `; talk's outcomes ${JSON.stringify(bot.outcomes)}` : ''),
    );
    return f;
  } finally {
    if (bot) {
      await stopChild(bot.child, 'SIGTERM', 15_000);
      // The bot is gone: the generator must not SIGKILL its pid later (it could be reused by then).
      await gen.call({ cmd: 'unwatch', pid: bot.pid }).catch(() => undefined);
    }
    await gen.stop();
    data.remove();
  }
}

export interface Row {
  key: string;
  label: string;
  unit: 'ms' | 'MiB' | 'n' | '%';
  digits: number;
}

function rows(platform: Platform, o: PlatformOptions): Row[] {
  const c = o.concurrency;
  const late = `${o.lateMs / 1000} s`;
  const common: Row[] = [
    { key: 'rssConnected', label: 'RSS once connected (target ≤ 1.2×)', unit: 'MiB', digits: 1 },
    { key: 'seqP50', label: 'round trip p50, one at a time (target ≤ 1.1×)', unit: 'ms', digits: 2 },
    { key: 'seqP99', label: 'round trip p99, one at a time (target ≤ 1.1×)', unit: 'ms', digits: 2 },
    { key: 'seqCpu', label: 'CPU per command, one at a time', unit: 'ms', digits: 3 },
    { key: 'seqRss', label: `RSS after ${o.rounds} interactions (target ≤ 1.3×)`, unit: 'MiB', digits: 1 },
    { key: 'conP50', label: `round trip p50, ${c} in flight (target ≤ 1.1×)`, unit: 'ms', digits: 2 },
    { key: 'conP99', label: `round trip p99, ${c} in flight (target ≤ 1.1×)`, unit: 'ms', digits: 2 },
    { key: 'conCpu', label: `CPU per command, ${c} in flight`, unit: 'ms', digits: 3 },
    { key: 'conRss', label: `RSS after ${2 * o.rounds} interactions`, unit: 'MiB', digits: 1 },
  ];
  if (platform === 'slack') {
    common.splice(3, 0, {
      key: 'seqAckP50',
      label: 'acknowledgement p50, one at a time',
      unit: 'ms',
      digits: 2,
    });
    common.splice(8, 0, {
      key: 'conAckP50',
      label: `acknowledgement p50, ${c} in flight`,
      unit: 'ms',
      digits: 2,
    });
  }
  const start: Row[] =
    platform === 'discord'
      ? [
          {
            key: 'startAnswer',
            label: 'spawn → first interaction answered (target ≤ 1.2×)',
            unit: 'ms',
            digits: 0,
          },
          { key: 'startIdentified', label: 'spawn → IDENTIFY on the gateway', unit: 'ms', digits: 0 },
          { key: 'startLogged', label: 'spawn → "started" log line', unit: 'ms', digits: 0 },
        ]
      : [
          {
            key: 'startAnswer',
            label: 'spawn → first command answered (sent once the port is logged)',
            unit: 'ms',
            digits: 0,
          },
          { key: 'startLogged', label: 'spawn → "started" log line', unit: 'ms', digits: 0 },
        ];
  const what = platform === 'discord' ? 'autocompletes' : 'slash commands';
  const burst: Row[] = [
    {
      key: 'burstLate',
      label: `burst of ${o.burst} ${what}: answers past ${late} (target ≤ bare)`,
      unit: 'n',
      digits: 0,
    },
    ...(platform === 'slack'
      ? [
          {
            key: 'burstAcksLate',
            label: `burst: acknowledgements past ${late}`,
            unit: 'n',
            digits: 0,
          } as Row,
          { key: 'burstAckMax', label: 'burst: slowest acknowledgement', unit: 'ms', digits: 0 } as Row,
          { key: 'burstFailed', label: 'burst: failed requests', unit: 'n', digits: 0 } as Row,
        ]
      : []),
    { key: 'burstLost', label: 'burst: never answered (60 s)', unit: 'n', digits: 0 },
    { key: 'burstP50', label: 'burst: answer p50', unit: 'ms', digits: 0 },
    { key: 'burstP99', label: 'burst: answer p99', unit: 'ms', digits: 0 },
    { key: 'burstMakespan', label: 'burst: first dispatch → last answer', unit: 'ms', digits: 0 },
    { key: 'burstCpu', label: 'burst: CPU per command', unit: 'ms', digits: 3 },
    {
      key: 'burstBusy',
      label: 'burst: bot CPU ÷ (first dispatch → last answer); 100 % = one core',
      unit: '%',
      digits: 0,
    },
    { key: 'burstRss', label: 'RSS after the burst', unit: 'MiB', digits: 1 },
    { key: 'lost', label: 'round trips lost or failed (sanity: 0)', unit: 'n', digits: 0 },
    { key: 'errorLines', label: 'error lines in the bot log (sanity: 0)', unit: 'n', digits: 0 },
    { key: 'seqGen', label: 'harness: load generator CPU ÷ wall, one at a time', unit: '%', digits: 0 },
    { key: 'conGen', label: `harness: load generator CPU ÷ wall, ${c} in flight`, unit: '%', digits: 0 },
    { key: 'burstGen', label: 'harness: load generator CPU ÷ wall, burst', unit: '%', digits: 0 },
    {
      key: 'burstGenLoop',
      label: 'harness: load generator event-loop delay max, burst',
      unit: 'ms',
      digits: 0,
    },
    {
      key: 'burstOverflows',
      label: 'harness: connections dropped on a full accept queue in the burst (kernel ListenOverflows)',
      unit: 'n',
      digits: 0,
    },
  ];
  return [...start, ...common, ...burst];
}

export function cell(values: number[], row: Row): string {
  const fmt = (v: number) => (row.unit === '%' ? (100 * v).toFixed(row.digits) : v.toFixed(row.digits));
  const unit = row.unit === 'n' ? '' : row.unit === '%' ? ' %' : ` ${row.unit}`;
  const m = median(values);
  if (values.length < 2) return `${fmt(m)}${unit}`;
  return `${fmt(m)}${unit} (${fmt(Math.min(...values))}–${fmt(Math.max(...values))})`;
}

export function ratio(talk: number, bare: number): string {
  if (Number.isNaN(talk) || Number.isNaN(bare)) return '—';
  if (bare === 0) return talk === 0 ? 'both 0' : `bare 0, talk ${talk}`;
  return `${(talk / bare).toFixed(2)}×`;
}

function table(platform: Platform, o: PlatformOptions, runs: Record<Kind, Figures[]>): string[] {
  const floor = runs.floor.length > 0;
  const lines = [
    `| figure | talk | bare | talk / bare |${floor ? ' harness floor (no library) |' : ''}`,
    `|---|---|---|---|${floor ? '---|' : ''}`,
  ];
  const of = (kind: Kind, key: string) =>
    runs[kind].map((f) => f[key]).filter((v): v is number => v !== undefined);
  for (const row of rows(platform, o)) {
    const t = of('talk', row.key);
    const b = of('bare', row.key);
    lines.push(
      `| ${row.label} | ${cell(t, row)} | ${cell(b, row)} | ${ratio(median(t), median(b))} |${floor ? ` ${cell(of('floor', row.key), row)} |` : ''}`,
    );
  }
  return lines;
}

export async function measurePlatforms(opts: PlatformOptions): Promise<string[]> {
  const profiler = Profiler.fromEnv();
  const bare = await compileBareBots(opts.root);
  const results: Record<Platform, Record<Kind, Figures[]>> = {
    discord: { talk: [], bare: [], floor: [] },
    slack: { talk: [], bare: [], floor: [] },
  };
  const kinds: Kind[] = opts.floor ? ['talk', 'bare', 'floor'] : ['talk', 'bare'];
  try {
    // Start-only rounds first (start → first answer and RSS once connected vary most), then full rounds.
    // Each round rotates the order, so no kind always runs first (or right after another).
    for (let round = 0; round < opts.starts + opts.repeats; round++) {
      const startOnly = round < opts.starts;
      const order = kinds.map((_, i) => kinds[(i + round) % kinds.length]!);
      for (const platform of ['discord', 'slack'] as const) {
        for (const kind of order) {
          const n = startOnly ? round : round - opts.starts;
          const figures = await runOnce(
            kind,
            platform,
            n,
            opts,
            bare,
            startOnly ? undefined : profiler,
            startOnly,
          );
          results[platform][kind].push(figures);
        }
      }
    }
  } finally {
    bare.remove();
  }

  const out: string[] = [];
  const how =
    `${opts.repeats} full process round(s) each (${opts.rounds} interactions per load phase) after ${opts.starts} ` +
    `start-only round(s); the order rotates each round. Start and "RSS once connected" rows: median over all ` +
    `${opts.starts + opts.repeats} rounds; the others over the full rounds. Cells: median (min–max).` +
    ' The harness floor is a bot without any chat library (null-bot.ts): ' +
    'what the fakes, the load generator and this machine cost by themselves.';
  out.push(`\n## Discord: talk (only DISCORD_* set) vs bare discord.js client\n\n${how}\n`);
  out.push(...table('discord', opts, results.discord));
  out.push(`\n## Slack: talk (only SLACK_* set, HTTP mode) vs bare bolt App\n\n${how}\n`);
  out.push(...table('slack', opts, results.slack));
  out.push(
    '\nRound trips: Discord = INTERACTION_CREATE written to the gateway → interaction callback received by the fake; ' +
      'Slack = signed slash command sent → response_url payload received. Same payloads to talk and bare ' +
      '(talk answers them for real; bare answers a fixed text). CPU = utime+stime of the bot process from ' +
      '/proc/<pid>/stat over the phase ÷ commands (10 ms tick resolution).',
  );
  if (profiler) out.push('', ...profiler.report());
  return out;
}
