import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../src/reports/format-duration.ts';

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
