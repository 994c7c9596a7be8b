import { describe, expect, it } from 'vitest';
import { consolidateReviews, type ReviewerResult } from '../../../src/pipeline/review/consolidate-reviews.ts';
import { titleSimilarity } from '../../../src/pipeline/review/title-similarity.ts';

const blocking = ['critical', 'high'] as const;

describe('consolidateReviews', () => {
  it('merges the same issue from several reviewers, keeping the most severe report and every reviewer', () => {
    const results: ReviewerResult[] = [
      {
        kind: 'code',
        ok: true,
        findings: [{ severity: 'medium', title: 'Race condition on the cache map', file: 'src/cache.ts', line: 40 }],
      },
      {
        kind: 'debugging',
        ok: true,
        findings: [
          {
            severity: 'high',
            title: 'Race condition in cache map!',
            file: 'src/cache.ts',
            line: 42,
            detail: 'two writers',
          },
        ],
      },
      { kind: 'security', ok: true, findings: [] },
    ];
    expect(consolidateReviews(results, blocking)).toEqual({
      findings: [
        {
          severity: 'high',
          title: 'Race condition in cache map!',
          file: 'src/cache.ts',
          line: 42,
          detail: 'two writers',
          reviewers: ['code', 'debugging'],
        },
      ],
      blocking: true,
      failedReviewers: [],
    });
  });

  it.each([
    ['another file', { file: 'src/other.ts', line: 40 }],
    ['lines more than 3 apart', { file: 'src/cache.ts', line: 44 }],
    ['one with a line, one without', { file: 'src/cache.ts' }],
    ['one with a file, one without', { line: 40 }],
  ])('keeps findings apart on %s', (_name, where) => {
    const results: ReviewerResult[] = [
      {
        kind: 'code',
        ok: true,
        findings: [{ severity: 'low', title: 'Unbounded cache growth', file: 'src/cache.ts', line: 40 }],
      },
      { kind: 'performance', ok: true, findings: [{ severity: 'low', title: 'Unbounded cache growth', ...where }] },
    ];
    expect(consolidateReviews(results, blocking).findings).toHaveLength(2);
  });

  it('merges findings without a file or line when their titles are similar enough', () => {
    const results: ReviewerResult[] = [
      { kind: 'docs', ok: true, findings: [{ severity: 'info', title: 'Document the new cache size option' }] },
      { kind: 'quality', ok: true, findings: [{ severity: 'low', title: 'document new cache size option' }] },
      { kind: 'architecture', ok: true, findings: [{ severity: 'low', title: 'Cache belongs in its own module' }] },
    ];
    const review = consolidateReviews(results, blocking);
    expect(review.findings.map((finding) => [finding.title, finding.reviewers])).toEqual([
      ['Cache belongs in its own module', ['architecture']],
      ['document new cache size option', ['docs', 'quality']],
    ]);
    expect(review.blocking).toBe(false);
  });

  it('sorts by severity, then file (none last), then line', () => {
    const results: ReviewerResult[] = [
      {
        kind: 'code',
        ok: true,
        findings: [
          { severity: 'low', title: 'c', file: 'b.ts', line: 1 },
          { severity: 'low', title: 'd' },
          { severity: 'critical', title: 'e', file: 'z.ts' },
          { severity: 'low', title: 'f', file: 'a.ts', line: 9 },
          { severity: 'low', title: 'g', file: 'a.ts', line: 2 },
        ],
      },
    ];
    expect(consolidateReviews(results, blocking).findings.map((finding) => finding.title)).toEqual([
      'e',
      'g',
      'f',
      'c',
      'd',
    ]);
  });

  it('blocks only on the configured severities', () => {
    const results: ReviewerResult[] = [{ kind: 'code', ok: true, findings: [{ severity: 'medium', title: 'x' }] }];
    expect(consolidateReviews(results, blocking).blocking).toBe(false);
    expect(consolidateReviews(results, ['medium']).blocking).toBe(true);
    expect(consolidateReviews(results, []).blocking).toBe(false);
  });

  it('lists failed reviewers without blocking', () => {
    const results: ReviewerResult[] = [
      { kind: 'security', ok: false, error: 'agent timed out after 10 min' },
      { kind: 'code', ok: true, findings: [] },
    ];
    expect(consolidateReviews(results, blocking)).toEqual({
      findings: [],
      blocking: false,
      failedReviewers: [{ kind: 'security', error: 'agent timed out after 10 min' }],
    });
  });
});

describe('titleSimilarity', () => {
  it.each([
    ['Race condition on the cache map', 'Race condition in cache map!', 1],
    ['Unbounded cache', 'Unbounded cache growth', 2 / 3],
    ['Leak', 'Race', 0],
    ['', '!!', 1],
  ])('%s ~ %s = %d', (a, b, expected) => {
    expect(titleSimilarity(a, b)).toBeCloseTo(expected, 10);
  });
});
