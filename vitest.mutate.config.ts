import { defineConfig } from 'vitest/config';

// The tests Stryker runs against each mutant. MUTATION_TESTS (comma-separated globs) narrows them to the
// tests that own the folder being mutated; by default, every test that runs the code in this process
// (tests that spawn the compiled bot or CLI would run unmutated code, so they are left out).
const chosen = process.env.MUTATION_TESTS?.split(',').filter(Boolean);

export default defineConfig({
  test: {
    include: chosen ?? ['test/**/*.test.ts'],
    exclude: [
      'test/cli.test.ts',
      'test/cli-card.test.ts',
      'test/main.test.ts',
      'test/docker.test.ts',
      'test/readme.test.ts',
      'test/scale/**',
      'test/ops/faults.test.ts',
      'test/content/content.test.ts',
      'test/daily/two-processes.test.ts',
      '**/node_modules/**',
    ],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
