import { z } from 'zod';
import { parseTestCount } from '../pipeline/verify/parse-test-count.ts';
import type { OptimizeContext } from './optimize-context.ts';
import { runTestsOnTree } from './run-tests-on-tree.ts';

/** The run-files name of the starting commit's passing-test count (measured once per run). */
const BASELINE_TESTS_FILE = 'baseline-tests.json';
const BaselineTests = z.strictObject({ count: z.int().min(0).nullable() });

/**
 * Whether a change made the test suite smaller: when the tests' output states how many passed
 * (`parseTestCount`), the same command on the starting commit (`baseDir`, a clean checkout of it) must not have
 * passed more. The starting commit's count is measured the first time it is needed and kept for the run.
 * Returns the message for the optimizer when fewer pass, else undefined (also when either count is unknown,
 * or the tests fail on the starting commit: then there is nothing to compare with).
 */
export async function checkTestCount(
  ctx: OptimizeContext,
  baseDir: string,
  headOutput: string,
): Promise<string | undefined> {
  const head = parseTestCount(headOutput);
  if (head === undefined) return undefined;
  let baseline = (await ctx.files.readData(BASELINE_TESTS_FILE, BaselineTests))?.count;
  if (baseline === undefined) {
    const tests = await runTestsOnTree(ctx, baseDir);
    baseline = tests.result === 'passed' ? (parseTestCount(tests.output) ?? null) : null;
    await ctx.files.writeData(BASELINE_TESTS_FILE, { count: baseline });
  }
  if (baseline === null || head >= baseline) return undefined;
  return `test.command passed ${head} ${head === 1 ? 'test' : 'tests'}, but ${baseline} pass on the starting commit: tests may not be removed, skipped or disabled to make a change pass. Keep every test the starting commit has.`;
}
