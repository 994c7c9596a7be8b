import type { Server } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { randomInt } from 'node:crypto';
import { createNodeMiddleware, Probot, ProbotOctokit } from 'probot';
import type { Logger } from 'pino';
import { createPerfApp } from '../app/create-perf-app.ts';
import { reapOrphans } from '../benchmark/runner/reap-orphans.ts';
import { createSandbox } from '../sandbox/create-sandbox.ts';
import type { Sandbox } from '../sandbox/sandbox.ts';
import type { AppEnv } from '../config/app-env.ts';
import { StartupError } from '../domain/errors.ts';
import { createAppTokenIssuer } from '../github/create-app-token-issuer.ts';
import { githubOctokitPolicy } from '../github/create-github-octokit.ts';
import { processIntakeEvent } from '../intake/process-intake-event.ts';
import { createRedisDenialLimiter } from '../intake/create-redis-denial-limiter.ts';
import { createRedisCalibrationStore } from '../calibration/create-redis-calibration-store.ts';
import { machineFingerprint } from '../calibration/machine-fingerprint.ts';
import { readMachineFacts } from '../calibration/read-machine-facts.ts';
import { createRedisAckStore } from '../acks/create-redis-ack-store.ts';
import { checkRedisHealth } from '../queue/check-redis-health.ts';
import { checkRedisAuth } from '../queue/check-redis-auth.ts';
import { redactRedisUrl } from '../queue/redact-redis-url.ts';
import { createIntakeQueue, createRunQueue } from '../queue/create-queues.ts';
import { createIntakeWorker, type IntakeWorker } from '../queue/create-intake-worker.ts';
import { createRedisConnection, waitUntilConnected } from '../queue/create-redis-connection.ts';
import { createRunWorker, type RunWorker } from '../queue/create-run-worker.ts';
import { observeRunJobs } from '../queue/observe-run-jobs.ts';
import { enqueueIntake } from '../queue/enqueue-intake.ts';
import { runTask } from '../runs/open-run.ts';
import type { RunDeps } from '../runs/run-deps.ts';
import { runJob } from '../runs/run-job.ts';
import { finalizeAbandonedRun } from '../runs/finalize-abandoned-run.ts';
import { checkpointKey, createRedisCheckpointStore } from '../optimize/github/create-redis-checkpoint-store.ts';
import { createRedisRunFileStore, runFilesKey } from '../optimize/github/create-redis-run-file-store.ts';
import { directoryStore } from '../optimize/run-files.ts';
import { ciWaitKey } from '../optimize/ci-monitor.ts';
import { wakeWaitingRun } from '../queue/run-waits.ts';
import { checkAgentExecutables, type AvailableAgent } from '../agents/check-agent-executables.ts';
import { loadOperatorConfig } from '../agents/load-operator-config.ts';
import type { OperatorConfig } from '../agents/operator-config.ts';
import { createHttpServer, WEBHOOK_PATH } from '../server/create-http-server.ts';
import { createMetrics } from '../server/create-metrics.ts';
import { createQueueDashboard } from '../server/create-queue-dashboard.ts';
import { createGitWorkspace } from '../workspace/create-git-workspace.ts';
import { createGitHubFactory } from './create-github-factory.ts';
import { startRedeliverySweeper } from './start-redelivery-sweeper.ts';
import { createRedisStatusCommentStore } from './create-redis-status-comment-store.ts';
import { createRunQueuePort } from './create-run-queue-port.ts';

export interface PerfbotProcess {
  /** The HTTP port, when the server runs in this process. */
  port?: number;
  /** Graceful stop: no new webhooks or jobs, running jobs finish or are requeued, connections closed. */
  close(): Promise<void>;
}

/**
 * The composition root: the only place that builds Redis connections, BullMQ queues and workers, Probot,
 * Octokit clients, git workspaces and processes, and wires them into the (I/O-free) handlers.
 */
export async function startPerfbot(
  env: AppEnv,
  options: { server: boolean; worker: boolean; log: Logger },
): Promise<PerfbotProcess> {
  const { log } = options;
  const prefix = env.queuePrefix;
  const producer = createRedisConnection(env.redisUrl, { role: 'producer', connectTimeoutMs: 3000 });
  producer.on('error', (error) => log.warn({ err: error.message }, 'redis connection error'));
  try {
    await waitUntilConnected(producer, 5000);
  } catch (error) {
    producer.disconnect();
    throw new StartupError(
      `cannot reach Redis at ${redactRedisUrl(env.redisUrl)}: ${(error as Error).message}. Start Redis or set REDIS_URL.`,
    );
  }
  const redisHealth = await checkRedisHealth(producer);
  if (!redisHealth.ok)
    log.warn(
      { evictionPolicy: redisHealth.evictionPolicy },
      'redis maxmemory-policy is not noeviction; /healthz will fail until it is',
    );
  const redisAuth = await checkRedisAuth(env.redisUrl);
  if (redisAuth.state === 'open') {
    log.warn(
      { redis: redactRedisUrl(env.redisUrl) },
      'redis accepts commands without a password: anyone who can reach it can read queued payloads and forge intake jobs; set a password (README, "Redis")',
    );
  } else if (redisAuth.state === 'unknown')
    log.info({ err: redisAuth.error }, 'could not tell whether redis requires a password');

  const intakeQueue = createIntakeQueue({ connection: producer, prefix });
  const runQueue = createRunQueue({ connection: producer, prefix });
  const tokens = createAppTokenIssuer({ appId: env.appId, privateKey: env.privateKey, baseUrl: env.githubBaseUrl });
  const githubFor = createGitHubFactory({
    tokens,
    baseUrl: env.githubBaseUrl,
    botLogin: env.botLogin,
    writeSpacingMs: env.githubWriteSpacingMs,
  });
  const closers: (() => Promise<unknown>)[] = [];
  // One registry per process: /metrics (served where the server runs) shows this process's webhooks and jobs.
  const metrics = createMetrics(async () => [
    { queue: intakeQueue.name, counts: await intakeQueue.getJobCounts() },
    { queue: runQueue.name, counts: await runQueue.getJobCounts() },
  ]);
  let intakeWorker: IntakeWorker | undefined;
  let runWorker: RunWorker | undefined;

  if (options.worker) {
    const workerConnection = createRedisConnection(env.redisUrl, { role: 'worker' });
    const subscriber = createRedisConnection(env.redisUrl, { role: 'worker' });
    // Without a listener ioredis prints "Unhandled error event" to stderr on every failed reconnect.
    workerConnection.on('error', (error) =>
      log.warn({ connection: 'worker', err: error.message }, 'redis connection error'),
    );
    subscriber.on('error', (error) =>
      log.warn({ connection: 'subscriber', err: error.message }, 'redis connection error'),
    );
    const runs = createRunQueuePort(runQueue, producer);
    const operatorConfig = await loadOperatorConfigOrFail(env.operatorConfigPath);
    // A worker of this machine that died (killed, OOM) left its runs' processes behind unless the sandbox ended them.
    const orphans = reapOrphans();
    if (orphans.length > 0)
      log.warn(
        { killed: orphans.length, owners: [...new Set(orphans.map((orphan) => orphan.owner))] },
        'killed processes left behind by a worker that died',
      );
    // One sandbox for every untrusted process of this worker; where it cannot start, runs fail with its reason.
    const sandbox = createSandbox({ ...env.sandbox, warn: (message) => log.error(message) });
    // Before any job is taken: an agent that cannot run stops start-up with its name and the fix.
    const agents = await checkAgentsOrFail(operatorConfig, env.operatorConfigPath, sandbox);
    const acks = createRedisAckStore(workerConnection, prefix);
    const calibrations = createRedisCalibrationStore(workerConnection, prefix);
    const fingerprint = machineFingerprint(readMachineFacts());
    intakeWorker = createIntakeWorker({
      connection: workerConnection,
      prefix,
      concurrency: env.intakeConcurrency,
      log,
      processor: async (job) => {
        const outcome = await processIntakeEvent(job.data, {
          githubFor,
          runs,
          botLogin: env.botLogin,
          appId: Number(env.appId),
          agents: agents ?? [],
          denials: createRedisDenialLimiter(workerConnection, prefix),
          acks,
          now: () => new Date(),
          onCiNews: async (news) => {
            // The run parked in MONITOR for this commit (if any) looks again now instead of at its next poll.
            const woken = await wakeWaitingRun(workerConnection, runQueue, {
              prefix,
              repoId: news.repoId,
              waitKey: ciWaitKey(news.sha),
            });
            if (woken !== undefined)
              log.info({ queue: 'run', jobId: woken, sha: news.sha }, 'CI news: woke the waiting run');
          },
        });
        log.info(
          {
            deliveryId: job.data.deliveryId,
            outcome: outcome.type,
            ...(outcome.type === 'ignored' ? { reason: outcome.reason } : {}),
          },
          'intake handled',
        );
        return outcome;
      },
    });
    // Worker-side stores use the worker connection: during a Redis restart their commands wait, not fail.
    const statusComments = createRedisStatusCommentStore(workerConnection, prefix);
    const checkpoints = createRedisCheckpointStore(workerConnection, prefix);
    const runDeps: RunDeps = {
      githubFor,
      tokens,
      createWorkspace: (cloneUrl, credentials) => createGitWorkspace({ workDir: env.workDir, cloneUrl, credentials }),
      runProcess: sandbox.run,
      isolation: sandbox.description,
      processEnv: process.env,
      now: () => Date.now(),
      seed: () => randomInt(2 ** 31),
      warn: (message, details) => log.warn({ queue: 'run', ...details }, message),
      statusComments,
      acks,
      calibrations,
      fingerprint,
      checkpoints,
      operatorConfig,
      runsDir: path.join(env.workDir, 'optimize-runs'),
      // In Redis too, so that whichever worker takes the job next (after a crash, or when CI news wakes it) resumes it.
      runFileStore: (runId, localDir) =>
        createRedisRunFileStore(workerConnection, { prefix, runId, local: directoryStore(localDir) }),
      noreplyDomain: `users.noreply.${new URL(env.githubWebUrl).hostname}`,
    };
    if (sandbox.kind === 'none')
      log.warn(
        "PERFBOT_SANDBOX=none: pull-request code runs without the sandbox, with this worker's user, files and network; every report says so",
      );
    // PERFBOT_CONCURRENCY=0: a process that takes webhooks and does intake, and leaves the runs to the workers.
    runWorker =
      env.concurrency === 0
        ? undefined
        : await createRunWorker({
            connection: workerConnection,
            subscriber,
            prefix,
            concurrency: env.concurrency,
            repoLimit: env.repoConcurrency,
            log,
            lock: { durationMs: env.runLockMs, stalledIntervalMs: Math.ceil(env.runLockMs / 2) },
            onAbandoned: (job, reason) =>
              finalizeAbandonedRun(job.id ?? 'unknown', job.data, reason, {
                githubFor,
                now: () => Date.now(),
                // A run given up on never resumes: its checkpoint and run files (up to 32 MB) go now, not in 30 days.
                forget: async (jobId) => {
                  const task = runTask(jobId);
                  await workerConnection.del(checkpointKey(prefix, task), runFilesKey(prefix, task));
                },
              }),
            processor: (job, signal) => runJob(job, signal, runDeps),
          });
    intakeWorker.worker.on('failed', (job, error) =>
      log.warn(
        { queue: 'intake', jobId: job?.id, attempts: job?.attemptsMade, err: error.message },
        'intake job failed',
      ),
    );
    if (runWorker) {
      runWorker.worker.on('failed', (job, error) =>
        log.warn({ queue: 'run', jobId: job?.id, attempts: job?.attemptsMade, err: error.message }, 'run job failed'),
      );
      runWorker.worker.on('completed', (job) => log.info({ queue: 'run', jobId: job.id }, 'run job completed'));
      observeRunJobs(runWorker.worker, (kind, outcome, seconds) => {
        metrics.jobDuration.observe({ kind, outcome }, seconds);
        metrics.jobsTotal.inc({ kind, outcome });
      });
    }
    closers.push(
      () => intakeWorker?.shutdown(env.shutdownGraceMs) ?? Promise.resolve(),
      () => runWorker?.shutdown(env.shutdownGraceMs) ?? Promise.resolve(),
      () => subscriber.quit(),
      () => workerConnection.quit(),
    );
  }

  let server: Server | undefined;
  if (options.server) {
    const probot = new Probot({
      appId: env.appId,
      privateKey: env.privateKey,
      secret: env.webhookSecret,
      baseUrl: env.githubBaseUrl,
      log: log.child({ name: 'probot' }),
      Octokit: ProbotOctokit.defaults(githubOctokitPolicy()),
    });
    const app = createPerfApp({
      enqueue: (event) => enqueueIntake(intakeQueue, event, { redis: producer }),
      onUnusable: ({ deliveryId, event, field, reason }) => {
        metrics.unusableWebhooks.inc({ event, reason: field });
        log.warn({ deliveryId, event, reason }, 'webhook payload Perfbot cannot read');
      },
    });
    const webhooks = await createNodeMiddleware(app, { probot, webhooksPath: WEBHOOK_PATH });
    server = createHttpServer({
      webhooks: (request, response) =>
        webhooks(request, response, () => {
          response.writeHead(404).end();
        }),
      metrics: metrics.registry,
      observeWebhook: (event, status, seconds) =>
        metrics.webhookDuration.observe({ event, status: String(status) }, seconds),
      health: async () => {
        const redis = await checkRedisHealth(producer);
        const checks: Record<string, { ok: boolean; detail?: string }> = {
          redis: { ok: redis.ok, detail: redis.error ?? `maxmemory-policy ${redis.evictionPolicy}` },
        };
        if (options.worker)
          checks.worker = {
            ok: Boolean((env.concurrency === 0 || runWorker?.worker.isRunning()) && intakeWorker?.worker.isRunning()),
          };
        return { ok: Object.values(checks).every((c) => c.ok), checks };
      },
      dashboard: env.dashboard
        ? { ...env.dashboard, handler: createQueueDashboard([intakeQueue, runQueue]) }
        : undefined,
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(env.port, env.host, () => resolve());
    });
    log.info({ port: (server.address() as AddressInfo).port }, 'perfbot is listening');
    const sweeper = startRedeliverySweeper(env, producer, metrics, log);
    if (sweeper) closers.unshift(() => sweeper.close());
  }

  return {
    port: server ? (server.address() as AddressInfo).port : undefined,
    async close() {
      if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const close of closers)
        await close().catch((error: Error) => log.warn({ err: error.message }, 'error while closing'));
      await intakeQueue.close();
      await runQueue.close();
      await producer.quit().catch(() => producer.disconnect());
    },
  };
}

/** The operator's agents file (PERFBOT_CONFIG); an invalid one stops start-up with its error, a missing one is allowed. */
async function loadOperatorConfigOrFail(file: string | undefined): Promise<OperatorConfig | undefined> {
  if (!file) return undefined;
  try {
    return await loadOperatorConfig(file);
  } catch (error) {
    throw new StartupError(`PERFBOT_CONFIG: ${(error as Error).message}`);
  }
}

/** The agents of the operator config that answer `--version`; any that cannot run stops start-up. */
async function checkAgentsOrFail(
  config: OperatorConfig | undefined,
  file: string | undefined,
  sandbox: Sandbox,
): Promise<AvailableAgent[] | undefined> {
  if (config === undefined) return undefined;
  try {
    return await checkAgentExecutables(config, {
      file: file ?? 'PERFBOT_CONFIG',
      env: process.env,
      sandbox: sandbox.run,
    });
  } catch (error) {
    throw new StartupError(`PERFBOT_CONFIG: ${(error as Error).message}`);
  }
}
