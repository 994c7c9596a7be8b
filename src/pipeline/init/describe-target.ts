import type { PipelineTarget } from '../pipeline-target.ts';

/** What a target asks for, in plain words: `10.0% faster`, `20.0% less peak memory`, `15.0% better ops`. */
export function describeTargetGoal(target: PipelineTarget): string {
  switch (target.kind) {
    case 'improve':
    case 'overall':
      return target.metric === 'time'
        ? `${percent(target.improve)} faster`
        : `${percent(target.improve)} better ${target.metric}`;
    case 'reduceMemory':
      return `${percent(target.reduceMemory)} less peak memory`;
    case 'anyImprovement':
      return target.metric === 'time'
        ? 'significantly faster, nothing significantly slower'
        : `significantly better ${target.metric}, nothing significantly worse`;
  }
}

/** Which benchmarks a target is judged on, in plain words (the glob itself for globbed targets). */
export function describeTargetScope(target: PipelineTarget): string {
  switch (target.kind) {
    case 'improve':
    case 'reduceMemory':
      return target.benchmark;
    case 'overall':
      return `geometric mean of all benchmarks`;
    case 'anyImprovement':
      return 'any benchmark';
  }
}

function percent(fraction: number): string {
  return `${(Math.round(fraction * 1000) / 10).toFixed(1)}%`;
}
