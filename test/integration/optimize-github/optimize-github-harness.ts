/**
 * `processOptimizeRun` as the worker calls it, against the fake GitHub (the only fake), a real Redis (REDIS_URL,
 * random key prefix), a real bare git remote (`file://`, the repository's clone URL) and the scripted agents of
 * the optimize fixture. The PR (#7) is a same-repository branch `feature` at the fixture's starting commit, or,
 * with `headRepoFullName`, a fork's branch: as on GitHub, the base repository then has only `refs/pull/7/head`.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { loadOperatorConfig } from '../../../src/agents/load-operator-config.ts';
import { runProcess } from '../../../src/benchmark/runner/run-process.ts';
import { createAppTokenIssuer } from '../../../src/github/create-app-token-issuer.ts';
import { SuspendRunError } from '../../../src/domain/errors.ts';
import { createRedisCheckpointStore } from '../../../src/optimize/github/create-redis-checkpoint-store.ts';
import { createRedisConnection } from '../../../src/queue/create-redis-connection.ts';
import type { RunJobData } from '../../../src/queue/run-job-data.ts';
import { processOptimizeRun, type OptimizeRunOutcome } from '../../../src/runs/process-optimize-run.ts';
import type { OptimizeRunDeps } from '../../../src/runs/run-deps.ts';
import { createGitWorkspace } from '../../../src/workspace/create-git-workspace.ts';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/fake-github-server.ts';
import { nextId, type FakeComment } from '../../fakes/fake-github-state.ts';
import { createBareRemote, createTempDir, type BareRemote } from '../../helpers/git-fixtures.ts';
import { createTestClient } from '../github/github-test-client.ts';
import { createOptimizeFixture, type AgentPlan, type OptimizeFixture } from '../optimize/optimize-fixture.ts';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** A reviewer plan entry for this folder's fixtures (scripted-agent.mjs resolves names under test/fixtures/agents). */
export const LOCAL_FIXTURE = (name: string) => `../../integration/optimize-github/fixtures/${name}`;

export interface OptimizeGitHubHarness {
  fake: FakeGitHub;
  fixture: OptimizeFixture;
  remote: BareRemote;
  redis: Redis;
  prefix: string;
  data: RunJobData;
  jobId: string;
  /** `perf/<jobId>`. */
  branch: string;
  /** The worker's run files (`<runsDir>/<task>/bots/…`). */
  runsDir: string;
  /** Runs the job once; `onPhase` sees every phase the job reports (as `/perf status` would). */
  /** Each time `run` was suspended in MONITOR (waiting for CI) and activated again. */
  suspensions: SuspendRunError[];
  run(
    signal?: AbortSignal,
    onPhase?: (phase: string, detail?: string) => void,
    overrides?: Partial<OptimizeRunDeps>,
  ): Promise<OptimizeRunOutcome>;
  /**
   * Plays CI: every new commit pushed to the run's branch gets a completed check run `ci` with the next of
   * `conclusions` (the last repeats). Returns the commits it saw, in order.
   */
  playCi(conclusions: readonly string[]): string[];
  /** Comments of the bot that carry `marker`. */
  commentsWith(marker: string): FakeComment[];
  close(): Promise<void>;
}

export interface OptimizeGitHubHarnessOptions {
  /** PR #7 comes from this fork (`mallory/perf-demo`), or from a deleted fork (`null`). */
  headRepoFullName?: string | null;
}

export async function startOptimizeGitHubHarness(
  plan: AgentPlan,
  options: OptimizeGitHubHarnessOptions = {},
): Promise<OptimizeGitHubHarness> {
  const fork = options.headRepoFullName !== undefined;
  const fixture = await createOptimizeFixture(plan);
  const baseSha = (await fixture.repo.git('rev-list', '--max-parents=0', 'HEAD')).trim();
  const remote = await createBareRemote(fixture.repo.dir);
  await remote.git('update-ref', 'refs/heads/main', baseSha);
  if (!fork) await remote.git('update-ref', 'refs/heads/feature', fixture.start);
  await remote.git('update-ref', 'refs/pull/7/head', fixture.start);

  const fake = await startFakeGitHub({ repo: { owner: 'octo-org', name: 'perf-demo' } });
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  fake.setAppPublicKey(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  fake.setBranch('main', baseSha);
  fake.setFile('.github/perf.yml', await fixture.repo.git('show', `${fixture.start}:.github/perf.yml`));
  fake.addPull({
    number: 7,
    headRef: 'feature',
    headSha: fixture.start,
    baseRef: 'main',
    baseSha,
    title: 'Sum faster',
    ...(fork ? { headRepoFullName: options.headRepoFullName } : {}),
  });
  fake.setPermission('maintainer', 'write');
  fake.repo.cloneUrl = remote.url;
  fake.repo.gitDir = remote.dir;

  const redis = createRedisConnection(REDIS_URL, { role: 'worker' });
  redis.on('error', () => {});
  const prefix = `perfbot-test-${randomUUID().slice(0, 8)}`;
  const workDir = await createTempDir('perfbot-optimize-gh-work-');
  const runsDir = await createTempDir('perfbot-optimize-gh-runs-');
  const data: RunJobData = {
    kind: 'optimize',
    repo: {
      id: fake.repo.id,
      owner: 'octo-org',
      name: 'perf-demo',
      fullName: 'octo-org/perf-demo',
      defaultBranch: 'main',
      cloneUrl: 'https://github.com/octo-org/perf-demo.git',
    },
    installationId: 1,
    target: { type: 'pull', number: 7 },
    headSha: fixture.start,
    optimize: {},
    actor: { login: 'maintainer', id: 1001 },
    trigger: { source: 'comment', commentId: 55, deliveryId: randomUUID() },
    requestedAt: '2026-01-02T03:04:05.000Z',
  };
  const jobId = `run-optimize-${fake.repo.id}-pull7-${fixture.start.slice(0, 12)}-1`;
  const deps: OptimizeRunDeps = {
    githubFor: async () => createTestClient(fake),
    tokens: createAppTokenIssuer({
      appId: fake.state.app.id,
      privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      baseUrl: fake.url,
    }),
    createWorkspace: (cloneUrl, credentials) => createGitWorkspace({ workDir, cloneUrl, credentials }),
    checkpoints: createRedisCheckpointStore(redis, prefix),
    operatorConfig: await loadOperatorConfig(fixture.agentsConfig),
    runsDir,
    runProcess,
    processEnv: fixture.env,
    now: () => Date.now(),
    seed: () => 7,
    progressEveryMs: 0,
    ciPollIntervalMs: 50,
    ciNoChecksGraceMs: 60_000,
  };
  const stops: (() => void)[] = [];
  const suspensions: SuspendRunError[] = [];
  const branch = `perf/${jobId}`;

  return {
    fake,
    fixture,
    remote,
    redis,
    prefix,
    data,
    jobId,
    branch,
    runsDir,
    // As the run worker would: a run suspended in MONITOR is activated again at its recheck time.
    async run(signal = new AbortController().signal, onPhase, overrides = {}) {
      for (;;) {
        try {
          // As BullMQ's job: its progress is the phase `/perf status` shows.
          const job = {
            id: jobId,
            data,
            attemptsStarted: 1,
            updateProgress: async ({ phase, detail }: { phase: string; detail?: string | undefined }) =>
              onPhase?.(phase, detail),
          };
          return await processOptimizeRun(job, signal, { ...deps, ...overrides });
        } catch (error) {
          if (!(error instanceof SuspendRunError)) throw error;
          suspensions.push(error);
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, error.resumeAt - Date.now())));
        }
      }
    },
    suspensions,
    playCi(conclusions) {
      const seen: string[] = [];
      let stopped = false;
      stops.push(() => (stopped = true));
      void (async () => {
        while (!stopped) {
          const tip = await remote.git('rev-parse', '--verify', '--quiet', `refs/heads/${branch}`).catch(() => '');
          if (tip !== '' && !seen.includes(tip)) {
            const conclusion = conclusions[Math.min(seen.length, conclusions.length - 1)] ?? 'success';
            seen.push(tip);
            const id = nextId(fake.state);
            fake.repo.checkRuns.push({
              id,
              nodeId: `CR_${id}`,
              name: 'ci',
              headSha: tip,
              status: 'completed',
              conclusion,
              externalId: null,
              detailsUrl: null,
              output: { title: `ci ${conclusion}`, summary: `ci ${conclusion}: 3 tests`, text: null },
              startedAt: new Date().toISOString(),
              completedAt: new Date().toISOString(),
            });
          }
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      })();
      return seen;
    },
    commentsWith: (marker) =>
      fake.repo.comments.filter(
        (c) => c.user.login === fake.state.app.bot.login && c.body.startsWith(`<!-- perfbot:${marker} -->`),
      ),
    async close() {
      for (const stop of stops) stop();
      await fake.close();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    },
  };
}
