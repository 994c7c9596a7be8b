/** The queue the webhook handler feeds: one job per GitHub delivery, authorized and answered by the intake worker. */
export const INTAKE_QUEUE = 'perfbot-intake';

/** The queue of heavy work: one job per accepted `/perf bench` or `/perf optimize` request. */
export const RUN_QUEUE = 'perfbot-run';

/**
 * BullMQ's default key prefix. Every key Perfbot writes beside its queues lives under the same prefix
 * (see {@link perfbotKey}), so one Redis ACL key pattern (`~bull:*`) covers all of them and a test that uses a
 * random prefix owns every key it creates.
 */
export const DEFAULT_PREFIX = 'bull';

/**
 * The name of a Perfbot key outside BullMQ's own: `<prefix>:perfbot:<parts…>`, e.g.
 * `bull:perfbot:delivery:<guid>`.
 */
export function perfbotKey(prefix: string, ...parts: readonly (string | number)[]): string {
  return [prefix, 'perfbot', ...parts].join(':');
}
