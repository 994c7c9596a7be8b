import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most suites wait on processes, git, Redis or GitHub's write spacing rather than the CPU: three files at a
    // time keeps a 2-core machine busy without making the benchmark-driven tests' noise unreasonable.
    maxWorkers: 3,
  },
});
