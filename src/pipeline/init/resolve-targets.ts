import type { PerfTarget } from '../../config/perf-target.ts';
import type { PipelineTarget } from '../pipeline-target.ts';

export interface TargetSources {
  /** `targets` from `.github/perf.yml` (already parsed). */
  configured: readonly PerfTarget[];
  /** `--target N%` as a fraction, when the command gave one. */
  commandTarget?: number;
  /** The metric the default targets are about; `time` unless the benchmarks measure no time. */
  primaryMetric?: string;
}

/**
 * Merges the command's `--target` with `.github/perf.yml`:
 *
 * - the command is the newer, more specific request, so `--target N%` replaces the percentage of every
 *   configured `improve` target (their globs and metrics stay); `reduceMemory` targets are kept as written;
 * - with `--target` and no configured `improve` target, it becomes an `overall` target on the geometric mean,
 *   because "make it 20% faster" is about the suite, not about every single benchmark;
 * - with no target anywhere, the run aims at any significant improvement of the primary metric.
 */
export function resolveTargets(sources: TargetSources): PipelineTarget[] {
  const metric = sources.primaryMetric ?? 'time';
  const { commandTarget } = sources;
  const targets: PipelineTarget[] = sources.configured.map((target) =>
    target.kind === 'improve'
      ? commandTarget === undefined
        ? { ...target, source: 'perf.yml' }
        : { ...target, improve: commandTarget, source: 'command' }
      : { ...target, source: 'perf.yml' },
  );
  if (commandTarget !== undefined && !targets.some((target) => target.kind === 'improve')) {
    targets.push({ kind: 'overall', improve: commandTarget, metric, source: 'command' });
  }
  if (targets.length === 0) targets.push({ kind: 'anyImprovement', metric, source: 'default' });
  return targets;
}
