import type { PipelineTarget } from '../pipeline-target.ts';

/**
 * The one benchmark the targets name exactly (an `improve` target whose glob has no wildcard), which then is
 * the speed figure of the headline; undefined when the targets name none or several.
 */
export function preferredBenchmark(targets: readonly PipelineTarget[]): string | undefined {
  const named = targets.flatMap((target) =>
    target.kind === 'improve' && !/[*?[]/.test(target.benchmark) ? [target.benchmark] : [],
  );
  return new Set(named).size === 1 ? named[0] : undefined;
}
