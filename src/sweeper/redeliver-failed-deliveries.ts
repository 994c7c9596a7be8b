import { planRedeliveries } from './plan-redeliveries.ts';
import type { WebhookDelivery, WebhookDeliveryLog } from '../github/webhook-delivery-log.ts';

export interface DeliveryMemory {
  /** True when the app enqueued this GUID (the intake dedupe key exists): nothing was lost. */
  wasReceived(guid: string): Promise<boolean>;
  /** Claims the one redelivery this GUID gets; false when it was already claimed (by any server). */
  claimRedelivery(guid: string): Promise<boolean>;
  /** Gives the claim back after GitHub refused the redelivery, so a later sweep tries again. */
  releaseRedelivery(guid: string): Promise<void>;
}

export interface SweepOptions {
  log: WebhookDeliveryLog;
  memory: DeliveryMemory;
  now: () => number;
  /** Only deliveries this recent are looked at (GitHub's log goes back further than is worth replaying). */
  lookbackMs: number;
  /** At most this many pages of the log per sweep, whatever the window holds. */
  maxPages: number;
  onRedelivered?: (delivery: WebhookDelivery) => void;
  onRefused?: (delivery: WebhookDelivery, error: unknown) => void;
}

export interface SweepSummary {
  pages: number;
  /** Deliveries read inside the window. */
  seen: number;
  redelivered: string[];
  /** Failed, but already received by the app or already redelivered once. */
  skipped: string[];
}

/**
 * One sweep, as GitHub recommends for failed deliveries (it never redelivers on its own): read the log back to
 * the look-back window, find the events with no `OK` attempt that the app never enqueued, and redeliver each
 * once — the claim in Redis makes "once" hold across sweeps and servers, even when the redelivery fails too.
 */
export async function redeliverFailedDeliveries(options: SweepOptions): Promise<SweepSummary> {
  const { log, memory } = options;
  const since = options.now() - options.lookbackMs;
  const inWindow: WebhookDelivery[] = [];
  let cursor: string | undefined;
  let pages = 0;
  while (pages < options.maxPages) {
    const page = await log.list(cursor);
    pages += 1;
    const recent = page.deliveries.filter((d) => Date.parse(d.deliveredAt) >= since);
    inWindow.push(...recent);
    // Newest first: once a page reaches past the window, older pages hold nothing to do.
    if (page.nextCursor === undefined || recent.length < page.deliveries.length) break;
    cursor = page.nextCursor;
  }
  const summary: SweepSummary = { pages, seen: inWindow.length, redelivered: [], skipped: [] };
  for (const delivery of planRedeliveries(inWindow)) {
    if ((await memory.wasReceived(delivery.guid)) || !(await memory.claimRedelivery(delivery.guid))) {
      summary.skipped.push(delivery.guid);
      continue;
    }
    try {
      await log.redeliver(delivery.id);
    } catch (error) {
      await memory.releaseRedelivery(delivery.guid);
      options.onRefused?.(delivery, error);
      continue;
    }
    summary.redelivered.push(delivery.guid);
    options.onRedelivered?.(delivery);
  }
  return summary;
}
