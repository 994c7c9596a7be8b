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
