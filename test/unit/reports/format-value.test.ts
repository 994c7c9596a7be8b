import { describe, expect, it } from 'vitest';
import { formatValue } from '../../../src/reports/format-value.ts';

describe('formatValue', () => {
  it.each([
    [812, 'ns', '812 ns'],
    [1234, 'ns', '1.23 µs'],
    [45_600_000, 'ns', '45.6 ms'],
    [2_310_000_000, 'ns', '2.31 s'],
    [999.6, 'ns', '1.00 µs'],
    [0.5, 'ns', '0.500 ns'],
    [1_234_000_000_000, 'ns', '1234 s'],
    [1.5, 'ms', '1.50 ms'],
    [0, 'ns', '0 ns'],
  ])('formats time %d %s as %s', (value, unit, expected) => {
    expect(formatValue(value, unit)).toBe(expected);
  });

  it.each([
    [512, 'B', '512 B'],
    [1536, 'B', '1.50 KiB'],
    [23.4 * 1024 ** 2, 'B', '23.4 MiB'],
    [1.2 * 1024 ** 3, 'B', '1.20 GiB'],
    [1720, 'B/op', '1.68 KiB/op'],
  ])('formats bytes %d %s as %s', (value, unit, expected) => {
    expect(formatValue(value, unit)).toBe(expected);
  });

  it.each([
    [300 * 1024 ** 2, 'B/s', '300 MiB/s'],
    [690.5, 'MB/s', '691 MB/s'],
    [1234, 'MB/s', '1.23 GB/s'],
    [0.5, 'MB/s', '500 kB/s'],
    [812, 'ops/s', '812 ops/s'],
    [1234, 'ops/s', '1.23k ops/s'],
    [2_500_000, 'items/s', '2.50M items/s'],
  ])('formats rate %d %s as %s', (value, unit, expected) => {
    expect(formatValue(value, unit)).toBe(expected);
  });

  it.each([
    [12, 'allocs/op', '12.0 allocs/op'],
    [0.1234, 'score', '0.123 score'],
    [-45.67, 'points', '-45.7 points'],
    [7, '', '7.00'],
  ])('formats other units with three significant digits: %d %s as %s', (value, unit, expected) => {
    expect(formatValue(value, unit)).toBe(expected);
  });

  it('prints n/a for values that are not finite', () => {
    expect(formatValue(Number.NaN, 'ns')).toBe('n/a');
    expect(formatValue(Number.POSITIVE_INFINITY, 'B')).toBe('n/a');
  });
});
