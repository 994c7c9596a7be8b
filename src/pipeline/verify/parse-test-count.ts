/** A test runner's summary line and how many tests it says passed. */
interface CountFormat {
  name: string;
  /** Global; group 1 is a count of passed tests. All matches are added (cargo prints one line per binary). */
  pattern: RegExp;
}

// Most specific first: the first format with any match decides, so a vitest summary is not also read as pytest's.
const FORMATS: readonly CountFormat[] = [
  // vitest: "      Tests  3 failed | 89 passed | 2 skipped (94)"
  { name: 'vitest', pattern: /^ *Tests {2}(?:\d+ \w+ \| )*(\d+) passed\b/gm },
  // jest: "Tests:       2 skipped, 10 passed, 12 total"
  { name: 'jest', pattern: /^Tests:\s+(?:\d+ \w+, )*(\d+) passed\b/gm },
  // cargo test: "test result: ok. 10 passed; 0 failed; 2 ignored; …"
  { name: 'cargo', pattern: /^test result: \w+\. (\d+) passed;/gm },
  // pytest: "===== 10 passed, 2 skipped in 0.12s =====", or "10 passed in 0.01s" with -q
  { name: 'pytest', pattern: /^(?:=+ )?(?:\d+ \w+, )*(\d+) passed\b[^\n]* in [\d.]+s\b/gm },
  // mocha: "  10 passing (20ms)"
  { name: 'mocha', pattern: /^ *(\d+) passing \(/gm },
  // node --test: "# pass 10" (TAP) or "ℹ pass 10" (spec reporter)
  { name: 'node', pattern: /^(?:#|ℹ) pass (\d+)$/gm },
];

/** go test -v: every passing test and subtest prints "--- PASS: Name (0.00s)". */
const GO_PASS = /^ *--- PASS: /gm;
/** go test without -v: one "ok  <package>  0.01s" per package, counted as one each. */
const GO_OK = /^ok\s+\S+\s+(?:[\d.]+s|\(cached\))/gm;

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/**
 * How many tests passed, when a known test runner's output says so (vitest, jest, cargo, pytest, mocha,
 * `node --test`, `go test`); undefined when it does not, or the count would be a guess. Used to check that a
 * change does not make the suite smaller: compare with the same command's count on the starting commit.
 * Colour codes are ignored.
 */
export function parseTestCount(output: string): number | undefined {
  const text = output.replace(ANSI, '');
  for (const format of FORMATS) {
    const counts = [...text.matchAll(format.pattern)].map((match) => Number(match[1]));
    if (counts.length > 0) return counts.reduce((total, count) => total + count, 0);
  }
  const passes = text.match(GO_PASS)?.length ?? 0;
  if (passes > 0) return passes;
  const packages = text.match(GO_OK)?.length ?? 0;
  return packages > 0 ? packages : undefined;
}
