import type { FakeGitHubState, FakeRepo } from './fake-github-state.ts';
import { repoKey } from './fake-github-state.ts';

/** What a route handler sees of one request. */
export interface FakeRequestContext {
  state: FakeGitHubState;
  /** The repository named by `:owner/:repo`, resolved (routes under /repos/ 404 before reaching a handler). */
  repo: FakeRepo;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  headers: Record<string, string>;
  /** The fake's base URL, for `url` fields. */
  apiUrl: string;
}

/**
 * What an endpoint needs, as GitHub documents it for GitHub Apps ("Permissions required for …" on each REST
 * page): any one of the alternatives, each `<permission>:<read|write>`. Write includes read.
 */
export type RoutePermission = readonly `${string}:${'read' | 'write'}`[];

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** The route exists but this use of it is not something the fake implements: recorded as unexpected. */
  unexpected?: boolean;
  /** Refused for a token without the endpoint's permission: recorded in `forbidden`. */
  forbidden?: boolean;
}

export interface FakeRoute {
  method: string;
  /** `/repos/:owner/:repo/issues/:number/comments`; a last segment `*path` takes the rest of the path. */
  path: string;
  /** The installation-token permission GitHub documents for this endpoint; absent for app (JWT) endpoints. */
  permission?: RoutePermission;
  /** Called without any credentials on GitHub (the manifest conversion, a browser's form post). */
  anonymous?: boolean;
  handle: (ctx: FakeRequestContext) => FakeResponse;
}

interface CompiledRoute extends FakeRoute {
  regex: RegExp;
  names: string[];
}

export type FakeRouter = (
  method: string,
  path: string,
) => { route: FakeRoute; params: Record<string, string> } | { route: undefined; params: Record<string, string> };

/** Compiles the route table into a matcher (method and path must both match). */
export function createFakeRouter(routes: FakeRoute[]): FakeRouter {
  const compiled: CompiledRoute[] = routes.map((route) => {
    const names: string[] = [];
    const source = route.path
      .split('/')
      .map((segment) => {
        if (segment.startsWith('*')) return (names.push(segment.slice(1)), '(.+)');
        if (segment.startsWith(':')) return (names.push(segment.slice(1)), '([^/]+)');
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    return { ...route, names, regex: new RegExp(`^${source}$`) };
  });
  return (method, path) => {
    for (const route of compiled) {
      if (route.method !== method) continue;
      const match = route.regex.exec(path);
      if (!match) continue;
      const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
      return { route, params };
    }
    return { route: undefined, params: {} };
  };
}

/** Looks up `:owner/:repo`. */
export function findRepo(state: FakeGitHubState, params: Record<string, string>): FakeRepo | undefined {
  return state.repos.get(repoKey(params.owner ?? '', params.repo ?? ''));
}

/** GitHub's 404 body. */
export function notFound(): FakeResponse {
  return {
    status: 404,
    body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' },
  };
}

/** GitHub's 422 body. */
export function invalid(message: string, errors: unknown[] = []): FakeResponse {
  return { status: 422, body: { message, errors, documentation_url: 'https://docs.github.com/rest', status: '422' } };
}

/** A JSON object body, or `{}` when the request had none. */
export function bodyObject(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** Slices a list like GitHub's pagination (`per_page` ≤ 100, `page` from 1) and builds its `link` header. */
export function paginate<T>(
  items: T[],
  query: Record<string, string>,
  url: string,
): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(query.per_page ?? 30) || 30));
  const page = Math.max(1, Number(query.page ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number, rel: string) => `<${url}?per_page=${perPage}&page=${n}>; rel="${rel}"`;
  const links = [];
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
  return {
    page: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length ? { link: links.join(', ') } : {},
  };
}
