import { z } from 'zod';

/**
 * What a run job carries: identifiers only — never a token or a secret (BullMQ stores job data in clear
 * text in Redis). The worker re-derives everything else from GitHub and re-checks authorization.
 */
export const RunJobRepo = z.strictObject({
  id: z.number().int().positive(),
  owner: z.string().min(1),
  name: z.string().min(1),
  fullName: z.string().min(3),
  defaultBranch: z.string().min(1),
  /**
   * Written by earlier versions and accepted so that their queued jobs still run; never written now and never
   * read: the worker takes the clone URL from the API.
   */
  cloneUrl: z.string().optional(),
});
export type RunJobRepo = z.infer<typeof RunJobRepo>;

export const RunJobData = z.strictObject({
  /** `calibrate`: an A/A run of `headSha` (the default branch, pinned at intake), answered with a comment. */
  kind: z.enum(['bench', 'calibrate', 'optimize']),
  repo: RunJobRepo,
  installationId: z.number().int().positive(),
  /** Where to report: a pull request, or (optimize via an issue label) an issue. */
  target: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('pull'), number: z.number().int().positive() }),
    z.strictObject({ type: z.literal('issue'), number: z.number().int().positive() }),
  ]),
  /** The head commit pinned when the command was accepted; the job runs exactly this commit. */
  headSha: z.string().regex(/^[0-9a-f]{40}$/),
  /** Compare against this ref instead of the pull request's base (`/perf bench --vs REF`). */
  vs: z.string().optional(),
  filter: z.string().optional(),
  runs: z.number().int().min(3).max(100).optional(),
  optimize: z
    .strictObject({
      target: z.number().positive().optional(),
      maxIterations: z.number().int().positive().optional(),
      /** `--max-regression` / `--max-memory` as fractions (`optimize.tradeoffs` of this run). */
      maxRegression: z.number().min(0).max(10).optional(),
      maxMemory: z.number().min(0).max(10).optional(),
      focus: z.string().max(500).optional(),
    })
    .optional(),
  actor: z.strictObject({ login: z.string(), id: z.number().int() }),
  trigger: z.strictObject({
    source: z.enum(['comment', 'label']),
    commentId: z.number().int().optional(),
    labelName: z.string().optional(),
    deliveryId: z.string(),
  }),
  /** ISO time the command was accepted. */
  requestedAt: z.string(),
});
export type RunJobData = z.infer<typeof RunJobData>;

/** What `job.updateProgress` holds, read back by `/perf status`. */
export const RunJobProgress = z.object({
  phase: z.string(),
  startedAt: z.string(),
  detail: z.string().optional(),
});
export type RunJobProgress = z.infer<typeof RunJobProgress>;
