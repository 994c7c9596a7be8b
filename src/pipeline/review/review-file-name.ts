import type { Reviewer } from '../../config/review-config.ts';
import { languageSlug } from './main-language.ts';

/** The seed workflow's names of the nine reviewers' files in `bots/`, where they differ from the reviewer's name. */
const SEED_NAMES: Partial<Record<Reviewer, string>> = { quality: 'code-quality', debugging: 'debug' };

/**
 * `bots/review-<name>.md` of one reviewer, as the seed workflow names them: `review-code.md`, `review-security.md`,
 * `review-performance.md`, `review-docs.md`, `review-architecture.md`, `review-code-quality.md`, `review-debug.md`,
 * `review-errors.md`, and the language reviewer's after the repository's main language (`review-go.md` on a Go
 * repository, `review-python.md` on a Python one; `review-language.md` when no language was recognised).
 */
export function reviewFileName(reviewer: Reviewer, language: string | undefined): string {
  if (reviewer === 'language') return `review-${language === undefined ? 'language' : languageSlug(language)}.md`;
  return `review-${SEED_NAMES[reviewer] ?? reviewer}.md`;
}
