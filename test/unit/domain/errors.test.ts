import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import * as errors from '../../../src/domain/errors.ts';
import {
  BenchCancelledError,
  BenchmarkRunError,
  BenchOutputError,
  CheckpointError,
  GitCommandError,
  GitHubNotFoundError,
  GitHubPermissionError,
  GitHubRequestError,
  InstructionCounterUnavailableError,
  NoAgentsConfiguredError,
  OperatorConfigError,
  PatchIntegrityError,
  PermissionDeniedError,
  ProfileFailedError,
  ProfileFormatError,
  QueueUnavailableError,
  RepoConfigError,
  SandboxUnavailableError,
  StartupError,
  SuspendRunError,
  TransientGitHubError,
  UsageError,
  WorkspaceError,
} from '../../../src/domain/errors.ts';
import { runWithJobPolicy } from '../../../src/queue/run-with-job-policy.ts';
import { describeRunFailure } from '../../../src/reports/failure/describe-run-failure.ts';

/** What the queue does with a job whose processor threw `error`: the real mapper, `runWithJobPolicy`. */
async function queueOutcome(error: unknown): Promise<'failed for good' | 'retried' | 'parked'> {
  const thrown = await runWithJobPolicy(() => Promise.reject(error), {
    job: {} as Job,
    token: 't',
    signal: new AbortController().signal,
    isShuttingDown: () => false,
  }).catch((caught: unknown) => caught);
  if (thrown instanceof UnrecoverableError) return 'failed for good';
  if (thrown instanceof SuspendRunError || thrown instanceof DelayedError) return 'parked';
  expect(thrown).toBe(error);
  return 'retried';
}

/**
 * Every error class, what a pull request reads about it (the title of `describeRunFailure`) and what the queue
 * does with it. One row per class: a new class must say here what it means.
 */
const TABLE: [error: Error, title: string, userError: boolean | undefined, queue: string][] = [
  [
    new RepoConfigError('.github/perf.yml could not be read'),
    'Could not use .github/perf.yml',
    true,
    'failed for good',
  ],
  [new OperatorConfigError('PERFBOT_CONFIG: agents.x: unknown key'), 'Perfbot hit an internal error', false, 'retried'],
  [new NoAgentsConfiguredError(), 'This Perfbot has no agents configured', true, 'failed for good'],
  [new UsageError('--runs: expected an integer'), 'Invalid command', true, 'failed for good'],
  [new PermissionDeniedError('octocat', 'write'), 'Permission denied', true, 'failed for good'],
  [new BenchOutputError('no lines found', 'go'), 'Could not read the benchmark output as go', true, 'failed for good'],
  [
    new BenchmarkRunError('benchmark.command exited with code 3', { phase: 'benchmark', side: 'head', exitCode: 3 }),
    'benchmark.command failed on head (exit code 3)',
    true,
    'failed for good',
  ],
  [new BenchCancelledError(), 'The run was cancelled', true, 'failed for good'],
  [new WorkspaceError("ref 'v9' not found in octo/demo", true), 'Ref not found', true, 'failed for good'],
  [
    new WorkspaceError('fetch failed: /srv/mirrors/1', false),
    'Perfbot could not fetch the repository',
    false,
    'retried',
  ],
  [new GitCommandError('fetch', 'fatal: unable to access'), 'Perfbot hit an internal error', undefined, 'retried'],
  [
    new CheckpointError(
      'the checkpoint p:perfbot:checkpoint:42 is not a valid run state',
      '42',
      'p:perfbot:checkpoint:42',
    ),
    'Perfbot could not read the saved progress of this run',
    false,
    'failed for good',
  ],
  [
    new PatchIntegrityError('change-1.patch changed after it was validated', 'changed', 1),
    'Perfbot could not finish the run',
    true,
    'failed for good',
  ],
  [new SuspendRunError(Date.UTC(2026, 0, 1), 'ci:abc'), 'Perfbot hit an internal error', undefined, 'parked'],
  [
    new TransientGitHubError('GitHub answered 502. Perfbot will retry.', 502),
    'Perfbot hit an internal error',
    false,
    'retried',
  ],
  [
    new GitHubPermissionError('creating a check run failed: GitHub answered 403 (Resource not accessible)'),
    'GitHub refused a request from Perfbot',
    true,
    'failed for good',
  ],
  [
    new GitHubNotFoundError('reading pull request #7 failed: GitHub answered 404 (Not Found)'),
    'GitHub could not find what Perfbot asked for',
    true,
    'failed for good',
  ],
  [
    new GitHubRequestError('GitHub answered 422 (Validation Failed).', 422),
    'Perfbot hit an internal error',
    false,
    'retried',
  ],
  [new QueueUnavailableError('Redis did not take the job in 3 s'), 'Perfbot hit an internal error', false, 'retried'],
  [
    new SandboxUnavailableError('bubblewrap is not installed'),
    'Perfbot could not finish the run',
    true,
    'failed for good',
  ],
  [
    new InstructionCounterUnavailableError('neither perf nor valgrind works here'),
    'Perfbot could not finish the run',
    true,
    'failed for good',
  ],
  [new ProfileFormatError('not a cpuprofile'), 'Perfbot could not finish the run', true, 'failed for good'],
  [
    new ProfileFailedError('benchmark.profile printed nothing'),
    'Perfbot could not finish the run',
    true,
    'failed for good',
  ],
  [
    new StartupError('Redis is not reachable at redis://localhost:6379'),
    'Perfbot could not finish the run',
    true,
    'failed for good',
  ],
  [new Error('a bug'), 'Perfbot hit an internal error', undefined, 'retried'],
];

describe('the error taxonomy', () => {
  it.each(TABLE)('%s: reads "%s" (user error: %s) and is %s', async (error, title, userError, queue) => {
    expect(describeRunFailure(error).title).toBe(title);
    expect((error as { userError?: boolean }).userError).toBe(userError);
    expect(await queueOutcome(error)).toBe(queue);
  });

  it('has a row for every error class of src/domain/errors.ts', () => {
    const classes = Object.values(errors as Record<string, unknown>).filter(
      (value): value is abstract new (...args: never[]) => Error =>
        typeof value === 'function' && value.prototype instanceof Error && value !== errors.PerfbotError,
    );
    const covered = new Set(TABLE.map(([error]) => error.constructor));
    expect(classes.filter((cls) => !covered.has(cls)).map((cls) => cls.name)).toEqual([]);
  });

  it('tells a corrupt checkpoint in words of its own, without its file or Redis key', () => {
    const failure = describeRunFailure(
      new CheckpointError('the checkpoint /srv/runs/42/checkpoint.json is bad', '42', '/srv/runs/42/checkpoint.json'),
    );
    expect(failure.title).not.toBe('Could not check out the code');
    expect(JSON.stringify(failure)).not.toContain('/srv');
    expect(failure.fix).toContain('a new run starts from the beginning');
  });

  it('says who can fix a Perfbot without agents', () => {
    expect(describeRunFailure(new NoAgentsConfiguredError())).toEqual({
      title: 'This Perfbot has no agents configured',
      problem: 'this Perfbot has no agents configured (`PERFBOT_CONFIG`), so it cannot run `/perf optimize`.',
      fix: 'Ask whoever runs this Perfbot to set `PERFBOT_CONFIG` to a file that lists at least one agent. `/perf bench` works without one.',
    });
  });

  it('reads a programmer error in a comment marker as an internal error, not as an invalid command', async () => {
    const { commentMarker } = await import('../../../src/github/comment-marker.ts');
    let thrown: unknown;
    try {
      commentMarker('x --> <img>');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(describeRunFailure(thrown).title).toBe('Perfbot hit an internal error');
  });
});
