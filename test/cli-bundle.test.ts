/**
 * The command line as `npm run build` ships it: one bundled file (with chunks loaded on demand) run by
 * plain node. It answers like the sources do, loads only its own few files for a quote, and still works
 * when the build's snapshots are missing (it then validates content/ through a chunk of its own).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli } from '../src/bin/bundle-cli.js';
import { writeContentSnapshot } from '../src/content/fast.js';
import { loadContent } from '../src/content/load.js';
import { writeSnapshot } from '../src/search/snapshot.js';

const root = join(import.meta.dirname, '..');
let build: string;
let bin: string;

beforeAll(async () => {
  // Inside the project, as dist/ is: content/ is found by walking up, packages from node_modules.
  mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
  build = mkdtempSync(join(root, 'node_modules', '.cache', 'talk-cli-bundle-'));
  bin = join(build, 'src', 'bin');
  mkdirSync(bin, { recursive: true });
  const content = loadContent();
  writeContentSnapshot(content, join(build, 'content-snapshot.json'));
  writeSnapshot(content, join(build, 'search-index.bin'));
  await bundleCli(bin);
}, 60_000);

afterAll(() => rmSync(build, { recursive: true, force: true }));

/** Runs the bundled CLI, recording every module it loads (ES modules and CommonJS alike) in LOADED_LOG. */
function talk(args: string[]): { status: number | null; stdout: string; stderr: string; loaded: string[] } {
  writeFileSync(
    join(build, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(process.env.LOADED_LOG, r.url + '\\n');
  return r;
}`,
  );
  writeFileSync(
    join(build, 'record.mjs'),
    `import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
register('./hooks.mjs', import.meta.url);
const cache = createRequire(import.meta.url).cache;
process.on('exit', () => appendFileSync(process.env.LOADED_LOG, Object.keys(cache).join('\\n') + '\\n'));`,
  );
  const log = join(build, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  const run = spawnSync(
    process.execPath,
    ['--import', join(build, 'record.mjs'), join(bin, 'talk.js'), ...args],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, LOADED_LOG: log },
    },
  );
  const loaded = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, loaded };
}

describe('the bundled command line', () => {
  it('quotes the speaker verbatim, loading its own bundle and no other module of the project or fuse.js', () => {
    const run = talk(['quote', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const quote = JSON.parse(run.stdout);
    expect(quote).toMatchObject({ kind: 'speaker', verbatim: true });
    expect(loadContent().passages.find((p) => p.id === quote.id)?.zh).toBe(quote.text);
    const ours = run.loaded.filter((u) => u.includes(root) && !u.includes('node_modules/.cache'));
    expect(ours.filter((u) => !u.includes('node_modules'))).toEqual([]);
    expect(run.loaded.filter((u) => u.includes('fuse'))).toEqual([]);
    expect(run.loaded.filter((u) => u.includes(bin)).length).toBeLessThanOrEqual(6);
  });

  it('searches, and finds a topic from a misspelt name (loading fuse.js then)', () => {
    const search = talk(['search', 'data', 'wall']);
    expect(search.status, search.stderr).toBe(0);
    expect(search.stdout).toContain('Search: data wall');
    const summary = talk(['summary', 'reinforcment']);
    expect(summary.status, summary.stderr).toBe(0);
    expect(summary.stdout).toContain('Summary written by this project');
    expect(summary.loaded.some((u) => u.includes('fuse'))).toBe(true);
  });

  it('still answers without the build’s snapshots, validating content/ as the sources do', () => {
    rmSync(join(build, 'content-snapshot.json'));
    rmSync(join(build, 'search-index.bin'));
    const run = talk(['search', '强化学习', '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).results.length).toBeGreaterThan(0);
    expect(run.loaded.some((u) => u.includes('/zod/'))).toBe(true);
  });
});
