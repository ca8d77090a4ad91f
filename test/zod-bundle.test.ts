/**
 * The build's zod: dist/src/zod.js, a re-export of the package as tsc emits it, replaced by zod bundled into
 * that one file. It must work as the package does and load nothing from it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleZod } from '../src/bin/bundle-zod.js';

const root = join(import.meta.dirname, '..');
mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
const dir = mkdtempSync(join(root, 'node_modules', '.cache', 'talk-zod-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('zod as the build bundles it', () => {
  it('is one file that imports no module, and validates as the package does', async () => {
    const file = join(dir, 'zod.js');
    await bundleZod(file);
    const text = readFileSync(file, 'utf8');
    // No static import or re-export from a module, no dynamic import or require of one.
    expect(text).not.toMatch(
      /^\s*(import|export)\b[^;\n]*\bfrom\s*["']|\bimport\(\s*["'`]|\brequire\(\s*["'`]/m,
    );
    expect(text).toMatch(/^export \{[^}]*\bz\b[^}]*\};?$/m);
    const { z } = (await import(pathToFileURL(file).href)) as typeof import('../src/zod.js');
    const port = z.coerce.number().int().min(1).max(65535);
    expect(port.parse('8080')).toBe(8080);
    const refused = port.safeParse('70000');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.code).toBe('too_big');
  }, 60_000);
});
