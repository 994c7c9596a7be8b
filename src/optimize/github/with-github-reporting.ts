import type { PhaseHandlers } from '../phase-handler.ts';

/** What the worker publishes on GitHub as phases finish; each call must be safe to repeat. */
export interface GitHubReporting {
  /**
   * After BENCHMARK and every VERIFY: the benchmark table as a PR comment (`bots/benchmark-before.txt`,
   * `bots/perf-results.md`), one comment per table, edited in place when the phase repeats.
   */
  table(kind: 'baseline' | 'verify', markdown: string, iteration: number): Promise<void>;
  /** After every REVIEW: the consolidated review (`bots/review.md`) as the run's review comment. */
  review(reviewMd: string, iteration: number): Promise<void>;
  /** After a COMMIT that pushed: the `perf/review` check run on the pushed commit. */
  pushed(sha: string, reviewMd: string, findings: number): Promise<void>;
  /** A report that could not be published: the run goes on (the final report still links everything). */
  warn(message: string, error: unknown): void;
}

/**
 * The phase handlers with GitHub reporting added after BENCHMARK, VERIFY, REVIEW and COMMIT. Inside the phase, so a resumed run
 * that repeats the phase publishes again — harmless, every write is keyed (marker comment, check run by name
 * and external id). Best effort: a GitHub hiccup while reporting must not fail a phase, which would stop the run.
 */
export function withGitHubReporting(handlers: PhaseHandlers, reporting: GitHubReporting): PhaseHandlers {
  return {
    ...handlers,
    benchmark: async (ctx, state) => {
      const report = await handlers.benchmark(ctx, state);
      const table = await ctx.files.readArtifact('benchmark-before.txt');
      if (table !== null) await reporting.table('baseline', table, state.iteration).catch((error: unknown) => reporting.warn('could not post the baseline table', error));
      return report;
    },
    verify: async (ctx, state) => {
      const report = await handlers.verify(ctx, state);
      const table = await ctx.files.readArtifact('perf-results.md');
      if (table !== null) await reporting.table('verify', table, state.iteration).catch((error: unknown) => reporting.warn('could not post the verify table', error));
      return report;
    },
    review: async (ctx, state) => {
      const report = await handlers.review(ctx, state);
      if ('phase' in report.outcome && report.outcome.phase === 'review') {
        const reviewMd = await ctx.files.readArtifact('review.md');
        if (reviewMd !== null) await reporting.review(reviewMd, state.iteration).catch((error: unknown) => reporting.warn('could not post the review comment', error));
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
