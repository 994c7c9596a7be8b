import { describe, expect, it } from 'vitest';
import { describeChange, describeInterval } from '../../../src/pipeline/verify/describe-change.ts';

const time = { metric: 'time', unit: 'ns' };

describe('describeChange', () => {
  it.each([
    [-0.341, time, '34.1% faster'],
    [0.05, time, '5.0% slower'],
    [-0.2, { metric: 'memory', unit: 'B' }, '20.0% less memory'],
    [0.031, { metric: 'throughput', unit: 'ops/s' }, '3.1% higher throughput'],
    [-0.02, { metric: 'allocs', unit: 'allocs/op' }, '2.0% lower allocs'],
    [0.0004, time, 'no change'],
    [Number.NaN, time, 'n/a'],
  ])('%d %o → %s', (change, subject, expected) => {
    expect(describeChange(change, subject)).toBe(expected);
  });
});

describe('describeInterval', () => {
  it.each([
    [[-0.08, -0.04] as [number, number], '4.0% to 8.0% faster'],
    [[0.04, 0.08] as [number, number], '4.0% to 8.0% slower'],
    [[-0.03, 0.02] as [number, number], '3.0% faster to 2.0% slower'],
    [[-0.02, 0] as [number, number], '0.0% to 2.0% faster'],
    [[0, 0] as [number, number], 'no change'],
  ])('%o → %s', (ci, expected) => {
    expect(describeInterval(ci, time)).toBe(expected);
  });
});
