import { describe, expect, it } from 'vitest';
import { parseRepoConfig } from '../../../src/config/parse-repo-config.ts';
import { RepoConfigError, type ConfigIssue } from '../../../src/domain/errors.ts';

const DEFAULTS_WITHOUT_BENCHMARK = {
  thresholds: { noise: 0.02, confidence: 0.95, regressionGate: 0.05, fdr: 0.05 },
  test: { network: 'none' },
  limits: {},
  targets: [],
  optimize: {
    maxIterations: 3,
    allowedPaths: ['**'],
    protect: [],
    tradeoffs: {},
    pushToPrBranch: false,
    forkPullRequests: 'comment',
  },
  review: {
    reviewers: [
      'code',
      'security',
      'performance',
      'docs',
      'architecture',
      'quality',
      'language',
      'debugging',
      'errors',
    ],
    concurrency: 9,
    blocking: ['critical', 'high'],
  },
  monitor: { checks: [], timeoutMinutes: 60 },
  triggers: { labels: { bench: 'perf:bench', optimize: 'perf:optimize' }, minPermission: 'write', selfAck: true },
};

/** Parses text expected to be invalid and returns the thrown error. */
function parseError(text: string): RepoConfigError {
  try {
    parseRepoConfig(text);
  } catch (error) {
    if (error instanceof RepoConfigError) return error;
    throw error;
  }
  throw new Error('expected parseRepoConfig to throw');
}

/** The issues as the `file:line:col: path: message` lines users see. */
function issueLines(text: string): string[] {
  return parseError(text).issues.map(
    (issue: ConfigIssue) => `${issue.line}:${issue.column}: ${issue.path}: ${issue.message}`,
  );
}

describe('parseRepoConfig defaults', () => {
  it.each([
    ['an empty file', ''],
    ['a file with only comments', '# nothing yet\n'],
    ['an empty mapping', '{}\n'],
  ])('gives every default for %s, with no benchmark section', (_name, text) => {
    expect(parseRepoConfig(text)).toEqual(DEFAULTS_WITHOUT_BENCHMARK);
  });

  it('fills the benchmark section around the command', () => {
    expect(parseRepoConfig('benchmark:\n  command: npm run bench\n').benchmark).toEqual({
      command: 'npm run bench',
      format: 'auto',
      measure: 'time',
      instructionsNoise: 0.001,
      warmup: 1,
      runs: { min: 6 },
      timeBudgetSeconds: 900,
      timeoutSeconds: 300,
      network: 'none',
      setupNetwork: 'outbound',
    });
  });

  it('keeps every value that is given', () => {
    const config = parseRepoConfig(`
benchmark:
  command: [go, test, -bench=.]
  setup: go build ./...
  format: go
  measure: instructions
  instructionsNoise: 0.5%
  filter: "Parse*"
  warmup: 0
  runs: { min: 4, max: 8 }
  timeBudgetSeconds: 60
  timeoutSeconds: 30
  network: outbound
  setupNetwork: none
  env: { GOMAXPROCS: 4, CGO_ENABLED: false, MODE: fast }
thresholds: { noise: 1.5, confidence: 0.99, regressionGate: "10%", fdr: 0.1 }
test: { command: go test ./..., network: outbound }
limits: { processes: 64, memoryMb: 2048, diskMb: 512, outputMb: 4 }
optimize: { agent: aider, maxIterations: 5, allowedPaths: ["src/**"], protect: ["data/**"], tradeoffs: { maxRegression: 3%, maxMemory: 20 }, pushToPrBranch: true, forkPullRequests: push }
review: { reviewers: [security], concurrency: 2, blocking: [critical] }
monitor: { checks: [build], timeoutMinutes: 15 }
triggers: { labels: { bench: bench-me, optimize: speed-me }, minPermission: admin, selfAck: false }
`);
    expect(config).toEqual({
      benchmark: {
        command: ['go', 'test', '-bench=.'],
        setup: 'go build ./...',
        format: 'go',
        measure: 'instructions',
        instructionsNoise: 0.005,
        filter: 'Parse*',
        warmup: 0,
        runs: { min: 4, max: 8 },
        timeBudgetSeconds: 60,
        timeoutSeconds: 30,
        network: 'outbound',
        setupNetwork: 'none',
        env: { GOMAXPROCS: '4', CGO_ENABLED: 'false', MODE: 'fast' },
      },
      thresholds: { noise: 0.015, confidence: 0.99, regressionGate: 0.1, fdr: 0.1 },
      test: { command: 'go test ./...', network: 'outbound' },
      limits: { processes: 64, memoryMb: 2048, diskMb: 512, outputMb: 4 },
      targets: [],
      optimize: {
        agent: 'aider',
        maxIterations: 5,
        allowedPaths: ['src/**'],
        protect: ['data/**'],
        tradeoffs: { maxRegression: 0.03, maxMemory: 0.2 },
        pushToPrBranch: true,
        forkPullRequests: 'push',
      },
      review: { reviewers: ['security'], concurrency: 2, blocking: ['critical'] },
      monitor: { checks: ['build'], timeoutMinutes: 15 },
      triggers: { labels: { bench: 'bench-me', optimize: 'speed-me' }, minPermission: 'admin', selfAck: false },
    });
  });
});

describe('parseRepoConfig values', () => {
  const bench = (extra: string) => parseRepoConfig(`benchmark:\n  command: make bench\n${extra}`).benchmark;

  it('keeps a string command for the shell and a list as argv', () => {
    expect(parseRepoConfig('benchmark:\n  command: npm run bench | tee out\n').benchmark?.command).toBe(
      'npm run bench | tee out',
    );
    expect(parseRepoConfig('benchmark:\n  command: [tr, " ", ""]\n').benchmark?.command).toEqual(['tr', ' ', '']);
  });

  it('reads `runs: N` as exactly N pairs', () => {
    expect(bench('  runs: 10\n')?.runs).toEqual({ min: 10, max: 10 });
    expect(bench('  runs: { max: 8 }\n')?.runs).toEqual({ min: 6, max: 8 });
    expect(bench('  runs: { min: 10 }\n')?.runs).toEqual({ min: 10 });
  });

  it.each([
    ['7', 0.07],
    ['"7%"', 0.07],
    ['7%', 0.07],
    ['"2.5 %"', 0.025],
    ['0', 0],
    ['50%', 0.5],
  ])('reads noise %s as the fraction %s', (written, fraction) => {
    expect(parseRepoConfig(`thresholds:\n  noise: ${written}\n`).thresholds.noise).toBe(fraction);
  });

  it('parses speed and memory targets into a tagged union', () => {
    const config = parseRepoConfig(`
targets:
  - { benchmark: "parse/*", improve: 20% }
  - { benchmark: "*", improve: 10, metric: ops/s }
  - { benchmark: load, reduceMemory: "15%" }
`);
    expect(config.targets).toEqual([
      { kind: 'improve', benchmark: 'parse/*', improve: 0.2, metric: 'time' },
      { kind: 'improve', benchmark: '*', improve: 0.1, metric: 'ops/s' },
      { kind: 'reduceMemory', benchmark: 'load', reduceMemory: 0.15 },
    ]);
  });

  it('accepts an empty reviewer list (review off) and an empty checks list (watch all)', () => {
    const config = parseRepoConfig('review:\n  reviewers: []\nmonitor:\n  checks: []\n');
    expect(config.review.reviewers).toEqual([]);
    expect(config.monitor.checks).toEqual([]);
  });
});

describe('parseRepoConfig schema errors', () => {
  it.each([
    [
      'benchmark:\n  command: x\n  runs:\n    max: ten\n',
      '4:10: benchmark.runs.max: expected a positive integer, got "ten"',
    ],
    ['benchmark:\n  command: x\n  runs: 0\n', '3:9: benchmark.runs: expected a positive integer, got 0'],
    [
      'benchmark:\n  command: x\n  runs: many\n',
      '3:9: benchmark.runs: expected a positive integer or a mapping with min and max, got "many"',
    ],
    [
      'benchmark:\n  command: x\n  runs: { min: 10, max: 5 }\n',
      '3:9: benchmark.runs: expected min to be at most max, got min 10 and max 5',
    ],
    ['benchmark:\n  command: x\n  warmup: -1\n', '3:11: benchmark.warmup: expected a whole number ≥ 0, got -1'],
    [
      'benchmark:\n  command: x\n  timeoutSeconds: 1.5\n',
      '3:19: benchmark.timeoutSeconds: expected a positive whole number of seconds, got 1.5',
    ],
    [
      'thresholds:\n  noise: ten\n',
      '2:10: thresholds.noise: expected a percentage from 0 to 50 like 10 or "10%", got "ten"',
    ],
    [
      'thresholds:\n  regressionGate: 150%\n',
      '2:19: thresholds.regressionGate: expected a percentage from 0 to 100 like 10 or "10%", got "150%"',
    ],
    [
      'thresholds:\n  noise: true\n',
      '2:10: thresholds.noise: expected a percentage from 0 to 50 like 10 or "10%", got true',
    ],
    [
      'thresholds:\n  confidence: 0.3\n',
      '2:15: thresholds.confidence: expected a number from 0.8 to 0.999 like 0.95, got 0.3',
    ],
    ['thresholds:\n  fdr: 1\n', '2:8: thresholds.fdr: expected a number above 0 and below 1 like 0.05, got 1'],
    [
      'benchmark:\n  command: x\n  format: hyperfin\n',
      '3:11: benchmark.format: expected one of "auto", "hyperfine", "google-benchmark", "go", "pytest-benchmark", "vitest", "bmf", "time", got "hyperfin" (did you mean "hyperfine"?)',
    ],
    [
      'triggers:\n  minPermission: read\n',
      '2:18: triggers.minPermission: expected one of "write", "maintain", "admin", got "read"',
    ],
    [
      'review:\n  reviewers: [code, secuirty]\n',
      '2:21: review.reviewers[1]: expected one of "code", "security", "performance", "docs", "architecture", "quality", "language", "debugging", "errors", got "secuirty" (did you mean "security"?)',
    ],
    [
      'review:\n  blocking: [high, high]\n',
      '2:13: review.blocking: expected each of the severities at most once, got "high" twice',
    ],
    [
      'optimize:\n  allowedPaths: []\n',
      '2:17: optimize.allowedPaths: expected a non-empty list of globs, got an empty list',
    ],
    ['optimize:\n  pushToPrBranch: yes\n', '2:19: optimize.pushToPrBranch: expected true or false, got "yes"'],
    [
      'optimize:\n  forkPullRequests: always\n',
      '2:21: optimize.forkPullRequests: expected one of "comment", "push", got "always"',
    ],
    [
      'benchmark:\n  command: x\n  env:\n    gomaxprocs: 4\n',
      '4:5: benchmark.env.gomaxprocs: expected an environment variable name of capitals, digits and _ (like GOMAXPROCS), got "gomaxprocs"',
    ],
    [
      'benchmark:\n  command: x\n  env:\n    OPTS: [a]\n',
      '4:11: benchmark.env.OPTS: expected a string, number or boolean, got a list',
    ],
    // `host` is the operator's to grant (agents), never perf.yml's.
    [
      'benchmark:\n  command: x\n  network: host\n',
      '3:12: benchmark.network: expected one of "none", "outbound", got "host"',
    ],
    [
      'benchmark:\n  command: x\n  setupNetwork: yes\n',
      '3:17: benchmark.setupNetwork: expected one of "none", "outbound", got "yes"',
    ],
    ['test:\n  network: host\n', '2:12: test.network: expected one of "none", "outbound", got "host"'],
    ['limits:\n  memoryMb: 0\n', '2:13: limits.memoryMb: expected a positive whole number of MiB, got 0'],
    ['limits:\n  processes: 1.5\n', '2:14: limits.processes: expected a positive whole number of processes, got 1.5'],
    ['limits:\n  memory: 512\n', '2:3: limits.memory: unknown key (did you mean "memoryMb"?)'],
    ['limits: 5\n', '1:9: limits: expected a mapping of limits, got 5'],
    ['- benchmark\n', '1:1: : expected a mapping of settings (key: value lines), got a list'],
    ['thresholds: 5\n', '1:13: thresholds: expected a mapping of threshold settings, got 5'],
  ])('reports %j as %s', (text, line) => {
    expect(issueLines(text)).toEqual([line]);
  });

  it('names a missing or empty command, pointing at the benchmark key', () => {
    expect(issueLines('benchmark:\n  runs: 3\n')).toEqual([
      '1:1: benchmark.command: missing; expected a shell command string or a non-empty list of argv strings',
    ]);
    expect(issueLines('benchmark:\n  command:\n')).toEqual([
      '2:11: benchmark.command: expected a shell command string or a non-empty list of argv strings, got an empty value',
    ]);
    expect(issueLines('benchmark:\n  command: "  "\n')).toEqual([
      '2:12: benchmark.command: expected a shell command string or a non-empty list of argv strings, got "  "',
    ]);
    expect(issueLines('benchmark:\n  command: []\n')).toEqual([
      '2:12: benchmark.command: expected a shell command string or a non-empty list of argv strings, got an empty list',
    ]);
  });

  it('points into an argv list at the bad element', () => {
    expect(issueLines('benchmark:\n  command: [node, 1]\n')).toEqual([
      '2:19: benchmark.command[1]: expected a string, got 1',
    ]);
    expect(issueLines('benchmark:\n  command: [" ", x]\n')).toEqual([
      '2:13: benchmark.command[0]: expected a program name, got " "',
    ]);
  });

  it('explains targets that are neither or both kinds', () => {
    expect(
      issueLines(`targets:
  - benchmark: a
  - benchmark: b
    improve: 5
    reduceMemory: 5
  - benchmark: c
    reduceMemory: 5
    metric: ops/s
  - benchmark: d
    improve: 0
`),
    ).toEqual([
      '2:5: targets[0]: expected improve (a speed target) or reduceMemory (a memory target), got neither',
      '3:5: targets[1]: expected improve or reduceMemory, got both',
      '8:13: targets[2].metric: only applies to improve targets (reduceMemory is always peak memory)',
      '10:14: targets[3].improve: expected a percentage above 0 to 1000 like 10 or "10%", got 0',
    ]);
  });
});

describe('parseRepoConfig unknown keys', () => {
  it('suggests the closest key, and does not also report the misspelt key as missing', () => {
    expect(issueLines('benchmark:\n  comand: npm run bench\n')).toEqual([
      '2:3: benchmark.comand: unknown key (did you mean "command"?)',
    ]);
  });

  it('suggests across case and separators, at every depth', () => {
    expect(
      issueLines(`benchmark:
  command: x
  timeout_seconds: 5
  runs: { min: 2, mx: 3 }
thresholds:
  Noise: 1
targets:
  - { benchmark: a, improv: 5 }
triggers:
  labels: { bnch: x }
`),
    ).toEqual([
      '3:3: benchmark.timeout_seconds: unknown key (did you mean "timeoutSeconds"?)',
      '4:19: benchmark.runs.mx: unknown key (did you mean "max"?)',
      '6:3: thresholds.Noise: unknown key (did you mean "noise"?)',
      '8:5: targets[0]: expected improve (a speed target) or reduceMemory (a memory target), got neither',
      '8:21: targets[0].improv: unknown key (did you mean "improve"?)',
      '10:13: triggers.labels.bnch: unknown key (did you mean "bench"?)',
    ]);
  });

  it('lists the valid keys when nothing is close', () => {
    expect(issueLines('notifications: true\n')).toEqual([
      '1:1: notifications: unknown key (expected one of: benchmark, thresholds, test, limits, targets, optimize, review, monitor, triggers)',
    ]);
  });
});

describe('parseRepoConfig YAML syntax errors', () => {
  it('gives the line and column of the syntax error', () => {
    expect(issueLines('benchmark:\n  command: [a\n  runs: 3\n')).toEqual([
      '3:3: : Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('rejects duplicate keys', () => {
    expect(issueLines('benchmark:\n  command: a\n  command: b\n')).toEqual(['3:3: : Map keys must be unique']);
  });
});

describe('RepoConfigError', () => {
  it('lists every issue with its position and source line, then points to the docs', () => {
    const error = parseError('benchmark:\n  comand: npm run bench\n  runs:\n    max: ten\n');
    expect(error.file).toBe('.github/perf.yml');
    expect(error.userError).toBe(true);
    expect(error.message).toBe(
      [
        '.github/perf.yml has 2 problems:',
        '  .github/perf.yml:2:3: benchmark.comand: unknown key (did you mean "command"?)',
        '    2 |   comand: npm run bench',
        '      |   ^',
        '  .github/perf.yml:4:10: benchmark.runs.max: expected a positive integer, got "ten"',
        '    4 |     max: ten',
        '      |          ^',
        'See docs/perf-yml.md for every key, its default and an example.',
      ].join('\n'),
    );
  });

  it('names the file it was given, for YAML errors too', () => {
    let message = '';
    try {
      parseRepoConfig('a: [\n', 'ci/perf.yml');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')[0]).toBe('ci/perf.yml has 1 problem:');
    expect(message.split('\n')[1]).toMatch(/^ {2}ci\/perf\.yml:2:1: /);
  });
});

describe('parseRepoConfig YAML features', () => {
  it('supports anchors and merge keys inside known sections', () => {
    const config = parseRepoConfig(`
benchmark:
  command: &cmd [make, bench]
  setup: *cmd
  env:
    <<: { A: "1", B: "2" }
    B: "3"
`);
    expect(config.benchmark?.setup).toEqual(['make', 'bench']);
    expect(config.benchmark?.env).toEqual({ A: '1', B: '3' });
  });

  it('keeps explicitly tagged values as plain text instead of binary data or dates', () => {
    expect(issueLines('benchmark: !!binary aGVsbG8=\n')).toEqual([
      '1:21: benchmark: expected a mapping with at least a command, got "aGVsbG8="',
    ]);
    expect(parseRepoConfig('benchmark:\n  command: x\n  filter: 2024-01-01\n').benchmark?.filter).toBe('2024-01-01');
  });
});
