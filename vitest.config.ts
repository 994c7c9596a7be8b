import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most suites wait on processes, git, Redis or GitHub's write spacing rather than the CPU (a full run keeps a
    // 2-core machine about half busy at three files at a time): five at a time fits the suite in CI's budget; the
    // benchmark-driven tests plant effects large enough for a busy machine and use a strict confidence level.
    maxWorkers: 5,
  },
});
