/**
 * Bursts, run inside the load generator process (loadgen.ts), which also owns the fakes: the load is made
 * outside the bot's process and outside the measuring process's event loop.
 *
 * - Discord: `n` autocomplete interactions (`/talk quote query:"data w"`, focused) written to the bot's
 *   gateway socket in one synchronous loop; each answer's lateness is measured from its own dispatch.
 * - Slack: `n` signed slash commands sent at once over an http.Agent of `n` sockets; acknowledgements
 *   (the HTTP response) and response_url answers are each timed from that command's own send.
 *
 * "Late" means more than `lateMs` (3 s: Discord drops an interaction not answered within 3 s, Slack shows
 * an error for a command not acknowledged within 3 s).
 */
import { Agent } from 'node:http';
import { type Fakes, type Posted, postCommand, signedHeaders, summary } from './drive.js';

export interface BurstResult {
  n: number;
  /** Answers that arrived, those past `lateMs`, those that never came (within `waitMs`). */
  answered: number;
  late: number;
  lost: number;
  p50: number;
  p99: number;
  max: number;
  /** First dispatch → last answer, ms. */
  makespan: number;
  /** Slack: acknowledgements past `lateMs`, failed requests (non-200 or connection errors) and why. */
  acksLate?: number;
  ackP50?: number;
  ackMax?: number;
  failed?: number;
  errors?: Record<string, number>;
  /** Discord: answer types seen (8 = autocomplete result). */
  types?: Record<string, number>;
}

export async function discordBurst(
  fakes: Fakes,
  n: number,
  lateMs: number,
  waitMs = 60_000,
): Promise<BurstResult> {
  // Built before the clock starts; dispatch() still serialises each one, as a real gateway would.
  const payloads = Array.from({ length: n }, () => fakes.autocomplete());
  const sent: number[] = new Array(n);
  const answers = payloads.map((p) => fakes.expectDiscord(p.id, waitMs));
  const first = performance.now();
  for (let i = 0; i < n; i++) {
    sent[i] = performance.now();
    fakes.discord.dispatch('INTERACTION_CREATE', payloads[i]);
  }
  const got = await Promise.all(answers);
  fakes.forget();
  const latencies: number[] = [];
  const types: Record<string, number> = {};
  let last = first;
  got.forEach((a, i) => {
    if (!a) return;
    latencies.push(a.at - sent[i]!);
    types[a.type] = (types[a.type] ?? 0) + 1;
    last = Math.max(last, a.at);
  });
  return {
    n,
    answered: latencies.length,
    late: latencies.filter((ms) => ms > lateMs).length,
    lost: n - latencies.length,
    ...summary(latencies),
    makespan: last - first,
    types,
  };
}

export async function slackBurst(
  fakes: Fakes,
  port: number,
  n: number,
  lateMs: number,
  waitMs = 60_000,
): Promise<BurstResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: n });
  try {
    const commands = Array.from({ length: n }, (_, i) => {
      const c = fakes.slackCommand(i);
      return { ...c, headers: signedHeaders(c.body) };
    });
    const sent: number[] = new Array(n);
    const answers = commands.map((c) => fakes.expectSlack(c.path, waitMs));
    const acks: Promise<Posted>[] = new Array(n);
    const first = performance.now();
    for (let i = 0; i < n; i++) {
      sent[i] = performance.now();
      acks[i] = postCommand(port, commands[i]!.body, commands[i]!.headers, agent, waitMs);
    }
    const [acked, got] = await Promise.all([Promise.all(acks), Promise.all(answers)]);
    fakes.forget();
    const ackTimes: number[] = [];
    const errors: Record<string, number> = {};
    let failed = 0;
    acked.forEach((a, i) => {
      if (a.status === 200) ackTimes.push(a.at - sent[i]!);
      else {
        failed++;
        const why = a.error ?? `HTTP ${a.status}`;
        errors[why] = (errors[why] ?? 0) + 1;
      }
    });
    const latencies: number[] = [];
    let last = first;
    got.forEach((a, i) => {
      if (!a) return;
      latencies.push(a.at - sent[i]!);
      last = Math.max(last, a.at);
    });
    const ack = summary(ackTimes);
    return {
      n,
      answered: latencies.length,
      late: latencies.filter((ms) => ms > lateMs).length,
      lost: n - latencies.length,
      ...summary(latencies),
      makespan: last - first,
      acksLate: ackTimes.filter((ms) => ms > lateMs).length,
      ackP50: ack.p50,
      ackMax: ack.max,
      failed,
      errors,
    };
  } finally {
    agent.destroy();
  }
}
