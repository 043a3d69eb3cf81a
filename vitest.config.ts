import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // DuckDB and model fits are CPU-heavy; the machine has two cores.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // CI also writes the runner's own counts as JSON; .ci/run prints its final line from it.
    reporters: process.env['CI'] ? ['default', ['json', { outputFile: '.ci/vitest-report.json' }]] : ['default'],
  },
});
