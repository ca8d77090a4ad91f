/**
 * What can be tested of the image without a Docker engine: the entrypoint with empty variables, the bot as a
 * non-root user without a terminal, the launcher that runs compiled code in the image, and the Dockerfile
 * and compose file's promises.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../src/http/server.js';

const root = join(import.meta.dirname, '..');
const entrypoint = join(root, 'docker', 'entrypoint.sh');
const canDropRoot = process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).status === 0;

describe('the image entrypoint', () => {
  it('treats empty variables (from an .env copied from .env.example) as "use the image default"', () => {
    const out = spawnSync(
      'sh',
      [entrypoint, 'node', '-e', 'console.log([process.env.DATA_DIR, process.env.HEALTH_PORT].join(" "))'],
      { env: { PATH: process.env.PATH, DATA_DIR: '', HEALTH_PORT: '', HEALTH_HOST: '' }, encoding: 'utf8' },
    );
    expect(out.status).toBe(0);
    expect(out.stdout.trim()).toBe('/data 8081');
    const set = spawnSync('sh', [entrypoint, 'node', '-e', 'console.log(process.env.DATA_DIR)'], {
      env: { PATH: process.env.PATH, DATA_DIR: '/elsewhere' },
      encoding: 'utf8',
    });
    expect(set.stdout.trim()).toBe('/elsewhere');
  });

  it.skipIf(!canDropRoot)(
    'as a non-root user, with no credentials and no terminal: says what to set and exits 78 (no restart loop of a silent 0)',
    () => {
      const out = spawnSync(
        'setpriv',
        [
          '--reuid=1000',
          '--regid=1000',
          '--clear-groups',
          'sh',
          entrypoint,
          process.execPath,
          '--import',
          'tsx',
          'src/main.ts',
        ],
        {
          cwd: root,
          env: { PATH: process.env.PATH, HOME: tmpdir(), DATA_DIR: '', HEALTH_PORT: '' },
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      expect(out.status).toBe(78);
      expect(out.stdout).toContain('talk: no chat platform configured');
      expect(out.stderr).toContain('talk: nothing to run — set DISCORD_TOKEN or SLACK_BOT_TOKEN');
    },
  );
});

describe('the launcher behind `npm run talk` and `npm run discord:register`', () => {
  function tree(): string {
    const dir = mkdtempSync(join(tmpdir(), 'talk-launcher-'));
    mkdirSync(join(dir, 'src', 'bin'), { recursive: true });
    mkdirSync(join(dir, 'dist', 'src', 'bin'), { recursive: true });
    cpSync(join(root, 'src', 'bin', 'run.mjs'), join(dir, 'src', 'bin', 'run.mjs'));
    writeFileSync(
      join(dir, 'src', 'bin', 'hello.ts'),
      'console.log("from source", process.argv.slice(2).join(","));',
    );
    writeFileSync(
      join(dir, 'dist', 'src', 'bin', 'hello.js'),
      'console.log("compiled", process.argv.slice(2).join(","));',
    );
    // tsx, for the source path, is found through the project's node_modules.
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    return dir;
  }
  const run = (dir: string) =>
    spawnSync(process.execPath, [join(dir, 'src', 'bin', 'run.mjs'), 'src/bin/hello', 'a', 'b'], {
      encoding: 'utf8',
    }).stdout.trim();

  it('runs the compiled file when the build is current, the source when it is not, compiled alone in the image', () => {
    const dir = tree();
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, 'src', 'bin', 'hello.ts'), old, old);
    expect(run(dir)).toBe('compiled a,b');
    utimesSync(join(dir, 'src', 'bin', 'hello.ts'), new Date(), new Date());
    utimesSync(join(dir, 'dist', 'src', 'bin', 'hello.js'), old, old);
    expect(run(dir)).toBe('from source a,b');
    // The image ships dist/ and no sources.
    spawnSync('rm', ['-f', join(dir, 'src', 'bin', 'hello.ts')]);
    expect(run(dir)).toBe('compiled a,b');
  }, 60_000);
});

describe('Dockerfile and compose', () => {
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
  const compose = readFileSync(join(root, 'docker-compose.yml'), 'utf8');

  it('runs on a supported Node LTS, as the non-root node user, under tini, with working defaults', () => {
    const bases = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]!);
    for (const base of bases.filter((b) => b.startsWith('node:'))) expect(base).toMatch(/^node:(22|24)-/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toContain('ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/talk-entrypoint"]');
    expect(dockerfile).toContain('process.env.HEALTH_PORT||8081');
    expect(dockerfile).toMatch(/COPY src\/bin\/run\.mjs/);
  });

  it('publishes the HTTP port for Slack HTTP mode and Discord interactions', () => {
    expect(compose).toMatch(/ports:\s*\n(\s*#.*\n)*\s*- "\$\{TALK_PUBLISHED_PORT:-3000\}:3000"/);
  });

  /** The text of one top-level service (from its name to the next service or section). */
  const service = (name: string) => {
    const at = compose.indexOf(`\n  ${name}:\n`);
    expect(at, name).toBeGreaterThan(0);
    const rest = compose.slice(at + 1);
    const end = rest.slice(1).search(/\n( {2}[\w-]+:\n|\S)/);
    return rest.slice(0, end < 0 ? undefined : end + 1);
  };

  it('has a --scale-ready HTTP service with no fixed host port, behind a load balancer, in its own profile', () => {
    const bot = service('bot-http');
    expect(bot).toMatch(/profiles: \[http\]/);
    expect(bot).not.toMatch(/ports:/);
    expect(bot).toMatch(/expose:\s*\n\s*- "3000"/);
    expect(bot).toMatch(/PORT: "3000"/);
    // Slack over HTTP whatever .env says: Socket Mode in every replica is not the shape this service is for.
    expect(bot).toMatch(/SLACK_APP_TOKEN: ""/);
    expect(bot).toMatch(/DATABASE_URL: postgres:\/\/talk:talk@postgres:5432\/talk/);
    const lb = service('lb');
    expect(lb).toMatch(/profiles: \[http\]/);
    expect(lb).toMatch(/image: nginx:/);
    expect(lb).toContain('./docker/nginx.conf:/etc/nginx/conf.d/default.conf:ro');
    expect(lb).toMatch(/- "\$\{TALK_HTTP_PUBLISHED_PORT:-8080\}:8080"/);
    // The plain `docker compose up -d` is unchanged: `bot` has no profile.
    expect(service('bot')).not.toMatch(/profiles:/);
  });

  it('refuses to run bot-http with Discord over the gateway (each replica would answer everything)', () => {
    const folded = /command:\s*\n\s*- sh\s*\n\s*- -c\s*\n\s*- >-\n((?:\s{8}.*\n)+)/.exec(
      service('bot-http'),
    )?.[1];
    expect(folded).toBeDefined();
    // YAML folds the lines with spaces; compose turns $$ into $. The last step is replaced to stay here.
    const script = folded!
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .join(' ')
      .replaceAll('$$', '$')
      .replace('exec node dist/src/main.js', 'echo would start');
    const run = (env: Record<string, string>) =>
      spawnSync('sh', ['-c', script], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
    const refused = run({ DISCORD_TOKEN: 'a-token' });
    expect(refused.status).toBe(78);
    expect(refused.stderr).toContain('set DISCORD_PUBLIC_KEY in .env');
    expect(run({ DISCORD_TOKEN: 'a-token', DISCORD_PUBLIC_KEY: 'ab'.repeat(32) }).stdout.trim()).toBe(
      'would start',
    );
    expect(run({ SLACK_BOT_TOKEN: 'xoxb-1' }).stdout.trim()).toBe('would start');
  });

  it('balances only the two interaction paths, re-resolving the replicas, within the bot’s body limit', () => {
    const nginx = readFileSync(join(root, 'docker', 'nginx.conf'), 'utf8');
    expect(nginx).toMatch(/^resolver 127\.0\.0\.11 valid=10s/m);
    expect(nginx).toContain('set $bot http://bot-http:3000;');
    for (const path of ['/discord/interactions', '/slack/events'])
      expect(nginx).toMatch(new RegExp(`location = ${path} \\{\\s*proxy_pass \\$bot;`));
    expect(nginx).toContain(`client_max_body_size ${BODY_LIMIT_BYTES / 1024}k;`);
    expect(nginx).toMatch(/location \/ \{\s*return 404;/);
  });
});
