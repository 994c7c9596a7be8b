import { describe, expect, it } from 'vitest';
import { formatChange, formatCi, formatPercent } from '../../../src/reports/format-change.ts';
import { formatConfidence } from '../../../src/reports/format-confidence.ts';
import { formatPValue } from '../../../src/reports/format-p-value.ts';

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
