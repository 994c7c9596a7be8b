import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTestCount } from '../../../src/pipeline/verify/parse-test-count.ts';

const real = (name: string) => readFileSync(new URL(`./fixtures/test-outputs/${name}`, import.meta.url), 'utf8');

describe('parseTestCount', () => {
  // Recorded from the real tools (vitest 4, pytest 9, cargo test, node 20 --test), colour codes included.
  it.each([
    ['vitest (colours, one skipped)', real('vitest.txt'), 2],
    ['vitest with a failure', real('vitest-failing.txt'), 1],
    ['pytest: a default run then a -q run of the same 2 passing tests, added up', real('pytest.txt'), 4],
    ['cargo test, unit tests and doc-tests added up', real('cargo.txt'), 2],
    ['node --test (TAP)', real('node-test.txt'), 1],
  ])('%s', (_name, output, count) => {
    expect(parseTestCount(output)).toBe(count);
  });

  // Written from the tools' documented summary lines (jest, mocha and go are not installed here).
  it.each([
    ['jest', 'Test Suites: 2 passed, 2 total\nTests:       1 skipped, 12 passed, 13 total\nSnapshots:   0 total\n', 12],
    ['mocha', '  sum\n    ✔ adds\n\n  14 passing (23ms)\n  1 pending\n', 14],
    ['node --test spec reporter', 'ℹ tests 3\nℹ pass 3\nℹ fail 0\n', 3],
    [
      'go test -v, subtests included',
      '=== RUN   TestSum\n--- PASS: TestSum (0.00s)\n=== RUN   TestMap\n    --- PASS: TestMap/empty (0.00s)\n--- PASS: TestMap (0.00s)\nPASS\nok  \texample.com/m\t0.004s\n',
      3,
    ],
    [
      'go test, packages only',
      'ok  \texample.com/m/a\t0.004s\nok  \texample.com/m/b\t0.010s\n?   \texample.com/m/c\t[no test files]\n',
      2,
    ],
  ])('%s', (_name, output, count) => {
    expect(parseTestCount(output)).toBe(count);
  });

  it.each([
    ['a plain script', 'tests passed\n'],
    ['nothing', ''],
    ['a count in a sentence, not a summary', 'I think 5 passed the review\n'],
  ])('says nothing when the output states no count: %s', (_name, output) => {
    expect(parseTestCount(output)).toBeUndefined();
  });
});
