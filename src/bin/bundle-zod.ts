/**
 * A step of `npm run build`: dist/src/zod.js, which tsc emits as a re-export of the zod package, becomes
 * zod itself bundled into that one file, so the bot loads one module where it loaded ~80.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { findContentDir } from '../content/dir.js';

export async function bundleZod(outfile: string, source = join(dirname(findContentDir()), 'src', 'zod.ts')) {
  await build({
    entryPoints: [source],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    allowOverwrite: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  await bundleZod(join(dirname(fileURLToPath(import.meta.url)), '..', 'zod.js'));
