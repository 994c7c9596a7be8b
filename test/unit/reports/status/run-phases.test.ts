import { describe, expect, it } from 'vitest';
import {
  runPhaseNames,
  phaseLabel,
  BENCH_PHASES,
  OPTIMIZE_PHASES,
  pendingRunPhases,
} from '../../../../src/reports/run-phases.ts';

describe('run phases', () => {
  it('has a label for every phase of both kinds, in order', () => {
    expect(runPhaseNames('bench')).toEqual(['queued', 'checkout', 'setup', 'measure', 'report']);
    expect([...BENCH_PHASES, ...OPTIMIZE_PHASES].map((name) => phaseLabel(name) === undefined)).not.toContain(true);
    expect(phaseLabel('measure')).toBe('Measure (interleaved pairs)');
    expect(phaseLabel('toString')).toBeUndefined();
  });

  it('starts every phase pending', () => {
    expect(pendingRunPhases('bench')).toEqual(BENCH_PHASES.map((name) => ({ name, state: 'pending' })));
  });
});
