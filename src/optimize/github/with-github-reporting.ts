import type { PhaseHandlers } from '../phase-handler.ts';
import { iterationResultsName } from '../phase-handlers/verify-phase.ts';
import { readBaselineProfile } from '../profile/profile-baseline.ts';

/** What the worker publishes on GitHub as phases finish; each call must be safe to repeat. */
export interface GitHubReporting {
  /**
   * After BENCHMARK and every VERIFY: the benchmark table as a PR comment (`bots/benchmark-before.txt`,
   * `bots/perf-results-<n>.md`), one comment per table, edited in place when the phase repeats.
   */
  table(kind: 'verify', markdown: string, iteration: number): Promise<void>;
  /**
   * After BENCHMARK, one comment with what the run starts from, each part collapsed: `bots/perf-targets.md` (the
   * targets, the trade-offs and the figures they start from), the benchmark table and, when taken, the CPU profile.
   */
  baseline(parts: { targets?: string; table: string; profile?: string }): Promise<void>;
  /** After every ANALYZE, `bots/perf-analysis.md`, collapsed, one comment per round, edited in place when repeated. */
  analysis(markdown: string, round: number): Promise<void>;
  /** After every REVIEW: the consolidated review (`bots/review.md`) as the run's review comment. */
  review(reviewMd: string, iteration: number): Promise<void>;
  /** After a COMMIT that pushed: the `perf/review` check run on the pushed commit. */
  pushed(sha: string, reviewMd: string, findings: number): Promise<void>;
  /** A report that could not be published: the run goes on (the final report still links everything). */
  warn(message: string, error: unknown): void;
}

/**
 * The phase handlers with GitHub reporting added after BENCHMARK, ANALYZE, VERIFY, REVIEW and COMMIT. Inside the phase, so a resumed run
 * that repeats the phase publishes again — harmless, every write is keyed (marker comment, check run by name
 * and external id). Best effort: a GitHub hiccup while reporting must not fail a phase, which would stop the run.
 */
export function withGitHubReporting(handlers: PhaseHandlers, reporting: GitHubReporting): PhaseHandlers {
  return {
    ...handlers,
    benchmark: async (ctx, state) => {
      const report = await handlers.benchmark(ctx, state);
      const table = await ctx.files.readArtifact('benchmark-before.txt');
      if (table !== null) {
        const targets = await ctx.files.readArtifact('perf-targets.md');
        const profile = await readBaselineProfile(ctx.files);
        const parts = {
          table,
          ...(targets === null ? {} : { targets }),
          ...(profile.status === 'taken' ? { profile: profile.text } : {}),
        };
        await reporting.baseline(parts).catch((error: unknown) => reporting.warn('could not post the baseline', error));
      }
      return report;
    },
    analyze: async (ctx, state) => {
      const report = await handlers.analyze(ctx, state);
      const analysis = await ctx.files.readArtifact('perf-analysis.md');
      if (analysis !== null && 'phase' in report.outcome) {
        await reporting
          .analysis(analysis, state.analyzeRounds + 1)
          .catch((error: unknown) => reporting.warn('could not post the analysis', error));
      }
      return report;
    },
    verify: async (ctx, state) => {
      const report = await handlers.verify(ctx, state);
      const table = await ctx.files.readArtifact(iterationResultsName(state.iteration));
      if (table !== null)
        await reporting
          .table('verify', table, state.iteration)
          .catch((error: unknown) => reporting.warn('could not post the verify table', error));
      return report;
    },
    review: async (ctx, state) => {
      const report = await handlers.review(ctx, state);
      if ('phase' in report.outcome && report.outcome.phase === 'review') {
        const reviewMd = await ctx.files.readArtifact('review.md');
        if (reviewMd !== null)
          await reporting
            .review(reviewMd, state.iteration)
            .catch((error: unknown) => reporting.warn('could not post the review comment', error));
      }
      return report;
    },
    commit: async (ctx, state) => {
      const report = await handlers.commit(ctx, state);
      const outcome = report.outcome;
      if ('phase' in outcome && outcome.phase === 'commit' && outcome.pushed) {
        const reviewMd = (await ctx.files.readArtifact('review.md')) ?? '### Review\n\nNo review was recorded.\n';
        await reporting
          .pushed(outcome.sha, reviewMd, state.reviewFindings?.length ?? 0)
          .catch((error: unknown) => reporting.warn('could not create the perf/review check run', error));
      }
      return report;
    },
  };
}
