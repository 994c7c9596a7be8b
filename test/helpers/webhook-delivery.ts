import { createHmac, randomUUID } from 'node:crypto';
import examples from '@octokit/webhooks-examples';

type Example = Record<string, unknown>;

/** A deep copy of one of GitHub's own example payloads (`@octokit/webhooks-examples`). */
export function examplePayload(event: string, pick: (example: Example) => boolean): Example {
  const found = (examples as unknown as { name: string; examples: Example[] }[])
    .find((e) => e.name === event)
    ?.examples.find(pick);
  if (!found) throw new Error(`no ${event} example matches`);
  return structuredClone(found);
}

export interface DeliveryResult {
  status: number;
  body: string;
  deliveryId: string;
  ms: number;
}

/** POSTs a webhook as GitHub does: JSON body, event and delivery headers, HMAC-SHA256 signature. */
export async function deliverWebhook(
  url: string,
  event: string,
  payload: unknown,
  options: { secret?: string; deliveryId?: string; signature?: string | null } = {},
): Promise<DeliveryResult> {
  const body = JSON.stringify(payload);
  const deliveryId = options.deliveryId ?? randomUUID();
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-github-event': event,
    'x-github-delivery': deliveryId,
    'user-agent': 'GitHub-Hookshot/perfbot-test',
  };
  const signature =
    options.signature === undefined
      ? `sha256=${createHmac('sha256', options.secret ?? '')
          .update(body)
          .digest('hex')}`
      : options.signature;
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, body: await response.text(), deliveryId, ms: performance.now() - started };
}
