import { z } from 'zod';
import { FILTER_CHARACTERS, PERF_COMMAND_LIMITS as LIMITS, REF_CHARACTERS } from '../webhooks/perf-command.ts';

/*
 * Mirrors `PerfTrigger` (src/webhooks/perf-trigger.ts) and `PerfCommand` (src/webhooks/perf-command.ts) field
 * for field; test/integration/queue/intake-job-data.test.ts checks both directions of assignability, so the
 * schema and the types cannot drift apart silently. Bounds repeat the parser's, because job data comes back out
 * of Redis, which anyone holding a Redis password can write (T15).
 */

const Id = z.number().int().positive();

const TriggerRepoSchema = z.strictObject({
  id: Id,
  owner: z.string().min(1),
  name: z.string().min(1),
  fullName: z.string().min(3),
  defaultBranch: z.string().min(1),
  cloneUrl: z.string().min(1),
});

const TriggerTargetSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('pull'), number: Id, headSha: z.string().regex(/^[0-9a-f]{40}$/).optional() }),
  z.strictObject({ type: z.literal('issue'), number: Id }),
]);

const PerfCommandSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('bench'),
    filter: z.string().max(LIMITS.filterLength).regex(FILTER_CHARACTERS).optional(),
    runs: z.number().int().min(LIMITS.runs.min).max(LIMITS.runs.max).optional(),
    vs: z.string().max(LIMITS.refLength).regex(REF_CHARACTERS).optional(),
  }),
  z.strictObject({
    kind: z.literal('optimize'),
    target: z.number().gt(0).lte(LIMITS.targetPercent.max / 100).optional(),
    maxIterations: z.number().int().min(LIMITS.maxIterations.min).max(LIMITS.maxIterations.max).optional(),
    focus: z.string().max(LIMITS.focusLength).optional(),
  }),
  z.strictObject({ kind: z.literal('status') }),
  z.strictObject({ kind: z.literal('cancel') }),
  z.strictObject({ kind: z.literal('help') }),
  z.strictObject({ kind: z.literal('invalid'), error: z.string() }),
]);

const common = {
  repo: TriggerRepoSchema,
  installationId: Id,
  target: TriggerTargetSchema,
  actor: z.strictObject({ login: z.string().min(1), id: Id }),
  command: PerfCommandSchema,
};

/** The schema of `PerfTrigger`: what the webhook handler puts into an intake job. */
export const PerfTriggerSchema = z.discriminatedUnion('source', [
  z.strictObject({ ...common, source: z.literal('comment'), commentId: Id, line: z.string() }),
  z.strictObject({ ...common, source: z.literal('label'), labelName: z.string() }),
]);

/**
 * An intake job: one GitHub delivery, not yet authorized. Identifiers and the typed command only — never a
 * token (BullMQ stores job data in clear text).
 */
export const IntakeJobData = z.strictObject({
  /**
   * `X-GitHub-Delivery`: the same on every redelivery of one event, hence the idempotency key (T2). A GUID;
   * letters, digits and dashes only, so it can be part of a BullMQ job id (which must not contain `:`).
   */
  deliveryId: z.string().regex(/^[A-Za-z0-9-]{1,100}$/),
  /** ISO time the webhook arrived. */
  receivedAt: z.string().min(1),
  trigger: PerfTriggerSchema,
});
export type IntakeJobData = z.infer<typeof IntakeJobData>;
