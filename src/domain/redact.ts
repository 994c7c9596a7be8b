/** What a redacted secret is replaced with. */
export const REDACTED = '***';

/** Shorter "secrets" are ignored: replacing `abc` everywhere would destroy messages, not protect anything. */
const MIN_SECRET_LENGTH = 4;

/** Credentials recognisable by shape alone, whether or not the caller knew about them. */
const SECRET_PATTERNS: readonly RegExp[] = [
  // PEM private keys (RSA, EC, OPENSSH, ENCRYPTED…), also when the output was cut before the END line.
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----|[\s\S]*$)/g,
  // GitHub personal (classic and fine-grained), OAuth, user-to-server, installation and refresh tokens.
  /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g,
  // Anthropic API keys and AWS access key ids: the other credentials a Perfbot worker holds.
  /\bsk-ant-[A-Za-z0-9_-]{20,}/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
];

/** `scheme://user:password@` — keeps the scheme so the message still says which URL it was. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]*:[^\s/@]+@/gi;

/**
 * Returns a pure function that removes credentials from text before it leaves the process (logs, PR
 * comments, error messages). Each known secret is also matched in the forms tools echo it in: URL-encoded
 * (a token inside `https://x-access-token:TOKEN@host`), base64 (an HTTP Basic `Authorization` header, as git
 * sends it, is `base64("x-access-token:TOKEN")`), with or without `=` padding. Redacting twice changes
 * nothing more.
 *
 * Not covered: a secret's base64 form at a non-zero offset inside a longer base64 text, and secrets split
 * across the boundary of separately redacted strings.
 */
export function createRedactor(secrets: readonly string[]): (text: string) => string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of formsOf(secret)) if (form.length >= MIN_SECRET_LENGTH) forms.add(form);
  }
  // Longest first, so a secret that contains another is replaced whole.
  const known = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const knownPattern = known.length > 0 ? new RegExp(known.join('|'), 'g') : undefined;

  return (text) => {
    let result = text;
    if (knownPattern) result = result.replace(knownPattern, REDACTED);
    for (const pattern of SECRET_PATTERNS) result = result.replace(pattern, REDACTED);
    return result.replace(URL_CREDENTIALS, `$1${REDACTED}@`);
  };
}

function formsOf(secret: string): string[] {
  const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  const encoded = [base64(secret), base64(`x-access-token:${secret}`)];
  return [secret, encodeURIComponent(secret), ...encoded, ...encoded.map((form) => form.replace(/=+$/, ''))];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
