import { describe, expect, it } from 'vitest';
import { benchSettingsFromConfig } from '../../../src/benchmark/bench-settings-from-config.ts';
import { parseRepoConfig } from '../../../src/config/parse-repo-config.ts';

const config = (runs: string) => parseRepoConfig(`benchmark:\n  command: x\n${runs}`);
const schedule = (runs: string, overrides: Parameters<typeof benchSettingsFromConfig>[1]) => {
  const { minPairs, maxPairs, planByTime } = benchSettingsFromConfig(config(runs), overrides);
  return { minPairs, maxPairs, planByTime };
};

describe('benchSettingsFromConfig: which schedule', () => {
  it('plans a bench by time up to 500 pairs, or up to runs.max when set', () => {
    expect(schedule('', { planByTime: true })).toEqual({ minPairs: 6, maxPairs: 500, planByTime: true });
    expect(schedule('  runs: { max: 40 }\n', { planByTime: true })).toEqual({
      minPairs: 6,
      maxPairs: 40,
      planByTime: true,
    });
  });

  it('keeps pinned pairs fixed: runs: N and --runs N', () => {
    expect(schedule('  runs: 8\n', { planByTime: true })).toEqual({ minPairs: 8, maxPairs: 8, planByTime: false });
    expect(schedule('', { planByTime: true, runs: 12 })).toEqual({ minPairs: 12, maxPairs: 12, planByTime: false });
  });

  it('keeps the fixed 6/10/15/20 schedule where the caller does not plan by time (/perf optimize)', () => {
    expect(schedule('', {})).toEqual({ minPairs: 6, maxPairs: 20, planByTime: false });
    expect(schedule('  runs: { max: 40 }\n', {})).toEqual({ minPairs: 6, maxPairs: 40, planByTime: false });
  });
});
