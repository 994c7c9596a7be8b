import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { runFilesKey } from '../../src/optimize/github/create-redis-run-file-store.ts';
import {
  eventually,
  spawnPerfbot,
  startAppHarness,
  WORKER_LAUNCH,
  type AppHarness,
  type PerfbotChild,
} from '../helpers/app-harness.ts';
import { processesWith } from '../helpers/find-processes.ts';
import { cleanupAll, createTempDir } from '../helpers/git-fixtures.ts';
import { checkSuitePayload, seedCheckRun } from '../helpers/github-ci.ts';
import { LOCAL_FIXTURE } from '../integration/optimize-github/optimize-github-harness.ts';
import { createOptimizeFixture, startingFiles } from '../integration/optimize/optimize-fixture.ts';

let harness: AppHarness | undefined;
const workers: PerfbotChild[] = [];
afterEach(async () => {
  for (const worker of workers.splice(0)) await worker.stop('SIGKILL');
  await harness?.stop();
  harness = undefined;
  await cleanupAll();
});

describe('/perf optimize with several worker machines', () => {
  it('survives its worker dying mid-VERIFY and its next worker leaving for good: one commit, one PR, one final report', async () => {
    const fixture = await createOptimizeFixture({
      optimizer: 'optimizer-fix-slow',
      reviewer: LOCAL_FIXTURE('reviewer-minor'),
    });
    const baseFiles = await startingFiles(fixture);
    // The server takes webhooks and does intake but runs no run job; short locks so a dead worker is noticed in seconds.
    harness = await startAppHarness({
      baseFiles,
      headFiles: { 'README.md': '# demo\n\nSums prefix sums.\n' },
      perfYml: baseFiles['.github/perf.yml']!,
      env: {
        PERFBOT_CONFIG: fixture.agentsConfig,
        SCRIPTED_LOG: fixture.log,
        PERFBOT_CONCURRENCY: '0',
        PERFBOT_RUN_LOCK_SECONDS: '3',
      },
    });
    const h = harness;
    const { fake } = h;
    fake.repo.gitDir = h.remote.dir;
    // Each worker is a machine of its own: its own disk (PERFBOT_WORK_DIR), nothing shared but Redis and GitHub.
    const startWorker = async (name: string) => {
      const workDir = await createTempDir(`perfbot-${name}-`);
      const worker = spawnPerfbot({ ...h.env, PERFBOT_CONCURRENCY: '1', PERFBOT_WORK_DIR: workDir }, WORKER_LAUNCH);
      workers.push(worker);
      return { worker, workDir };
    };
    const runDirs = async (workDir: string) => readdir(path.join(workDir, 'optimize-runs')).catch(() => [] as string[]);

    const first = await startWorker('worker-1');
    expect((await h.comment('/perf optimize --max-iter 2')).status).toBe(200);
    const verifying = await eventually(
      'the run in VERIFY on worker 1',
      async () => {
        const runs = await h.liveRuns();
        return runs.length === 1 && runs[0]?.state === 'active' && /verif/i.test(runs[0]?.phase ?? '')
          ? runs[0]
          : undefined;
      },
      h,
      180_000,
    );
    // The machine dies while a sandboxed command of the run is running: no shutdown, no requeue.
    await eventually(
      'a sandbox of worker 1 running',
      async () => ((await processesWith(first.workDir)).length > 0 ? true : undefined),
      h,
      60_000,
    );
    expect(await first.worker.stop('SIGKILL')).toBe(null);
    // Its sandboxes go with it (bubblewrap dies with its parent, and the kernel empties its pid namespace).
    await eventually(
      "worker 1's sandboxes gone",
      async () => ((await processesWith(first.workDir)).length === 0 ? true : undefined),
      h,
      10_000,
    );

    const second = await startWorker('worker-2');
    const pr = await eventually(
      'the optimization PR, opened by worker 2',
      () => fake.repo.pulls.find((p) => p.headRef.startsWith('perf/')),
      h,
      240_000,
    );
    await eventually(
      'the run parked at MONITOR',
      async () => {
        const runs = await h.liveRuns();
        return runs.length === 1 && runs[0]?.state === 'delayed' ? true : undefined;
      },
      h,
      60_000,
    );
    // Worker 2 resumed the run from the shared state: it had none of worker 1's files, and made its own.
    const task = verifying.id.replace(/[^A-Za-z0-9_-]/g, '-');
    expect(await runDirs(first.workDir)).toEqual([task]);
    expect(await runDirs(second.workDir)).toEqual([task]);

    // Worker 2 leaves for good while the run waits for CI; a new machine joins; CI reports.
    expect(await second.worker.stop('SIGTERM')).toBe(0);
    const third = await startWorker('worker-3');
    const sha = await h.remote.git('rev-parse', `refs/heads/${pr.headRef}`);
    seedCheckRun(fake, sha, 'success');
    expect((await h.deliver('check_suite', checkSuitePayload(fake, sha, 'success'))).status).toBe(200);
    const report = await eventually(
      'the final report',
      () => h.statusComments().find((c) => c.body.includes('## ✅ Optimization complete'))?.body,
      h,
      120_000,
    );
    expect(await runDirs(third.workDir)).toEqual([task]);

    expect(report).toContain('✅ Watch CI checks — CI passed');
    expect(h.statusComments()).toHaveLength(1);
    expect(fake.repo.pulls.filter((p) => p.headRef.startsWith('perf/'))).toHaveLength(1);
    expect(await h.remote.git('rev-list', '--count', `${h.headSha}..${sha}`)).toBe('1');
    expect(
      (await h.remote.git('for-each-ref', '--format=%(refname)', 'refs/heads/perf/')).split('\n').filter(Boolean),
    ).toHaveLength(1);
    await eventually('no live run left', async () => ((await h.liveRuns()).length === 0 ? true : undefined), h);

    // The shared run files are gone once the run has ended.
    const redis = new Redis(h.redisUrl, { maxRetriesPerRequest: null });
    try {
      expect(await redis.exists(runFilesKey(h.queuePrefix, task))).toBe(0);
    } finally {
      redis.disconnect();
    }
    fake.assertNoUnexpected();
  }, 600_000);
});
