import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.ts';

describe('perfbot demo --optimize', () => {
  it('runs the whole optimize loop on the demo repository with the scripted demo agent, labelled as such, and commits', async () => {
    const run = await runCli(['demo', '--optimize'], { env: { EDITOR: 'vi', PAGER: 'less' } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('the agent is a SCRIPTED DEMO, not an AI');
    for (const phase of ['init', 'benchmark', 'analyze', 'optimize', 'verify', 'review', 'commit', 'complete']) {
      expect(run.stderr).toMatch(new RegExp(`^\\[perfbot\\] ${phase}: `, 'm'));
    }
    expect(run.stderr).toMatch(/^\[perfbot\] verify: targets met$/m);
    expect(run.stderr).toMatch(/^\[perfbot\] review: no blocking findings \(0 findings from 9 of 9 reviewers\)$/m);

    // The final report, the artifacts (nine reviews and their consolidation among them) and the commit message.
    expect(run.stdout).toContain('| `sort` |');
    const artifacts = /^Artifacts \(bots\/\): (.+)$/m.exec(run.stdout)![1]!.split(', ');
    expect(artifacts).toEqual(
      expect.arrayContaining([
        'perf-targets.md',
        'perf-analysis.md',
        'perf-results.md',
        'final-report.md',
        'review.md',
      ]),
    );
    expect(artifacts.filter((name) => /^review-.+\.md$/.test(name))).toHaveLength(9);
    expect(run.stdout).toMatch(/^Commit [0-9a-f]{7} on perf\/optimize-[0-9a-f]{7}:$/m);
    expect(run.stdout).toMatch(/^perf: optimize src\/sort\.mjs$/m);
    expect(run.stdout).toMatch(/^- Speed \(sort\): \S+ ms → \S+ ms \(\d+\.\d% faster\)$/m);
  }, 240_000);
});
