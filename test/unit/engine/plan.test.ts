import { describe, expect, it } from 'vitest';
import { planLooks } from '../../../src/benchmark/plan-looks.ts';
import { planPairOrder } from '../../../src/benchmark/plan-pair-order.ts';
import { createRandom } from '../../../src/benchmark/seeded-random.ts';
import { globToRegExp } from '../../../src/benchmark/glob-to-regexp.ts';

describe('planLooks', () => {
  it('plans growing looks from min to max pairs', () => {
    expect(planLooks(6, 20)).toEqual([6, 10, 15, 20]);
    expect(planLooks(10, 30)).toEqual([10, 15, 25, 30]);
  });
  it('pins a fixed-size design when min equals max', () => {
    expect(planLooks(10, 10)).toEqual([10]);
  });
  it('never plans fewer than 3 pairs', () => {
    expect(planLooks(1, 2)).toEqual([3]);
  });
});

describe('planPairOrder', () => {
  it('runs head first in exactly half of the pairs of every block between looks', () => {
    for (let seed = 0; seed < 50; seed++) {
      const order = planPairOrder([6, 9, 14, 20], createRandom(seed));
      expect(order).toHaveLength(20);
      const count = (from: number, to: number) => order.slice(from, to).filter(Boolean).length;
      expect(count(0, 6)).toBe(3);
      expect([1, 2]).toContain(count(6, 9));
      expect([2, 3]).toContain(count(9, 14));
      expect(count(14, 20)).toBe(3);
    }
  });
  it('is reproducible from the seed and differs between seeds', () => {
    expect(planPairOrder([6, 10], createRandom(7))).toEqual(planPairOrder([6, 10], createRandom(7)));
    const distinct = new Set(Array.from({ length: 20 }, (_, s) => planPairOrder([10], createRandom(s)).join()));
    expect(distinct.size).toBeGreaterThan(10);
  });
});

describe('globToRegExp', () => {
  it('matches benchmark names with * and ? and treats the rest literally', () => {
    expect(globToRegExp('parse/*').test('parse/json')).toBe(true);
    expect(globToRegExp('parse/*').test('xparse/json')).toBe(false);
    expect(globToRegExp('sort[?]').test('sort[1]')).toBe(true);
    expect(globToRegExp('a.b').test('axb')).toBe(false);
  });
});
