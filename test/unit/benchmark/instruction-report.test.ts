import { describe, expect, it } from 'vitest';
import { InstructionCounterUnavailableError } from '../../../src/domain/errors.ts';
import { chooseInstructionCounter } from '../../../src/benchmark/instructions/choose-instruction-counter.ts';
import { renderBenchJson } from '../../../src/reports/bench-report/render-bench-json.ts';
import { renderBenchReport } from '../../../src/reports/bench-report/render-bench-report.ts';
import { describeRunFailure } from '../../../src/reports/failure/describe-run-failure.ts';
import { makeReport, makeRow } from '../reports/fixtures/bench-reports.ts';

const method = makeReport().method;
const report = makeReport({
  format: 'time',
  comparisons: [
    makeRow({
      benchmark: '(whole run)',
      metric: 'instructions',
      unit: 'instructions',
      base: { median: 90_000_000, n: 6 },
      head: { median: 90_900_000, n: 6 },
      change: 0.01,
      ci: [0.0099, 0.0101],
      p: 0.0001,
      verdict: 'slower',
      mde: 0.0001,
      noise: 0.00001,
    }),
    makeRow({
      benchmark: '(whole run)',
      metric: 'time',
      base: { median: 80_000_000, n: 6 },
      head: { median: 81_000_000, n: 6 },
      change: 0.012,
      ci: [-0.08, 0.1],
      p: 0.7,
      verdict: 'inconclusive',
      mde: 0.12,
    }),
  ],
  method: {
    ...method,
    stoppedAt: 6,
    stopReason: 'decided',
    instructions: {
      counter: 'cachegrind',
      description:
        'valgrind --tool=cachegrind --cache-sim=no --trace-children=yes (instruction reads of every process of the tree)',
      noiseBand: 0.001,
      runtime: 'node ran with --single-threaded --predictable',
      startup: {
        command: '["node","--single-threaded","--predictable","/dev/null"]',
        base: 93_014_883,
        head: 93_014_897,
      },
    },
  },
});

describe('an instruction-count report', () => {
  it('leads with the instruction count, says which counter and what counts ignore, and how counts were attributed', () => {
    const text = renderBenchReport(report);
    expect(text.split('\n')[0]).toBe(
      '🔴 **Head runs 1.0% more instructions** on `(whole run)` (95% CI +1.0% to +1.0%); 1 of 1 benchmark worse, none better, none unchanged, none inconclusive. No slowdown exceeds the 5.0% regression gate.',
    );
    expect(text).toContain('| `(whole run)` (`instructions`) | 90.0M instructions | 90.9M instructions | +1.0% |');
    expect(text).toContain(
      '_Verdicts are on instruction counts (Valgrind cachegrind), noise band ±0.1%. Instruction counts ignore cache misses, branch mispredictions and I/O',
    );
    expect(text).toContain('- **Instructions:** counted by valgrind --tool=cachegrind');
    expect(text).toContain(
      '- **Attributed to:** the whole process tree minus the runtime\'s start-up, measured once per side by `["node","--single-threaded","--predictable","/dev/null"]` (base 93.0M instructions, head 93.0M instructions); the change shown is that of the rest',
    );
    expect(text).toContain('- **Runtime:** node ran with --single-threaded --predictable');
  });

  it('carries the counting method in the JSON report', () => {
    expect(JSON.parse(renderBenchJson(report)).method.instructions).toEqual(report.method.instructions);
  });

  it('a machine that cannot count fails the run with the refusal as the problem (the PR comment)', () => {
    const refusal = (chooseInstructionCounter({}) as { refusal: string }).refusal;
    const failure = describeRunFailure(new InstructionCounterUnavailableError(refusal));
    expect(failure.title).toBe('Perfbot could not finish the run');
    expect(failure.problem).toBe(refusal);
    expect(failure.problem).toContain('install valgrind (Debian/Ubuntu: apt-get install valgrind)');
  });
});
