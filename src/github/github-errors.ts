import { PerfbotError } from '../domain/errors.ts';

/**
 * GitHub could not answer now: a 5xx, a 429, a (secondary) rate limit, or the network failed.
 * Retry the job later, no sooner than `retryAfterMs` when GitHub said how long to wait.
 */
export class TransientGitHubError extends PerfbotError {
  readonly userError = false;
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The app (or the user it acts for) may not do this: a 403 that is not a rate limit. Not retried. */
export class GitHubPermissionError extends PerfbotError {
  readonly userError = true;
  readonly status = 403;
}

/** The repository, pull request, comment or user does not exist, or the app cannot see it. Not retried. */
export class GitHubNotFoundError extends PerfbotError {
  readonly userError = true;
  readonly status = 404;
}

/**
 * Any other refusal (401, 409, 422…): GitHub understood the request and will keep refusing it,
 * so retrying does not help; usually a bug or a misconfigured app, hence not a user error.
 */
export class GitHubRequestError extends PerfbotError {
  readonly userError = false;
  constructor(
    message: string,
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Every error the GitHub adapters throw. */
export type GitHubError = TransientGitHubError | GitHubPermissionError | GitHubNotFoundError | GitHubRequestError;
