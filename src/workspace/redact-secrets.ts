import { createRedactor } from '../domain/redact.ts';
import type { GitCredentials } from './workspace.ts';

/**
 * Every form in which git or an HTTP stack could echo a credential: the raw password (or the username when
 * it is the token), its URL-encoded form, and the base64 of `username:password` (a Basic `Authorization`).
 * Empty and very short strings are skipped: replacing "a" everywhere would destroy messages, not protect.
 */
export function secretFormsOf(credentials: GitCredentials | undefined): string[] {
  if (!credentials) return [];
  const { username, password } = credentials;
  // `https://TOKEN@host/…` carries the token as the username with an empty password.
  const secret = password || username;
  if (secret.length < 4) return [];
  const forms = [
    secret,
    encodeURIComponent(secret),
    Buffer.from(`${username}:${password}`).toString('base64'),
    Buffer.from(secret).toString('base64'),
  ];
  return [...new Set(forms)];
}

/** Replaces every secret (and its encoded forms, and anything token-shaped) in `text`: the shared redactor. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  return createRedactor([...secrets])(text);
}
