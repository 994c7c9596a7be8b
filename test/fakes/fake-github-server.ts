import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeAppRoutes } from './fake-github-app-routes.ts';
import { fakeCheckRoutes } from './fake-github-check-routes.ts';
import { fakeDeliveryRoutes } from './fake-github-delivery-routes.ts';
import { isGitRequest, serveFakeGit } from './fake-git-http.ts';
import { fakeIssueRoutes } from './fake-github-issue-routes.ts';
import { fakeManifestRoutes } from './fake-github-manifest-routes.ts';
import { fakeRepoRoutes } from './fake-github-repo-routes.ts';
import { permissionRefusal } from './fake-github-permissions.ts';
import { createFakeRouter, findRepo, notFound, type FakeResponse } from './fake-github-router.ts';
import { createFakeGitHubState, type FakeGitHubState, type FakeRepo, type FakeRepoSeed } from './fake-github-state.ts';
import { createFakeGitHubSeeding, type FakeGitHubSeeding } from './fake-github-seeding.ts';

/** One request the fake received, as the app sent it. */
export interface RecordedRequest {
  method: string;
  /** Decoded path, without the query: `/repos/acme/widgets/contents/.github/perf.yml`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body, or the raw text when it is not JSON, or `undefined` when empty. */
  body: unknown;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** `Date.now()` when the request arrived. */
  at: number;
  /** The status the fake answered. */
  status: number;
}

interface InjectedFailure {
  method: string;
  path: string | RegExp;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  times: number;
}

export interface FailNextOptions {
  headers?: Record<string, string>;
  /** GitHub-like default per status when omitted (403 with `retry-after` is a secondary rate limit). */
  body?: unknown;
  /** How many matching requests fail (default 1). */
  times?: number;
}

/** A GitHub API on 127.0.0.1 over in-memory state, failing loudly on any request it does not implement. */
export interface FakeGitHub extends FakeGitHubSeeding {
  /** Give this to Octokit as `baseUrl` (ends in `/api/v3` when started with `enterprise`). */
  url: string;
  state: FakeGitHubState;
  /** The repository created at start (`octo-org/perf-demo` unless told otherwise). */
  repo: FakeRepo;
  requests: RecordedRequest[];
  /** Requests that matched no route: a test passes only when this stays empty. */
  unexpected: RecordedRequest[];
  /**
   * Requests refused because their installation token lacks the permission GitHub documents for the endpoint
   * (403 "Resource not accessible by integration"): the app asked for too few permissions. Must stay empty too.
   */
  forbidden: RecordedRequest[];
  /** Git smart-HTTP requests the enterprise fake served (`/<owner>/<repo>.git/…`). */
  gitRequests: { method: string; url: string }[];
  /** Makes the next matching request(s) fail with `status` (a string path matches exactly). */
  failNext(method: string, path: string | RegExp, status: number, options?: FailNextOptions): void;
  /** Throws, listing them, when any unexpected request arrived or any call was made with too weak a token. */
  assertNoUnexpected(): void;
  close(): Promise<void>;
}

const routes = createFakeRouter([
  ...fakeRepoRoutes,
  ...fakeIssueRoutes,
  ...fakeCheckRoutes,
  ...fakeAppRoutes,
  ...fakeDeliveryRoutes,
  ...fakeManifestRoutes,
]);

export interface FakeGitHubOptions {
  repo?: FakeRepoSeed;
  /**
   * Serve only as GitHub Enterprise Server does: REST under `/api/v3`, GraphQL at `/api/graphql`; a request
   * outside them is unexpected. By default both layouts (github.com's and GHES's) are accepted.
   */
  enterprise?: boolean;
}

/** Starts the fake on a free port of 127.0.0.1. */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const state = createFakeGitHubState();
  const seeding = createFakeGitHubSeeding(state, options.repo ?? { owner: 'octo-org', name: 'perf-demo' });
  const requests: RecordedRequest[] = [];
  const unexpected: RecordedRequest[] = [];
  const forbidden: RecordedRequest[] = [];
  const gitRequests: { method: string; url: string }[] = [];
  const failures: InjectedFailure[] = [];
  let url = '';

  const server = createServer((req, res) => {
    // A GitHub Enterprise Server serves git on the same host; so does the enterprise fake, for repositories backed by a bare repository.
    if (options.enterprise && isGitRequest(req.url ?? '/')) {
      gitRequests.push({ method: req.method ?? 'GET', url: req.url ?? '/' });
      return serveFakeGit(state, req, res);
    }
    void readRequest(req).then(({ recorded, rawPath, enterprisePath }) => {
      const response =
        options.enterprise && !enterprisePath
          ? {
              status: 404,
              unexpected: true,
              body: { message: `a GitHub Enterprise Server serves its API under /api/v3, not ${recorded.path}` },
            }
          : answer(recorded, rawPath);
      recorded.status = response.status;
      requests.push(recorded);
      if (response.unexpected) unexpected.push(recorded);
      if (response.forbidden) forbidden.push(recorded);
      const text = response.body === undefined ? '' : JSON.stringify(response.body);
      res.writeHead(response.status, {
        'content-type': 'application/json; charset=utf-8',
        'x-github-request-id': `FAKE:${requests.length}`,
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4999',
        ...response.headers,
      });
      res.end(text);
    });
  });

  function answer(request: RecordedRequest, rawPath: string): FakeResponse {
    const failure = failures.find(
      (f) =>
        f.method === request.method &&
        (typeof f.path === 'string' ? f.path === request.path : f.path.test(request.path)),
    );
    if (failure) {
      failure.times -= 1;
      if (failure.times <= 0) failures.splice(failures.indexOf(failure), 1);
      return { status: failure.status, headers: failure.headers, body: failure.body };
    }
    const { route, params } = routes(request.method, rawPath);
    if (!route) {
      return {
        status: 501,
        unexpected: true,
        body: { message: `fake GitHub has no route for ${request.method} ${request.path}` },
      };
    }
    if (!request.headers.authorization && !route.anonymous) {
      return {
        status: 401,
        body: { message: 'Requires authentication', documentation_url: 'https://docs.github.com/rest' },
      };
    }
    const repo = findRepo(state, params);
    if (route.path.startsWith('/repos/') && !repo) return notFound();
    const refused = permissionRefusal(state, request.headers.authorization, route.permission, repo);
    if (refused) return { ...refused, forbidden: refused.status === 403 };
    return route.handle({
      state,
      repo: repo as FakeRepo,
      params,
      query: request.query,
      body: request.body,
      headers: request.headers,
      apiUrl: url,
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${options.enterprise ? '/api/v3' : ''}`;

  return {
    ...seeding,
    url,
    state,
    repo: seeding.repo,
    requests,
    unexpected,
    forbidden,
    gitRequests,
    failNext(method, path, status, opts = {}) {
      const headers = opts.headers ?? {};
      failures.push({
        method: method.toUpperCase(),
        path,
        status,
        headers,
        body: opts.body ?? defaultFailureBody(status, headers),
        times: opts.times ?? 1,
      });
    },
    assertNoUnexpected() {
      if (unexpected.length > 0) {
        throw new Error(
          `fake GitHub received unexpected requests:\n${unexpected.map((r) => `  ${r.method} ${r.path}`).join('\n')}`,
        );
      }
      if (forbidden.length > 0) {
        throw new Error(
          `fake GitHub refused calls whose token lacked the documented permission (403):\n${forbidden.map((r) => `  ${r.method} ${r.path}`).join('\n')}`,
        );
      }
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function readRequest(
  req: IncomingMessage,
): Promise<{ recorded: RecordedRequest; rawPath: string; enterprisePath: boolean }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  let body: unknown = undefined;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  const parsed = new URL(req.url ?? '/', 'http://fake.invalid');
  // GitHub Enterprise Server serves the same API under /api/v3, and GraphQL at /api/graphql (GHE_HOST); accept both.
  const enterprisePath = parsed.pathname.startsWith('/api/v3/') || parsed.pathname === '/api/graphql';
  if (parsed.pathname.startsWith('/api/v3/')) parsed.pathname = parsed.pathname.slice('/api/v3'.length);
  else if (parsed.pathname === '/api/graphql') parsed.pathname = '/graphql';
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  const recorded: RecordedRequest = {
    method: (req.method ?? 'GET').toUpperCase(),
    path: decodeURIComponent(parsed.pathname),
    query: Object.fromEntries(parsed.searchParams),
    body,
    headers,
    at: Date.now(),
    status: 0,
  };
  // Route on the raw path so an encoded `/` inside a parameter (a label, a file path) stays inside it.
  return { recorded, rawPath: parsed.pathname, enterprisePath };
}

function defaultFailureBody(status: number, headers: Record<string, string>): unknown {
  const docs = 'https://docs.github.com/rest';
  if ((status === 403 || status === 429) && 'retry-after' in headers) {
    return {
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      documentation_url: docs,
    };
  }
  if (status === 403) return { message: 'Resource not accessible by integration', documentation_url: docs };
  if (status === 429) return { message: 'API rate limit exceeded', documentation_url: docs };
  if (status === 404) return { message: 'Not Found', documentation_url: docs };
  if (status >= 500) return { message: 'Server Error' };
  return { message: `Injected failure ${status}`, documentation_url: docs };
}
