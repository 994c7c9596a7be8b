import { z } from 'zod';
import { REVIEW_SEVERITIES, REVIEWERS } from '../config/review-config.ts';

/**
 * One issue a reviewer agent reported. Agent output is untrusted: the review phase parses it with this
 * schema, and every renderer escapes `title`, `detail` and `file`.
 */
export const ReviewFinding = z.strictObject({
  severity: z.enum(REVIEW_SEVERITIES),
  title: z.string().min(1).max(500),
  /** Repository-relative path the finding is about, when it is about one file. */
  file: z.string().min(1).max(1000).optional(),
  /** First line the finding is about (1-based). */
  line: z.int().positive().optional(),
  /** What is wrong and how to fix it. */
  detail: z.string().max(20_000).optional(),
});
export type ReviewFinding = z.infer<typeof ReviewFinding>;

/** A finding after consolidation: the same issue from several reviewers is one finding naming all of them. */
export const ConsolidatedFinding = ReviewFinding.extend({
  reviewers: z.array(z.enum(REVIEWERS)).min(1),
});
export type ConsolidatedFinding = z.infer<typeof ConsolidatedFinding>;
