import { describe, expect, it } from 'vitest';
import { renderAckCheckRun } from '../../../../src/reports/check-run/render-ack-check-run.ts';

const ack = {
  login: 'octocat',
  at: '2026-12-03T07:40:12.345Z',
  headSha: 'a'.repeat(40),
  waived: [{ benchmark: 'sort', metric: 'time', change: 2 }],
};

describe('renderAckCheckRun', () => {
  it('passes the check, names who and why in the title, and keeps the waived report below the ack', () => {
    const rendering = renderAckCheckRun(
      { ...ack, reason: 'too noisy, known' },
      { title: 'sort 200% slower', summary: 'the summary', text: 'the text' },
    );
    expect(rendering).toEqual({
      conclusion: 'success',
      output: {
        title: 'Acknowledged by @\u2060octocat: too noisy, known',
        summary:
          '✅ **Regression acknowledged** by @\u2060octocat on 2026-12-03 07:40 UTC: “too noisy, known”. The `perf` check of `aaaaaaa` passes; waived: `sort` (`time`) +200.0%.' +
          '\n\n---\n\n**The report it waived: sort 200% slower**\n\nthe summary',
        text: 'the text',
      },
    });
  });

  it('the title is one line of plain text: no live mention, no line break, capped', () => {
    const { title } = renderAckCheckRun(
      { ...ack, reason: `@everyone\nping @org/team ${'x'.repeat(300)}` },
      { title: 't', summary: 's' },
    ).output;
    expect(title).toMatch(/^Acknowledged by @\u2060octocat: @\u2060everyone ping @\u2060org\/team x+…$/);
    expect(Array.from(title)).toHaveLength(200 + 3);
  });

  it('without a reason, the title names who only', () => {
    expect(renderAckCheckRun(ack, { title: 't', summary: 's' }).output.title).toBe('Acknowledged by @\u2060octocat');
  });
});
