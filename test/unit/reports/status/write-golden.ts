/**
 * Rewrites the golden files of the status comment, failures, check runs and replies from the current
 * renderers. Run by hand after an intended change, then review the diff:
 *   npx tsx test/unit/reports/status/write-golden.ts
 * The test run never writes these files; it only compares against them.
 */
import { writeFileSync } from 'node:fs';
import { GOLDEN_CASES, GOLDEN_DIR } from './fixtures/golden-cases.ts';

for (const { file, render } of GOLDEN_CASES) {
  writeFileSync(new URL(file, GOLDEN_DIR), render());
  console.log(`wrote ${file}`);
}
