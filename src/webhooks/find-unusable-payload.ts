import { toPerfTrigger } from './to-perf-trigger.ts';

/** Label names do not matter here: a payload's shape is checked before its labels are. */
const ANY_LABELS = { bench: 'perf:bench', optimize: 'perf:optimize' };

/**
 * Why Perfbot cannot read a trigger event's payload, if it cannot: the first field that did not match and the
 * whole reason. Pure and cheap, so the webhook handler can log and count such deliveries as they arrive.
 */
export function findUnusablePayload(event: {
  name: string;
  payload: unknown;
}): { field: string; reason: string } | undefined {
  const result = toPerfTrigger(event, { labels: ANY_LABELS });
  return 'ignored' in result && result.unusable ? { field: result.unusable.field, reason: result.ignored } : undefined;
}
