import { codeSpan } from './code-span.ts';

const SHA = /^[0-9a-f]{7,64}$/i;

/**
 * A commit as a short code span: `abc1234` for a SHA (GitHub does not autolink a SHA inside code, which is
 * what we want for commits that may not be in this repository); anything else is shown as given, capped.
 */
export function renderCommit(sha: string): string {
  return SHA.test(sha) ? codeSpan(sha.slice(0, 7).toLowerCase()) : codeSpan(sha, 'text', 40);
}
