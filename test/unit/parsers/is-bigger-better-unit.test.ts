import { describe, expect, it } from 'vitest';
import { isBiggerBetterUnit } from '../../../src/benchmark/parsers/is-bigger-better-unit.ts';

describe('isBiggerBetterUnit', () => {
  it.each([
    'ops/s',
    'MB/s',
    'req/sec',
    'rows / second',
    'items_per_second',
    'requests-per-second',
    'throughput',
    'Hz',
    'ops',
    'ops/ms',
    'req/min',
    'fps',
    'QPS',
    'iops',
    'frames per ms',
  ])('%s is a rate: bigger is better', (unit) => {
    expect(isBiggerBetterUnit(unit)).toBe(true);
  });

  it.each([
    'ns',
    'ms',
    'B',
    'allocs/op',
    'widgets/op',
    'calls/op',
    'swaps',
    'cache-misses',
    'status',
    'loops',
    '',
    'ms/op',
    'points',
    '%',
  ])('%s is not a rate: lower is better', (unit) => {
    expect(isBiggerBetterUnit(unit)).toBe(false);
  });
});
