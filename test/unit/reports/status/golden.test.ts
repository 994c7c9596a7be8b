import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GOLDEN_CASES, GOLDEN_DIR } from './fixtures/golden-cases.ts';
import { markdownSafetyProblems } from './markdown-safety.ts';

/** The links the fixtures give the renderers on purpose. */
const OUR_LINKS = ['https://github.com/octo/demo/'];

describe('status comment, failures, check runs and replies', () => {
  // To update after an intended change: npx tsx test/unit/reports/status/write-golden.ts, then review the diff.
  it.each(GOLDEN_CASES)('matches the golden file $file', ({ file, render }) => {
    expect(render()).toBe(readFileSync(new URL(file, GOLDEN_DIR), 'utf8'));
  });

  it.each(GOLDEN_CASES)(
    '$file has no raw HTML, live mention or link, and every fence and <details> closes',
    ({ render }) => {
      expect(markdownSafetyProblems(render(), OUR_LINKS)).toEqual([]);
    },
  );
});
