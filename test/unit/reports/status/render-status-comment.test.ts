import { describe, expect, it } from 'vitest';
import {
  renderStatusComment,
  type StatusCommentInput,
} from '../../../../src/reports/status-comment/render-status-comment.ts';
import { pendingRunPhases, type RunPhaseStatus } from '../../../../src/reports/run-phases.ts';
import { slowdownReport } from '../fixtures/bench-reports.ts';
import { FINISHED_NOW, finishedPhases, HEAD_SHA, MEASURING_NOW, measuringPhases, T0 } from './fixtures/run-phases.ts';

const base: StatusCommentInput = {
  kind: 'bench',
  phases: measuringPhases,
  now: MEASURING_NOW,
  headSha: HEAD_SHA,
  baseLabel: 'main',
  actor: 'octocat',
  runId: '42',
};

describe('renderStatusComment', () => {
  it('starts with the title naming the short head SHA and the base', () => {
    const [first] = renderStatusComment(base).split('\n');
    expect(first).toBe('### ⏱️ Perfbot benchmark — head `fedcba9` vs base `main`');
  });

  it('shows a running phase with the time elapsed up to `now`, and nothing else changes with `now`', () => {
    const at = (now: number) => renderStatusComment({ ...base, now });
    expect(at(MEASURING_NOW)).toContain('- ⏳ **Measure (interleaved pairs)** — pair 4 of 20 (1 min 05 s so far)');
    expect(at(MEASURING_NOW + 60_000)).toContain('— pair 4 of 20 (2 min 05 s so far)');
    expect(at(MEASURING_NOW)).toBe(at(MEASURING_NOW));
    const withoutRunning = (text: string) => text.split('\n').filter((line) => !line.includes('so far'));
    expect(withoutRunning(at(MEASURING_NOW + 60_000))).toEqual(withoutRunning(at(MEASURING_NOW)));
  });

  it('marks each state with its emoji', () => {
    const phases: RunPhaseStatus[] = [
      { name: 'queued', state: 'done', startedAt: T0, endedAt: T0 + 1000 },
      { name: 'checkout', state: 'failed', startedAt: T0 + 1000, endedAt: T0 + 3000 },
      { name: 'setup', state: 'skipped' },
      { name: 'measure', state: 'cancelled', startedAt: T0 + 3000, endedAt: T0 + 4000 },
      { name: 'report', state: 'pending' },
      { name: 'future-phase', state: 'running', startedAt: T0 + 4000 },
    ];
    const lines = renderStatusComment({ ...base, phases, now: T0 + 5000 })
      .split('\n')
      .filter((line) => line.startsWith('- '));
    expect(lines).toEqual([
      '- ✅ Queued (1.0 s)',
      '- ❌ Check out base and head (2.0 s)',
      '- ⏭️ Set up (benchmark.setup)',
      '- 🚫 Measure (interleaved pairs) (1.0 s)',
      '- ⬜ Report',
      '- ⏳ **future-phase** (1.0 s so far)',
    ]);
  });

  it('lists every phase of an optimization as pending when the run is accepted', () => {
    const text = renderStatusComment({ ...base, kind: 'optimize', phases: pendingRunPhases('optimize'), now: T0 });
    expect(text.split('\n').filter((line) => line.startsWith('- ⬜'))).toHaveLength(10);
    expect(text.startsWith('### ⚡ Perfbot optimization — head `fedcba9` from base `main`\n')).toBe(true);
  });

  it('puts the report first and collapses the checklist under it once the run is done', () => {
    const text = renderStatusComment({
      ...base,
      phases: finishedPhases,
      now: FINISHED_NOW,
      outcome: { type: 'report', report: slowdownReport },
    });
    const verdict = text.indexOf('🔴 **Head is 23.4% slower**');
    const checklist = text.indexOf('<details><summary>Run phases (4 min 48 s in total)</summary>');
    const footer = text.indexOf('<sub>requested by');
    expect(verdict).toBeGreaterThan(0);
    expect(checklist).toBeGreaterThan(verdict);
    expect(footer).toBeGreaterThan(checklist);
  });

  it("puts an optimization's final report first, the checklist collapsed under it, then the footer", () => {
    const text = renderStatusComment({
      ...base,
      kind: 'optimize',
      phases: finishedPhases,
      now: FINISHED_NOW,
      finalReport: '## ✅ Optimization complete\n\nFaster.\n\n',
    });
    const [title, ...rest] = text.split('\n\n');
    expect(title).toBe('### ⚡ Perfbot optimization — head `fedcba9` from base `main`');
    expect(rest.slice(0, 2)).toEqual(['## ✅ Optimization complete', 'Faster.']);
    expect(rest[2]).toMatch(/^<details><summary>Run phases \(4 min 48 s in total\)<\/summary>/);
    expect(rest.at(-1)).toBe('<sub>requested by @\u2060octocat · run `42` · `/perf help`</sub>\n');
  });

  it('shows a note between the checklist and the footer', () => {
    const note = '⏸️ Perfbot is restarting.';
    const text = renderStatusComment({ ...base, note });
    expect(text).toBe(renderStatusComment(base).replace('\n\n<sub>', `\n\n${note}\n\n<sub>`));
  });

  it('names the requester without pinging them, and escapes a strange login', () => {
    const footer = (actor: string) =>
      renderStatusComment({ ...base, actor })
        .trimEnd()
        .split('\n')
        .at(-1);
    expect(footer('octocat')).toBe('<sub>requested by @\u2060octocat · run `42` · `/perf help`</sub>');
    expect(footer('x<b>y</b>')).toBe('<sub>requested by @\u2060x&lt;b&gt;y&lt;/b&gt; · run `42` · `/perf help`</sub>');
  });

  it('links only to https URLs, with parentheses encoded', () => {
    const footer = (links: StatusCommentInput['links']) =>
      renderStatusComment({ ...base, links })
        .trimEnd()
        .split('\n')
        .at(-1);
    expect(footer({ checkRun: 'javascript:alert(1)' })).toBe(
      '<sub>requested by @\u2060octocat · run `42` · `/perf help`</sub>',
    );
    expect(footer({ checkRun: 'http://plain.example/runs/42' })).toBe(
      '<sub>requested by @\u2060octocat · run `42` · `/perf help`</sub>',
    );
    expect(footer({ checkRun: 'https://github.example/runs/(42)' })).toBe(
      '<sub>requested by @\u2060octocat · run `42` · [check run](https://github.example/runs/%2842%29) · `/perf help`</sub>',
    );
  });

  it('shows a base given with --vs in a code span, however it is spelt', () => {
    const [first] = renderStatusComment({ ...base, baseLabel: 'v1.2`@x' }).split('\n');
    expect(first).toBe('### ⏱️ Perfbot benchmark — head `fedcba9` vs base `` v1.2`@x ``');
  });

  it('ends with exactly one newline', () => {
    const text = renderStatusComment(base);
    expect(text.endsWith('</sub>\n')).toBe(true);
  });
});
