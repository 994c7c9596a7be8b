import type { z } from 'zod';
import { objectKeysAt } from './object-keys-at.ts';
import { suggestClosest } from './suggest-closest.ts';

/** A schema problem before it is placed in the YAML text: `at` says whether to point at the key or its value. */
export interface SchemaIssue {
  path: (string | number)[];
  message: string;
  at: 'key' | 'value';
}

/**
 * Turns zod's issues into one issue per problem a user can fix: one per unknown key (with a suggestion), and for a
 * union (`runs: 10` or `runs: {min, max}`) the problems of the shape the user evidently meant.
 */
export function flattenSchemaIssues(schema: z.ZodType, issues: readonly z.core.$ZodIssue[]): SchemaIssue[] {
  return withoutMisspeltMissingKeys(flatten(schema, issues, []));
}

function flatten(schema: z.ZodType, issues: readonly z.core.$ZodIssue[], prefix: (string | number)[]): SchemaIssue[] {
  return issues.flatMap((issue): SchemaIssue[] => {
    const path = [...prefix, ...issue.path.map(toSegment)];
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = objectKeysAt(schema, path);
        return issue.keys.map((key) => ({ path: [...path, key], message: unknownKeyMessage(key, known), at: 'key' }));
      }
      case 'invalid_key':
        return [{ path, message: issue.issues[0]?.message ?? issue.message, at: 'key' }];
      case 'invalid_union': {
        // A branch whose root type matched is the one the user meant: report its inner problems.
        const meant = issue.errors.filter((branch) => !branch.some(isRootTypeMismatch));
        const [only] = meant;
        if (meant.length === 1 && only !== undefined) return flatten(schema, only, path);
        return [{ path, message: issue.message, at: 'value' }];
      }
      default:
        return [{ path, message: issue.message, at: 'value' }];
    }
  });
}

function isRootTypeMismatch(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'invalid_type' && issue.path.length === 0;
}

/** `comand: …` already says "did you mean command"; a second "command: missing" would only repeat it. */
function withoutMisspeltMissingKeys(issues: SchemaIssue[]): SchemaIssue[] {
  const suggested = new Set(
    issues.flatMap((issue) => {
      const match = /^unknown key \(did you mean "(.+)"\?\)$/.exec(issue.message);
      return match === null ? [] : [JSON.stringify([...issue.path.slice(0, -1), match[1]])];
    }),
  );
  return issues.filter((issue) => !(issue.message.startsWith('missing;') && suggested.has(JSON.stringify(issue.path))));
}

function unknownKeyMessage(key: string, known: readonly string[]): string {
  const suggestion = suggestClosest(key, known);
  if (suggestion !== undefined) return `unknown key (did you mean ${JSON.stringify(suggestion)}?)`;
  return known.length === 0 ? 'unknown key' : `unknown key (expected one of: ${known.join(', ')})`;
}

/** zod paths may hold symbols in theory; YAML keys never are. */
function toSegment(segment: PropertyKey): string | number {
  return typeof segment === 'number' ? segment : String(segment);
}
