/**
 * The load generator process: it owns the fake Discord (REST + gateway) and the fake Slack (Web API +
 * response_url), generates every interaction and command the bot under test receives, and times the
 * answers where they arrive. platforms.ts (the measuring process) forks one per bot process and drives it
 * over IPC; the bot is a third process. Run with `node --import tsx` (tsx only changes how modules load).
 *
 * Each phase also reports the generator's own CPU time and event-loop delay, to tell whether the
 * generator (rather than the bot) was the bottleneck.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type BurstResult, discordBurst, slackBurst } from './burst.js';
import { Fakes, type RoundTrips } from './drive.js';
import { epoch } from './stats.js';

export type Request =
  | { cmd: 'armFirstAnswer' }
  | { cmd: 'firstAnswer' }
  | { cmd: 'slackFirst'; port: number }
  | { cmd: 'discordHttpFirst'; port: number }
  | { cmd: 'watch'; pid: number }
  | { cmd: 'unwatch'; pid: number }
  | {
      cmd: 'roundTrips';
      platform: 'discord' | 'slack' | 'discord-http';
      port?: number;
      n: number;
      concurrency: number;
    }
  | { cmd: 'burst'; platform: 'discord' | 'slack'; port?: number; n: number; lateMs: number };

export interface GenStats {
  wallMs: number;
  /** The generator's own CPU (user + system) during the phase. */
  cpuMs: number;
  loopP99Ms: number;
  loopMaxMs: number;
}

export interface FirstAnswer {
  /** Epoch ms: when the bot identified on the gateway / when the first answer arrived. */
  identifiedAt?: number;
  answeredAt: number;
}

export type Reply =
  | { ready: true; discordApi: string; slackApiUrl: string; discordPublicKey: string }
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string };

const fakes = await new Fakes().start();
const watched = new Set<number>();
let firstAnswer: Promise<FirstAnswer> | undefined;

async function phase<T>(run: () => Promise<T>): Promise<T & { gen: GenStats }> {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await run();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  loop.disable();
  return {
    ...result,
    gen: {
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      loopP99Ms: loop.percentile(99) / 1e6,
      loopMaxMs: loop.max / 1e6,
    },
  };
}

async function handle(req: Request): Promise<unknown> {
  switch (req.cmd) {
    case 'armFirstAnswer': {
      // Registered before the bot is spawned. The first interaction goes out the moment the bot has
      // identified (right after READY and GUILD_CREATE): discord.js queues it until it is ready, so the
      // answer time is "spawn → able to answer", with no log line or IPC hop in the path.
      const identified = fakes.discord.waitFor((r) => r.method === 'IDENTIFY', 120_000);
      firstAnswer = identified.then(async () => {
        const identifiedAt = epoch();
        const payload = fakes.chatInput(0); // /talk quote
        const answered = fakes.expectDiscord(payload.id, 60_000);
        fakes.discord.dispatch('INTERACTION_CREATE', payload);
        const answer = await answered;
        if (!answer) throw new Error('no answer to the first interaction within 60 s');
        return { identifiedAt, answeredAt: performance.timeOrigin + answer.at };
      });
      firstAnswer.catch(() => undefined);
      return true;
    }
    case 'firstAnswer':
      if (!firstAnswer) throw new Error('armFirstAnswer first');
      return firstAnswer;
    case 'slackFirst': {
      const r = await fakes.slackRoundTrips(req.port, 1, 1, 60_000);
      if (r.lost || r.failed) throw new Error('no answer to the first Slack command');
      return { answeredAt: epoch() } satisfies FirstAnswer;
    }
    case 'discordHttpFirst': {
      const r = await fakes.discordHttpRoundTrips(req.port, 1, 1, 60_000);
      if (r.failed || !r.types['4']) throw new Error('no answer to the first Discord interaction over HTTP');
      return { answeredAt: epoch() } satisfies FirstAnswer;
    }
    case 'watch':
      watched.add(req.pid);
      return true;
    case 'unwatch':
      watched.delete(req.pid);
      return true;
    case 'roundTrips':
      return phase<RoundTrips>(() =>
        req.platform === 'discord'
          ? fakes.discordRoundTrips(req.n, req.concurrency)
          : req.platform === 'discord-http'
            ? fakes.discordHttpRoundTrips(req.port!, req.n, req.concurrency)
            : fakes.slackRoundTrips(req.port!, req.n, req.concurrency),
      );
    case 'burst':
      return phase<BurstResult>(() =>
        req.platform === 'discord'
          ? discordBurst(fakes, req.n, req.lateMs)
          : slackBurst(fakes, req.port!, req.n, req.lateMs),
      );
  }
}

const send = (reply: Reply) => process.send!(reply);

process.on('message', (message: Request & { id: number }) => {
  handle(message).then(
    (result) => send({ id: message.id, ok: true, result }),
    (error: unknown) => send({ id: message.id, ok: false, error: String((error as Error)?.stack ?? error) }),
  );
});

// The measuring process went away (ended, crashed or was killed): take the bot down with us, close the
// fakes and exit, so nothing is left running.
process.on('disconnect', () => {
  for (const pid of watched) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  void fakes.stop().finally(() => process.exit(0));
});

send({
  ready: true,
  discordApi: fakes.discord.api,
  slackApiUrl: fakes.slack.apiUrl,
  discordPublicKey: fakes.signer.publicKey,
});
