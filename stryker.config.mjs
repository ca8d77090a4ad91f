// Mutation testing (`npm run mutate`): Stryker changes the code whose mistakes cost the most, one small
// change at a time, and checks that some test fails. Slow (tens of minutes on two cores), so it stays out
// of CI. A folder alone: `npm run mutate -- --mutate 'src/search/**/*.ts'`. Scores: docs/mutation.md.
const report = `reports/mutation/${process.env.MUTATION_REPORT ?? 'all'}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  // Each mutant runs only the tests that reached it.
  coverageAnalysis: 'perTest',
  // Static mutants (module-level constants) would each need the whole suite; they are left out.
  ignoreStatic: true,
  mutate: [
    'src/daily/**/*.ts',
    'src/search/**/*.ts',
    'src/render/**/*.ts',
    'src/core/parse.ts',
    'src/http/replay.ts',
    'commands/slack/http-receiver.ts',
  ],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `${report}.html` },
  jsonReporter: { fileName: `${report}.json` },
  // A second run retests only the mutants whose code or tests changed since the first.
  incremental: true,
  incrementalFile: `${report}.incremental.json`,
  thresholds: { high: 85, low: 70, break: null },
  timeoutMS: 5_000,
  concurrency: 2,
  tempDirName: '.stryker-tmp',
  // Other runs' sandboxes (one folder at a time may run side by side) are not copied into this one's.
  ignorePatterns: ['/.stryker-tmp*', '/.scratch', '/reports'],
  cleanTempDir: 'always',
};
