import { describe, expect, it } from 'vitest';
import { modifiedZOutliers } from '../../../src/benchmark/stats/modified-z-outliers.ts';

describe('modifiedZOutliers', () => {
  it('counts values with |0.6745·(x − median)/MAD| > 3.5', () => {
    // median 3, MAD 1: 100 has modified z 65.4; 1 has 1.35.
    expect(modifiedZOutliers([1, 2, 3, 4, 100])).toBe(1);
  });

  it('uses a strict threshold: 3.575 counts, 3.440 does not', () => {
    // median 0, MAD 1 → modified z = 0.6745·x.
    expect(modifiedZOutliers([-1, 0, 1, -1, 0, 1, 5.3])).toBe(1);
    expect(modifiedZOutliers([-1, 0, 1, -1, 0, 1, 5.1])).toBe(0);
  });

  it('counts outliers on both sides', () => {
    expect(modifiedZOutliers([-1, 0, 1, -1, 0, 1, 9, -9])).toBe(2);
  });

  it('treats every deviation as an outlier when MAD is 0 (mostly identical counts)', () => {
    expect(modifiedZOutliers([5, 5, 5, 5, 6])).toBe(1);
    expect(modifiedZOutliers([5, 5, 5])).toBe(0);
  });

  it('finds nothing in an empty sample', () => {
    expect(modifiedZOutliers([])).toBe(0);
  });
});
