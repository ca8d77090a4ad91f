import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { ConfigError, loadConfig, secretsOf } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { makeTalk } from './helpers.js';

const root = join(import.meta.dirname, '..');
const talkCli = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/bin/talk.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    input,
  });

async function run(args: string[], input = '') {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdin.end(input);
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (d) => out.push(String(d)));
  stderr.on('data', (d) => err.push(String(d)));
  const code = await runCli(args, makeTalk(), { stdin, stdout, stderr });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('CLI', () => {
  it('prints search results as exactly one JSON line', async () => {
    const { code, stdout } = await run(['search', 'data', 'wall', '--json', '--limit', '2']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!);
    expect(json.query).toBe('data wall');
    expect(json.results).toHaveLength(2);
    expect(Object.keys(json.results[0]).sort()).toEqual([
      'author',
      'id',
      'kind',
      'score',
      'section',
      'text',
      'translation',
      'verbatim',
    ]);
    expect(json.results[0]).toMatchObject({
      kind: 'speaker',
      verbatim: true,
      author: 'Yang Zhilin (杨植麟)',
    });
    expect(json.results[0].translation.by).toBe('this project');
  });

  it('answers one query per line of standard input, in order', async () => {
    const { stdout } = await run(
      ['--json', 'search', '-', '--limit', '1'],
      'stock tips\n强化学习\n\nRiemann\n',
    );
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.query)).toEqual(['stock tips', '强化学习', '', 'Riemann']);
    expect(lines[0].results).toEqual([]);
    expect(lines[1].results[0].id).toMatch(/^o1-/);
    expect(lines[3].results[0].id).toBe('o1-7');
  });

  it("prints a quote as the speaker's verbatim words and a takeaway as this project's, never in `text`", async () => {
    const quote = JSON.parse((await run(['quote', '--id', 'o1-7', '--json'])).stdout);
    expect(quote).toMatchObject({
      id: 'o1-7',
      kind: 'speaker',
      verbatim: true,
      author: 'Yang Zhilin (杨植麟)',
    });
    expect(quote.text).toContain('黎曼猜想');
    const takeaway = JSON.parse((await run(['takeaway', '--json'])).stdout);
    expect(takeaway).toMatchObject({
      kind: 'takeaway',
      verbatim: false,
      by: 'this project',
      date: '2026-11-28',
    });
    expect(takeaway).not.toHaveProperty('text');
    expect(takeaway.zh.length).toBeGreaterThan(0);
  });

  it('exits non-zero with help for an unknown subcommand and with the reason for a bad flag', async () => {
    const unknown = await run(['qoute']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Did you mean `/talk quote`?');
    const bad = await run(['quote', '--lang', 'fr']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('`--lang` takes zh, en or both');
  });

  it('runs as `npm run talk` does, flags after the arguments', () => {
    const result = talkCli(['summary', 'rl', '--lang', 'zh']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('强化学习与OpenAI o1');
    expect(result.stdout).not.toContain('Reinforcement learning and OpenAI o1');
  });
});

describe('config', () => {
  it('accepts an empty environment with defaults', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DISCORD_API_URL).toBe('https://discord.com/api');
  });

  it('names every bad variable', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        DISCORD_GUILD_ID: 'my-server',
        SLACK_BOT_TOKEN: 'xoxb-1',
        LOG_LEVEL: 'loud',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      for (const name of ['PORT', 'DISCORD_GUILD_ID', 'LOG_LEVEL']) expect(message).toContain(`${name}:`);
    }
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2-3' })).toThrow(
      /SLACK_SIGNING_SECRET: required in HTTP mode/,
    );
  });

  it('takes DISCORD_PUBLIC_KEY as 64 hex characters, with the token, never with shards', () => {
    const key = 'AB'.repeat(32);
    const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.abcdef.ghijklmnopqrstuvwxyz012345';
    expect(loadConfig({ DISCORD_TOKEN: token, DISCORD_PUBLIC_KEY: ` ${key} ` }).DISCORD_PUBLIC_KEY).toBe(
      key.toLowerCase(),
    );
    expect(() => loadConfig({ DISCORD_TOKEN: token, DISCORD_PUBLIC_KEY: 'ab'.repeat(31) })).toThrow(
      /DISCORD_PUBLIC_KEY: the application's public key: 64 hexadecimal characters/,
    );
    expect(() => loadConfig({ DISCORD_TOKEN: token, DISCORD_PUBLIC_KEY: 'zz'.repeat(32) })).toThrow(
      /DISCORD_PUBLIC_KEY:/,
    );
    expect(() => loadConfig({ DISCORD_PUBLIC_KEY: key })).toThrow(
      /DISCORD_TOKEN: required when DISCORD_PUBLIC_KEY is set/,
    );
    expect(() =>
      loadConfig({ DISCORD_TOKEN: token, DISCORD_PUBLIC_KEY: key, DISCORD_SHARDS: 'auto' }),
    ).toThrow(/DISCORD_SHARDS: shards are gateway connections/);
  });

  it('fails `npm start` naming the variable, without printing its value', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, DISCORD_TOKEN: 'short secret value' },
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('DISCORD_TOKEN:');
    expect(result.stderr).not.toContain('short secret value');
  });

  it('masks secrets in log lines', () => {
    const config = loadConfig({
      DISCORD_TOKEN: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.abcdef.ghijklmnopqrstuvwxyz012345',
    });
    const lines: string[] = [];
    const log = createLogger('info', secretsOf(config), (l) => lines.push(l));
    log.error('login failed', { error: new Error(`bad token ${config.DISCORD_TOKEN}`) });
    expect(lines.join('\n')).not.toContain(config.DISCORD_TOKEN);
    expect(lines.join('\n')).toContain('[redacted]');
  });

  it('without credentials and without a terminal, says what to set, shows a takeaway and exits 78', () => {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^(DISCORD|SLACK)_/.test(k)),
    ) as NodeJS.ProcessEnv;
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      encoding: 'utf8',
      input: '',
      env,
    });
    expect(run.status).toBe(78);
    expect(run.stdout).toContain('set DISCORD_TOKEN');
    expect(run.stdout).toContain('Takeaway of the day');
    expect(run.stderr).toContain('talk: nothing to run');
  });
});

describe('local console', () => {
  it('answers /talk commands typed at the prompt until the input ends', async () => {
    const { runConsole } = await import('../src/cli.js');
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const out: string[] = [];
    stdout.on('data', (d) => out.push(String(d)));
    const done = runConsole(makeTalk(), { stdin, stdout, stderr: new PassThrough() });
    stdin.write('/talk summary rl --en\n');
    stdin.write('quote --id o1-7\n');
    stdin.end('qoute\n');
    await done;
    const text = out.join('');
    expect(text).toContain('Local console');
    expect(text).toContain('Reinforcement learning and OpenAI o1');
    expect(text).toContain('#o1-7');
    expect(text).toContain('Did you mean `/talk quote`?');
  });

  it('pages a search with next and prev, as the buttons do', async () => {
    const { runConsole } = await import('../src/cli.js');
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const out: string[] = [];
    stdout.on('data', (d) => out.push(String(d)));
    const done = runConsole(makeTalk(), { stdin, stdout, stderr: new PassThrough() });
    stdin.write('next\n');
    stdin.write('search data --limit 2\n');
    stdin.write('next\n');
    stdin.write('prev\n');
    stdin.end();
    await done;
    const text = out.join('');
    expect(text).toContain('Nothing to page: search first');
    const pages = [...text.matchAll(/Page (\d+)\/(\d+)/g)].map((m) => Number(m[1]));
    expect(pages).toEqual([1, 2, 1]);
    // The page size survives paging: two results a page.
    expect(text).toContain('3. #');
    expect(text).not.toContain('5. #');
  });

  it('ends on a fresh line on Ctrl-C', async () => {
    const { runConsole } = await import('../src/cli.js');
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const out: string[] = [];
    stdout.on('data', (d) => out.push(String(d)));
    const done = runConsole(makeTalk(), { stdin, stdout, stderr: new PassThrough(), terminal: true });
    stdin.write('\u0003');
    await Promise.race([done, new Promise((r) => setTimeout(r, 500))]);
    stdin.end();
    await done;
    // Whatever the terminal drew last, the console's own last output is a line break.
    expect(out.join('')).toMatch(/\n$/);
    expect(out.at(-1)).toBe('\n');
  });
});

describe('CLI input, read closely', () => {
  it('reads flags in any case: --LIMIT is the limit, not the page', async () => {
    const { code, stdout } = await run(['--LIMIT', '2', 'search', 'data', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).results).toHaveLength(2);
  });

  it('exits 1 for an unknown subcommand with and without --json, with one line of usage, not the whole help', async () => {
    const plain = await run(['qoute']);
    const json = await run(['qoute', '--json']);
    expect([plain.code, json.code]).toEqual([1, 1]);
    expect(plain.stderr.trim().split('\n')).toEqual([
      '“qoute” is not a /talk command. Did you mean `/talk quote`?',
      'Usage: `/talk quote [words]`',
      '`/talk help` lists every command.',
    ]);
    expect(JSON.parse(json.stderr)).toMatchObject({
      error: { code: 'unknown-command' },
      didYouMean: 'quote',
    });
  });

  it('says what is missing for `search --json` with no words', async () => {
    const { code, stderr } = await run(['search', '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(stderr).error.message.en).toContain('Tell me what to search for');
  });

  it('refuses words and flags that do not apply instead of ignoring them', async () => {
    expect((await run(['topics', 'extra', 'words'])).stderr).toContain('`topics` takes no words');
    expect((await run(['about', '--limit', '3'])).stderr).toContain('`--limit` applies to `search` only');
    expect((await run(['quote', '--page', '2'])).stderr).toContain('`--page` applies to `search` only');
    expect((await run(['takeaway', '2024-02-30'])).code).toBe(1);
  });

  it('repeats a 5,000-character typo cut, not in full', async () => {
    const typo = 'x'.repeat(5000);
    const { code, stderr } = await run([typo]);
    expect(code).toBe(1);
    expect(stderr.length).toBeLessThan(300);
    expect(stderr).toContain('…');
  });
});

describe('.env.example', () => {
  it('documents every variable the configuration reads', async () => {
    const { envSchema } = await import('../src/config.js');
    const example = readFileSync(join(root, '.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]));
    expect(Object.keys(envSchema.shape).filter((name) => !documented.has(name))).toEqual([]);
  });
});
