import { z } from 'zod';

/** One row a `/perf ack` waived: a benchmark's metric that was slower than the regression gate allows. */
export const WaivedRow = z.object({ benchmark: z.string(), metric: z.string(), change: z.number() });
export type WaivedRow = z.infer<typeof WaivedRow>;

/**
 * A `/perf ack`: who accepted the regression of which run, on which head commit, when and why. It holds for
 * `headSha` only; a new push makes a new check run that fails again until it is acknowledged again.
 */
export const Acknowledgement = z.object({
  repoId: z.number().int().positive(),
  pr: z.number().int().positive(),
  headSha: z.string().regex(/^[0-9a-f]{40}$/),
  /** The bench run (job id) whose `perf` check run was waived. */
  jobId: z.string().min(1),
  login: z.string().min(1),
  userId: z.number().int(),
  /** Untrusted, cleaned by the parser (`parseReason`); escape it where it is shown. */
  reason: z.string().optional(),
  /** ISO time of the ack. */
  at: z.string(),
  /** The delivery of the `/perf ack` comment: a retried intake job recognizes its own ack by it. */
  deliveryId: z.string(),
  waived: z.array(WaivedRow),
});
export type Acknowledgement = z.infer<typeof Acknowledgement>;
