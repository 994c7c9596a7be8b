import { afterEach, describe, expect, it } from 'vitest';
import type { CiWatchResult } from '../../../src/optimize/ci-monitor.ts';
import { createPollingCiMonitor } from '../../../src/optimize/github/create-polling-ci-monitor.ts';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/fake-github-server.ts';
import { nextId } from '../../fakes/fake-github-state.ts';
import { createTestClient, repoOf } from '../github/github-test-client.ts';

const SHA = 'd'.repeat(40);
const MINUTE = 60_000;
let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function addRun(f: FakeGitHub, name: string, status: string, conclusion: string | null, summary: string | null = null) {
  const id = nextId(f.state);
  const run = {
    id,
    nodeId: `CR_${id}`,
    name,
    headSha: SHA,
    status,
    conclusion,
    externalId: null,
    detailsUrl: null,
    output: { title: null, summary, text: null },
    startedAt: '2026-01-01T00:00:00Z',
    completedAt: null,
  };
  f.repo.checkRuns.push(run);
  return run;
}

/**
 * Watches SHA on a virtual clock as parked activations of MONITOR would: one look, and while it is pending the
 * clock jumps to its `recheckAt` and `onSleep(n)` (the n-th wait) runs, where a test makes CI progress. Returns
 * the result, the looks' tallies and the virtual minutes spent.
 */
async function watch(
  f: FakeGitHub,
  checks: string[],
  onSleep: (n: number) => void = () => {},
  timeoutMs = 10 * MINUTE,
) {
  let clock = 0;
  let sleeps = 0;
  const tallies: string[] = [];
  const monitor = createPollingCiMonitor({
    github: createTestClient(f),
    repo: repoOf(f),
    intervalMs: MINUTE,
    ignore: ['perf/review'],
    noChecksGraceMs: 3 * MINUTE,
    now: () => clock,
    onPoll: ({ finished, total }) => tallies.push(`${finished}/${total}`),
  });
  for (;;) {
    const look = await monitor.look({ sha: SHA, branch: 'perf/x', checks, since: 0, timeoutMs });
    if (look.result !== 'pending') {
      const result: CiWatchResult = look;
      return { result, tallies, minutes: clock / MINUTE };
    }
    clock = look.recheckAt;
    sleeps += 1;
    onSleep(sleeps);
  }
}

describe('createPollingCiMonitor', () => {
  it('is green once every required check passed, ignoring unrequired and own check runs', async () => {
    const f = (fake = await startFakeGitHub());
    addRun(f, 'perf/review', 'completed', 'failure');
    addRun(f, 'docs', 'completed', 'failure');
    const lint = addRun(f, 'lint', 'in_progress', null);
    const { result, tallies, minutes } = await watch(f, ['build', 'lint'], (n) => {
      if (n === 1) addRun(f, 'build', 'completed', 'skipped');
      if (n === 2) Object.assign(lint, { status: 'completed', conclusion: 'success' });
    });
    expect(result).toEqual({ result: 'green' });
    expect(tallies).toEqual(['0/2', '1/2', '2/2']);
    expect(minutes).toBe(2);
  });

  it('fails as soon as a watched check fails, with each failure and its summary', async () => {
    const f = (fake = await startFakeGitHub());
    addRun(f, 'build', 'completed', 'failure', 'error TS2322: Type string is not assignable');
    addRun(f, 'test', 'completed', 'cancelled');
    addRun(f, 'slow', 'in_progress', null);
    const { result } = await watch(f, []);
    expect(result).toEqual({
      result: 'failed',
      failures: [
        { name: 'build', summary: 'error TS2322: Type string is not assignable' },
        { name: 'test', summary: 'concluded cancelled' },
      ],
    });
  });

  it('counts a re-run check by its latest run', async () => {
    const f = (fake = await startFakeGitHub());
    addRun(f, 'build', 'completed', 'failure', 'flaky');
    addRun(f, 'build', 'completed', 'success');
    expect((await watch(f, ['build'])).result).toEqual({ result: 'green' });
  });

  it('times out when a required check never finishes', async () => {
    const f = (fake = await startFakeGitHub());
    addRun(f, 'build', 'queued', null);
    const { result, minutes, tallies } = await watch(f, ['build', 'missing'], undefined, 5 * MINUTE);
    expect(result).toEqual({ result: 'timeout' });
    expect(minutes).toBe(5);
    expect(tallies).toHaveLength(6);
  });

  it('watching every check of a repository without CI: green after the grace period', async () => {
    const f = (fake = await startFakeGitHub());
    addRun(f, 'perf/review', 'completed', 'neutral');
    const { result, minutes } = await watch(f, []);
    expect(result).toEqual({ result: 'green' });
    expect(minutes).toBe(3);
  });

  it('one look at pending CI asks to look again after the interval, or at the deadline if sooner', async () => {
    const f = (fake = await startFakeGitHub());
    addRun(f, 'build', 'queued', null);
    let clock = 7 * MINUTE;
    const monitor = createPollingCiMonitor({
      github: createTestClient(f),
      repo: repoOf(f),
      intervalMs: MINUTE,
      now: () => clock,
    });
    const request = { sha: SHA, branch: 'perf/x', checks: ['build'], since: 5 * MINUTE, timeoutMs: 3 * MINUTE };
    expect(await monitor.look(request)).toEqual({ result: 'pending', recheckAt: 8 * MINUTE });
    clock = 7.5 * MINUTE;
    expect(await monitor.look(request)).toEqual({ result: 'pending', recheckAt: 8 * MINUTE });
    clock = 8 * MINUTE;
    expect(await monitor.look(request)).toEqual({ result: 'timeout' });
  });
});
