import { expect } from 'vitest';

/** Asserts |actual − expected| ≤ rel·max(|expected|, floor): relative in the tails, absolute near 0. */
export function expectClose(actual: number, expected: number, rel = 1e-9, floor = 1e-300): void {
  const tolerance = rel * Math.max(Math.abs(expected), floor);
  if (!(Math.abs(actual - expected) <= tolerance)) {
    expect.fail(`expected ${actual} to be within ${tolerance} of ${expected}`);
  }
}
