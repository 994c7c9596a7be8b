import { z } from 'zod';

/**
 * The webhook events the handler hands to intake (see src/app/create-perf-app.ts): commands and labels, and CI
 * news (`check_suite`/`check_run`) that wakes a waiting MONITOR early.
 */
export const INTAKE_EVENTS = ['issue_comment', 'pull_request', 'issues', 'check_suite', 'check_run'] as const;

/**
 * An intake job: one GitHub delivery, verified (signature) but not yet translated or authorized. The raw payload
 * travels because turning a label event into a command needs the label names from perf.yml on the default
 * branch, which only the intake worker reads; `toPerfTrigger` validates the payload there with zod. Payloads
 * carry no secrets (BullMQ stores job data in clear text).
 */
export const IntakeJobData = z.strictObject({
  /**
   * `X-GitHub-Delivery`: the same on every redelivery of one event, hence the idempotency key. A GUID;
   * letters, digits and dashes only, so it can be part of a BullMQ job id (which must not contain `:`).
   */
  deliveryId: z.string().regex(/^[A-Za-z0-9-]{1,100}$/),
  /** `X-GitHub-Event`. */
  name: z.enum(INTAKE_EVENTS),
  payload: z.record(z.string(), z.unknown()),
  /** ISO time the webhook arrived. */
  receivedAt: z.string().min(1),
});
export type IntakeJobData = z.infer<typeof IntakeJobData>;
