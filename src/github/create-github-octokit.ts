import Bottleneck from 'bottleneck';
import { ProbotOctokit } from 'probot';

export interface GitHubOctokitPolicy {
  /** Clients with the same id share write spacing (≥1 s between writes, ≥3 s between notifying writes). */
  throttleId?: string;
  /**
   * The longest rate-limit wait honoured inside a request, in seconds. A longer `retry-after` surfaces as a
   * `TransientGitHubError` so the queue delays the job instead of holding a worker.
   */
  maxInlineWaitSeconds?: number;
  /** Retries of 5xx and network failures (quadratic backoff). */
  retries?: number;
  /** Unit of plugin-retry's backoff: retry n waits n² × this. One second in production. */
  retryBaseMs?: number;
  /** The write spacing of these clients (`createWriteLimiters`); plugin-throttling's own (1 s, 3 s) when omitted. */
  writeLimiters?: WriteLimiters;
}

/** plugin-throttling's limiter groups for writes and for writes that notify, keyed by `throttleId`. */
export interface WriteLimiters {
  write: Bottleneck.Group;
  notifications: Bottleneck.Group;
}

/**
 * Write spacing of `spacingMs` between two writes of one throttle id, and three times that before a write that
 * notifies (a comment, an issue, a pull request), as GitHub's guidance (1 s and 3 s) scaled. Create them once per
 * process and pass them to every client, so that concurrent jobs of one installation share the spacing.
 */
export function createWriteLimiters(spacingMs: number): WriteLimiters {
  return {
    write: new Bottleneck.Group({ maxConcurrent: 1, minTime: spacingMs }),
    notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 3 * spacingMs }),
  };
}

/**
 * Octokit options that choose Perfbot's rate-limit behaviour explicitly. A Probot *app* replaces
 * `onSecondaryRateLimit` with a log-only handler (no retry); pass these to `ProbotOctokit.defaults()` in the
 * composition root so installation clients honour `retry-after` a couple of times and then give up.
 */
export function githubOctokitPolicy(policy: GitHubOctokitPolicy = {}) {
  const { throttleId = 'perfbot', maxInlineWaitSeconds = 60, retries = 3, retryBaseMs = 1000, writeLimiters } = policy;
  return {
    throttle: {
      enabled: true,
      id: throttleId,
      ...writeLimiters,
      onSecondaryRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) =>
        retryCount < 2 && retryAfter <= maxInlineWaitSeconds,
      onRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) =>
        retryCount < 1 && retryAfter <= maxInlineWaitSeconds,
    },
    // 429 joins plugin-retry's do-not-retry list: its blind backoff would ignore `retry-after`. Throttling
    // retries rate-limit 429s as told; any other 429 becomes a TransientGitHubError carrying the wait.
    retry: {
      enabled: retries > 0,
      retries,
      retryAfterBaseValue: retryBaseMs,
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
    },
  };
}

export interface GitHubOctokitOptions extends GitHubOctokitPolicy {
  /**
   * An installation token (or any token GitHub accepts as `Authorization: token …`), or a function asked for the
   * token before every request (`refreshingToken`: long jobs outlive an installation token's hour).
   */
  token: string | (() => Promise<string>);
  /** `https://api.github.com` by default; `https://HOST/api/v3` for GitHub Enterprise Server; a fake in tests. */
  baseUrl?: string;
}

/**
 * A token-authenticated Octokit with throttling (write spacing, `retry-after`) and retry (5xx) plugins,
 * as the `octokit` for `createOctokitGitHubClient`. Probot's Octokit bundles both plugins.
 */
export function createGitHubOctokit(options: GitHubOctokitOptions): InstanceType<typeof ProbotOctokit> {
  const { token, baseUrl, ...policy } = options;
  return new ProbotOctokit({
    ...(typeof token === 'string' ? { auth: { token } } : { authStrategy: () => tokenCallbackAuth(token) }),
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...githubOctokitPolicy(policy),
  });
}

/**
 * An Octokit auth strategy that asks `token` before each request, in the shape of `@octokit/auth-token`: the
 * function resolves the auth, `hook` sets the header on every request.
 */
function tokenCallbackAuth(token: () => Promise<string>) {
  type Request = { endpoint: { merge(route: unknown, parameters?: unknown): { headers: Record<string, string> } } } & ((
    options: unknown,
  ) => Promise<unknown>);
  return Object.assign(async () => ({ type: 'token', tokenType: 'installation', token: await token() }), {
    hook: async (request: Request, route: unknown, parameters?: unknown) => {
      const endpoint = request.endpoint.merge(route, parameters);
      endpoint.headers.authorization = `token ${await token()}`;
      return request(endpoint);
    },
  });
}
