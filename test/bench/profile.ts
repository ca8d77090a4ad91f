/**
 * BENCH_PROFILE=1: run the talk bot processes under the V8 profiler, for whoever is optimising them.
 * Each talk process gets `--cpu-prof --cpu-prof-dir=<dir>` (the .cpuprofile is written when it exits,
 * which it does on the bench's SIGTERM) and `--heapsnapshot-signal=SIGUSR2` with `--diagnostic-dir=<dir>`:
 * the bench sends SIGUSR2 once the load is over, before stopping it, so a heap snapshot lands beside the
 * profile. Open both in Chrome DevTools (Performance / Memory tabs) or https://www.speedscope.app.
 *
 * Profiling slows the profiled process, so talk / bare figures printed with BENCH_PROFILE=1 are not the
 * ones to compare; the bare bots are never profiled.
 */
import { mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class Profiler {
  private constructor(readonly dir: string) {}

  static fromEnv(): Profiler | undefined {
    if (process.env.BENCH_PROFILE !== '1') return undefined;
    return new Profiler(mkdtempSync(join(tmpdir(), 'talk-bench-profile-')));
  }

  /** Node options for one talk process; `label` names its own directory (e.g. "discord-1"). */
  execArgv(label: string): string[] {
    const dir = join(this.dir, label);
    mkdirSync(dir, { recursive: true });
    return [
      '--cpu-prof',
      `--cpu-prof-dir=${dir}`,
      '--heapsnapshot-signal=SIGUSR2',
      `--diagnostic-dir=${dir}`,
    ];
  }

  /** Asks process `pid` for a heap snapshot and waits until the file has stopped growing. */
  async heapSnapshot(pid: number, label: string, timeoutMs = 120_000): Promise<void> {
    const dir = join(this.dir, label);
    const snapshots = () => readdirSync(dir).filter((f) => f.endsWith('.heapsnapshot'));
    const before = snapshots().length;
    process.kill(pid, 'SIGUSR2');
    const deadline = Date.now() + timeoutMs;
    let size = -1;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      const files = snapshots();
      if (files.length <= before) continue;
      const now = statSync(join(dir, files.at(-1)!)).size;
      if (now > 0 && now === size) return;
      size = now;
    }
  }

  /** Lines telling where every profile and snapshot landed. */
  report(): string[] {
    const lines = [`Profiles and heap snapshots of the talk processes (BENCH_PROFILE=1) are in ${this.dir}:`];
    for (const label of readdirSync(this.dir).sort()) {
      for (const file of readdirSync(join(this.dir, label)).sort()) {
        const mib = statSync(join(this.dir, label, file)).size / 2 ** 20;
        lines.push(`  ${join(this.dir, label, file)} (${mib.toFixed(1)} MiB)`);
      }
    }
    lines.push('Figures measured with the profiler on are slowed by it: do not read them as talk / bare.');
    return lines;
  }
}
