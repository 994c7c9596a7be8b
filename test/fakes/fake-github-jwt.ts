import { verify } from 'node:crypto';
import type { FakeGitHubState } from './fake-github-state.ts';

/** `null` when `authorization` is an RS256 JWT for this app (signature checked when a public key is set). */
export function jwtProblem(state: FakeGitHubState, authorization: string | undefined): string | null {
  const match = /^bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/i.exec(authorization ?? '');
  if (!match) return 'A JSON web token could not be decoded';
  const [, header = '', payload = '', signature = ''] = match;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: unknown; exp?: unknown };
    if (String(claims.iss) !== String(state.app.id)) return "'Issuer' claim ('iss') must be an Integer";
    if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now())
      return "'Expiration time' claim ('exp') must be a numeric value representing the future time";
  } catch {
    return 'A JSON web token could not be decoded';
  }
  if (state.app.publicKeyPem) {
    const ok = verify(
      'RSA-SHA256',
      Buffer.from(`${header}.${payload}`),
      state.app.publicKeyPem,
      Buffer.from(signature, 'base64url'),
    );
    if (!ok) return 'A JSON web token could not be decoded';
  }
  return null;
}
