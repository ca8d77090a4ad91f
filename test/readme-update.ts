/** `npm run readme`: rewrites the README's examples with what the program prints now. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReadme } from './readme-examples.js';

const path = join(import.meta.dirname, '..', 'README.md');
const before = readFileSync(path, 'utf8');
const after = await renderReadme(before);
writeFileSync(path, after);
console.log(before === after ? 'README examples already up to date' : 'README examples rewritten');
