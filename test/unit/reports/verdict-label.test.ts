import { describe, expect, it } from 'vitest';
import { verdictLabel } from '../../../src/reports/bench-report/verdict-label.ts';

const row = { metric: 'time', unit: 'ns', mde: 0.061 } as const;

describe('verdictLabel', () => {
  it('states the detectable effect of an inconclusive row whose interval holds zero', () => {
    expect(verdictLabel({ ...row, verdict: 'inconclusive', ci: [-0.03, 0.05] })).toBe('❔ inconclusive (±6.1%)');
  });
  it('calls an inconclusive row whose interval excludes zero a small change, not "could not tell"', () => {
    expect(verdictLabel({ ...row, verdict: 'inconclusive', ci: [0.016, 0.031] })).toBe(
      '🟡 small change (near the noise band)',
    );
    expect(verdictLabel({ ...row, verdict: 'inconclusive', ci: [-0.031, -0.004] })).toBe(
      '🟡 small change (near the noise band)',
    );
  });
  it('uses the metric’s own words for decided rows', () => {
    expect(verdictLabel({ ...row, verdict: 'slower', ci: [0.1, 0.2] })).toBe('🔴 slower');
    expect(verdictLabel({ metric: 'memory', unit: 'B', mde: 0, verdict: 'faster', ci: [-0.2, -0.1] })).toBe(
      '🟢 less memory',
    );
  });
});
