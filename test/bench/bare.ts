/**
 * Compiles the bare baselines (bare-discord.ts, bare-slack.ts, bare-discord-http.ts) and the harness floor (null-bot.ts) to plain JavaScript once per bench run, so
 * they start the way talk does (`node file.js`, no tsx loader). esbuild (installed with tsx) transpiles
 * each file on its own, without bundling: discord.js and bolt are loaded from node_modules exactly as talk
 * loads them. The output goes to a temporary directory with a `node_modules` symlink to the project's, so
 * package imports resolve to the same files talk uses.
 */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { tempDir } from './children.js';

export interface BareBots {
  dir: string;
  discord: string;
  slack: string;
  /** Discord over HTTP without any library: node:http and node:crypto (bare-discord-http.ts). */
  discordHttp: string;
  /** The harness floor (null-bot.ts): run with argument `discord` or `slack`. */
  nullBot: string;
  remove(): void;
}

export async function compileBareBots(root: string): Promise<BareBots> {
  const { dir, remove } = tempDir('talk-bench-bare-');
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const here = join(root, 'test', 'bench');
  await build({
    entryPoints: ['bare-discord.ts', 'bare-slack.ts', 'bare-discord-http.ts', 'null-bot.ts'].map((f) =>
      join(here, f),
    ),
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  return {
    dir,
    discord: join(dir, 'bare-discord.mjs'),
    slack: join(dir, 'bare-slack.mjs'),
    discordHttp: join(dir, 'bare-discord-http.mjs'),
    nullBot: join(dir, 'null-bot.mjs'),
    remove,
  };
}
