import { describe, expect, it } from 'vitest';
import type { Acknowledgement } from '../../../src/acks/acknowledgement.ts';
import type { FailedRunRecord } from '../../../src/acks/failed-run-record.ts';
import { planAcknowledgement, type AckSituation } from '../../../src/acks/plan-acknowledgement.ts';
import type { CheckRunSummary } from '../../../src/github/github-client.ts';

const HEAD = 'a'.repeat(40);
const OLD = 'b'.repeat(40);
/** When the check runs below completed, and when the /perf ack comment was written (a minute later). */
const COMPLETED = '2026-12-03T07:39:00Z';
const COMMENTED = '2026-12-03T07:40:00Z';
/** Perfbot's app id, and GitHub Actions' (a workflow job named `perf`). */
const PERFBOT = 9001;
const ACTIONS = 15368;

const check = (
  id: number,
  externalId: string | null,
  conclusion: CheckRunSummary['conclusion'],
  name = 'perf',
  completedAt = COMPLETED,
  appId = PERFBOT,
): CheckRunSummary => ({
  id,
  url: `https://github.com/octo-org/perf-demo/runs/${id}`,
  name,
  status: conclusion === null ? 'in_progress' : 'completed',
  conclusion,
  externalId,
  appId,
  completedAt: conclusion === null ? null : completedAt,
});
const record = (jobId: string, headSha = HEAD) =>
  ({ jobId, headSha, checkRunId: 1, commentId: 2, waived: [], status: {} }) as unknown as FailedRunRecord;
const ack = (jobId: string, deliveryId: string): Acknowledgement => ({
  repoId: 1,
  pr: 1,
  headSha: HEAD,
  jobId,
  login: 'octocat',
  userId: 1,
  at: '2026-12-03T07:40:00.000Z',
  deliveryId,
  waived: [],
});

type Case = [what: string, situation: Partial<AckSituation>, expected: string];

describe('planAcknowledgement', () => {
  it.each<Case>([
    [
      'the latest perf check failed on the recorded regression',
      { checkRuns: [check(5, 'job-1', 'failure')], failedRun: record('job-1') },
      'acknowledge job-1',
    ],
    [
      'the newest perf check decides, not an older failed one',
      { checkRuns: [check(5, 'job-1', 'failure'), check(9, 'job-2', 'success')], failedRun: record('job-1') },
      'passed success',
    ],
    [
      'another app’s check runs do not count',
      { checkRuns: [check(5, 'job-1', 'failure'), check(9, 'x', 'success', 'lint')], failedRun: record('job-1') },
      'acknowledge job-1',
    ],
    ['no check run on the head', { checkRuns: [], failedRun: null }, 'no-check'],
    [
      'no check run on the head, regression on an older commit: the head moved',
      { checkRuns: [], failedRun: record('job-1', OLD) },
      `no-check moved from ${OLD}`,
    ],
    ['still running', { checkRuns: [check(5, 'job-1', null)], failedRun: null }, 'running'],
    ['neutral', { checkRuns: [check(5, 'job-1', 'neutral')], failedRun: null }, 'passed neutral'],
    [
      'failed, but the run failed (no regression on record for that job)',
      { checkRuns: [check(5, 'job-2', 'failure')], failedRun: record('job-1') },
      'not-a-regression',
    ],
    ['failed, record expired', { checkRuns: [check(5, 'job-2', 'failure')], failedRun: null }, 'not-a-regression'],
    [
      'already acknowledged by another delivery',
      { checkRuns: [check(5, 'job-1', 'success')], failedRun: record('job-1'), existing: ack('job-1', 'other') },
      'already',
    ],
    [
      'a retried delivery finishes its own ack',
      { checkRuns: [check(5, 'job-1', 'success')], failedRun: record('job-1'), existing: ack('job-1', 'd-1') },
      'acknowledge job-1',
    ],
    [
      'a newer check run named perf of another app (a workflow job) neither hides nor replaces Perfbot’s',
      {
        checkRuns: [check(5, 'job-1', 'failure'), check(9, 'job-1', 'success', 'perf', COMPLETED, ACTIONS)],
        failedRun: record('job-1'),
      },
      'acknowledge job-1',
    ],
    [
      'another app’s failing perf check with Perfbot’s job id as its external id is not Perfbot’s',
      { checkRuns: [check(9, 'job-1', 'failure', 'perf', COMPLETED, ACTIONS)], failedRun: record('job-1') },
      'no-check',
    ],
    [
      'the author may not ack their own regression when perf.yml says so',
      { checkRuns: [check(5, 'job-1', 'failure')], failedRun: record('job-1'), byAuthorRefused: true },
      'self-ack',
    ],
    [
      'a failure that completed after the comment was written is not the one the maintainer read',
      { checkRuns: [check(9, 'job-2', 'failure', 'perf', '2026-12-03T07:40:01Z')], failedRun: record('job-2') },
      'newer-than-command',
    ],
    [
      'a failure that completed in the same second as the comment counts as read (GitHub keeps whole seconds)',
      { checkRuns: [check(9, 'job-2', 'failure', 'perf', COMMENTED)], failedRun: record('job-2') },
      'acknowledge job-2',
    ],
    [
      'an ack of an older run on this commit does not cover a newer failing run',
      { checkRuns: [check(9, 'job-2', 'failure')], failedRun: record('job-2'), existing: ack('job-1', 'other') },
      'acknowledge job-2',
    ],
  ])('%s', (_what, situation, expected) => {
    const plan = planAcknowledgement({
      headSha: HEAD,
      checkRuns: [],
      failedRun: null,
      existing: undefined,
      deliveryId: 'd-1',
      commandAt: COMMENTED,
      appId: PERFBOT,
      ...situation,
    });
    const summary =
      plan.type === 'acknowledge'
        ? `acknowledge ${plan.record.jobId}`
        : [plan.reason, plan.conclusion, plan.movedFrom && `moved from ${plan.movedFrom}`].filter(Boolean).join(' ');
    expect(summary).toBe(expected);
  });
});
