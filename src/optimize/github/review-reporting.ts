import type { GitHubClient, RepoRef } from '../../github/github-client.ts';
import { codeSpan } from '../../reports/code-span.ts';
import type { GitHubReporting } from './with-github-reporting.ts';

/** The check run that carries the consolidated review on the pushed commit. */
export const REVIEW_CHECK_NAME = 'perf/review';

/**
 * Publishes a run's tables and review: one comment per benchmark table (baseline, each VERIFY), the comment `review-<jobId>` on the triggering PR or issue (edited after every
 * REVIEW round, so it always shows the latest), and the `perf/review` check run on each pushed commit (found
 * again by name and external id, so a repeated COMMIT updates it). Non-blocking findings make it `neutral`,
 * none `success` (blocking ones never reach COMMIT). Every body is redacted before it leaves.
 */
export function createReviewReporting(options: {
  github: GitHubClient;
  repo: RepoRef;
  /** The PR or issue the run reports on. */
  issue: number;
  jobId: string;
  redact: (text: string) => string;
  warn: (message: string, details: Record<string, unknown>) => void;
}): GitHubReporting {
  const { github, repo, jobId, redact } = options;
  let commentId: number | undefined;
  const tableIds = new Map<string, number>();
  return {
    async table(kind, markdown, iteration) {
      const marker = kind === 'baseline' ? `baseline-${jobId}` : `verify-${jobId}-${iteration}`;
      const title = kind === 'baseline' ? '### 📏 Perfbot: baseline before optimizing' : `### 📐 Perfbot: verification of iteration ${iteration}`;
      const body = `${title}\n\n<details><summary>Benchmark table</summary>\n\n${markdown.trimEnd()}\n\n</details>\n\n<sub>run ${codeSpan(jobId)}</sub>\n`;
      const posted = await github.upsertComment(repo, options.issue, marker, redact(body), tableIds.get(marker));
      tableIds.set(marker, posted.id);
    },
    async review(reviewMd, iteration) {
      const footer = `<sub>Perfbot's reviewers on iteration ${iteration} · run ${codeSpan(jobId)}</sub>`;
      const posted = await github.upsertComment(repo, options.issue, `review-${jobId}`, redact(`${reviewMd.trimEnd()}\n\n${footer}\n`), commentId);
      commentId = posted.id;
    },
    async pushed(sha, reviewMd, findings) {
      const output = {
        title: findings === 0 ? 'Review: no findings' : `Review: ${findings} non-blocking ${findings === 1 ? 'finding' : 'findings'}`,
        summary: redact(reviewMd),
      };
      const conclusion = findings === 0 ? 'success' : 'neutral';
      const existing = (await github.listCheckRunsForRef(repo, sha)).find((run) => run.name === REVIEW_CHECK_NAME && run.externalId === jobId);
      if (existing === undefined) {
        await github.createCheckRun(repo, { name: REVIEW_CHECK_NAME, headSha: sha, status: 'completed', conclusion, externalId: jobId, output });
      } else {
        await github.updateCheckRun(repo, existing.id, { status: 'completed', conclusion, output });
      }
    },
    warn(message, error) {
      options.warn(message, { err: error instanceof Error ? redact(error.message) : String(error) });
    },
  };
}
