import { z } from 'zod';
import { expected, expectedMessage } from './expected.ts';

/** `10`, `2.5`, `"10%"`, `"2.5 %"`: a plain decimal number with an optional percent sign. */
const PERCENT_TEXT = /^\s*\d+(\.\d+)?\s*%?\s*$/;

export interface PercentBounds {
  /** Smallest accepted percentage. */
  min: number;
  /** When true, `min` itself is rejected (a target of 0% improvement means nothing). */
  exclusiveMin?: boolean;
  /** Largest accepted percentage (inclusive). */
  max: number;
}

/**
 * A percentage written as a number (`10`) or a string (`"10%"`), parsed to a fraction (`0.1`).
 * Fractions are what the statistics code works with; percentages are what people write.
 * Use `.prefault(n)` for defaults so the default is parsed too (and the JSON Schema shows it as a percentage).
 */
export function percent(bounds: PercentBounds) {
  const lowest = bounds.exclusiveMin === true ? `above ${bounds.min}` : `from ${bounds.min}`;
  const what = `a percentage ${lowest} to ${bounds.max} like 10 or "10%"`;
  const message = expected(what);
  // Bounds on the number branch too, so the JSON Schema shows them to editors.
  const number = z.number(message).max(bounds.max, message);
  const bounded = bounds.exclusiveMin === true ? number.gt(bounds.min, message) : number.min(bounds.min, message);
  return z.union([bounded, z.string(message).regex(PERCENT_TEXT, message)], message).transform((written, ctx) => {
    const value = typeof written === 'number' ? written : Number.parseFloat(written.replace('%', ''));
    const aboveMin = bounds.exclusiveMin === true ? value > bounds.min : value >= bounds.min;
    if (aboveMin && value <= bounds.max) return value / 100;
    // Report what the user wrote ("150%"), not the parsed number.
    ctx.issues.push({ code: 'custom', input: written, message: expectedMessage(what, written) });
    return z.NEVER;
  });
}
