import { createAppOctokit, type AppOctokitOptions } from './create-app-octokit.ts';
import type { IssuedToken, TokenIssuer } from './token-issuer.ts';
import { githubCall } from './github-call.ts';

export type AppTokenIssuerOptions = AppOctokitOptions;

/** `TokenIssuer` that signs a JWT with the app's key and calls `POST /app/installations/{id}/access_tokens`. */
export function createAppTokenIssuer(options: AppTokenIssuerOptions): TokenIssuer {
  const octokit = createAppOctokit(options);
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
