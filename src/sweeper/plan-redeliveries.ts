import type { WebhookDelivery } from '../github/webhook-delivery-log.ts';

/**
 * The events GitHub never managed to deliver: one entry per GUID none of whose attempts is `OK`, naming that
 * GUID's newest failed attempt (the one to redeliver). Oldest event first, so a backlog is replayed in order.
 */
export function planRedeliveries(deliveries: readonly WebhookDelivery[]): WebhookDelivery[] {
  const byGuid = new Map<string, WebhookDelivery[]>();
  for (const delivery of deliveries) byGuid.set(delivery.guid, [...(byGuid.get(delivery.guid) ?? []), delivery]);
  const failed: WebhookDelivery[] = [];
  for (const attempts of byGuid.values()) {
    if (attempts.some((a) => a.status === 'OK')) continue;
    const newest = attempts.reduce((a, b) =>
      Date.parse(b.deliveredAt) > Date.parse(a.deliveredAt) || (b.deliveredAt === a.deliveredAt && b.id > a.id) ? b : a,
    );
    failed.push(newest);
  }
  return failed.sort((a, b) => Date.parse(a.deliveredAt) - Date.parse(b.deliveredAt) || a.id - b.id);
}
