/**
 * Rewrites the golden Markdown files from the current renderer. Run by hand after an intended change,
 * then review the diff:  npx tsx test/unit/reports/write-golden.ts
 * The test run never writes these files; it only compares against them.
 */
import { writeFileSync } from 'node:fs';
import { renderBenchReport } from '../../../src/reports/bench-report/render-bench-report.ts';
import { GOLDEN_CASES, GOLDEN_DIR } from './fixtures/golden-cases.ts';

for (const { file, report } of GOLDEN_CASES) {
  writeFileSync(new URL(file, GOLDEN_DIR), renderBenchReport(report));
  console.log(`wrote ${file}`);
}
