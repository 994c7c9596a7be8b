import { z } from 'zod';
import { REVIEW_SEVERITIES } from '../config/review-config.ts';

const text = z.string().trim().min(1);

/** What the analyzer writes: where the time goes, most promising first. */
export const AnalyzerOutput = z.object({
  summary: text,
  bottlenecks: z.array(
    z.object({
      title: text,
      file: text.optional(),
      detail: text,
    }),
  ),
});
export type AnalyzerOutput = z.infer<typeof AnalyzerOutput>;

/** What the optimizer writes; its real output is the files it edited in the worktree. */
export const OptimizerOutput = z.object({
  summary: text,
});
export type OptimizerOutput = z.infer<typeof OptimizerOutput>;

/** One problem a reviewer found in the proposed change. */
export const ReviewFinding = z.object({
  severity: z.enum(REVIEW_SEVERITIES),
  title: text,
  file: text.optional(),
  line: z.number().int().positive().optional(),
  detail: text,
});
export type ReviewFinding = z.infer<typeof ReviewFinding>;

/** What a reviewer writes; an empty list means "nothing to report". */
export const ReviewerOutput = z.object({
  findings: z.array(ReviewFinding),
});
export type ReviewerOutput = z.infer<typeof ReviewerOutput>;

/** The schema each role's output must match. Extra keys are allowed (and dropped): models like to add notes. */
export const AGENT_OUTPUT_SCHEMAS = {
  analyzer: AnalyzerOutput,
  optimizer: OptimizerOutput,
  reviewer: ReviewerOutput,
} as const;
