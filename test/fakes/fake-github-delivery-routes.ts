import { jwtProblem } from './fake-github-jwt.ts';
import { githubNow, nextId, type FakeHookDelivery } from './fake-github-state.ts';
import { notFound, type FakeResponse, type FakeRoute } from './fake-github-router.ts';

/** The fields `GET /app/hook/deliveries` returns for each item (GitHub's `hook-delivery-item`). */
function deliveryJson(d: FakeHookDelivery) {
  return {
    id: d.id,
    guid: d.guid,
    delivered_at: d.deliveredAt,
    redelivery: d.redelivery,
    duration: 0.03,
    status: d.status,
    status_code: d.statusCode,
    event: d.event,
    action: d.action,
    installation_id: d.installationId,
    repository_id: d.repositoryId,
    throttled_at: null,
  };
}

function unauthorized(message: string): FakeResponse {
  return { status: 401, body: { message, documentation_url: 'https://docs.github.com/rest' } };
}

/**
 * The app webhook's delivery log: listed newest first with cursor pagination (`cursor=v1_<id>` continues below
 * that id, announced in a `link: <…>; rel="next"` header as GitHub does), and redelivery, which answers 202 and
 * logs a new attempt of the same GUID (`redelivery: true`) with the status `redeliveryStatus` of the state.
 */
export const fakeDeliveryRoutes: FakeRoute[] = [
  {
    method: 'GET',
    path: '/app/hook/deliveries',
    handle: ({ state, query, headers, apiUrl }) => {
      const problem = jwtProblem(state, headers.authorization);
      if (problem) return unauthorized(problem);
      const perPage = Math.min(100, Math.max(1, Number(query.per_page ?? 30) || 30));
      const below = query.cursor === undefined ? Infinity : Number(/^v1_(\d+)$/.exec(query.cursor)?.[1] ?? Number.NaN);
      if (Number.isNaN(below))
        return { status: 400, body: { message: 'Invalid cursor', documentation_url: 'https://docs.github.com/rest' } };
      const newestFirst = [...state.hookDeliveries].sort((a, b) => b.id - a.id).filter((d) => d.id < below);
      const page = newestFirst.slice(0, perPage);
      const last = page.at(-1);
      const more = last !== undefined && newestFirst.length > page.length;
      const link: Record<string, string> = more
        ? { link: `<${apiUrl}/app/hook/deliveries?per_page=${perPage}&cursor=v1_${last.id}>; rel="next"` }
        : {};
      return { status: 200, body: page.map(deliveryJson), headers: link };
    },
  },
  {
    method: 'POST',
    path: '/app/hook/deliveries/:id/attempts',
    handle: ({ state, params, headers }) => {
      const problem = jwtProblem(state, headers.authorization);
      if (problem) return unauthorized(problem);
      const original = state.hookDeliveries.find((d) => d.id === Number(params.id));
      if (!original) return notFound();
      const log = (status: string, statusCode: number) =>
        state.hookDeliveries.push({
          ...original,
          id: nextId(state),
          deliveredAt: githubNow(),
          redelivery: true,
          status,
          statusCode,
        });
      // GitHub answers 202 at once and delivers afterwards; the attempt shows up in the log when it is done.
      if (state.sendWebhook) {
        void state.sendWebhook(original).then(
          (code) => log(code >= 200 && code < 300 ? 'OK' : `Invalid HTTP Response: ${code}`, code),
          () => log('failed to connect to host', 0),
        );
      } else {
        log(state.redeliveryStatus, state.redeliveryStatus === 'OK' ? 200 : 502);
      }
      return { status: 202, body: {} };
    },
  },
];
