import type { ApplicationFunction } from 'probot';
import type { IntakeJobData } from '../queue/intake-job-data.ts';
import { findUnusablePayload } from '../webhooks/find-unusable-payload.ts';

/**
 * The events Perfbot listens to; everything else is never even enqueued. Completed check suites and runs are
 * CI news for a MONITOR phase that may be waiting on the commit (intake wakes it; see `IntakeDeps.onCiNews`).
 */
export const PERF_EVENTS = [
  'issue_comment.created',
  'pull_request.labeled',
  'issues.labeled',
  'check_suite.completed',
  'check_run.completed',
] as const;

export interface PerfAppOptions {
  /** Puts the delivery on the intake queue; throws when Redis is unreachable (Probot then answers 500). */
  enqueue: (event: IntakeJobData) => Promise<unknown>;
  /** A delivery whose payload Perfbot cannot read (logged at warn and counted by the caller); it is still enqueued. */
  onUnusable?: (delivery: { deliveryId: string; event: string; field: string; reason: string }) => void;
  now?: () => Date;
}

/**
 * The Probot app: deliberately thin. Probot has verified the signature; the handler drops comments that do
 * not mention `/perf` and hands everything else to the intake queue, keyed by the delivery id so a redelivery
 * is enqueued once. Authorization, config and replies happen in the intake worker, so the webhook is answered
 * in milliseconds whatever GitHub's API is doing.
 */
export function createPerfApp(options: PerfAppOptions): ApplicationFunction {
  const now = options.now ?? (() => new Date());
  return (app) => {
    app.on([...PERF_EVENTS], async (context) => {
      if (context.name === 'issue_comment' && !mentionsPerf(context.payload)) return;
      // Still enqueued: intake answers on the pull request when the user had typed a command.
      const unusable = findUnusablePayload({ name: context.name, payload: context.payload });
      if (unusable) options.onUnusable?.({ deliveryId: context.id, event: context.name, ...unusable });
      await options.enqueue({
        deliveryId: context.id,
        name: context.name,
        payload: context.payload,
        receivedAt: now().toISOString(),
      });
    });
  };
}

function mentionsPerf(payload: unknown): boolean {
  const body = (payload as { comment?: { body?: unknown } }).comment?.body;
  return typeof body === 'string' && /\/perf/i.test(body);
}
