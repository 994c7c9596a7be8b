import { describe, expect, it } from 'vitest';
import { chooseInstructionCounter } from '../../../src/benchmark/instructions/choose-instruction-counter.ts';

const perfCounts = { program: '/usr/bin/perf', counted: true } as const;
const perfNoPmu = {
  program: '/usr/bin/perf',
  counted: false,
  problem: 'perf stat printed <not supported> (no usable hardware counter)',
} as const;
const valgrindCounts = { program: '/usr/bin/valgrind', counted: true } as const;

describe('chooseInstructionCounter', () => {
  it('prefers perf when it counted, falls back to cachegrind when perf has no counter or is missing', () => {
    expect(chooseInstructionCounter({ perf: perfCounts, valgrind: valgrindCounts })).toEqual({
      counter: { kind: 'perf', program: '/usr/bin/perf' },
    });
    expect(chooseInstructionCounter({ perf: perfNoPmu, valgrind: valgrindCounts })).toEqual({
      counter: { kind: 'cachegrind', program: '/usr/bin/valgrind' },
    });
    expect(chooseInstructionCounter({ valgrind: valgrindCounts })).toEqual({
      counter: { kind: 'cachegrind', program: '/usr/bin/valgrind' },
    });
  });

  it('refuses with what was tried and the fix when neither counts', () => {
    const none = chooseInstructionCounter({});
    expect(none).toEqual({ refusal: expect.stringContaining('perf is not installed; valgrind is not installed') });
    const refusal = (none as { refusal: string }).refusal;
    expect(refusal).toContain('apt-get install valgrind');
    expect(refusal).toContain('linux-perf');
    expect(refusal).toContain('set benchmark.measure to time');
    const broken = chooseInstructionCounter({
      perf: perfNoPmu,
      valgrind: { program: '/opt/valgrind', counted: false, problem: 'the run failed' },
    });
    expect((broken as { refusal: string }).refusal).toContain(
      'perf stat could not count instructions:u (perf stat printed <not supported> (no usable hardware counter)); valgrind could not count (the run failed)',
    );
  });
});
