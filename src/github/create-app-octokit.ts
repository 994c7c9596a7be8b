import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';

export interface AppOctokitOptions {
  appId: number | string;
  /** The app's PEM private key. */
  privateKey: string;
  /** `https://api.github.com` by default. */
  baseUrl?: string;
}

/** An Octokit authenticated as the app itself (a JWT signed with its key), for `/app/…` endpoints. */
export function createAppOctokit(options: AppOctokitOptions): Octokit {
  return new Octokit({
    authStrategy: createAppAuth,
    auth: { appId: options.appId, privateKey: options.privateKey },
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    // Failures are thrown to the caller as typed errors; Octokit's own console logging would only repeat them.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
}
