import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedisAckStore } from '../../../src/acks/create-redis-ack-store.ts';
import type { FailedRunRecord } from '../../../src/acks/failed-run-record.ts';
import { waivedRows } from '../../../src/acks/waived-rows.ts';
import type { IntakeDeps } from '../../../src/intake/intake-deps.ts';
import { processIntakeEvent } from '../../../src/intake/process-intake-event.ts';
import type { RunQueuePort } from '../../../src/intake/run-queue-port.ts';
import { renderStatusComment } from '../../../src/reports/status-comment/render-status-comment.ts';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/fake-github-server.ts';
import { commentPayload } from '../../helpers/app-harness.ts';
import { seedCheckRun } from '../../helpers/github-ci.ts';
import { slowdownReport } from '../../unit/reports/fixtures/bench-reports.ts';
import { FINISHED_NOW, finishedPhases } from '../../unit/reports/status/fixtures/run-phases.ts';
import { createTestClient, repoOf } from '../github/github-test-client.ts';
import { createRedisTestContext, type RedisTestContext } from '../queue/redis-test-context.ts';

let fake: FakeGitHub | undefined;
let redis: RedisTestContext | undefined;
afterEach(async () => {
  await fake?.close();
  await redis?.cleanup();
  fake = undefined;
  redis = undefined;
});

/** `/perf ack` never touches the run queue. */
const noRuns: RunQueuePort = new Proxy({} as RunQueuePort, {
  get: (_target, name) => () => Promise.reject(new Error(`the run queue was used (${String(name)}) by /perf ack`)),
});

const HEAD = 'c'.repeat(40);

/** A pull request whose bench run `job-1` failed the gate on HEAD, as `process-bench-run` leaves it. */
async function setUp(perfYml = 'benchmark:\n  command: ["node", "bench.js"]\n') {
  fake = await startFakeGitHub();
  fake.addPull({ number: 1, headSha: HEAD });
  fake.setFile('.github/perf.yml', perfYml);
  fake.setPermission('maintainer', 'write');
  redis = createRedisTestContext();
  const connection = redis.connect('worker');
  const acks = createRedisAckStore(connection, redis.prefix);
  const github = createTestClient(fake, { botLogin: 'perfbot[bot]' });
  const repo = repoOf(fake);
  const outcome = { type: 'report', report: slowdownReport } as const;
  const status = {
    kind: 'bench',
    phases: finishedPhases,
    now: FINISHED_NOW,
    headSha: HEAD,
    baseLabel: 'main',
    actor: 'octocat',
    runId: 'job-1',
    outcome,
  } as const;
  const comment = await github.upsertComment(repo, 1, 'run-job-1', renderStatusComment(status));
  const check = await github.createCheckRun(repo, {
    name: 'perf',
    headSha: HEAD,
    status: 'completed',
    conclusion: 'failure',
    externalId: 'job-1',
    output: { title: 'parse 23.4% slower', summary: 'report' },
  });
  const record: FailedRunRecord = {
    jobId: 'job-1',
    headSha: HEAD,
    checkRunId: check.id,
    commentId: comment.id,
    waived: waivedRows(slowdownReport),
    status,
  };
  await acks.saveFailedRun(fake.repo.id, 1, record);
  const deps: IntakeDeps = {
    githubFor: async () => github,
    runs: noRuns,
    now: () => new Date('2026-12-03T07:40:00Z'),
    acks,
    botLogin: 'perfbot[bot]',
    appId: fake.state.app.id,
  };
  const f = fake;
  const ackComment = (body: string, deliveryId = randomUUID()) => ({
    deliveryId,
    name: 'issue_comment' as const,
    payload: commentPayload(f, 'https://github.com/octo-org/perf-demo.git', body, 'maintainer', 'User', 'created'),
    receivedAt: new Date().toISOString(),
  });
  const replyTo = (deliveryId: string) =>
    f.repo.comments.filter((c) => c.body.startsWith(`<!-- perfbot:reply-${deliveryId} -->`));
  return {
    fake,
    acks,
    deps,
    ackComment,
    replyTo,
    checkRun: () => f.repo.checkRuns.find((r) => r.id === check.id)!,
    statusComment: () => f.repo.comments.find((c) => c.id === comment.id)!,
  };
}

describe('acknowledgeRegression through intake (fake GitHub, real Redis)', () => {
  it('a retried intake job of the same delivery finishes its own ack once; another delivery is told it is already done', async () => {
    const { fake, acks, deps, ackComment, replyTo, checkRun, statusComment } = await setUp();
    const event = ackComment('/perf ack known: the parser got stricter');
    expect(await processIntakeEvent(event, deps)).toEqual({ type: 'replied', reply: 'acknowledged' });
    const afterFirst = {
      check: structuredClone(checkRun()),
      comment: statusComment().body,
      reply: replyTo(event.deliveryId)[0]!.body,
    };
    expect(afterFirst.check.conclusion).toBe('success');
    expect(afterFirst.comment).toContain(
      '✅ **Regression acknowledged** by @\u2060maintainer on 2026-12-03 07:40 UTC: “known: the parser got stricter”',
    );

    // The same delivery again (the intake job was retried): the same writes, the same reply, still one ack.
    expect(await processIntakeEvent(event, deps)).toEqual({ type: 'replied', reply: 'acknowledged' });
    expect(checkRun()).toEqual(afterFirst.check);
    expect(statusComment().body).toBe(afterFirst.comment);
    expect(replyTo(event.deliveryId).map((c) => c.body)).toEqual([afterFirst.reply]);
    const recorded = await acks.listAcks(fake.repo.id, 1);
    expect(recorded.map((a) => [a.headSha, a.jobId, a.login, a.reason, a.at, a.deliveryId])).toEqual([
      [HEAD, 'job-1', 'maintainer', 'known: the parser got stricter', '2026-12-03T07:40:00.000Z', event.deliveryId],
    ]);
    expect(recorded[0]!.waived).toEqual([
      {
        benchmark: 'parse',
        metric: 'time',
        change: slowdownReport.comparisons.find((r) => r.benchmark === 'parse')!.change,
      },
    ]);

    // A new comment is a new request: nothing left to acknowledge.
    const again = ackComment('/perf ack');
    expect(await processIntakeEvent(again, deps)).toEqual({ type: 'replied', reply: 'nothing-to-ack' });
    expect(replyTo(again.deliveryId)[0]!.body).toContain(
      'was already acknowledged by @\u2060maintainer on 2026-12-03 07:40 UTC',
    );
    expect(checkRun()).toEqual(afterFirst.check);
    fake.assertNoUnexpected();
  });

  it('a perf check that failed because the run failed (no regression on record for it) is not waived', async () => {
    const { fake, deps, ackComment, replyTo, checkRun } = await setUp();
    const github = await deps.githubFor(1, fake.repo.id);
    // A later run on the same head crashed: its check run failed, but it recorded no regression.
    await github.createCheckRun(repoOf(fake), {
      name: 'perf',
      headSha: HEAD,
      status: 'completed',
      conclusion: 'failure',
      externalId: 'job-2',
      output: { title: 'Benchmark failed', summary: 'crash' },
    });
    const event = ackComment('/perf ack whatever');
    expect(await processIntakeEvent(event, deps)).toEqual({ type: 'replied', reply: 'nothing-to-ack' });
    expect(replyTo(event.deliveryId)[0]!.body).toContain('failed, but not on a regression Perfbot has on record');
    expect(checkRun().conclusion).toBe('failure');
    expect(fake.repo.checkRuns.map((r) => r.conclusion)).toEqual(['failure', 'failure']);
  });

  it('a workflow job named perf that passed later does not hide the regression Perfbot found', async () => {
    const { fake, deps, ackComment, checkRun } = await setUp();
    // The repository's CI has a job called `perf` too (GitHub Actions' check run, newer than Perfbot's).
    seedCheckRun(fake, HEAD, 'success', 'perf');
    const event = ackComment('/perf ack expected');
    expect(await processIntakeEvent(event, deps)).toEqual({ type: 'replied', reply: 'acknowledged' });
    expect(checkRun().conclusion).toBe('success');
    // Only Perfbot's own check run was changed; the workflow's is as CI left it.
    expect(fake.repo.checkRuns.find((r) => r.app?.slug === 'github-actions')?.output.title).toBe('ci success');
  });

  it.each([
    ['by default the author acks their own regression', undefined, 'acknowledged'],
    [
      'with triggers.selfAck: false someone else must',
      'benchmark:\n  command: ["node", "bench.js"]\ntriggers:\n  selfAck: false\n',
      'nothing-to-ack',
    ],
  ] as const)('%s', async (_what, perfYml, expected) => {
    const { fake, deps, ackComment, replyTo, checkRun } = await setUp(perfYml);
    // The maintainer opened this pull request (the ack comes from the same user id).
    fake.repo.pulls[0]!.author = { login: 'maintainer', id: 'maintainer'.length * 1000 + 7, type: 'User' };
    const event = ackComment('/perf ack mine, and expected');
    expect(await processIntakeEvent(event, deps)).toEqual({ type: 'replied', reply: expected });
    if (expected === 'nothing-to-ack') {
      expect(replyTo(event.deliveryId)[0]!.body).toContain('asks that someone other than the pull request');
      expect(checkRun().conclusion).toBe('failure');
    } else expect(checkRun().conclusion).toBe('success');
  });

  it('a regression that finished after the comment was written is not waived: the maintainer read another result', async () => {
    const { deps, ackComment, replyTo, checkRun, acks, fake } = await setUp();
    const event = ackComment('/perf ack looks fine');
    // The comment was written a minute before this check run completed: a push and a new failing run came in
    // between, and intake processed the comment only afterwards.
    const completed = Date.parse(checkRun().completedAt!);
    const comment = event.payload.comment as { created_at: string };
    comment.created_at = new Date(completed - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(await processIntakeEvent(event, deps)).toEqual({ type: 'replied', reply: 'nothing-to-ack' });
    expect(replyTo(event.deliveryId)[0]!.body).toContain(
      'finished after your comment, so it is not the result you read',
    );
    expect(checkRun().conclusion).toBe('failure');
    expect(await acks.listAcks(fake.repo.id, 1)).toEqual([]);
  });
});
