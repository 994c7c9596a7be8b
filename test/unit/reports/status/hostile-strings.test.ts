import { describe, expect, it } from 'vitest';
import { renderCheckRunOutput } from '../../../../src/reports/check-run/render-check-run-output.ts';
import { renderDuplicateRun } from '../../../../src/reports/replies/render-duplicate-run.ts';
import { renderFailure } from '../../../../src/reports/failure/render-failure.ts';
import { renderHeadMoved } from '../../../../src/reports/render-head-moved.ts';
import { renderInvalidCommand } from '../../../../src/reports/replies/render-invalid-command.ts';
import { renderPermissionDenied } from '../../../../src/reports/replies/render-permission-denied.ts';
import { renderStatusComment } from '../../../../src/reports/status-comment/render-status-comment.ts';
import { renderStatusList } from '../../../../src/reports/replies/render-status-list.ts';
import { describeRunFailure } from '../../../../src/reports/failure/describe-run-failure.ts';
import { HOSTILE_TAIL, HOSTILE_TEXT, hostileRefError, hostileRunError } from './fixtures/hostile.ts';
import { HEAD_SHA, MEASURING_NOW, measuringPhases } from './fixtures/run-phases.ts';
import { markdownSafetyProblems } from './markdown-safety.ts';

/** Backtick runs of every length up to 12, and lines that try to close the block or the details element. */
const FENCE_BREAKER =
  Array.from({ length: 12 }, (_, index) => '`'.repeat(index + 1)).join('\n') + '\n</details>\n</summary>\n';

const hostileFailure = {
  title: HOSTILE_TEXT,
  problem: HOSTILE_TEXT,
  fix: HOSTILE_TEXT,
  excerpt: `${HOSTILE_TAIL}${FENCE_BREAKER}`,
  outputTail: `${HOSTILE_TAIL}${FENCE_BREAKER}`,
};

const RENDERINGS: [name: string, render: () => string][] = [
  ['a failure whose every field is hostile', () => renderFailure(hostileFailure)],
  ['a failed command on a hostile ref', () => renderFailure(describeRunFailure(hostileRunError))],
  ['a missing hostile ref', () => renderFailure(describeRunFailure(hostileRefError))],
  [
    'a status comment with a hostile actor, base, run id, detail and failure',
    () =>
      renderStatusComment({
        kind: 'bench',
        phases: [
          ...measuringPhases.slice(0, 3),
          { name: HOSTILE_TEXT, state: 'failed', startedAt: 0, endedAt: 1, detail: HOSTILE_TEXT },
        ],
        now: MEASURING_NOW,
        headSha: HOSTILE_TEXT,
        baseLabel: HOSTILE_TEXT,
        actor: HOSTILE_TEXT,
        runId: HOSTILE_TEXT,
        outcome: { type: 'failed', failure: hostileFailure },
        links: { checkRun: `https://evil.example/x) ${HOSTILE_TEXT}` },
      }),
  ],
  [
    'a cancelled status comment',
    () =>
      renderStatusComment({
        kind: 'optimize',
        phases: measuringPhases,
        now: MEASURING_NOW,
        headSha: HEAD_SHA,
        baseLabel: 'main',
        actor: 'octocat',
        runId: '1',
        outcome: { type: 'cancelled', by: HOSTILE_TEXT },
      }),
  ],
  ['a failed check run', () => renderCheckRunOutput({ type: 'failed', failure: hostileFailure }).output.summary],
  ['a cancelled check run', () => renderCheckRunOutput({ type: 'cancelled', by: HOSTILE_TEXT }).output.summary],
  ['head moved', () => renderHeadMoved({ pinned: HOSTILE_TEXT, current: HOSTILE_TEXT })],
  ['permission denied', () => renderPermissionDenied({ actor: HOSTILE_TEXT, minimum: 'write' })],
  ['an invalid command', () => renderInvalidCommand({ actor: HOSTILE_TEXT, error: HOSTILE_TEXT, usage: 'usage' })],
  ['a duplicate run', () => renderDuplicateRun({ jobId: HOSTILE_TEXT, runUrl: HOSTILE_TEXT })],
  [
    'the status list',
    () =>
      renderStatusList([
        {
          id: HOSTILE_TEXT,
          kind: 'bench',
          target: { type: 'pull', number: 1 },
          state: 'running',
          phase: HOSTILE_TEXT,
          actor: HOSTILE_TEXT,
        },
      ]),
  ],
];

describe('hostile strings in user input and command output', () => {
  it.each(RENDERINGS)('%s: no raw HTML, live mention or link; every fence and <details> closes', (_, render) => {
    // The check run link is ours to give; what matters is that a `)` in it cannot end the link early.
    expect(markdownSafetyProblems(render(), ['https://evil.example/x%29%20'])).toEqual([]);
  });

  it('encodes what follows an https link instead of letting it close the link', () => {
    const status = RENDERINGS[3]?.[1]() ?? '';
    expect(status).toContain('[check run](https://evil.example/x%29%20');
  });

  it('fences the output with more backticks than any run inside it', () => {
    const text = renderFailure({ ...hostileFailure, excerpt: undefined });
    const details = text.slice(text.indexOf('<details><summary>Last lines of output</summary>'));
    expect(details.split('\n').filter((line) => /^`{13,}$/.test(line))).toEqual(['`'.repeat(13), '`'.repeat(13)]);
    expect(details.endsWith('`'.repeat(13) + '\n\n</details>')).toBe(true);
  });

  it('keeps every table row of the status list at seven cells', () => {
    const table = RENDERINGS.find(([name]) => name === 'the status list')?.[1]() ?? '';
    const row = table.split('\n').at(-1) ?? '';
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(7);
  });

  it('never pings: logins get an invisible word joiner after the @', () => {
    expect(renderPermissionDenied({ actor: 'everyone', minimum: 'write' })).toContain('Sorry @\u2060everyone,');
  });
});

describe('the safety check itself', () => {
  it.each([
    ['<script>alert(1)</script>', 'raw HTML: <s, </'],
    ['hi @everyone', 'live mentions: @e'],
    ['see https://evil.example', 'a live URL'],
    ['[x](y)', 'a live link'],
    ['<details><summary>x</summary>\n\nbody', '1 <details> but 0 </details>'],
    ['```\ncode\n``', '1 unclosed code fence(s)'],
  ])('flags %j', (markdown, problem) => {
    expect(markdownSafetyProblems(markdown)).toEqual([problem]);
  });

  it.each([
    '`<script>` and `@everyone` in code',
    '````\n```\n<script>\n@everyone\n````',
    '\\`@\u2060everyone\\`',
    '&lt;script&gt;',
  ])('accepts %j', (markdown) => {
    expect(markdownSafetyProblems(markdown)).toEqual([]);
  });
});
