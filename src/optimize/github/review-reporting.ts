import type { GitHubClient, RepoRef } from '../../github/github-client.ts';
import { codeSpan, renderCodeBlock } from '../../reports/markdown.ts';
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
    async table(_kind, markdown, iteration) {
      const marker = `verify-${jobId}-${iteration}`;
      const body = `### 📐 Perfbot: verification of iteration ${iteration}\n\n${collapsed('Benchmark table', markdown)}\n\n<sub>run ${codeSpan(jobId)}</sub>\n`;
      const posted = await github.upsertComment(repo, options.issue, marker, redact(body), tableIds.get(marker));
      tableIds.set(marker, posted.id);
    },
    async baseline(parts) {
      const marker = `baseline-${jobId}`;
      const sections = [
        '### 📏 Perfbot: baseline before optimizing',
        ...(parts.targets === undefined
          ? []
          : [
              collapsed(
                'What this run optimizes: targets, trade-offs, starting figures (bots/perf-targets.md)',
                parts.targets,
              ),
            ]),
        collapsed('Benchmark table', parts.table),
        // The profile is plain text naming the repository's functions and files: fenced, so none of it renders.
        ...(parts.profile === undefined
          ? []
          : [
              collapsed(
                'CPU profile: top functions by self and total time (bots/profile.txt)',
                renderCodeBlock(parts.profile.trimEnd(), 'text'),
              ),
            ]),
        `<sub>run ${codeSpan(jobId)}</sub>`,
      ];
      const posted = await github.upsertComment(
        repo,
        options.issue,
        marker,
        redact(`${sections.join('\n\n')}\n`),
        tableIds.get(marker),
      );
      tableIds.set(marker, posted.id);
    },
    async analysis(markdown, round) {
      const marker = `analysis-${jobId}-${round}`;
      const body = `### 🔍 Perfbot: analysis ${round}\n\n${collapsed('Where the time goes and what to change (bots/perf-analysis.md)', markdown)}\n\n<sub>run ${codeSpan(jobId)}</sub>\n`;
      const posted = await github.upsertComment(repo, options.issue, marker, redact(body), tableIds.get(marker));
      tableIds.set(marker, posted.id);
    },
    async review(reviewMd, iteration) {
      const footer = `<sub>Perfbot's reviewers on iteration ${iteration} · run ${codeSpan(jobId)}</sub>`;
      const posted = await github.upsertComment(
        repo,
        options.issue,
        `review-${jobId}`,
        redact(`${reviewMd.trimEnd()}\n\n${footer}\n`),
        commentId,
      );
      commentId = posted.id;
    },
    async pushed(sha, reviewMd, findings) {
      const output = {
        title:
          findings === 0
            ? 'Review: no findings'
            : `Review: ${findings} non-blocking ${findings === 1 ? 'finding' : 'findings'}`,
        summary: redact(reviewMd),
      };
      const conclusion = findings === 0 ? 'success' : 'neutral';
      const existing = (await github.listCheckRunsForRef(repo, sha)).find(
        (run) => run.name === REVIEW_CHECK_NAME && run.externalId === jobId,
      );
      if (existing === undefined) {
        await github.createCheckRun(repo, {
          name: REVIEW_CHECK_NAME,
          headSha: sha,
          status: 'completed',
          conclusion,
          externalId: jobId,
          output,
        });
      } else {
        await github.updateCheckRun(repo, existing.id, { status: 'completed', conclusion, output });
      }
    },
    warn(message, error) {
      options.warn(message, { err: error instanceof Error ? redact(error.message) : String(error) });
    },
  };
}

function collapsed(summary: string, markdown: string): string {
  return `<details><summary>${summary}</summary>\n\n${markdown.trimEnd()}\n\n</details>`;
}
