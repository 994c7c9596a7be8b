import { z } from 'zod';
import { expected, expectedOneOf } from './expected.ts';

/** The reviewer agents `/perf optimize` runs over its own changes. */
export const REVIEWERS = [
  'code',
  'security',
  'performance',
  'docs',
  'architecture',
  'quality',
  'language',
  'debugging',
  'errors',
] as const;
export type Reviewer = (typeof REVIEWERS)[number];

/** Severity of a review finding, most severe first. */
export const REVIEW_SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type ReviewSeverity = (typeof REVIEW_SEVERITIES)[number];

/** A list of distinct words from `values`; a repeated word is most likely a copy-paste slip, so it is an error. */
function distinctList<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z
    .array(z.enum(values, expectedOneOf(values)), expected(`a list of ${what}`))
    .meta({ uniqueItems: true })
    .refine((list) => new Set(list).size === list.length, {
      error: (issue) => {
        const list = issue.input as string[];
        const repeated = list.find((item, index) => list.indexOf(item) !== index);
        return `expected each of the ${what} at most once, got ${JSON.stringify(repeated)} twice`;
      },
    });
}

/** The `review` section. */
export const ReviewConfig = z
  .strictObject(
    {
      reviewers: distinctList(REVIEWERS, 'reviewers')
        .default([...REVIEWERS])
        .describe('Reviewer agents to run; an empty list turns the review off.'),
      concurrency: z
        .number(expected('a whole number of reviewers from 1 to 9'))
        .int(expected('a whole number of reviewers from 1 to 9'))
        .min(1, expected('a whole number of reviewers from 1 to 9'))
        .max(9, expected('a whole number of reviewers from 1 to 9'))
        .default(9)
        .describe('Reviewers that run at once; all nine in parallel by default.'),
      blocking: distinctList(REVIEW_SEVERITIES, 'severities')
        .default(['critical', 'high'])
        .describe('Findings of these severities block pushing the optimization.'),
    },
    expected('a mapping of review settings'),
  )
  .describe('Reviews of the changes /perf optimize proposes.')
  .prefault({});
export type ReviewConfig = z.infer<typeof ReviewConfig>;
