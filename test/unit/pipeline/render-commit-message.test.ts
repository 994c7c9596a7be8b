import { describe, expect, it } from 'vitest';
import { deriveComponent } from '../../../src/pipeline/commit/derive-component.ts';
import { preferredBenchmark } from '../../../src/pipeline/verify/preferred-benchmark.ts';
import type { PipelineTarget } from '../../../src/pipeline/pipeline-target.ts';
import { renderCommitMessage } from '../../../src/pipeline/commit/render-commit-message.ts';
import { makeRow } from '../reports/fixtures/bench-reports.ts';
import { parseRows } from './fixtures/golden-cases.ts';

const improve = (benchmark: string): PipelineTarget => ({
  kind: 'improve',
  benchmark,
  improve: 0.1,
  metric: 'time',
  source: 'perf.yml',
});
const base = { component: 'parse', geomean: [], agent: { name: 'a', type: 'b' }, runId: 'r' };

describe('renderCommitMessage', () => {
  it('uses the only parsed benchmark, or the whole run when nothing was parsed', () => {
    const only = renderCommitMessage({ ...base, rows: [parseRows[0]!, parseRows[2]!] });
    expect(only).toContain('- Speed (parse): 12.3 ms → 8.10 ms (34.1% faster)\n');
    const whole = renderCommitMessage({ ...base, rows: [parseRows[2]!] });
    expect(whole).toContain('- Speed (whole run): 410 ms → 330 ms (19.5% faster)\n');
  });

  it('says when a change is not significant, or a slowdown', () => {
    const rows = [
      makeRow({
        benchmark: 'x',
        base: { median: 100, n: 9 },
        head: { median: 105, n: 9 },
        change: 0.05,
        ci: [-0.01, 0.11],
      }),
    ];
    expect(renderCommitMessage({ ...base, rows })).toContain(
      '- Speed (x): 100 ns → 105 ns (5.0% slower, not significant)\n',
    );
  });

  it('computes each percentage from the medians it shows, not from the paired estimate', () => {
    // The paired estimate (-30%) and the medians (100 → 60: 40% faster) differ, as they do in real runs.
    const rows = [
      makeRow({
        benchmark: 'x',
        base: { median: 100, n: 9 },
        head: { median: 60, n: 9 },
        change: -0.3,
        ci: [-0.35, -0.25],
        verdict: 'faster',
      }),
    ];
    const line = renderCommitMessage({ ...base, rows })
      .split('\n')
      .find((l) => l.startsWith('- Speed'))!;
    const [, before, after, percent] = /^- Speed \(x\): ([\d.]+) ns → ([\d.]+) ns \((\d+\.\d)% faster\)$/.exec(line)!;
    expect(Number(percent)).toBeCloseTo((1 - Number(after) / Number(before)) * 100, 1);
  });

  it('has one line for each benchmark that changed when no target names one, and the co-authors as trailers', () => {
    const rows = [
      makeRow({
        benchmark: 'a',
        base: { median: 100, n: 9 },
        head: { median: 50, n: 9 },
        change: -0.5,
        ci: [-0.6, -0.4],
        verdict: 'faster',
      }),
      makeRow({
        benchmark: 'b',
        base: { median: 100, n: 9 },
        head: { median: 99, n: 9 },
        change: -0.01,
        ci: [-0.05, 0.03],
        verdict: 'unchanged',
      }),
      makeRow({
        benchmark: 'c',
        base: { median: 200, n: 9 },
        head: { median: 220, n: 9 },
        change: 0.1,
        ci: [0.05, 0.15],
        verdict: 'slower',
      }),
    ];
    const message = renderCommitMessage({
      ...base,
      rows,
      coAuthors: ['Bot <bot@example.com>', 'octocat <1+octocat@users.noreply.github.com>\nInjected: yes'],
    });
    expect(message.split('\n').filter((l) => l.startsWith('- Speed'))).toEqual([
      '- Speed (a): 100 ns → 50.0 ns (50.0% faster)',
      '- Speed (c): 200 ns → 220 ns (10.0% slower)',
    ]);
    expect(message.trimEnd().split('\n').slice(-2)).toEqual([
      'Co-Authored-By: Bot <bot@example.com>',
      'Co-Authored-By: octocat <1+octocat@users.noreply.github.com> Injected: yes',
    ]);
  });

  it('keeps the subject to one line of at most 60 characters', () => {
    const subject = renderCommitMessage({ ...base, component: 'a\nb'.repeat(50), rows: [] }).split('\n')[0] ?? '';
    expect(subject.startsWith('perf: optimize a b')).toBe(true);
    const component = Array.from(subject.slice('perf: optimize '.length));
    expect(component.length).toBeLessThanOrEqual(60);
    expect(component.length).toBeGreaterThan(55);
    expect(subject.endsWith('…')).toBe(true);
    expect(renderCommitMessage({ ...base, component: '\u0000 ', rows: [] }).split('\n')[0]).toBe(
      'perf: optimize performance',
    );
  });
});

describe('deriveComponent', () => {
  it.each([
    [[improve('parse/*')], undefined, 'parse'],
    [[improve('parse/*'), improve('lex.*'), improve('parse/x')], undefined, 'parse, lex, parse/x'],
    [[improve('*')], undefined, 'performance'],
    [[improve('parse/*')], ' JSON   tokenizer\n', 'JSON tokenizer'],
  ] as const)('%o, %s → %s', (targets, analysis, expected) => {
    expect(deriveComponent(targets, analysis)).toBe(expected);
  });
});

describe('preferredBenchmark', () => {
  it.each([
    [[improve('parse')], 'parse'],
    [[improve('parse'), improve('parse')], 'parse'],
    [[improve('parse'), improve('lex')], undefined],
    [[improve('parse/*')], undefined],
    [[{ kind: 'reduceMemory', benchmark: 'x', reduceMemory: 0.1, source: 'perf.yml' } as PipelineTarget], undefined],
  ])('%o → %s', (targets, expected) => {
    expect(preferredBenchmark(targets)).toBe(expected);
  });
});
