import type { IssuedToken } from './token-issuer.ts';

/** Mint a new token this long before the current one expires: a request started just before expiry still works. */
const MARGIN_MS = 5 * 60_000;

/**
 * An installation token that stays valid for as long as a job runs. Installation tokens expire after an hour, and
 * optimize and long bench runs take longer, so every use asks for the token and gets the cached one until it is
 * within five minutes of its expiry, then a newly minted one (one mint at a time, even for concurrent requests).
 */
export function refreshingToken(mint: () => Promise<IssuedToken>, now: () => number = Date.now): () => Promise<string> {
  let current: { token: string; refreshAt: number } | undefined;
  let minting: Promise<string> | undefined;
  return async () => {
    if (current && now() < current.refreshAt) return current.token;
    minting ??= mint()
      .then((issued) => {
        current = { token: issued.token, refreshAt: Date.parse(issued.expiresAt) - MARGIN_MS };
        return issued.token;
      })
      .finally(() => {
        minting = undefined;
      });
    return minting;
  };
}
