/** Cold start of the compiled CLI beside a bare `node -e 0`, interleaved run by run. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ms, percentile } from './stats.js';

export function runCli(root: string, rounds = 15): void {
  const cli = join('dist', 'src', 'bin', 'talk.js');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const commands: [string, string[], string?][] = [
    ['node -e 0', ['-e', '0']],
    [`node ${cli} quote`, [cli, 'quote']],
    [`node ${cli} about`, [cli, 'about']],
    [`node ${cli} quote data wall`, [cli, 'quote', 'data', 'wall']],
    ['npm -s run talk -- quote', ['-s', 'run', 'talk', '--', 'quote'], npm],
    ['npm -s run (a script that does nothing)', ['-s', 'run', 'noop'], npm],
  ];
  const samples = commands.map(() => [] as number[]);
  for (let i = 0; i < rounds; i++) {
    commands.forEach(([name, args, program], c) => {
      const t0 = performance.now();
      const r = spawnSync(program ?? process.execPath, args, {
        cwd: root,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      if (r.status !== 0) throw new Error(`${name} exited ${r.status}`);
      samples[c]!.push(performance.now() - t0);
    });
  }
  const base = percentile(samples[0]!, 50);
  console.log(`\n## Cold start (${rounds} runs each, interleaved; median / p90)\n`);
  console.log('| command | median | p90 | median / node -e 0 |');
  console.log('|---|---|---|---|');
  commands.forEach(([name], c) => {
    const m = percentile(samples[c]!, 50);
    console.log(
      `| ${name} | ${ms(m, 1)} | ${ms(percentile(samples[c]!, 90), 1)} | ${(m / base).toFixed(2)}× |`,
    );
  });
}
