import { describe, expect, it } from 'vitest';
import {
  commandPaths,
  DEFAULT_PROTECTED_GLOBS,
  protectedPaths,
} from '../../../src/pipeline/diff-rules/protected-paths.ts';
import { validateDiff, type DiffFile } from '../../../src/pipeline/diff-rules/validate-diff.ts';

function file(path: string, extra: Partial<DiffFile> = {}): DiffFile {
  return { path, status: 'M', mode: '100644', binary: false, sizeBytes: 100, ...extra };
}

describe('commandPaths', () => {
  it.each([
    [['node', 'bench.js'], ['bench.js']],
    [['node', './bench/run.mjs', '--json'], ['bench/run.mjs']],
    ['pytest tests/perf -q', ['tests/perf']],
    ['pytest harness/ -q', ['harness']],
    ['go test -bench=. -run=^$ ./...', []],
    ['npm run bench', []],
    ['cd harness && python3 run.py --config=conf/bench.yml', ['run.py', 'conf/bench.yml']],
    [['./scripts/bench.sh'], ['scripts/bench.sh']],
    ['node "bench.js" /usr/bin/x ../outside.js $HOME/x src/*.js', ['bench.js']],
  ] as const)('%j names %j', (command, expected) => {
    expect(commandPaths(command as string | string[])).toEqual(expected);
  });
});

describe('protectedPaths with validateDiff', () => {
  const globs = protectedPaths({
    commands: [['node', 'bench.js'], undefined, 'pytest tests/perf'],
    extra: ['data/*.csv'],
  });

  it('holds the defaults, each named file and what is under it, and optimize.protect', () => {
    expect(globs).toEqual([
      ...DEFAULT_PROTECTED_GLOBS,
      'bench.js',
      'bench.js/**',
      'tests/perf',
      'tests/perf/**',
      'data/*.csv',
    ]);
  });

  it.each([
    'bench.js',
    'bench/suite.js',
    'pkg/benchmarks/big.json',
    'test/parse.test.ts',
    'src/__tests__/a.js',
    'src/parse.test.ts',
    'src/parse.spec.js',
    'lib/sum.bench.mjs',
    'pkg/sum_test.go',
    'tests/conftest.py',
    'conftest.py',
    'test_speed.py',
    'app/speed_test.py',
    'src/fixtures/input.txt',
    'pkg/testdata/big.golden',
    'Tests/Parse.Test.ts',
    'data/input.csv',
  ])('rejects a change to %s as protected', (path) => {
    const check = validateDiff([file(path)], ['**'], { protectedPaths: globs });
    expect(check.ok).toBe(false);
    expect(check.violations[0]?.reason).toMatch(
      /^protected \(.+\): benchmarks, tests, their fixtures and perf\.yml define what is measured and checked/,
    );
  });

  it('rejects deleting a test file and renaming one away, at either end', () => {
    const deleted = validateDiff([file('src/sum.test.js', { status: 'D' })], ['**'], { protectedPaths: globs });
    expect(deleted.violations.map((violation) => violation.path)).toEqual(['src/sum.test.js']);
    const renamed = validateDiff([file('src/old.js', { status: 'R', oldPath: 'test/sum.js' })], ['**'], {
      protectedPaths: globs,
    });
    expect(renamed.violations.map((violation) => violation.path)).toEqual(['test/sum.js']);
  });

  it.each([
    'src/sum.js',
    'src/testing.js',
    'src/latest/x.js',
    'src/benchmark/engine.ts',
    'data/input.json',
    'README.md',
  ])('accepts %s', (path) => {
    expect(validateDiff([file(path)], ['**'], { protectedPaths: globs }).ok).toBe(true);
  });

  it('says "protected" before "outside allowedPaths", naming the glob that protects it', () => {
    const check = validateDiff([file('bench.js')], ['src/**'], { protectedPaths: globs });
    expect(check.violations[0]?.reason).toContain('protected (bench.js)');
  });
});
