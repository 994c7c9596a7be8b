/** One attempt GitHub made to deliver a webhook to the app, as its delivery log lists it. */
export interface WebhookDelivery {
  /** The attempt's id: what a redelivery is requested for. */
  id: number;
  /** The event's id (`X-GitHub-Delivery`), shared by every attempt of the same event. */
  guid: string;
  /** ISO 8601. */
  deliveredAt: string;
  /** `OK` when the app answered 2xx; anything else (`Invalid HTTP Response: 503`, `timed out`…) is a failure. */
  status: string;
  event: string;
  redelivery: boolean;
}

export interface DeliveryPage {
  /** Newest first, as GitHub lists them. */
  deliveries: WebhookDelivery[];
  /** Where the next (older) page starts; absent on the last page. */
  nextCursor?: string;
}

/**
 * The app webhook's delivery log (`GET /app/hook/deliveries`, `POST /app/hook/deliveries/{id}/attempts`),
 * authenticated as the app itself (JWT), not as an installation.
 */
export interface WebhookDeliveryLog {
  list(cursor?: string): Promise<DeliveryPage>;
  /** Asks GitHub to deliver this attempt's event again; it arrives as a new delivery with the same GUID. */
  redeliver(id: number): Promise<void>;
}
