import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, renderReadme } from './readme-examples.js';

const path = join(import.meta.dirname, '..', 'README.md');

describe('README', () => {
  it('shows the program’s own output in every example (`npm run readme` rewrites them)', async () => {
    const readme = readFileSync(path, 'utf8');
    expect([...readme.matchAll(EXAMPLE)].length).toBeGreaterThanOrEqual(10);
    expect(await renderReadme(readme)).toBe(readme);
  });
});
