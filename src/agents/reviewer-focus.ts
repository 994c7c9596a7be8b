import type { Reviewer } from '../config/review-config.ts';

/** What each reviewer looks at; inserted into the one reviewer prompt template. */
export const REVIEWER_FOCUS: Readonly<Record<Reviewer, readonly string[]>> = {
  code: [
    'the change computes exactly what the old code computed, for every input, including edge cases',
    'empty, huge, unusual and invalid inputs still behave as before',
  ],
  security: [
    'injection, path traversal, unsafe deserialization or unchecked input introduced by the change',
    'secrets, new dependencies, or removed validation and bounds checks',
  ],
  performance: [
    'the change really makes the measured code faster, and nothing else slower (memory, start-up, other paths)',
    'benchmark-only tricks: special-casing benchmark inputs, removing measured work, caching across runs',
  ],
  docs: [
    'comments and documentation are still true after the change',
    'non-obvious optimizations are explained where a maintainer would look',
  ],
  architecture: [
    'the change fits the existing structure and layering; no new coupling or leaked internals',
    'public interfaces and their contracts are unchanged',
  ],
  quality: [
    'readability, naming, duplication and dead code',
    'tests still cover the changed code; no test was weakened',
  ],
  language: [
    "idiomatic use of the language and its standard library; the language's performance pitfalls",
    'undefined or implementation-specific behaviour, numeric precision and overflow',
  ],
  debugging: [
    'bugs introduced by the change: off-by-one, stale caches, shared mutable state, ordering, concurrency',
    'resource leaks and behaviour under failure',
  ],
  errors: [
    'error handling is preserved: no swallowed errors, no changed error types or messages callers rely on',
    'failure paths, partial results and cleanup',
  ],
};

/** The seed workflow's Go reviewer: what it looks at on a Go repository. */
const GO_FOCUS: readonly string[] = [
  'goroutine leaks: every goroutine the change starts ends (context cancellation, closed channels, no blocked sends)',
  'escape analysis and allocation: values that now escape to the heap, allocations in hot loops, slice and map growth',
  '`sync` use: mutexes held across blocking calls, copied locks, `sync.Pool` misuse, data races',
];

/**
 * What a reviewer looks at. The language reviewer is the seed workflow's Go reviewer on a Go repository, and the
 * reviewer of the repository's main language (named) elsewhere.
 */
export function reviewerFocus(reviewer: Reviewer, language: string | undefined): readonly string[] {
  if (reviewer !== 'language' || language === undefined) return REVIEWER_FOCUS[reviewer];
  if (language === 'Go') return GO_FOCUS;
  return [
    `idiomatic ${language} and its standard library; ${language}'s performance pitfalls`,
    ...REVIEWER_FOCUS.language.slice(1),
  ];
}

/** The reviewer's name in its prompt and in review.md: `Go` for the language reviewer of a Go repository. */
export function reviewerName(reviewer: Reviewer, language: string | undefined): string {
  return reviewer === 'language' && language !== undefined ? language : reviewer;
}
