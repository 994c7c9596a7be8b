import { describe, expect, it } from 'vitest';
import {
  formatChange,
  formatCi,
  formatConfidence,
  formatDuration,
  formatPercent,
  formatPValue,
  formatValue,
} from '../../../src/reports/format.ts';

describe('formatChange', () => {
  it.each([
    [0.123, '+12.3%'],
    [-0.041, '-4.1%'],
    [0.0004, '0.0%'],
    [-0.0004, '0.0%'],
    [2.5, '+250.0%'],
    [Number.NaN, 'n/a'],
  ])('formats %d as %s with an ASCII sign', (change, expected) => {
    expect(formatChange(change)).toBe(expected);
  });
});

describe('formatCi', () => {
  it('formats both bounds with signs', () => {
    expect(formatCi([0.081, 0.169])).toBe('[+8.1%, +16.9%]');
    expect(formatCi([-0.012, 0.104])).toBe('[-1.2%, +10.4%]');
  });
});

describe('formatPercent', () => {
  it('formats a magnitude without a sign', () => {
    expect(formatPercent(0.02)).toBe('2.0%');
    expect(formatPercent(-0.234)).toBe('23.4%');
  });
});

describe('formatConfidence', () => {
  it('drops needless decimals', () => {
    expect(formatConfidence(0.95)).toBe('95%');
    expect(formatConfidence(0.9)).toBe('90%');
    expect(formatConfidence(0.975)).toBe('97.5%');
  });
});

describe('formatPValue', () => {
  it('shows three decimals and a floor', () => {
    expect(formatPValue(0.0123)).toBe('0.012');
    expect(formatPValue(0.0001)).toBe('<0.001');
    expect(formatPValue(Number.NaN)).toBe('n/a');
  });
});

describe('formatDuration', () => {
  it.each([
    [850, '850 ms'],
    [12_345, '12.3 s'],
    [59_960, '1 min 00 s'],
    [252_400, '4 min 12 s'],
    [3_725_000, '1 h 02 min'],
    [Number.NaN, 'n/a'],
  ])('formats %d ms as %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});

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
