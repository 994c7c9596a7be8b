import {
  GitHubNotFoundError,
  GitHubPermissionError,
  GitHubRequestError,
  PerfbotError,
  TransientGitHubError,
} from '../domain/errors.ts';

/** What we read from an Octokit `RequestError` (structurally, so Octokit's classes stay inside the adapter). */
interface HttpFailure {
  status: number;
  message: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

/** What we read from an Octokit `GraphqlResponseError`: HTTP 200 with an `errors` array. */
interface GraphqlFailure {
  errors: { type?: string; message?: string }[];
}

/** GitHub's documented wait when a secondary rate limit gives no `retry-after`: at least one minute. */
const SECONDARY_LIMIT_FALLBACK_MS = 60_000;

/**
 * Turns whatever an Octokit call threw into Perfbot's typed GitHub errors. `action` says what we were doing
 * ("reading .github/perf.yml from acme/app") so the message tells the user where it failed.
 * Errors that are not HTTP failures (bugs in our code) are returned unchanged.
 */
export function toGitHubError(error: unknown, action: string, now: number = Date.now()): unknown {
  if (error instanceof PerfbotError) return error;
  if (isGraphqlFailure(error)) return fromGraphql(error, action);
  if (!isHttpFailure(error)) return error;
  const { status } = error;
  const detail = githubMessage(error);
  const headers = error.response?.headers ?? {};
  const said = `${action} failed: GitHub answered ${status} (${detail})`;
  if (status === 0 || error.response === undefined) {
    return new TransientGitHubError(
      `${action} failed: GitHub could not be reached (${detail}). Perfbot will retry.`,
      undefined,
      undefined,
      { cause: error },
    );
  }
  if (status >= 500 || status === 429) {
    return new TransientGitHubError(`${said}. Perfbot will retry.`, status, retryAfterMs(headers, now), {
      cause: error,
    });
  }
  if (status === 403 && (/secondary rate/i.test(detail) || headers['retry-after'] !== undefined)) {
    const wait = retryAfterMs(headers, now) ?? SECONDARY_LIMIT_FALLBACK_MS;
    return new TransientGitHubError(`${said}: a secondary rate limit. Perfbot will retry later.`, status, wait, {
      cause: error,
    });
  }
  if ((status === 403 || status === 429) && String(headers['x-ratelimit-remaining']) === '0') {
    return new TransientGitHubError(
      `${said}: the rate limit is used up. Perfbot will retry after it resets.`,
      status,
      retryAfterMs(headers, now),
      { cause: error },
    );
  }
  if (status === 403) {
    return new GitHubPermissionError(
      `${said}. Check that the Perfbot app is installed on this repository with the permissions it asks for.`,
      { cause: error },
    );
  }
  if (status === 404 || status === 410) {
    return new GitHubNotFoundError(
      `${said}. Check that it exists and that the Perfbot app is installed with access to it.`,
      { cause: error },
    );
  }
  return new GitHubRequestError(`${said}.`, status, { cause: error });
}

/** Milliseconds to wait from `retry-after` (seconds or an HTTP date), else from `x-ratelimit-reset` when exhausted. */
export function retryAfterMs(headers: Record<string, string | number | undefined>, now: number): number | undefined {
  const retryAfter = headers['retry-after'];
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(String(retryAfter));
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const reset = Number(headers['x-ratelimit-reset']);
  if (String(headers['x-ratelimit-remaining']) === '0' && Number.isFinite(reset) && reset > 0) {
    return Math.max(0, reset * 1000 - now);
  }
  return undefined;
}

function fromGraphql(error: GraphqlFailure, action: string): PerfbotError {
  const types = error.errors.map((e) => e.type ?? 'UNKNOWN');
  const detail = error.errors.map((e) => e.message ?? e.type ?? 'unknown error').join('; ');
  const said = `${action} failed: GitHub GraphQL answered ${types.join(', ')} (${detail})`;
  if (types.includes('RATE_LIMITED'))
    return new TransientGitHubError(`${said}. Perfbot will retry later.`, undefined, SECONDARY_LIMIT_FALLBACK_MS, {
      cause: error,
    });
  if (types.includes('NOT_FOUND')) return new GitHubNotFoundError(`${said}.`, { cause: error });
  if (types.includes('FORBIDDEN')) return new GitHubPermissionError(`${said}.`, { cause: error });
  return new GitHubRequestError(`${said}.`, 200, { cause: error });
}

function githubMessage(error: HttpFailure): string {
  const data = error.response?.data;
  const message = typeof data === 'object' && data !== null && 'message' in data ? String(data.message) : error.message;
  return message.length > 300 ? `${message.slice(0, 300)}…` : message;
}

function isHttpFailure(error: unknown): error is HttpFailure {
  return error instanceof Error && 'status' in error && typeof error.status === 'number';
}

function isGraphqlFailure(error: unknown): error is GraphqlFailure {
  return error instanceof Error && 'errors' in error && Array.isArray(error.errors) && !('status' in error);
}
