import type { Server } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { randomInt } from 'node:crypto';
import { createNodeMiddleware, Probot, ProbotOctokit } from 'probot';
import type { Logger } from 'pino';
import { createPerfApp } from '../app/create-perf-app.ts';
import { runProcess } from '../benchmark/runner/run-process.ts';
import type { AppEnv } from '../config/app-env.ts';
import { PerfbotError } from '../domain/errors.ts';
import { createAppTokenIssuer } from '../github/create-app-token-issuer.ts';
import { githubOctokitPolicy } from '../github/create-github-octokit.ts';
import { processIntakeEvent } from '../intake/process-intake-event.ts';
import { checkRedisHealth } from '../queue/check-redis-health.ts';
import { createIntakeQueue, createRunQueue } from '../queue/create-queues.ts';
import { createIntakeWorker, type IntakeWorker } from '../queue/create-intake-worker.ts';
import { createRedisConnection, waitUntilConnected } from '../queue/create-redis-connection.ts';
import { createRunWorker, type RunWorker } from '../queue/create-run-worker.ts';
import { enqueueIntake } from '../queue/enqueue-intake.ts';
import { processBenchRun } from '../runs/process-bench-run.ts';
import { processOptimizeRun } from '../runs/process-optimize-run.ts';
import { createRedisCheckpointStore } from '../optimize/github/create-redis-checkpoint-store.ts';
import { publishCiNews } from '../optimize/github/create-redis-ci-news.ts';
import { ciWaitKey } from '../optimize/ci-monitor.ts';
import { wakeWaitingRun } from '../queue/run-waits.ts';
import { loadOperatorConfig } from '../agents/load-operator-config.ts';
import type { OperatorConfig } from '../agents/operator-config.ts';
import { createHttpServer, WEBHOOK_PATH } from '../server/create-http-server.ts';
import { createMetrics } from '../server/create-metrics.ts';
import { createQueueDashboard } from '../server/create-queue-dashboard.ts';
import { createGitWorkspace } from '../workspace/create-git-workspace.ts';
import { createGitHubFactory } from './create-github-factory.ts';
import { createRedisStatusCommentStore } from './create-redis-status-comment-store.ts';
import { createRunQueuePort } from './create-run-queue-port.ts';

export interface PerfbotProcess {
  /** The HTTP port, when the server runs in this process. */
  port?: number;
  /** Graceful stop: no new webhooks or jobs, running jobs finish or are requeued, connections closed. */
  close(): Promise<void>;
}

/** Startup failed in a way the operator must fix (Redis unreachable…); the message says how. */
export class StartupError extends PerfbotError {
  readonly userError = true;
}

/**
 * The composition root: the only place that builds Redis connections, BullMQ queues and workers, Probot,
 * Octokit clients, git workspaces and processes, and wires them into the (I/O-free) handlers.
 */
export async function startPerfbot(env: AppEnv, options: { server: boolean; worker: boolean; log: Logger }): Promise<PerfbotProcess> {
  const { log } = options;
  const prefix = env.queuePrefix;
  const producer = createRedisConnection(env.redisUrl, { role: 'producer', connectTimeoutMs: 3000 });
  producer.on('error', (error) => log.warn({ err: error.message }, 'redis connection error'));
  try {
    await waitUntilConnected(producer, 5000);
  } catch (error) {
    producer.disconnect();
    throw new StartupError(`cannot reach Redis at ${safeRedisUrl(env.redisUrl)}: ${(error as Error).message}. Start Redis or set REDIS_URL.`);
  }
  const redisHealth = await checkRedisHealth(producer);
  if (!redisHealth.ok) log.warn({ evictionPolicy: redisHealth.evictionPolicy }, 'redis maxmemory-policy is not noeviction; /healthz will fail until it is');

  const intakeQueue = createIntakeQueue({ connection: producer, prefix });
  const runQueue = createRunQueue({ connection: producer, prefix });
  const tokens = createAppTokenIssuer({ appId: env.appId, privateKey: env.privateKey, baseUrl: env.githubBaseUrl });
  const githubFor = createGitHubFactory({ tokens, baseUrl: env.githubBaseUrl, botLogin: env.botLogin });
  const closers: (() => Promise<unknown>)[] = [];
  let intakeWorker: IntakeWorker | undefined;
  let runWorker: RunWorker | undefined;

  if (options.worker) {
    const workerConnection = createRedisConnection(env.redisUrl, { role: 'worker' });
    const subscriber = createRedisConnection(env.redisUrl, { role: 'worker' });
    // Without a listener ioredis prints "Unhandled error event" to stderr on every failed reconnect.
    workerConnection.on('error', (error) => log.warn({ connection: 'worker', err: error.message }, 'redis connection error'));
    subscriber.on('error', (error) => log.warn({ connection: 'subscriber', err: error.message }, 'redis connection error'));
    const runs = createRunQueuePort(runQueue, producer);
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
          now: () => new Date(),
          publishCiNews: async (news) => {
            await publishCiNews(workerConnection, prefix, news);
            // The run parked in MONITOR for this commit (if any) looks again now instead of at its next poll.
            const woken = await wakeWaitingRun(workerConnection, runQueue, { prefix, repoId: news.repoId, waitKey: ciWaitKey(news.sha) });
            if (woken !== undefined) log.info({ queue: 'run', jobId: woken, sha: news.sha }, 'CI news: woke the waiting run');
          },
        });
        log.info({ deliveryId: job.data.deliveryId, outcome: outcome.type, ...(outcome.type === "ignored" ? { reason: outcome.reason } : {}) }, "intake handled");
        return outcome;
      },
    });
    // Worker-side stores use the worker connection: during a Redis restart their commands wait, not fail.
    const statusComments = createRedisStatusCommentStore(workerConnection, prefix);
    const checkpoints = createRedisCheckpointStore(workerConnection, prefix);
    const operatorConfig = await loadOperatorConfigOrFail(env.operatorConfigPath);
    runWorker = await createRunWorker({
      connection: workerConnection,
      subscriber,
      prefix,
      concurrency: env.concurrency,
      repoLimit: env.repoConcurrency,
      log,
      processor: async (job, signal) => {
        const data = job.data;
        const startedAt = new Date().toISOString();
        if (data.kind === 'optimize') {
          return processOptimizeRun(job.id ?? 'unknown', data, signal, {
            githubFor,
            tokens,
            createWorkspace: (cloneUrl, credentials) => createGitWorkspace({ workDir: env.workDir, cloneUrl, credentials }),
            checkpoints,
            operatorConfig,
            runsDir: path.join(env.workDir, 'optimize-runs'),
            runProcess,
            processEnv: process.env,
            now: () => Date.now(),
            seed: () => randomInt(2 ** 31),
            reportPhase: (phase, detail) => void job.updateProgress({ phase, startedAt, detail }).catch(() => undefined),
            warn: (message, details) => log.warn({ queue: 'run', jobId: job.id, ...details }, message),
          });
        }
        return processBenchRun(job.id ?? 'unknown', data, signal, {
          githubFor,
          tokens,
          createWorkspace: (cloneUrl, credentials) => createGitWorkspace({ workDir: env.workDir, cloneUrl, credentials }),
          statusComments,
          runProcess,
          processEnv: process.env,
          now: () => Date.now(),
          seed: () => randomInt(2 ** 31),
          reportPhase: (phase, detail) => void job.updateProgress({ phase, startedAt, detail }).catch(() => undefined),
          warn: (message, details) => log.warn({ queue: 'run', jobId: job.id, ...details }, message),
        });
      },
    });
    intakeWorker.worker.on('failed', (job, error) =>
      log.warn({ queue: 'intake', jobId: job?.id, attempts: job?.attemptsMade, err: error.message }, 'intake job failed'),
    );
    runWorker.worker.on('failed', (job, error) =>
      log.warn({ queue: 'run', jobId: job?.id, attempts: job?.attemptsMade, err: error.message }, 'run job failed'),
    );
    runWorker.worker.on('completed', (job) => log.info({ queue: 'run', jobId: job.id }, 'run job completed'));
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
    const app = createPerfApp({ enqueue: (event) => enqueueIntake(intakeQueue, event, { redis: producer }) });
    const webhooks = await createNodeMiddleware(app, { probot, webhooksPath: WEBHOOK_PATH });
    const metrics = createMetrics(async () => [
      { queue: intakeQueue.name, counts: await intakeQueue.getJobCounts() },
      { queue: runQueue.name, counts: await runQueue.getJobCounts() },
    ]);
    server = createHttpServer({
      webhooks: (request, response) => webhooks(request, response, () => {
        response.writeHead(404).end();
      }),
      metrics: metrics.registry,
      observeWebhook: (event, status, seconds) => metrics.webhookDuration.observe({ event, status: String(status) }, seconds),
      health: async () => {
        const redis = await checkRedisHealth(producer);
        const checks: Record<string, { ok: boolean; detail?: string }> = {
          redis: { ok: redis.ok, detail: redis.error ?? `maxmemory-policy ${redis.evictionPolicy}` },
        };
        if (options.worker) checks.worker = { ok: Boolean(runWorker?.worker.isRunning() && intakeWorker?.worker.isRunning()) };
        return { ok: Object.values(checks).every((c) => c.ok), checks };
      },
      dashboard: env.dashboard ? { ...env.dashboard, handler: createQueueDashboard([intakeQueue, runQueue]) } : undefined,
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(env.port, env.host, () => resolve());
    });
    log.info({ port: (server.address() as AddressInfo).port }, 'perfbot is listening');
  }

  return {
    port: server ? (server.address() as AddressInfo).port : undefined,
    async close() {
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      for (const close of closers) await close().catch((error: Error) => log.warn({ err: error.message }, 'error while closing'));
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

function safeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable REDIS_URL)';
  }
}
