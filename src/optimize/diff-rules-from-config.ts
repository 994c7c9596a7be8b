import type { RepoConfig } from '../config/repo-config.ts';
import { protectedPaths } from '../pipeline/diff-rules/protected-paths.ts';

/** What the diff rules need from perf.yml: where the agent may write, and what it may never touch. */
export interface DiffRules {
  /** `optimize.allowedPaths`. */
  allowedPaths: readonly string[];
  /** The defaults, the files the benchmark and test commands name, and `optimize.protect` (`protectedPaths`). */
  protectedPaths: readonly string[];
}

/** The diff rules of a run, from the trusted perf.yml. */
export function diffRulesFromConfig(config: RepoConfig): DiffRules {
  return {
    allowedPaths: config.optimize.allowedPaths,
    protectedPaths: protectedPaths({
      commands: [config.benchmark?.command, config.benchmark?.setup, config.test.command],
      extra: config.optimize.protect,
    }),
  };
}
