import { describe, expect, it } from 'vitest';
import { renderCancelled } from '../../../../src/reports/replies/render-cancelled.ts';
import { renderDuplicateRun } from '../../../../src/reports/replies/render-duplicate-run.ts';
import { renderInvalidCommand } from '../../../../src/reports/replies/render-invalid-command.ts';
import { renderPermissionDenied } from '../../../../src/reports/replies/render-permission-denied.ts';
import { renderStatusList } from '../../../../src/reports/replies/render-status-list.ts';

describe('renderPermissionDenied', () => {
  it.each([
    ['write', '**write**, **maintain** or **admin**'],
    ['maintain', '**maintain** or **admin**'],
    ['admin', '**admin**'],
  ] as const)('names who may run commands when the minimum is %s', (minimum, who) => {
    expect(renderPermissionDenied({ actor: 'octocat', minimum })).toContain(
      `from people with ${who} access to this repository`,
    );
  });
});

describe('renderCancelled', () => {
  it.each([
    [{ removed: 1, cancelling: 0 }, '🚫 Removed 1 queued run before it started.'],
    [{ removed: 0, cancelling: 1 }, '🚫 Stopping 1 running run; its status comment says when it is done.'],
    [{ removed: 0, cancelling: 2 }, '🚫 Stopping 2 running runs; their status comments say when it is done.'],
    [{ removed: 0, cancelling: 0 }, 'ℹ️ Nothing to cancel: no Perfbot run is queued or running for this pull request.'],
  ])('%j', (input, text) => {
    expect(renderCancelled(input)).toBe(text);
  });
});

describe('renderDuplicateRun', () => {
  it('leaves out the link when there is no usable URL', () => {
    expect(renderDuplicateRun({ jobId: '42' })).toBe(
      '👀 The same run is already queued or running: run `42`. Perfbot did not start it twice. To start over, comment `/perf cancel` and then the command again.',
    );
    expect(renderDuplicateRun({ jobId: '42', runUrl: 'not a url' })).toBe(renderDuplicateRun({ jobId: '42' }));
  });
});

describe('renderInvalidCommand', () => {
  it('quotes the problem escaped, and the usage collapsed and untouched', () => {
    const text = renderInvalidCommand({
      actor: 'octocat',
      error: 'unknown flag "--r*n" for /perf bench',
      usage: '#### Usage\n\n- `/perf bench`\n',
    });
    expect(text).toBe(
      '⚠️ @\u2060octocat, Perfbot did not run anything: unknown flag "--r\\*n" for /perf bench\n\n' +
        '<details><summary>How to use <code>/perf</code></summary>\n\n#### Usage\n\n- `/perf bench`\n\n</details>',
    );
  });
});

describe('renderStatusList', () => {
  it('says so when nothing is queued or running', () => {
    expect(renderStatusList([])).toBe('No Perfbot jobs are queued or running for this repository.');
  });

  it('shows an unknown phase escaped and a missing elapsed time as a dash', () => {
    const row = renderStatusList([
      {
        id: '1',
        kind: 'optimize',
        target: { type: 'pull', number: 3 },
        state: 'running',
        phase: 'new_phase*',
        actor: 'a',
      },
    ])
      .split('\n')
      .at(-1);
    expect(row).toBe('| `1` | optimization | PR #3 | ⏳ running | new\\_phase\\* | — | @\u2060a |');
  });
});
