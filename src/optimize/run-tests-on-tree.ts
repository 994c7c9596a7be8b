import { benchSettingsFromConfig } from '../benchmark/bench-settings-from-config.ts';
import { buildChildEnv } from '../benchmark/runner/build-child-env.ts';
import { createSideHome } from '../sandbox/sandbox.ts';
import type { OptimizeContext } from './optimize-context.ts';
import { runTestCommand, type TestRun } from './run-test-command.ts';
import { snapshotDir } from './snapshot-dir.ts';

/**
 * `benchmark.setup` (when there are tests) and `test.command` on one tree, sharing a fresh home. Everything they
 * wrote in the tree is undone afterwards (`snapshotDir`): a cache of results or a build the tests made must not
 * reach the benchmark runs that measure the same tree next.
 */
export async function runTestsOnTree(ctx: OptimizeContext, dir: string): Promise<TestRun> {
  const home = await createSideHome('tests');
  const untested = await snapshotDir(dir);
  try {
    const tests = await runTests(ctx, dir, home.dir);
    await untested.restore();
    return tests;
  } finally {
    await Promise.all([home.remove(), untested.remove()]);
  }
}

async function runTests(ctx: OptimizeContext, dir: string, home: string): Promise<TestRun> {
  const settings = benchSettingsFromConfig(ctx.config);
  const testCommand = ctx.config.test.command;
  // Tests may need the build the benchmark setup makes; the engine runs setup again on both sides (untimed).
  if (testCommand !== undefined && settings.setup !== undefined) {
    const setup = await runTestCommand(
      {
        command: settings.setup,
        cwd: dir,
        home,
        // perf.yml's env goes through the same filter as in the engine (no secrets, no BASH_ENV).
        env: { ...ctx.childEnv, ...buildChildEnv({}, settings.env) },
        timeoutMs: settings.timeoutMs,
        signal: ctx.signal,
        label: 'benchmark.setup (run before the tests)',
        network: settings.network.setup,
        limits: settings.limits,
      },
      ctx.runProcess,
    );
    if (setup.result === 'failed') return setup;
  }
  return await runTestCommand(
    {
      command: testCommand,
      cwd: dir,
      home,
      env: ctx.childEnv,
      timeoutMs: ctx.testTimeoutMs,
      signal: ctx.signal,
      network: ctx.config.test.network,
      limits: settings.limits,
    },
    ctx.runProcess,
  );
}
