import { z } from 'zod';
import type { WebhookDeliveryLog } from './webhook-delivery-log.ts';
import { createAppOctokit, type AppOctokitOptions } from './create-app-octokit.ts';
import { githubCall } from './github-call.ts';

const PER_PAGE = 100;

/** The fields of GitHub's `hook-delivery-item` the sweeper reads. */
const DeliveryItem = z.object({
  id: z.number(),
  guid: z.string().min(1),
  delivered_at: z.string(),
  status: z.string(),
  event: z.string(),
  redelivery: z.boolean(),
});

/** The `cursor` of the `rel="next"` link GitHub sends while older deliveries remain. */
function nextCursor(link: string | undefined): string | undefined {
  const next = link?.split(',').find((part) => /rel="next"/.test(part));
  const url = next === undefined ? undefined : /<([^>]+)>/.exec(next)?.[1];
  return url === undefined ? undefined : (new URL(url).searchParams.get('cursor') ?? undefined);
}

/** The app webhook's delivery log over the REST API, authenticated with the app's JWT (not an installation token). */
export function createOctokitDeliveryLog(options: AppOctokitOptions): WebhookDeliveryLog {
  const octokit = createAppOctokit(options);
  return {
    list: (cursor) =>
      githubCall("Listing the app webhook's deliveries", async () => {
        const response = await octokit.request('GET /app/hook/deliveries', {
          per_page: PER_PAGE,
          ...(cursor === undefined ? {} : { cursor }),
        });
        const items = z.array(DeliveryItem).parse(response.data);
        const cursorNext = nextCursor(response.headers.link);
        return {
          deliveries: items.map((d) => ({
            id: d.id,
            guid: d.guid,
            deliveredAt: d.delivered_at,
            status: d.status,
            event: d.event,
            redelivery: d.redelivery,
          })),
          ...(cursorNext === undefined ? {} : { nextCursor: cursorNext }),
        };
      }),
    redeliver: (id) =>
      githubCall(`Redelivering webhook delivery ${id}`, async () => {
        await octokit.request('POST /app/hook/deliveries/{delivery_id}/attempts', { delivery_id: id });
      }),
  };
}
