/**
 * Round trips through the compiled bot (`node dist/src/main.js`) as a separate process, connected to the
 * local fake Discord and fake Slack: dispatch → interaction callback, and slash command → response_url.
 * Also reads the bot process's resident memory once connected and after the load.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeDiscord, interaction } from '../fakes/discord.js';
import { commandBody, FakeSlack, SIGNING_SECRET, sendToApp, slackPortFromLog } from '../fakes/slack.js';

export interface PlatformFigures {
  discord: number[];
  slack: number[];
  rssConnectedMiB: number;
  rssAfterMiB: number;
}

function rssMiB(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kb / 1024;
}

export async function measurePlatforms(root: string, rounds: number): Promise<PlatformFigures> {
  const discord = await new FakeDiscord().start();
  const slack = await new FakeSlack().start();
  const child = spawn(process.execPath, [join(root, 'dist', 'src', 'main.js')], {
    cwd: root,
    env: {
      ...process.env,
      DISCORD_TOKEN: 'MTAwMDAwMDAwMDAwMDAwMDAx.bench.token-value',
      DISCORD_API_URL: discord.api,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
      LOG_LEVEL: 'info',
      COOLDOWN_SECONDS: '0',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'talk-bench-')),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    let stderr = '';
    const port = await new Promise<number>((resolve, reject) => {
      child.on('exit', (code) => reject(new Error(`bot exited ${code}: ${stderr}`)));
      child.stderr!.on('data', (d) => {
        stderr += String(d);
        const p = slackPortFromLog(stderr);
        if (p && /"msg":"started"/.test(stderr)) resolve(Number(p));
      });
    });
    await new Promise((r) => setTimeout(r, 500));
    const rssConnectedMiB = rssMiB(child.pid!);

    const subcommands = ['quote', 'summary', 'search', 'topics', 'takeaway', 'about'];
    const discordSamples: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const name = subcommands[i % subcommands.length]!;
      const options =
        name === 'search'
          ? [{ type: 3, name: 'query', value: 'data wall' }]
          : name === 'summary'
            ? [{ type: 3, name: 'topic', value: 'rl' }]
            : [];
      const payload = interaction(discord, {
        type: 2,
        data: { id: '9', name: 'talk', type: 1, options: [{ type: 1, name, options }] },
      });
      const callback = discord.waitFor((r) => r.path.includes(`/interactions/${payload.id}/`));
      const t0 = performance.now();
      discord.dispatch('INTERACTION_CREATE', payload);
      await callback;
      discordSamples.push(performance.now() - t0);
    }

    const texts = [
      'summary rl',
      'quote',
      'search data wall',
      'topics',
      'takeaway',
      'quote Riemann hypothesis',
    ];
    const slackSamples: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const body = commandBody(slack, texts[i % texts.length]!);
      const url = new URLSearchParams(body).get('response_url')!;
      const answered = slack.waitFor((r) => url.endsWith(r.path));
      const t0 = performance.now();
      await sendToApp(port, body);
      await answered;
      slackSamples.push(performance.now() - t0);
    }
    const rssAfterMiB = rssMiB(child.pid!);
    return { discord: discordSamples, slack: slackSamples, rssConnectedMiB, rssAfterMiB };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await discord.stop();
    await slack.stop();
  }
}
