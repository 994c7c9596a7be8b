import type { z } from 'zod';
import { describeValue } from './describe-value.ts';
import { suggestClosest } from './suggest-closest.ts';

/** The `error` option of a zod schema: every failure of that schema reads "expected <what>, got <found>". */
export interface ExpectedError {
  error: (issue: z.core.$ZodRawIssue) => string;
}

/**
 * Builds the `error` option shared by every schema in `RepoConfig`, so all messages have one shape:
 * `expected a positive integer, got "ten"`, or `missing; expected …` when a required key is absent.
 */
export function expected(what: string): ExpectedError {
  return { error: (issue) => expectedMessage(what, issue.input) };
}

/** The text of {@link expected}'s message, for checks written as transforms. */
export function expectedMessage(what: string, found: unknown): string {
  return found === undefined ? `missing; expected ${what}` : `expected ${what}, got ${describeValue(found)}`;
}

/** Like {@link expected} for a fixed set of words, adding a "did you mean" for near misses. */
export function expectedOneOf(values: readonly string[]): ExpectedError {
  const what = `one of ${values.map((value) => JSON.stringify(value)).join(', ')}`;
  return {
    error: (issue) => {
      const message = expected(what).error(issue);
      const suggestion = typeof issue.input === 'string' ? suggestClosest(issue.input, values) : undefined;
      return suggestion === undefined ? message : `${message} (did you mean ${JSON.stringify(suggestion)}?)`;
    },
  };
}
