/** `npm run talk -- card … --out FILE`: the share card written as a PNG, and nothing written when it cannot be. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { makeTalk } from './helpers.js';

async function run(args: string[]) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdin.end('');
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (d) => out.push(String(d)));
  stderr.on('data', (d) => err.push(String(d)));
  const code = await runCli(args, makeTalk(), { stdin, stdout, stderr });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const dir = () => mkdtempSync(join(tmpdir(), 'talk-card-'));

describe('card on the command line', () => {
  it('writes a 1200×675 PNG of the best quote for the words, and says where', async () => {
    const where = dir();
    const file = join(where, 'card.png');
    const { code, stdout } = await run(['card', 'data', 'wall', '--out', file]);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Wrote ${file} \\(1200×675 PNG, \\d+ KiB\\): quote #agi-\\d+\\n$`));
    const image = await loadImage(readFileSync(file));
    expect([image.width, image.height]).toEqual([1200, 675]);
    expect(readdirSync(where)).toEqual(['card.png']);
  });

  it("writes the day's takeaway card, and with --json says whose words it holds and which file it wrote", async () => {
    const file = join(dir(), 't.png');
    const { code, stdout } = await run(['card', 'takeaway', '--zh', '--json', `--out=${file}`]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ kind: 'takeaway', verbatim: false, by: 'this project', date: '2026-11-28' });
    expect(json.card).toEqual({ file, width: 1200, height: 675, bytes: readFileSync(file).length });
  });

  it('names a path it cannot write, exits 1, and leaves nothing behind', async () => {
    const where = dir();
    const missing = join(where, 'no-such-folder', 'card.png');
    const { code, stderr, stdout } = await run(['card', '--id', 'o1-7', '--out', missing]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `Could not write the card to ${missing} (ENOENT): check that the folder exists and is writable.\n`,
    );
    // A folder where the file should go: refused at the rename, and the partial file removed.
    const { code: onFolder } = await run(['card', '--id', 'o1-7', '--out', where]);
    expect(onFolder).toBe(1);
    expect(readdirSync(where)).toEqual([]);
  });

  it('writes nothing when there is no card to draw, and says why', async () => {
    const where = dir();
    const file = join(where, 'card.png');
    const notCovered = await run(['card', 'stock', 'tips', '--out', file]);
    expect(notCovered.code).toBe(1);
    expect(notCovered.stderr).toContain("The talk doesn't cover that.");
    const badDay = await run(['card', 'takeaway', '2026-02-30', '--out', file]);
    expect(badDay.stderr).toContain('“2026-02-30” is not a date I can use.');
    expect(existsSync(file)).toBe(false);
  });

  it('refuses --out without a file name or on another command', async () => {
    expect(await run(['card', '--out'])).toMatchObject({
      code: 1,
      stderr: '`--out` needs a file name, e.g. `--out card.png`.\n',
    });
    expect(await run(['quote', '--out', 'x.png'])).toMatchObject({
      code: 1,
      stderr: '`--out` applies to `card` only.\n',
    });
  });

  it('prints the words and where the image is made, without --out', async () => {
    const { code, stdout } = await run(['card', '--id', 'o1-7', '--en']);
    expect(code).toBe(0);
    expect(stdout).toContain('English translation by this project');
    expect(stdout).toContain('`npm run talk -- card … --out card.png` writes it');
  });
});

describe('loading the card renderer', () => {
  /** The modules `npm run talk -- <args>` resolves, as a module hook records them. */
  function modulesLoaded(args: string[]): string[] {
    const where = dir();
    const log = join(where, 'loaded.txt');
    writeFileSync(
      join(where, 'hooks.mjs'),
      `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, r.url + '\\n');
  return r;
}`,
    );
    writeFileSync(
      join(where, 'register.mjs'),
      `import { register } from 'node:module'; register('./hooks.mjs', import.meta.url);`,
    );
    const run = spawnSync(
      process.execPath,
      ['--import', join(where, 'register.mjs'), '--import', 'tsx', 'src/bin/talk.ts', ...args],
      { cwd: join(import.meta.dirname, '..'), encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    return readFileSync(log, 'utf8').split('\n');
  }
  const canvas = (urls: string[]) => urls.filter((u) => /@napi-rs\/canvas|render\/card\/draw/.test(u));

  it('is not loaded by a command that draws nothing, only when a card is drawn', () => {
    expect(canvas(modulesLoaded(['quote']))).toEqual([]);
    expect(
      canvas(modulesLoaded(['card', '--id', 'o1-7', '--out', join(dir(), 'c.png')])).length,
    ).toBeGreaterThan(0);
  });
});
