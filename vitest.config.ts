import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A worker process keeps its module cache from one test file to the next instead of importing the sources
    // afresh for every file: that import was a fifth of a full run's CPU (147 s of module loading against 39 s,
    // one run each way on this 2-core machine). No test mocks modules or changes process.env, and every file
    // cleans up what it starts, so files still see nothing of each other.
    isolate: false,
    // Most suites wait on processes, git or Redis rather than the CPU: five files at a time fits the suite in CI's
    // budget; the benchmark-driven tests plant effects large enough for a busy machine and use a strict
    // confidence level.
    maxWorkers: 5,
  },
});
