import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import type { IssuedToken, TokenIssuer } from './token-issuer.ts';
import { githubCall } from './github-call.ts';

export interface AppTokenIssuerOptions {
  appId: number | string;
  /** The app's PEM private key. */
  privateKey: string;
  /** `https://api.github.com` by default. */
  baseUrl?: string;
}

/** `TokenIssuer` that signs a JWT with the app's key and calls `POST /app/installations/{id}/access_tokens`. */
export function createAppTokenIssuer(options: AppTokenIssuerOptions): TokenIssuer {
  const octokit = new Octokit({
    authStrategy: createAppAuth,
    auth: { appId: options.appId, privateKey: options.privateKey },
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    // Failures are thrown to the caller as typed errors; Octokit's own console logging would only repeat them.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
  return {
    issue: (request) =>
      githubCall(`Minting a token for installation ${request.installationId}`, async (): Promise<IssuedToken> => {
        const auth = (await octokit.auth({
          type: 'installation',
          installationId: request.installationId,
          repositoryIds: request.repositoryIds,
          permissions: { ...request.permissions },
          // A cached token may be minutes from expiry; each step gets a fresh one.
          refresh: true,
        })) as { token: string; expiresAt: string; permissions?: Record<string, string>; repositoryIds?: number[] };
        return {
          token: auth.token,
          expiresAt: auth.expiresAt,
          permissions: auth.permissions ?? {},
          repositoryIds: auth.repositoryIds ?? request.repositoryIds,
        };
      }),
  };
}
