#!/usr/bin/env node
/**
 * `npm run talk` and `npm run discord:register`: run the compiled entry point (dist/<entry>.js) when the
 * build is current, so a command costs npm's own start-up and nothing more; from the TypeScript sources
 * through tsx otherwise (while developing, or before the first build). In the Docker image there are no
 * sources: the compiled file always runs.
 *
 *   node src/bin/run.mjs src/bin/talk quote --json
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node src/bin/run.mjs <entry, e.g. src/bin/talk> [arguments]');
  process.exit(64);
}

/** The newest modification time of the TypeScript sources under `dir`. */
function newestSource(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (item.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const compiled = join(root, 'dist', `${entry}.js`);
const source = join(root, `${entry}.ts`);
const buildInfo = join(root, 'dist', '.tsbuildinfo');
const built = existsSync(compiled)
  ? Math.max(statSync(compiled).mtimeMs, existsSync(buildInfo) ? statSync(buildInfo).mtimeMs : 0)
  : 0;
const current =
  built > 0 &&
  (!existsSync(source) ||
    built >= Math.max(newestSource(join(root, 'src')), newestSource(join(root, 'commands'))));

if (current) {
  process.argv = [process.argv[0], compiled, ...args];
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  process.argv = [process.argv[0], source, ...args];
  await import(pathToFileURL(source).href);
}
