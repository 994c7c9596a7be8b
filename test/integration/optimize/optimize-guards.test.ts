import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll } from '../../helpers/git-fixtures.ts';
import { historyOf, optimize, readCheckpoint } from './optimize-cli-harness.ts';
import { createOptimizeFixture, type AgentPlan, type OptimizeFixture } from './optimize-fixture.ts';

afterAll(cleanupAll);

/** node:test tests of slowSum; `PERFBOT-BROKEN` (returns the length) fails the first one. */
const NODE_TESTS = `const test = require('node:test');
const assert = require('node:assert');
const { slowSum } = require('./slow.js');
test('sums the prefix sums', () => assert.strictEqual(slowSum([1, 2, 3, 4]), 20));
test('sums nothing to 0', () => assert.strictEqual(slowSum([]), 0));
`;

/** Every path allowed, three iterations: only the guards stand between the adversaries and a commit. */
function perfYml(testCommand: string): string {
  return `benchmark:
  command: ["node", "bench.js"]
  format: bmf
  runs: 6
  warmup: 0
test:
  command: ${testCommand}
optimize:
  maxIterations: 3
`;
}

async function expectStoppedAtOptimize(fixture: OptimizeFixture, rejected: string, reason: string): Promise<void> {
  const run = await optimize(fixture, ['--target', '20%']);
  expect(run.code, run.stderr).toBe(1);
  const state = await readCheckpoint(fixture);
  expect(historyOf(state)).toEqual([
    'init: ready',
    'benchmark: baseline measured',
    'analyze: plan written',
    'optimize: changes rejected',
    'optimize: changes rejected again',
    'complete: stopped',
  ]);
  expect(state.stop?.phase).toBe('optimize');
  expect(state.stop?.reason).toContain(
    `the agent broke the diff rules again after being told why, in iteration 2 of 3: ${rejected} (`,
  );
  expect(state.stop?.reason).toContain(reason);
  // The retry was told which file and why.
  const calls = await fixture.calls();
  const retryPrompt = await fixture.prompt(calls.lastIndexOf('optimizer') + 1);
  expect(retryPrompt).toContain(rejected);
  expect(retryPrompt).toContain(reason);
  // Nothing was measured, nothing committed, and the report says why.
  expect(state.latest).toBeUndefined();
  expect(await fixture.repo.git('branch', '--list', `perf/${fixture.task}`)).toBe('');
  expect(run.stdout).toMatch(/^## ⏹️ Optimization stopped during optimize\n/);
  // The report escapes Markdown in the reason; read it as a person would.
  const shown = run.stdout.replaceAll('\\', '');
  expect(shown).toContain(`**Why:** ${state.stop?.reason}`);
  expect(shown).toContain(reason);
}

describe('perfbot optimize: changes that game the measurement are rejected before VERIFY', () => {
  it('rejects editing the benchmark file (named by benchmark.command), then stops after the one retry', async () => {
    const fixture = await createOptimizeFixture({
      optimizer: './optimizer-edit-bench.mjs',
      perfYml: perfYml('["node", "test.js"]'),
    });
    await expectStoppedAtOptimize(
      fixture,
      'bench.js',
      'protected (bench.js): benchmarks, tests, their fixtures and perf.yml',
    );
  });

  it('rejects deleting a test file, though `node --test` would then pass with no tests', async () => {
    const plan: AgentPlan = {
      optimizer: './optimizer-delete-test.mjs',
      perfYml: perfYml('["node", "--test"]'),
      files: { 'src/slow.test.js': NODE_TESTS },
      omit: ['test.js'],
    };
    const fixture = await createOptimizeFixture(plan);
    await expectStoppedAtOptimize(fixture, 'src/slow.test.js', 'protected (**/*.test.*)');
  });

  it('rejects adding `.skip` to a test outside the protected layouts', async () => {
    const plan: AgentPlan = {
      optimizer: './optimizer-skip-test.mjs',
      // A shell glob names no file, so src/slow.check.js is not protected: the skip-marker rule must catch it.
      perfYml: perfYml('"node --test src/*.check.js"'),
      files: { 'src/slow.check.js': NODE_TESTS },
      omit: ['test.js'],
    };
    const fixture = await createOptimizeFixture(plan);
    await expectStoppedAtOptimize(
      fixture,
      'src/slow.check.js',
      'adds test-skipping markers (`it.skip`/`.todo`/`.only`)',
    );
  });

  it('sends back a change after which fewer tests pass than on the starting commit (the count in the output)', async () => {
    const plan: AgentPlan = {
      optimizer: './optimizer-drop-test.mjs,optimizer-noop',
      perfYml: perfYml('"node --test src/*.check.js"').replace('maxIterations: 3', 'maxIterations: 2'),
      files: { 'src/slow.check.js': NODE_TESTS },
      omit: ['test.js'],
    };
    const fixture = await createOptimizeFixture(plan);
    const run = await optimize(fixture, ['--target', '20%']);
    expect(run.code, run.stderr).toBe(1);
    const state = await readCheckpoint(fixture);
    expect(historyOf(state)).toEqual([
      'init: ready',
      'benchmark: baseline measured',
      'analyze: plan written',
      'optimize: changes made',
      'verify: tests failed',
      'optimize: no changes',
      'complete: stopped',
    ]);
    const told =
      'test.command passed 1 test, but 2 pass on the starting commit: tests may not be removed, skipped or disabled';
    const calls = await fixture.calls();
    expect(await fixture.prompt(calls.lastIndexOf('optimizer') + 1)).toContain(told);
    expect(await fixture.repo.git('branch', '--list', `perf/${fixture.task}`)).toBe('');
  });
});
