/**
 * The last step of `npm run build`: the command line (src/bin/talk.ts) as one file, dist/src/bin/talk.js,
 * in place of the ~30 modules tsc emits for it. Loading those modules one by one was most of what `talk
 * quote` cost beyond Node's own start. What only some commands need (validating edited content, drawing a
 * card) stays in chunks beside it, loaded when used; packages stay in node_modules, as for the bot.
 */
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { findContentDir } from '../content/dir.js';

const CHUNK_PREFIX = 'talk-chunk-';

/** Bundles the CLI into `outdir`, which must sit two levels under the snapshots' folder, as dist/src/bin does. */
export async function bundleCli(
  outdir: string,
  source = join(dirname(findContentDir()), 'src', 'bin', 'talk.ts'),
): Promise<void> {
  for (const file of readdirSync(outdir)) if (file.startsWith(CHUNK_PREFIX)) rmSync(join(outdir, file));
  await build({
    entryPoints: { talk: source },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    chunkNames: `${CHUNK_PREFIX}[hash]`,
    allowOverwrite: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  await bundleCli(dirname(fileURLToPath(import.meta.url)));
