import { describe, expect, it } from 'vitest';
import { resolveTargets } from '../../../src/pipeline/init/resolve-targets.ts';

describe('resolveTargets', () => {
  it.each([
    {
      name: 'perf.yml targets as written',
      sources: { configured: [{ kind: 'improve' as const, benchmark: 'parse/*', improve: 0.1, metric: 'time' }] },
      expected: [{ kind: 'improve', benchmark: 'parse/*', improve: 0.1, metric: 'time', source: 'perf.yml' }],
    },
    {
      name: '--target replaces the percentage of configured improve targets, not reduceMemory',
      sources: {
        configured: [
          { kind: 'improve' as const, benchmark: 'parse/*', improve: 0.1, metric: 'time' },
          { kind: 'reduceMemory' as const, benchmark: '*', reduceMemory: 0.2 },
        ],
        commandTarget: 0.25,
      },
      expected: [
        { kind: 'improve', benchmark: 'parse/*', improve: 0.25, metric: 'time', source: 'command' },
        { kind: 'reduceMemory', benchmark: '*', reduceMemory: 0.2, source: 'perf.yml' },
      ],
    },
    {
      name: '--target with only memory targets adds a suite-wide target',
      sources: {
        configured: [{ kind: 'reduceMemory' as const, benchmark: '*', reduceMemory: 0.2 }],
        commandTarget: 0.2,
      },
      expected: [
        { kind: 'reduceMemory', benchmark: '*', reduceMemory: 0.2, source: 'perf.yml' },
        { kind: 'overall', improve: 0.2, metric: 'time', source: 'command' },
      ],
    },
    {
      name: '--target alone is about the geometric mean of the primary metric',
      sources: { configured: [], commandTarget: 0.2, primaryMetric: 'ops' },
      expected: [{ kind: 'overall', improve: 0.2, metric: 'ops', source: 'command' }],
    },
    {
      name: 'nothing anywhere: any significant improvement',
      sources: { configured: [] },
      expected: [{ kind: 'anyImprovement', metric: 'time', source: 'default' }],
    },
  ])('$name', ({ sources, expected }) => {
    expect(resolveTargets(sources)).toEqual(expected);
  });
});
