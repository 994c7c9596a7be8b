import { describe, expect, it } from 'vitest';
import { mean, median, sampleStandardDeviation } from '../../../src/benchmark/stats/descriptive-statistics.ts';

describe('median', () => {
  it('is the middle value for odd n and the mean of the two middle values for even n, whatever the order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('is NaN for an empty sample, never a 0 that would read as a measurement', () => {
    expect(median([])).toBeNaN();
  });
});

describe('mean and sampleStandardDeviation', () => {
  it('give exactly the value and 0 for a constant sample, and 0 when there is nothing to measure', () => {
    expect([mean([0.1, 0.1, 0.1]), sampleStandardDeviation([0.1, 0.1, 0.1])]).toEqual([0.1, 0]);
    expect([mean([]), sampleStandardDeviation([5])]).toEqual([0, 0]);
    expect(sampleStandardDeviation([1, 2, 3, 4])).toBeCloseTo(1.291, 4);
  });
});
