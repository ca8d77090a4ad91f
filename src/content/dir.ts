import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** content/ sits beside src/ in the repository and beside dist/ in a build; walk up to find it. */
export function findContentDir(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'content');
    if (existsSync(join(candidate, 'talk.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`content/ not found above ${from}`);
  }
}
